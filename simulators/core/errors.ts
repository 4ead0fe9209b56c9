import type { z } from 'zod';
import { parseJson } from './serializers/json.ts';

/**
 * The one error every vendor throws (models, handlers, bindings) and renders through its own wire shape: Symbee's
 * `previewResult` (inside HTTP 200 for logical failures), Sinch's `{statusCode, error}`, 8x8's `{http-status,
 * message}`, a SOAP fault. `code` is the vendor's own error code where it has one (`NORECORDFOUND`,
 * `OBJECT_NOT_EXISTS`), otherwise a short name of the failure.
 */
export class VendorError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Anything else the vendor's renderer needs (a SOAP fault's detail, …). */
  readonly detail?: unknown;
  /** The status a backdoor answers with when the same failure reaches the admin plane (default: `status`, or 400). */
  readonly adminStatus: number;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    headers?: Record<string, string>;
    detail?: unknown;
    adminStatus?: number;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.headers = init.headers ?? {};
    this.detail = init.detail;
    this.adminStatus = init.adminStatus ?? (init.status >= 400 ? init.status : 400);
  }
}

/** Error of the admin control plane, rendered as `{"error": {"status", "message"}}`. Vendor backdoors throw it too. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Validates an admin body or query; a mismatch is a 400 naming every offending field. */
export function parseAdmin<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new AdminError(400, describeIssues(result.error));
  return result.data;
}

/**
 * Validates a backdoor's JSON body (an empty body is `{}`). The admin router has parsed the body already, so
 * `rawBody` is always well-formed JSON here.
 */
export function parseAdminBody<T extends z.ZodType>(schema: T, call: { rawBody: string }): z.infer<T> {
  return parseAdmin(schema, call.rawBody === '' ? {} : parseJson(call.rawBody));
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}
