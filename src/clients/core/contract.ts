import type { z } from 'zod';

/**
 * What every reference client does with the contract schemas: check a request before sending it, check a 2xx body
 * before returning it, and read error bodies leniently (a proxy's HTML page is not a contract breach).
 */

/** zod issues on one line: `path: message; …` (`body` for the root). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** The parsed value when `schema` accepts it; otherwise throws what `fail` builds from the issues. */
export function checkContract<T extends z.ZodType>(
  schema: T,
  value: unknown,
  fail: (issues: string) => Error,
): z.infer<T> {
  const checked = schema.safeParse(value);
  if (!checked.success) throw fail(describeIssues(checked.error));
  return checked.data;
}

/** JSON.parse, or undefined when the text is not JSON. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A 2xx body that does not match the contract (a vendor change, or not the vendor's endpoint). */
export class ContractResponseError extends Error {
  constructor(
    readonly operation: string,
    readonly body: string,
    readonly issues: string,
  ) {
    super(`${operation}: response does not match the contract: ${issues}`);
    this.name = new.target.name;
  }
}

/** The message of a vendor's HTTP error: `operation: HTTP status — detail`. */
export function httpErrorMessage(operation: string, status: number, detail: string | null | undefined): string {
  return `${operation}: HTTP ${status}${detail ? ` — ${detail}` : ''}`;
}

/** An HTTP Basic `Authorization` value. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
