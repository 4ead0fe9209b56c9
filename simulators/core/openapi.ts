import { z } from 'zod';
import type { OpenAPIV3_1 } from 'openapi-types';

/**
 * Builds an OpenAPI 3.1 document from zod contracts. Vendors declare their operations as data (method, path,
 * request/response schemas); JSON Schema comes from zod itself, so the document can never drift from the
 * validators the simulator and the clients use.
 */
export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  /** OpenAPI path (`{param}` style), relative to the server URL. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: OpenAPIV3_1.ParameterObject[];
  /** Declared as a zod object: each key becomes a query parameter. */
  query?: z.ZodObject;
  headers?: z.ZodObject;
  requestBody?: { schema: z.ZodType; contentTypes?: string[]; required?: boolean };
  responses: Record<
    string,
    { description: string; schema?: z.ZodType; contentTypes?: string[]; headers?: Record<string, string> }
  >;
  security?: OpenAPIV3_1.SecurityRequirementObject[];
}

export interface DocumentSpec {
  title: string;
  version: string;
  description: string;
  serverUrl: string;
  operations: OperationSpec[];
  securitySchemes?: Record<string, OpenAPIV3_1.SecuritySchemeObject>;
  security?: OpenAPIV3_1.SecurityRequirementObject[];
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
      operationId: op.operationId,
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
    paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation };
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
