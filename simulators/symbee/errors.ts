import { ACTIONS, type ResultStatus } from '../../contracts/symbee/schemas.ts';
import { API_PREFIX } from '../../contracts/symbee/operations.ts';
import { VendorError } from '../core/errors.ts';
import { type Reply, reply } from '../core/reply.ts';
import type { VendorRequest } from '../core/request.ts';

/**
 * A logical failure the Symbee service reports inside HTTP 200 (`previewResult.previewResultStatus` + `error`), as
 * the document specifies: the code is the result status. Models throw it; the action handler puts the request's
 * envelope around it (`inEnvelope`). Through a backdoor, a missing record is a 404 and anything else a 400.
 */
export function failure(code: Exclude<ResultStatus, 'SUCCESS'>, message: string): VendorError {
  return new VendorError({ status: 200, code, message, adminStatus: code === 'NORECORDFOUND' ? 404 : 400 });
}

export const fail = (message: string) => failure('FAILED', message);

/**
 * Transport/auth failures: HTTP 4xx with the same previewResult shape. The document does not say which status or
 * body the service uses for these (assumed; see docs/vendors/symbee.md).
 */
export function httpError(status: number, message: string, headers?: Record<string, string>): VendorError {
  return new VendorError({ status, code: 'FAILED', message, headers });
}

/** A logical failure with the response body it is answered with (the request's envelope around previewResult). */
export function inEnvelope(err: VendorError, body: Record<string, unknown>): VendorError {
  return new VendorError({ status: 200, code: err.code, message: err.message, detail: body });
}

const ACTION_PATHS = new Set(ACTIONS.map((a) => `${API_PREFIX}/${a}`));

/** Every failure in Symbee's wire shape: logical ones inside HTTP 200, the others as transport failures. */
export function renderError(err: VendorError, req: VendorRequest): Reply {
  if (err.status === 200) return reply.json(200, err.detail ?? previewFailure(err.message));
  if (err.code === 'notFound' && ACTION_PATHS.has(req.path)) {
    return reply.json(405, previewFailure(`Method ${req.method} not allowed; actions are POST`), { allow: 'POST' });
  }
  // The document names no status for kernel failures (assumed): the usual ones.
  return reply.json(err.status, previewFailure(err.message), { ...err.headers });
}

function previewFailure(message: string) {
  return { previewResult: { previewResultStatus: 'FAILED', error: message } };
}

export const MESSAGES = {
  clientIdRequired: 'clientId is required',
  recordLocatorRequired: 'previewRecordId or clientId is required',
  noRecord: (by: string, value: string, campaign: string) =>
    `No record found for ${by} '${value}' in campaign '${campaign}'`,
  unknownCampaign: (name: string) => `Campaign '${name}' not found`,
  missing: (field: string) => `${field} is required`,
} as const;
