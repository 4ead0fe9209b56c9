import { ASSUMED_MESSAGES, type ErrorResponse } from '../../contracts/eightbyeight/schemas.ts';
import { type Reply, reply } from '../core/reply.ts';
import { type KernelFailure, kernelFailureStatus } from '../core/vendor.ts';

/**
 * A whole-request failure. The messages are the vendor's (contracts MESSAGES); the body
 * `{"http-status": n, "message": "..."}` reuses the keys of a 207 entry because the document shows no other error
 * envelope (assumed; see docs/vendors/eightbyeight.md). Handlers throw it, `renderFailure` answers it.
 */
export class EightByEightError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Basic-auth failures also carry the challenge, as any Basic-protected server does. */
export const BASIC_CHALLENGE = { 'www-authenticate': 'Basic realm="8x8 Contact Center"' } as const;

export const unauthorized = (message: string = ASSUMED_MESSAGES.unauthorized) =>
  new EightByEightError(401, message, { ...BASIC_CHALLENGE });

export function errorReply(status: number, message: string, headers?: Record<string, string>): Reply {
  const body: ErrorResponse = { 'http-status': status, message };
  return reply.json(status, body, headers);
}

export function renderFailure(err: EightByEightError): Reply {
  return errorReply(err.httpStatus, err.message, err.headers);
}

/** Kernel failures (no tenant, unknown endpoint, body too large, injected faults) in the same envelope. */
export function kernelFailure(failure: KernelFailure): Reply {
  if (failure.kind === 'unauthenticated') return renderFailure(unauthorized());
  return errorReply(kernelFailureStatus(failure), failure.message);
}
