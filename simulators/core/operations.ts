import type { OpenAPIV3_1 } from 'openapi-types';
import type { z } from 'zod';

/**
 * A vendor operation, declared once as data (in `contracts/<vendorId>/operations.ts`): its name, the wire binding
 * that reaches it, whether it only reads, its schemas and its documented answers. Everything else derives from this
 * one declaration — the route table, the OpenAPI (or WSDL) document, the journal's `operation`, fault rules aimed at
 * an operation, dirty-marking for persistence, and the `GET /__admin/vendors/{id}` listing.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** REST: one method and path (below the vendor mount `/<vendorId>`, Express syntax: `/campaigns/:campaignId`). */
export interface RestBinding {
  protocol: 'rest';
  method: HttpMethod;
  path: string;
}

/**
 * SOAP: every operation of a service shares one URL (POST); the operation is the first element of the Body, and a
 * `SOAPAction` header, when sent, must agree with it.
 */
export interface SoapBinding {
  protocol: 'soap';
  /** The service's path below the vendor mount, e.g. `/SOAPAPI2/CampaignManagementService110`. */
  path: string;
  /** Local name of the Body's first element, e.g. `listCampaigns`. */
  element: string;
  soapAction?: string;
  /**
   * The documented signature: `arg1 … argN` in this order (unqualified elements). An array schema is a repeated
   * `argN`; an optional argument may be omitted or `xsi:nil` (null); a required one missing is the vendor's "null
   * argument" fault.
   */
  args?: readonly SoapArgument[];
  /** What `return` holds, one `data` per item (`many`: a list); absent for a method with no response. */
  result?: { schema: z.ZodType; many: boolean };
}

export interface SoapArgument {
  /** The documented parameter name (`scriptTemplate`, `org`): faults name it, the WSDL documents it. */
  name: string;
  schema: z.ZodType;
  optional?: boolean;
}

export type Binding = RestBinding | SoapBinding;

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentTypes?: string[];
  headers?: Record<string, string>;
}

export interface OperationSpec {
  /** The vendor's own name where its document has one (`addOrUpdateCampaignRecord`), otherwise verb-noun. */
  name: string;
  binding: Binding;
  /** True when the operation never changes state: the sandbox is not marked for saving. */
  readOnly: boolean;
  summary: string;
  description?: string;
  tags?: string[];
  /** Path parameters (OpenAPI documentation). */
  parameters?: OpenAPIV3_1.ParameterObject[];
  /** Declared as a zod object: each key becomes a query parameter. */
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** The request body; its content types are the ones the REST binding accepts (415 otherwise). */
  requestBody?: { schema: z.ZodType; contentTypes?: string[]; required?: boolean };
  /** Response media types the REST binding negotiates with `Accept` (406 when none fits); none: not negotiated. */
  produces?: readonly string[];
  /** Every answer the operation documents, by HTTP status; statuses of 400 and above are its documented errors. */
  responses: Record<string, ResponseSpec>;
  security?: OpenAPIV3_1.SecurityRequirementObject[];
}

/** What `GET /__admin/vendors/{vendorId}` lists for each operation. */
export interface OperationListing {
  name: string;
  binding:
    | { protocol: 'rest'; method: HttpMethod; path: string }
    | { protocol: 'soap'; path: string; element: string; soapAction?: string; args: string[] };
  readOnly: boolean;
  summary: string;
  errors: { status: number; description: string }[];
}

/** A required path parameter of a REST operation, as OpenAPI documents it (a string, with an example when given). */
export function pathParameter(name: string, description: string, example?: string): OpenAPIV3_1.ParameterObject {
  return {
    name,
    in: 'path',
    required: true,
    description,
    schema: { type: 'string' },
    ...(example === undefined ? {} : { example }),
  };
}

/** The content types a REST operation's body may have (JSON when it declares a body without types). */
export function consumesOf(op: OperationSpec): readonly string[] | undefined {
  return op.requestBody ? (op.requestBody.contentTypes ?? ['application/json']) : undefined;
}

export function listOperation(op: OperationSpec, mount: string): OperationListing {
  const errors = Object.entries(op.responses)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, r]) => ({ status: Number(status), description: r.description }));
  const { binding: b } = op;
  const binding: OperationListing['binding'] =
    b.protocol === 'rest'
      ? { ...b, path: `${mount}${b.path}` }
      : {
          protocol: 'soap',
          path: `${mount}${b.path}`,
          element: b.element,
          ...(b.soapAction === undefined ? {} : { soapAction: b.soapAction }),
          args: (b.args ?? []).map((a, i) => `arg${i + 1}: ${a.name}`),
        };
  return { name: op.name, binding, readOnly: op.readOnly, summary: op.summary, errors };
}

/** Declares a vendor's operations, checking at start-up that names are unique (they key the journal and faults). */
export function declareOperations<const T extends readonly OperationSpec[]>(operations: T): T {
  const seen = new Set<string>();
  for (const op of operations) {
    if (seen.has(op.name)) throw new Error(`operation ${op.name} is declared twice`);
    seen.add(op.name);
  }
  return operations;
}

export type OperationName<T extends readonly OperationSpec[]> = T[number]['name'];
