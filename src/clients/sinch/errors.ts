import { HttpError } from '../core/http.ts';

/** The OBI operations, by the OpenAPI operationId. */
export type SinchOperation =
  | 'listCampaigns'
  | 'getCampaign'
  | 'updateCampaign'
  | 'setCampaignStatus'
  | 'getCustomerResultStatistics'
  | 'listCustomers'
  | 'createCustomer'
  | 'createCustomerList'
  | 'getCustomer'
  | 'deleteCustomer'
  | 'listStatistics';

/**
 * An HTTP 4xx/5xx answer (after retries on 429/5xx). `error` is the message of the `{statusCode, error}` body when
 * it has one (JSON or XML); `attempts` counts the retries included.
 */
export class SinchHttpError extends HttpError {
  constructor(
    readonly operation: SinchOperation,
    status: number,
    body: string,
    headers: Headers,
    readonly error: string | undefined,
    readonly attempts: number,
  ) {
    super(status, body, headers, `${operation}: HTTP ${status}${error ? ` — ${error}` : ''}`);
    this.name = 'SinchHttpError';
  }
}

/** 404: no such campaign or customer. */
export class SinchNotFoundError extends SinchHttpError {}
/** 401: wrong or missing Basic credentials. */
export class SinchUnauthorizedError extends SinchHttpError {}

/** A 2xx body that does not match the contract (a vendor change, or not an OBI endpoint). */
export class SinchResponseError extends Error {
  constructor(
    readonly operation: SinchOperation,
    readonly body: string,
    readonly issues: string,
  ) {
    super(`${operation}: response does not match the contract: ${issues}`);
    this.name = 'SinchResponseError';
  }
}
