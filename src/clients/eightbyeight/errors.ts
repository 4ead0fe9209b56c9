import { ErrorResponseSchema, MESSAGES } from '../../../contracts/eightbyeight/schemas.ts';
import { ContractResponseError, type ErrorReading, VendorHttpError } from '../core/contract.ts';

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

/** 8x8's `message`; the documented failure when the message is one of the vendor's. */
const EIGHT_BY_EIGHT_ERRORS: ErrorReading<FailureCode> = {
  message: (json) => {
    const parsed = ErrorResponseSchema.safeParse(json);
    return parsed.success ? parsed.data.message : undefined;
  },
  code: (status, _body, message) =>
    status === 401 ? 'unauthorized' : (CODES.find(([known]) => known === message)?.[1] ?? 'unknown'),
};

export class EightByEightHttpError extends VendorHttpError<FailureCode> {
  constructor(operation: string, status: number, body: string, headers: Headers, attempts: number) {
    super(EIGHT_BY_EIGHT_ERRORS, operation, status, body, headers, attempts);
  }
}

/** A 2xx answer whose body breaks the contract (a vendor change, or not an 8x8 endpoint). */
export class EightByEightResponseError extends ContractResponseError {}
