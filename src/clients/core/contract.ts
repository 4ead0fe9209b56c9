import type { z } from 'zod';
import { HttpError } from './http.ts';

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

/** How one vendor reads its error bodies: the message it carries and the documented failure it names. */
export interface ErrorReading<Code extends string> {
  message(json: unknown): string | undefined;
  code(status: number, body: string, message: string | undefined): Code;
}

/**
 * A non-2xx answer (after retries on 429/5xx), read the vendor's way: `code` names the documented failure,
 * `vendorMessage` is the vendor's own text when the body carries one.
 */
export class VendorHttpError<Code extends string> extends HttpError {
  readonly code: Code;
  readonly vendorMessage: string | undefined;

  constructor(
    reading: ErrorReading<Code>,
    readonly operation: string,
    status: number,
    body: string,
    headers: Headers,
    readonly attempts: number,
  ) {
    const vendorMessage = reading.message(parseJsonOrUndefined(body));
    super(status, body, headers, httpErrorMessage(operation, status, vendorMessage));
    this.name = new.target.name;
    this.vendorMessage = vendorMessage;
    this.code = reading.code(status, body, vendorMessage);
  }
}
