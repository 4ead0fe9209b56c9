import type { ResultStatus } from '../../contracts/symbee/schemas.ts';

/**
 * A logical failure the Symbee service reports inside HTTP 200 (`previewResult.previewResultStatus` + `error`), as
 * the document specifies. Models throw it; the handler layer renders it.
 */
export class SymbeeFailure extends Error {
  constructor(
    readonly status: Exclude<ResultStatus, 'SUCCESS'>,
    message: string,
  ) {
    super(message);
  }
}

export const fail = (message: string) => new SymbeeFailure('FAILED', message);

/**
 * Transport/auth failures: HTTP 4xx with the same envelope. The document does not say which status or body the
 * service uses for these (assumed; see docs/vendors/symbee.md).
 */
export class SymbeeHttpError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const MESSAGES = {
  clientIdRequired: 'clientId is required',
  recordLocatorRequired: 'previewRecordId or clientId is required',
  noRecord: (by: string, value: string, campaign: string) =>
    `No record found for ${by} '${value}' in campaign '${campaign}'`,
  unknownCampaign: (name: string) => `Campaign '${name}' not found`,
  missing: (field: string) => `${field} is required`,
} as const;
