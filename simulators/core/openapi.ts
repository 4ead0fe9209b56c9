import { z } from 'zod';
import type { OpenAPIV3_1 } from 'openapi-types';

import type { OperationSpec } from './operations.ts';

/**
 * Builds an OpenAPI 3.1 document from a vendor's operation declarations (`core/operations.ts`). JSON Schema comes
 * from zod itself, so the document can never drift from the validators the simulator and the clients use.
 */
export interface DocumentSpec {
  title: string;
  version: string;
  description: string;
  /** The server URL, e.g. `/sinch/RI/obi`: the vendor mount plus `basePath`. */
  serverUrl: string;
  /** The part of every binding path that belongs to the server URL (paths in the document are relative to it). */
  basePath?: string;
  operations: readonly OperationSpec[];
  securitySchemes?: Record<string, OpenAPIV3_1.SecuritySchemeObject>;
  security?: OpenAPIV3_1.SecurityRequirementObject[];
}

/** `/campaigns/:campaignId.json` (Express syntax) → `/campaigns/{campaignId}.json` (OpenAPI). */
export function openApiPath(path: string, basePath = ''): string {
  const relative = path.startsWith(basePath) ? path.slice(basePath.length) : path;
  return relative.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): OpenAPIV3_1.SchemaObject {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return out as OpenAPIV3_1.SchemaObject;
}

function parametersOf(object: z.ZodObject | undefined, where: 'query' | 'header'): OpenAPIV3_1.ParameterObject[] {
  if (!object) return [];
  const schema = jsonSchema(object, 'input') as {
    properties?: Record<string, OpenAPIV3_1.SchemaObject>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: schema.required?.includes(name) ?? false,
    ...(prop.description ? { description: prop.description } : {}),
    schema: prop as OpenAPIV3_1.ParameterObject['schema'],
  }));
}

export function buildOpenApi(spec: DocumentSpec): OpenAPIV3_1.Document {
  const paths: OpenAPIV3_1.PathsObject = {};
  for (const op of spec.operations) {
    // SOAP operations are described by the vendor's WSDL, not here.
    if (op.binding.protocol !== 'rest') continue;
    const method = op.binding.method.toLowerCase() as OpenAPIV3_1.HttpMethods;
    const path = openApiPath(op.binding.path, spec.basePath);
    const responses: OpenAPIV3_1.ResponsesObject = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
              ),
            }
          : {}),
        ...(r.schema
          ? {
              content: Object.fromEntries(
                (r.contentTypes ?? ['application/json']).map((ct) => [ct, { schema: jsonSchema(r.schema!, 'output') }]),
              ),
            }
          : {}),
      };
    }
    const operation: OpenAPIV3_1.OperationObject = {
      operationId: op.name,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.tags ? { tags: op.tags } : {}),
      parameters: [...(op.parameters ?? []), ...parametersOf(op.query, 'query'), ...parametersOf(op.headers, 'header')],
      ...(op.requestBody
        ? {
            requestBody: {
              required: op.requestBody.required ?? true,
              content: Object.fromEntries(
                (op.requestBody.contentTypes ?? ['application/json']).map((ct) => [
                  ct,
                  { schema: jsonSchema(op.requestBody!.schema, 'input') },
                ]),
              ),
            },
          }
        : {}),
      responses,
      ...(op.security ? { security: op.security } : {}),
    };
    paths[path] = { ...(paths[path] ?? {}), [method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: spec.title, version: spec.version, description: spec.description },
    servers: [{ url: spec.serverUrl }],
    paths,
    components: { securitySchemes: spec.securitySchemes ?? {} },
    ...(spec.security ? { security: spec.security } : {}),
  };
}
