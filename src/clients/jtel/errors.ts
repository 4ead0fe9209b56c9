import { ErrorResponseSchema } from '../../../contracts/jtel/schemas.ts';
import { ContractResponseError, httpErrorMessage, parseJsonOrUndefined } from '../core/contract.ts';
import { HttpError } from '../core/http.ts';

/** The documented return codes as failures (README: 400, 401, 404 — empty body: no such endpoint —, 409). */
export type JtelFailureCode =
  'badRequest' | 'unauthorized' | 'notFound' | 'noSuchEndpoint' | 'conflict' | 'unsupportedMediaType' | 'unknown';

const BY_STATUS: Record<number, JtelFailureCode> = {
  400: 'badRequest',
  401: 'unauthorized',
  404: 'notFound',
  409: 'conflict',
  415: 'unsupportedMediaType',
};

/**
 * A non-2xx answer (after retries on 429/5xx). `code` names the documented failure; `vendorMessage` is jtel's
 * `error` text. A 404 with an empty body is `noSuchEndpoint` (wrong URL), with a JSON body `notFound` (no such
 * object).
 */
export class JtelHttpError extends HttpError {
  readonly code: JtelFailureCode;
  readonly vendorMessage: string | undefined;

  constructor(
    readonly operation: string,
    status: number,
    body: string,
    headers: Headers,
    readonly attempts: number,
  ) {
    const parsed = ErrorResponseSchema.safeParse(parseJsonOrUndefined(body));
    const vendorMessage = parsed.success ? parsed.data.error : undefined;
    super(status, body, headers, httpErrorMessage(operation, status, vendorMessage));
    this.name = 'JtelHttpError';
    this.vendorMessage = vendorMessage;
    this.code = status === 404 && body === '' ? 'noSuchEndpoint' : (BY_STATUS[status] ?? 'unknown');
  }
}

/** A 2xx answer whose body breaks the contract (a vendor change, or not a jtel endpoint). */
export class JtelResponseError extends ContractResponseError {}
