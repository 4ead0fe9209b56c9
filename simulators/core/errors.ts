import type { z } from 'zod';

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

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}
