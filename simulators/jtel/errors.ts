import { type ErrorResponse, MESSAGES } from '../../contracts/jtel/schemas.ts';
import { VendorError } from '../core/errors.ts';
import { type Reply, reply } from '../core/reply.ts';
import { isKernelFailure } from '../core/vendor.ts';

/**
 * A jtel failure: `{"status": n, "error": "..."}` with `status` = the HTTP code (README). Codes name the failure
 * (never the kernel's `notFound`, which is the unknown endpoint and answers with an empty body).
 */
export function fail(status: number, error: string, code = `jtel${status}`): VendorError {
  return new VendorError({ status, code, message: error });
}

/** Bearer failures also carry the challenge (RFC 6750; the header itself is assumed). */
const BEARER_CHALLENGE = { 'www-authenticate': 'Bearer realm="jtel"' } as const;

export const unauthorized = () =>
  new VendorError({ status: 401, code: 'jtel401', message: MESSAGES.unauthorized, headers: { ...BEARER_CHALLENGE } });
export const badRequest = (error: string) => fail(400, error);
export const notFound = (error: string) => fail(404, error, 'objectNotFound');
export const conflict = (error: string) => fail(409, error);

/**
 * Every failure — jtel's and the kernel's — as jtel answers it: an unknown endpoint is 404 with an EMPTY body
 * (README: "404 with an empty body = no such endpoint"), no tenant is the 401 of a wrong token, the rest `{status,
 * error}`.
 */
export function renderError(err: VendorError): Reply {
  if (isKernelFailure(err, 'notFound')) return reply.empty(404);
  if (isKernelFailure(err, 'unauthenticated')) return renderError(unauthorized());
  const body: ErrorResponse = { status: err.status, error: err.message };
  return reply.json(err.status, body, { ...err.headers });
}
