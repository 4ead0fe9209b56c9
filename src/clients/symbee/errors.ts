import { ContractResponseError, httpErrorMessage } from '../core/contract.ts';
import { HttpError } from '../core/http.ts';
import type { Action, ActionResponse, PreviewResult, ResultStatus } from '../../../contracts/symbee/schemas.ts';

export type FailureStatus = Exclude<ResultStatus, 'SUCCESS'>;

/**
 * A logical failure reported inside HTTP 200 (`previewResult.previewResultStatus` is not SUCCESS), as the vendor
 * document specifies. `error` is the service's message; `response` the whole parsed body.
 */
export class SymbeeResultError extends Error {
  constructor(
    readonly action: Action,
    readonly status: FailureStatus,
    readonly error: string | null,
    readonly response: ActionResponse,
  ) {
    super(`${action}: ${status}${error ? ` — ${error}` : ''}`);
    this.name = new.target.name;
  }
}

/** FAILED: see `error` for the reason. */
export class SymbeeFailedError extends SymbeeResultError {}
/** INVALIDCLIENTID: no clientId value was provided (add/update). */
export class InvalidClientIdError extends SymbeeResultError {}
/** INVALIDRECORDDATAKEY: previewRecordData holds a key named like clientIdFieldName (add/update). */
export class InvalidRecordDataKeyError extends SymbeeResultError {}
/** NORECORDFOUND: no task/record for the given previewRecordId or clientId. */
export class NoRecordFoundError extends SymbeeResultError {}

const RESULT_ERRORS: Record<FailureStatus, typeof SymbeeResultError> = {
  FAILED: SymbeeFailedError,
  INVALIDCLIENTID: InvalidClientIdError,
  INVALIDRECORDDATAKEY: InvalidRecordDataKeyError,
  NORECORDFOUND: NoRecordFoundError,
};

export function resultError(action: Action, response: ActionResponse): SymbeeResultError {
  const status = response.previewResult.previewResultStatus as FailureStatus;
  const ErrorClass = RESULT_ERRORS[status] ?? SymbeeFailedError;
  return new ErrorClass(action, status, response.previewResult.error, response);
}

/**
 * An HTTP 4xx/5xx answer ("HTTP 4xx and 5xx response codes should be treated as failure"). `previewResult` is set
 * when the body carries one (the simulator's assumed error shape); `attempts` counts retries included.
 */
export class SymbeeHttpError extends HttpError {
  constructor(
    readonly action: Action,
    status: number,
    body: string,
    headers: Headers,
    readonly previewResult: PreviewResult | undefined,
    readonly attempts: number,
  ) {
    super(status, body, headers, httpErrorMessage(action, status, previewResult?.error));
    this.name = 'SymbeeHttpError';
  }
}

/** HTTP 200 whose body does not match the contract schema (a vendor change, or not a Symbee endpoint). */
export class SymbeeResponseError extends ContractResponseError {
  constructor(
    readonly action: Action,
    body: string,
    issues: string,
  ) {
    super(action, body, issues);
  }
}
