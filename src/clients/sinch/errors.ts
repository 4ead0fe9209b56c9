import { ContractResponseError, httpErrorMessage } from '../core/contract.ts';
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
    super(status, body, headers, httpErrorMessage(operation, status, error));
    this.name = 'SinchHttpError';
  }
}

/** 404: no such campaign or customer. */
export class SinchNotFoundError extends SinchHttpError {}
/** 401: wrong or missing Basic credentials. */
export class SinchUnauthorizedError extends SinchHttpError {}

/** A 2xx body that does not match the contract (a vendor change, or not an OBI endpoint). */
export class SinchResponseError extends ContractResponseError {
  declare readonly operation: SinchOperation;

  constructor(operation: SinchOperation, body: string, issues: string) {
    super(operation, body, issues);
  }
}
