import { z } from 'zod';

/**
 * Sinch Contact Center — Restful Outbound Campaign Interface (OBI) v1 contracts (vendor document 001). Field names
 * follow the document exactly, including the `dialer` duplicate of `dialerId` that its examples carry and the
 * `{"attributes": {"attribute": [...]}}` wrapper. The simulator validates requests with these schemas and the
 * reference client parses responses with them.
 */

export const API_PREFIX = '/RI/obi';

/** 32 upper-case hex digits: the form of every id the service hands out. */
export const ID32 = /^[0-9A-F]{32}$/;
/** id32 (any case) or the 36-character GUID form; both name the same object (document: "id32 or id36 format"). */
export const GUID = /^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/;

/** The canonical id32 of an id32/id36 value, or undefined when it is neither. */
export function toId32(value: string): string | undefined {
  return GUID.test(value) ? value.replace(/-/g, '').toUpperCase() : undefined;
}

export const Id32Schema = z.string().regex(ID32, 'must be 32 upper-case hex digits');
export const GuidSchema = z.string().regex(GUID, 'must be an id32 or id36 GUID');
/** ISO 8601 with a zone (`Z` or an offset); the service works in UTC. */
export const DateTimeSchema = z.iso.datetime({ offset: true });

export const DIALING_MODES = ['PREVIEW', 'PROGRESSIVE', 'PREDICTIVE'] as const;
export const DialingModeSchema = z.enum(DIALING_MODES);
export type DialingMode = z.infer<typeof DialingModeSchema>;

/** A customer may override the campaign's mode with one of these two (document: customer `dialingMode`). */
export const CUSTOMER_DIALING_MODES = ['PREVIEW', 'PREDICTIVE'] as const;
export const CustomerDialingModeSchema = z.enum(CUSTOMER_DIALING_MODES);

export const DIALER_TYPES = ['QueueDialer', 'CampaignDialer'] as const;
export type DialerType = (typeof DIALER_TYPES)[number];

export const CAMPAIGN_STATUSES = ['Passive', 'Active', 'Handled', 'Expired', 'Invalid', 'Deleted', 'Quota'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const DIALER_STATUSES = [
  'OPEN',
  'CLOSING',
  'CLOSING2',
  'CLOSED',
  'PASSIVE',
  'COMPLETED',
  'SUSPEND',
  'EXPIRED',
  'SHUTDOWN',
  'QUOTA',
] as const;
export type DialerStatus = (typeof DIALER_STATUSES)[number];

/** `PUT /campaigns/{id}/status` body (text/plain): "Value can be one of Passive, Active." */
export const SETTABLE_STATUSES = ['Active', 'Passive'] as const;
export const SettableStatusSchema = z.enum(SETTABLE_STATUSES);
export type SettableStatus = z.infer<typeof SettableStatusSchema>;

/**
 * Results of one call (`callResult`). SUCCESS/REFUSAL/AGENT_REJECTED/BUSY/NOANSWER/HANGUP/ABANDONED/SKIP are named
 * by the document; OPER_LOGOUT and NOT_DIALED name the calls its statistics count ("agent logged out", "not dialed").
 */
export const CALL_RESULTS = [
  'SUCCESS',
  'REFUSAL',
  'AGENT_REJECTED',
  'BUSY',
  'NOANSWER',
  'HANGUP',
  'ABANDONED',
  'SKIP',
  'OPER_LOGOUT',
  'NOT_DIALED',
] as const;
export const CallResultSchema = z.enum(CALL_RESULTS);
export type CallResult = z.infer<typeof CallResultSchema>;

/** Customer `result`: DIALING while still to be (re)called, then a final result, MAXCALLS or FILTERED. */
export const CUSTOMER_RESULTS = ['DIALING', 'SUCCESS', 'REFUSAL', 'AGENT_REJECTED', 'MAXCALLS', 'FILTERED'] as const;
export type CustomerResult = (typeof CUSTOMER_RESULTS)[number];

// ---- Statistics --------------------------------------------------------------------------------------------------

const count = z.number().int().min(0);
const seconds = z.number().min(0);

/** The counters every statistics object carries, in the document's order. */
export const StatisticsCountersSchema = z.strictObject({
  numberOfHandledCustomers: count.describe('Number of handled customers.'),
  numberOfCalls: count.describe('Number of calls.'),
  numberOfSuccessfulCalls: count.describe('Number of SUCCESS and REFUSAL calls.'),
  numberOfRefusalCalls: count.describe('Number of REFUSAL calls.'),
  numberOfAmountCalls: count.describe('Number of calls with amount.'),
  numberOfSkipCalls: count.describe('Number of SKIP calls.'),
  numberOfRejectCalls: count.describe('Number of AGENT_REJECTED calls.'),
  numberOfOperLogoutCalls: count.describe('Number of calls where agent logged out in preview/connected/wrap-up.'),
  numberOfNotDialedCalls: count.describe('Number of calls which were not dialed, e.g. invalid number.'),
  numberOfHangupCalls: count.describe('Number of HANGUP calls.'),
  numberOfAbandonedCalls: count.describe('Number of ABANDONED calls.'),
  amount: z.number().describe('The amount collected from SUCCESS calls.'),
  loginTime: seconds.describe('Agent login time in seconds.'),
  pauseTime: seconds.describe('Agent pause time in seconds.'),
  waitTime: seconds.describe('Agent wait time in seconds.'),
  previewTime: seconds.describe('Agent preview time in seconds.'),
  callTime: seconds.describe('Agent dialing time in seconds (in preview/progressive campaign).'),
  talkingTime: seconds.describe('Agent talking time in seconds.'),
  wrapTime: seconds.describe('Agent wrap-up time in seconds.'),
  numberOfCustomers: count.describe('Number of customers.'),
});
export type StatisticsCounters = z.infer<typeof StatisticsCountersSchema>;

export const CampaignStatisticsSchema = StatisticsCountersSchema.extend({
  numberOfAgents: count.describe('Number of agents.'),
});
export type CampaignStatistics = z.infer<typeof CampaignStatisticsSchema>;

export const CampaignStatsSchema = z.strictObject({
  total: CampaignStatisticsSchema.optional().describe('Total statistics, if the campaign has been active.'),
  daily: CampaignStatisticsSchema.optional().describe('Daily statistics, if the campaign was active that UTC day.'),
});

/** One row of `GET /statistics`, grouped by campaign and agent (agent null = handled by the dialer alone). */
export const StatisticsEntrySchema = StatisticsCountersSchema.extend({
  campaignId: Id32Schema,
  campaignName: z.string(),
  agentId: Id32Schema.nullable().optional(),
  agentName: z.string().nullable().optional(),
});
export type StatisticsEntry = z.infer<typeof StatisticsEntrySchema>;

// ---- Campaigns ---------------------------------------------------------------------------------------------------

export const CampaignSchema = z.strictObject({
  id: Id32Schema,
  name: z.string(),
  remarks: z.string().optional(),
  dialerId: Id32Schema,
  /** Not in the field list, but in every example of the document: the dialer id again. */
  dialer: Id32Schema.optional(),
  dialerName: z.string().optional(),
  dialerType: z.enum(DIALER_TYPES),
  dialingMode: DialingModeSchema,
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  dialerStatus: z.enum(DIALER_STATUSES).optional(),
  queueId: Id32Schema,
  queueName: z.string().optional(),
  customIvrNumber: z.string().optional(),
  total: count.optional(),
  handled: count.optional(),
  notHandled: count.optional(),
  callable: count.optional(),
  maxCalls: count.optional(),
  filtered: count.optional(),
  startDate: DateTimeSchema.optional(),
  endDate: DateTimeSchema.optional(),
  registered: DateTimeSchema,
  timeZone: z.string().optional(),
  loggedOn: count.optional(),
  abandonRate: z.number().optional(),
  increasePredictiveRatio: z.number().optional(),
  stats: CampaignStatsSchema.optional(),
});
export type Campaign = z.infer<typeof CampaignSchema>;
export const CampaignListSchema = z.array(CampaignSchema);

/** `PUT /campaigns/{id}`: a full replace — every property the request omits is cleared. */
export const CampaignUpdateSchema = z.strictObject({
  name: z.string().min(1),
  remarks: z.string().optional(),
  dialingMode: DialingModeSchema,
  queueId: z.string().length(32),
  customIvrNumber: z.string().optional(),
  startDate: DateTimeSchema.optional(),
  endDate: DateTimeSchema.optional(),
  timeZone: z.string().optional(),
  abandonRate: z.number().min(0).max(2).optional(),
  increasePredictiveRatio: z.number().min(0).max(100).optional(),
});
export type CampaignUpdate = z.infer<typeof CampaignUpdateSchema>;

/** Output-only campaign properties: a GET body sent back as a PUT carries them; they are ignored. */
export const CAMPAIGN_READ_ONLY_FIELDS = [
  'id',
  'dialerId',
  'dialer',
  'dialerName',
  'dialerType',
  'status',
  'dialerStatus',
  'queueName',
  'total',
  'handled',
  'notHandled',
  'callable',
  'maxCalls',
  'filtered',
  'registered',
  'loggedOn',
  'stats',
] as const;

/** Searchable fields of `GET /campaigns` (document); the ID fields among them take GUIDs, not patterns. */
export const CAMPAIGN_SEARCH_FIELDS = [
  'name',
  'dialerId',
  'dialerName',
  'dialingMode',
  'status',
  'dialerStatus',
  'queueId',
  'queueName',
  'customIvrNumber',
  'total',
  'handled',
  'maxCalls',
  'filtered',
  'timeZone',
] as const;
export const CAMPAIGN_ID_FIELDS = ['dialerId', 'queueId'] as const;
export const CAMPAIGN_DATE_FIELDS = ['startDate', 'endDate', 'registered'] as const;

export const CampaignCustomerResultStatisticSchema = z.strictObject({
  result: z.string(),
  callResult: z.string().optional(),
  classifier: z.string().optional(),
  count: count.optional(),
});
export type CustomerResultStatistic = z.infer<typeof CampaignCustomerResultStatisticSchema>;
export const CustomerResultStatisticsSchema = z.array(CampaignCustomerResultStatisticSchema);

// ---- Customers ---------------------------------------------------------------------------------------------------

export const AttributeSchema = z.strictObject({ name: z.string().min(1), value: z.string() });
export type Attribute = z.infer<typeof AttributeSchema>;

/** The wire form of attributes (document examples): `{"attribute": [{name, value}, ...]}`. */
export const AttributesSchema = z.strictObject({ attribute: z.array(AttributeSchema) });

export const ScriptSchema = z.strictObject({
  name: z.string(),
  answers: z.array(z.strictObject({ question: z.string(), answer: z.string() })),
});
export type Script = z.infer<typeof ScriptSchema>;

export const CustomerSchema = z.strictObject({
  id: Id32Schema,
  externalId: z.string(),
  numbers: z.string(),
  result: z.string().optional(),
  callResult: z.string().optional(),
  classifier: z.string().optional(),
  callCount: count.optional(),
  lastBNumber: count.optional(),
  date: DateTimeSchema.optional(),
  agentId: z.string().optional(),
  dialingMode: CustomerDialingModeSchema.optional(),
  previewTime: z.number().int().optional(),
  priority: z.number().int().optional(),
  modificationDate: DateTimeSchema.optional(),
  timeZone: z.string().optional(),
  attributes: AttributesSchema.optional(),
  script: ScriptSchema.optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;
export const CustomerListSchema = z.array(CustomerSchema);

/** The document's `integer` inputs are Java `int`s: a value outside their range is refused, not stored. */
const javaInt = z
  .number()
  .int()
  .min(-(2 ** 31))
  .max(2 ** 31 - 1);

/**
 * A new customer (`POST /customers`, `/customers/list`). `externalId` is generated when absent; phone numbers come
 * from `numbers` or, when it is absent, from the Phone1..3 attributes. Attributes are accepted in the documented
 * wrapper and, leniently, as the bare array the field list describes.
 */
export const NewCustomerSchema = z.strictObject({
  externalId: z.union([z.string(), z.number().transform(String)]).optional(),
  numbers: z.string().optional(),
  date: DateTimeSchema.optional(),
  agentId: GuidSchema.optional(),
  dialingMode: CustomerDialingModeSchema.optional(),
  previewTime: javaInt.min(0).optional(),
  priority: javaInt.optional(),
  timeZone: z.string().optional(),
  attributes: z.union([AttributesSchema, z.array(AttributeSchema)]).optional(),
});
export type NewCustomer = z.infer<typeof NewCustomerSchema>;
export type NewCustomerInput = z.input<typeof NewCustomerSchema>;

/** Output-only customer properties, ignored on input (a GET body can be posted back). */
export const CUSTOMER_READ_ONLY_FIELDS = [
  'id',
  'result',
  'callResult',
  'classifier',
  'callCount',
  'lastBNumber',
  'modificationDate',
  'script',
] as const;

export const CUSTOMER_SEARCH_FIELDS = [
  'externalId',
  'numbers',
  'result',
  'callResult',
  'classifier',
  'callCount',
  'lastBNumber',
  'dialingMode',
  'previewTime',
  'priority',
  'timeZone',
] as const;
export const CUSTOMER_DATE_FIELDS = ['date', 'modificationDate'] as const;
export const MAX_NUMBERS = 3;
export const DEFAULT_CUSTOMER_LIMIT = 100;

/** One item of the `POST /customers/list` answer: 201 created, 200 validated only (process stopped), else error. */
export const BulkItemResultSchema = z.strictObject({
  statusCode: z.number().int(),
  id: Id32Schema.optional(),
  error: z.string().optional(),
});
export type BulkItemResult = z.infer<typeof BulkItemResultSchema>;
export const BulkResultSchema = z.array(BulkItemResultSchema);

// ---- Errors and query parameters ------------------------------------------------------------------------------------

/** Error body (the document shows none; the simulator reuses the per-item shape of the list answer — assumed). */
export const ErrorSchema = z.strictObject({ statusCode: z.number().int(), error: z.string() });
export type ErrorBody = z.infer<typeof ErrorSchema>;

const flag = z.enum(['true', 'false']);
const isoQuery = z.string().describe('UTC date-time, e.g. 2020-06-29T12:00:00.000Z');

export const CampaignsQuerySchema = z.object({
  statistics: flag.optional().describe('Includes statistics (total and daily for the current UTC day).'),
  statisticsDate: isoQuery.optional().describe('Daily statistics of that UTC day instead (needs statistics=true).'),
  agentId: z.string().optional().describe('Statistics of these agents only (comma-separated ids).'),
  ...Object.fromEntries(
    CAMPAIGN_SEARCH_FIELDS.map((f) => [
      f,
      z
        .string()
        .optional()
        .describe(
          (CAMPAIGN_ID_FIELDS as readonly string[]).includes(f)
            ? 'id32 or id36 GUID'
            : f === 'status'
              ? 'Pattern with * and ?; comma-separated list allowed'
              : 'Pattern with * and ?',
        ),
    ]),
  ),
  ...Object.fromEntries(
    CAMPAIGN_DATE_FIELDS.flatMap((f) => [
      [f, isoQuery.optional().describe(`${f} after the given UTC time`)],
      [`${f}End`, isoQuery.optional().describe(`${f} before the given UTC time`)],
    ]),
  ),
});

export const CustomersQuerySchema = z.object({
  includeScript: flag.optional().describe('Includes the script answers.'),
  agentId: z.string().optional().describe('Comma-separated agent ids.'),
  ...Object.fromEntries(CUSTOMER_SEARCH_FIELDS.map((f) => [f, z.string().optional().describe('Pattern with * and ?')])),
  ...Object.fromEntries(
    CUSTOMER_DATE_FIELDS.flatMap((f) => [
      [f, isoQuery.optional().describe(`${f} after the given UTC time`)],
      [`${f}End`, isoQuery.optional().describe(`${f} before the given UTC time`)],
    ]),
  ),
  attributeName: z.string().optional().describe('Attribute name (pattern).'),
  attributeValue: z.string().optional().describe('Attribute value (pattern); needs attributeName.'),
  offset: z.string().regex(/^\d+$/).optional().describe('Default 0.'),
  limit: z.string().regex(/^\d+$/).optional().describe('Default 100.'),
});

export const BulkQuerySchema = z.object({
  stopProcessIfInvalidEntriesFound: flag
    .optional()
    .describe('When true and any item is invalid, no customer is added (items answer 200 or an error).'),
});

export const StatisticsQuerySchema = z.object({
  startDate: isoQuery.optional().describe('From this UTC day (time of day should be 0).'),
  endDate: isoQuery.optional().describe('Until this UTC day, inclusive.'),
  campaignId: z.string().optional().describe('id32 or id36 GUID'),
  agentId: z.string().optional().describe('id32 or id36 GUID'),
});
