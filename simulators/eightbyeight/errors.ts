import { ASSUMED_MESSAGES, type ErrorResponse } from '../../contracts/eightbyeight/schemas.ts';
import { VendorError } from '../core/errors.ts';
import { type Reply, reply } from '../core/reply.ts';

/**
 * A whole-request failure. The messages are the vendor's (contracts MESSAGES); the body
 * `{"http-status": n, "message": "..."}` reuses the keys of a 207 entry because the document shows no other error
 * envelope (assumed; see docs/vendors/eightbyeight.md). Handlers and models throw it, `renderError` answers it.
 */
export function fail(status: number, message: string, headers?: Record<string, string>): VendorError {
  return new VendorError({ status, code: String(status), message, headers });
}

/** Basic-auth failures also carry the challenge, as any Basic-protected server does. */
export const BASIC_CHALLENGE = { 'www-authenticate': 'Basic realm="8x8 Contact Center"' } as const;

export const unauthorized = (message: string = ASSUMED_MESSAGES.unauthorized) =>
  fail(401, message, { ...BASIC_CHALLENGE });

export function errorReply(status: number, message: string, headers?: Record<string, string>): Reply {
  const body: ErrorResponse = { 'http-status': status, message };
  return reply.json(status, body, headers);
}

/** Every failure — the vendor's and the kernel's (no tenant, unknown endpoint, body too large, faults) — alike. */
export function renderError(err: VendorError): Reply {
  if (err.code === 'unauthenticated') return renderError(unauthorized());
  return errorReply(err.status, err.message, { ...err.headers });
}
