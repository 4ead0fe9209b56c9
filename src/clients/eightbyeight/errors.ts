import { ErrorResponseSchema, MESSAGES } from '../../../contracts/eightbyeight/schemas.ts';
import { ContractResponseError, httpErrorMessage, parseJsonOrUndefined } from '../core/contract.ts';
import { HttpError } from '../core/http.ts';

/** Whole-request failures the vendor documents, by message. */
export type FailureCode =
  | 'campaignNotFound'
  | 'customerNotLocated'
  | 'notDynamic'
  | 'notEnabled'
  | 'campaignStopped'
  | 'customerNotDeletable'
  | 'notStarted'
  | 'invalidCustomerList'
  | 'invalidStateTransition'
  | 'unauthorized'
  | 'unknown';

const CODES: [string, FailureCode][] = [
  [MESSAGES.campaignNotFound, 'campaignNotFound'],
  [MESSAGES.customerNotLocated, 'customerNotLocated'],
  [MESSAGES.notDynamic, 'notDynamic'],
  [MESSAGES.notDynamicRecords, 'notDynamic'],
  [MESSAGES.notEnabled, 'notEnabled'],
  [MESSAGES.notEnabledDelete, 'notEnabled'],
  [MESSAGES.campaignStopped, 'campaignStopped'],
  [MESSAGES.campaignStoppedDelete, 'campaignStopped'],
  [MESSAGES.customerNotDeletable, 'customerNotDeletable'],
  [MESSAGES.notStarted, 'notStarted'],
  [MESSAGES.invalidCustomerList, 'invalidCustomerList'],
  [MESSAGES.invalidStateTransition, 'invalidStateTransition'],
];

/**
 * A non-2xx answer (after retries on 429/5xx). `code` names the documented failure when the message is one of the
 * vendor's; `vendorMessage` is the message as received.
 */
export class EightByEightHttpError extends HttpError {
  readonly code: FailureCode;
  readonly vendorMessage: string | undefined;

  constructor(
    readonly operation: string,
    status: number,
    body: string,
    headers: Headers,
    readonly attempts: number,
  ) {
    const parsed = ErrorResponseSchema.safeParse(parseJsonOrUndefined(body));
    const vendorMessage = parsed.success ? parsed.data.message : undefined;
    super(status, body, headers, httpErrorMessage(operation, status, vendorMessage));
    this.name = 'EightByEightHttpError';
    this.vendorMessage = vendorMessage;
    this.code =
      status === 401 ? 'unauthorized' : (CODES.find(([message]) => message === vendorMessage)?.[1] ?? 'unknown');
  }
}

/** A 2xx answer whose body breaks the contract (a vendor change, or not an 8x8 endpoint). */
export class EightByEightResponseError extends ContractResponseError {}
