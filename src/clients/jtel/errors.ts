import { ErrorResponseSchema } from '../../../contracts/jtel/schemas.ts';
import { ContractResponseError, type ErrorReading, VendorHttpError } from '../core/contract.ts';

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

/** jtel's `error` text; a 404 with an empty body is `noSuchEndpoint` (wrong URL), with a JSON body `notFound`. */
const JTEL_ERRORS: ErrorReading<JtelFailureCode> = {
  message: (json) => {
    const parsed = ErrorResponseSchema.safeParse(json);
    return parsed.success ? parsed.data.error : undefined;
  },
  code: (status, body) => (status === 404 && body === '' ? 'noSuchEndpoint' : (BY_STATUS[status] ?? 'unknown')),
};

export class JtelHttpError extends VendorHttpError<JtelFailureCode> {
  constructor(operation: string, status: number, body: string, headers: Headers, attempts: number) {
    super(JTEL_ERRORS, operation, status, body, headers, attempts);
  }
}

/** A 2xx answer whose body breaks the contract (a vendor change, or not a jtel endpoint). */
export class JtelResponseError extends ContractResponseError {}
