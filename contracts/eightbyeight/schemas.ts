import { z } from 'zod';

/**
 * 8x8 Contact Center — Dynamic Campaigns API contracts (vendor document 003 plus the README's supplementary 8x8
 * facts). Field names are the vendor's kebab-case ones. The simulator validates each record of a batch with these
 * schemas (one verdict per record, never a whole-batch reject for one bad entry); the reference client parses every
 * response with them.
 */

/** Record status (`status`), document: "Record status". */
export const RECORD_STATUS = { NEW: 0, QUEUED: 1, ACCEPTED: 2, COMPLETED: 3, SCHEDULED: 4 } as const;
export const RECORD_STATUS_LABELS = { 0: 'New', 1: 'Queued', 2: 'Accepted', 3: 'Completed', 4: 'Scheduled' } as const;

/** `status-code`, document: "Status code". */
export const STATUS_CODE = {
  DEFAULT: 0,
  MAX_ATTEMPT_REACHED: 1,
  SKIPPED: 2,
  NO_PHONE_NUMBER: 3,
  INVALID_PHONE_NUMBER: 4,
} as const;
export const STATUS_CODE_LABELS = {
  0: 'Default',
  1: 'Max Attempt Reached',
  2: 'Skipped',
  3: 'No Phone Number',
  4: 'Invalid Phone Number',
} as const;

/** `disposition-code`, document: "Disposition code". */
export const DISPOSITION = { NONE: 1000, TRY_AGAIN: 1001, SCHEDULED_CALL_BACK: 1002 } as const;
export const DISPOSITION_LABELS = { 1000: 'None', 1001: 'Try Again', 1002: 'Scheduled Call Back' } as const;

/** `0 New, 1 Queued, …`: a code list as the contracts describe a field. */
const codeList = (labels: Readonly<Record<number, string>>): string =>
  Object.entries(labels)
    .map(([code, label]) => `${code} ${label}`)
    .join(', ');

/** Campaign status ids (README, 8x8 facts). */
export const CAMPAIGN_STATUS = {
  NEW: 0,
  MANUAL_STARTED: 1,
  SCHEDULED: 2,
  MANUAL_RUNNING: 3,
  SCHEDULE_RUNNING: 4,
  MANUAL_STOPPED: 5,
  COMPLETED: 6,
  SCHEDULE_STOPPED: 7,
  MANUAL_PAUSED: 8,
  SCHEDULE_PAUSED: 9,
  MANUAL_PURGED: 10,
  SCHEDULE_PURGED: 11,
} as const;
export type CampaignStatusName = keyof typeof CAMPAIGN_STATUS;
export type CampaignStatusId = (typeof CAMPAIGN_STATUS)[CampaignStatusName];
export const CAMPAIGN_STATUS_LABELS: Readonly<Record<CampaignStatusId, string>> = {
  0: 'New',
  1: 'Manual Started',
  2: 'Scheduled',
  3: 'Manual Running',
  4: 'Schedule Running',
  5: 'Manual Stopped',
  6: 'Completed (Stopped)',
  7: 'Schedule Stopped',
  8: 'Manual Paused',
  9: 'Schedule Paused',
  10: 'Manual Purged',
  11: 'Schedule Purged',
};

/** Values of `POST` (status page) or `PATCH` (8x8's OpenAPI) `/api/tstats/campaigns/{id}` `{"status": ...}`. */
export const STATUS_REQUESTS = ['RUNNING', 'PAUSED', 'PURGED', 'STOPPED'] as const;
export type StatusRequest = (typeof STATUS_REQUESTS)[number];

/** Document: "Uploads for a maximum of 5 million records"; "a possible maximum of 7 days in advance". */
export const MAX_RECORDS_PER_CAMPAIGN = 5_000_000;
export const MAX_SCHEDULE_AHEAD_MS = 7 * 24 * 60 * 60 * 1000;
/** Entries of one add request: the same 5 million (assumed: "Uploads" read per upload as well as per campaign). */
export const MAX_RECORDS_PER_REQUEST = MAX_RECORDS_PER_CAMPAIGN;

/** Every message the vendor documents, verbatim. */
export const MESSAGES = {
  duplicateCustomer: 'Duplicate customer',
  invalidScheduleFormat: 'Invalid schedule-date-time format - please use ISO 8601 format',
  invalidCustomerId: 'Invalid customer-id',
  customerIdNotFound: 'The customer-id has not been found.',
  scheduleInPast: 'The subject schedule-date-time is in the past.',
  scheduleOutsideCampaign: (from: string, to: string) =>
    `The subject schedule-date-time is outside the campaign schedule from ${from} to ${to}.`,
  scheduleTooFarAhead: 'The subject schedule-date-time must be within 7 days ahead of a future period.',
  invalidStateTransition: 'Invalid state transition',
  /** Status change (8x8's OpenAPI, PATCH). */
  notDynamic: 'Not a dynamic campaign',
  /** Add and delete (8x8's OpenAPI). */
  notDynamicRecords: 'This is not a dynamic campaign.',
  /** Add and status change. */
  notEnabled: 'The campaign is not enabled.',
  /** Delete (8x8's OpenAPI: "This", where add and status change say "The"). */
  notEnabledDelete: 'This campaign is not enabled.',
  campaignStopped: 'The campaign has stopped. No additional customers can be added.',
  campaignStoppedDelete: 'The campaign has stopped. No customers can be deleted.',
  /** Delete of a record already offered to an agent or dialed (Accepted, Completed). */
  customerNotDeletable: 'The customer is not available for deletion.',
  notStarted: 'The operation is invalid for a campaign that has not started.',
  invalidCustomerList: 'The provided customer list is invalid.',
  campaignNotFound: 'The campaign cannot be found.',
  customerNotLocated: 'The customer has not been located.',
  statusChanged: 'Campaign status changed.',
} as const;

/** Messages where the vendor documents nothing (assumed; listed in docs/vendors/eightbyeight.md). */
export const ASSUMED_MESSAGES = {
  unauthorized: 'Unauthorized',
  wrongToken: (expected: 'Action' | 'Data') => `This call requires the ${expected} Request Token.`,
  campaignFull: `The campaign has reached the maximum of ${MAX_RECORDS_PER_CAMPAIGN} records.`,
  jsonRequired: 'Content-Type must be application/json',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Add records: POST /api/tstats/campaigns/{campaignId}/customers

/** ACCOUNTNUM of the CC CRM: a positive integer (a string of digits is accepted too — assumed). */
export const CUSTOMER_ID_DIGITS = /^[1-9][0-9]{0,15}$/;
export const CustomerIdSchema = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(CUSTOMER_ID_DIGITS),
]);

/**
 * ISO 8601 date-time with a UTC designator or offset, seconds and fraction optional (e.g.
 * `2022-08-29T09:00:00.000Z`). The document's own counter-example `2016-08-29T 09:00:00.000Z` does not match.
 */
export const ISO_8601_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
export const ScheduleDateTimeSchema = z.string().regex(ISO_8601_PATTERN).describe('ISO 8601 date-time');

export const CustomerRecordSchema = z
  .object({
    'customer-id': z.number().int().positive().describe('ACCOUNTNUM of the customer in the CC CRM'),
    'schedule-date-time': ScheduleDateTimeSchema.optional().describe(
      'Optional desired call time, at most 7 days ahead',
    ),
  })
  .describe('Customer record');
export type CustomerRecord = z.input<typeof CustomerRecordSchema>;

export const AddCustomersRequestSchema = z.array(CustomerRecordSchema).describe('Unnamed array of customer records');

/** One entry of the HTTP 207 answer: the outcome for the record at the same position of the request. */
export const AddCustomerOutcomeSchema = z.strictObject({
  'customer-id': z.union([z.number(), z.string(), z.null()]),
  'schedule-date-time': z.string().optional(),
  'http-status': z.union([z.literal(200), z.literal(400), z.literal(404)]),
  message: z.string().optional(),
});
export type AddCustomerOutcome = z.infer<typeof AddCustomerOutcomeSchema>;
export const AddCustomersResponseSchema = z.array(AddCustomerOutcomeSchema);

// ---------------------------------------------------------------------------------------------------------------
// View records: GET /api/stats/campaigns/{campaignId}/records.json (JSON) and /records (XML)

export const CampaignRecordSchema = z.strictObject({
  'campaign-name': z.string(),
  'campaign-id': z.number().int(),
  'record-id': z.number().int(),
  'phone-list': z.string().describe('`*<field name>|<number>` of the CRM customer, e.g. `*Phone Number|5551234567`'),
  status: z.number().int().min(0).max(4).describe(codeList(RECORD_STATUS_LABELS)),
  'status-code': z.number().int().min(0).max(4).describe(codeList(STATUS_CODE_LABELS)),
  'ext-trans-data': z.string(),
  'disposition-code': z.number().int().min(1000).max(1002).describe(codeList(DISPOSITION_LABELS)),
});
export type CampaignRecord = z.infer<typeof CampaignRecordSchema>;

export const RecordsResponseSchema = z.strictObject({
  records: z.strictObject({ record: z.array(CampaignRecordSchema) }),
});
export type RecordsResponse = z.infer<typeof RecordsResponseSchema>;

export const RecordsQuerySchema = z.object({
  'phone-list': z
    .string()
    .optional()
    .describe('Only records of this phone, e.g. `*Contact Number|5551234567` (the number part is compared)'),
});

// ---------------------------------------------------------------------------------------------------------------
// Campaign status: GET /api/stats/campaigns/{campaignId}.json and POST /api/tstats/campaigns/{campaignId}

const YesNo = z.enum(['Y', 'N']);

/** A campaign time as 8x8's status page shows it (`2022-10-17T22:31:02+01:00`), or `""` when it has not happened. */
export const CAMPAIGN_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const CampaignTime = z.union([z.literal(''), z.string().regex(CAMPAIGN_TIME_PATTERN)]);

export const CampaignSchema = z.strictObject({
  'campaign-name': z.string(),
  'campaign-id': z.number().int(),
  enabled: YesNo,
  status: z.number().int().min(0).max(11).describe(codeList(CAMPAIGN_STATUS_LABELS)),
  'no-of-records': z.number().int().min(0),
  'caller-id': z.number().int().describe('Caller id as a number (8x8 status page example: 13125555068)'),
  'queue-id': z.number().int(),
  'start-time': CampaignTime,
  'end-time': CampaignTime,
  'actual-run-time': CampaignTime,
  'actual-stop-time': CampaignTime,
  'daily-start-time': z.string(),
  'daily-end-time': z.string(),
  'retry-interval': z.number().int().describe('Minutes between attempts of a "Try Again" record (assumed unit)'),
  'max-retry': z.number().int(),
  'abandon-max-retry': z.union([z.number().int(), z.literal('')]).describe('"" when unset (8x8 status page example)'),
  'max-ring-time': z.number().int().describe('Seconds (assumed unit)'),
  'integration-type': z.string(),
  'calling-window': z.number().int().describe('A number (8x8 status page example: 2); its meaning is not documented'),
  'schedule-name': z.string(),
  timezone: z.string().describe('POSIX-style time zone, e.g. EST5EST (8x8 status page example)'),
  'dynamic-campaign': YesNo,
  sequential: YesNo,
});
export type Campaign = z.infer<typeof CampaignSchema>;
export const CampaignResponseSchema = z.strictObject({ campaign: CampaignSchema });

export const StatusChangeRequestSchema = z.object({ status: z.enum(STATUS_REQUESTS) });
export const MessageResponseSchema = z.strictObject({ message: z.string() });

/** Whole-request failures: the messages are documented, the envelope is assumed (same keys as a 207 entry). */
export const ErrorResponseSchema = z.strictObject({ 'http-status': z.number().int(), message: z.string() });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
