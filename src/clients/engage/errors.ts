import { ContractResponseError } from '../core/contract.ts';
import { HttpError } from '../core/http.ts';

/** The error codes the document lists (a fault's `detail/ApiFault/errorCode`). */
export type EngageErrorCode =
  | 'ARG_INVALID'
  | 'ARG_INVALID_CHAR'
  | 'ARG_INVALID_DATA'
  | 'ARG_INVALID_TYPE'
  | 'ARG_NULL'
  | 'ARG_TOO_LARGE'
  | 'ATTRIBUTE_INVALID'
  | 'ATTRIBUTE_INVALID_CHAR'
  | 'ATTRIBUTE_INVALID_DATA'
  | 'ATTRIBUTE_INVALID_FORMAT'
  | 'ATTRIBUTE_NULL'
  | 'ATTRIBUTE_TRUNCATED'
  | 'INTERNAL_ERROR'
  | 'INVALID_STATE'
  | 'NO_SESSION'
  | 'OBJECT_EXISTS'
  | 'OBJECT_NOT_EXISTS'
  | 'RESULT_TOO_LARGE'
  | 'SYSTEM_LIMIT_EXCEEDED'
  | 'INBOUND_SUBCAMPAIGN_INVALID_LABEL'
  | 'INBOUND_TEXT_KEYWORD_CANNOT_BE_DELETED'
  | 'INBOUND_DEVICE_ASSIGNED_ACTIVE_CAMPAIGN'
  | 'ONDEMAND_DEFAULT_STRATEGY_INVALID'
  | 'INBOUND_SKILLGROUP_REQUIRED'
  | 'INBOUND_SCRIPT_REQUIRES_PORTAL_AGENT_GROUP'
  | 'INBOUND_SCRIPT_REQUIRES_STANDARD_AGENT_GROUP'
  | 'INBOUND_NOSKILLGROUP_REQUIRED'
  | 'INBOUND_TEXT_KEYWORD_ALREADY_ACTIVE';

/**
 * A SOAP fault. `code` is the document's error code from `detail` (undefined for protocol faults — malformed
 * request, unknown operation — which carry none); `faultcode` is `soap:Client` or `soap:Server`.
 */
export class EngageFault extends HttpError {
  constructor(
    readonly operation: string,
    status: number,
    body: string,
    headers: Headers,
    readonly faultcode: string,
    readonly faultstring: string,
    readonly code: EngageErrorCode | undefined,
  ) {
    super(status, body, headers, `${operation}: ${faultcode}${code ? ` ${code}` : ''} — ${faultstring}`);
    this.name = 'EngageFault';
  }

  /** True when `err` is a fault with this documented code. */
  static is(err: unknown, code: EngageErrorCode): err is EngageFault {
    return err instanceof EngageFault && err.code === code;
  }
}

/** A non-fault failure: an HTTP status without a SOAP body (a proxy, a wrong URL). */
export class EngageHttpError extends HttpError {}

/** A 200 whose body breaks the contract (no `{operation}Response`, a `data` item the schema refuses). */
export class EngageResponseError extends ContractResponseError {}
