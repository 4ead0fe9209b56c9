import type { z } from 'zod';
import { parseJson } from './serializers/json.ts';

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

/**
 * Wraps backdoor work so that a vendor model failure surfaces as an AdminError: `statusOf` gives the admin status of
 * an error it recognises (its message is kept) and undefined for anything else, which is rethrown as is.
 */
export function adminErrorsFrom(statusOf: (err: unknown) => number | undefined): <T>(run: () => T) => T {
  return (run) => {
    try {
      return run();
    } catch (err) {
      const status = statusOf(err);
      if (status !== undefined) throw new AdminError(status, (err as Error).message);
      throw err;
    }
  };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}
