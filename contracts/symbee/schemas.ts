import { z } from 'zod';

/**
 * Symbee Connect — Preview Campaign Realtime API contracts (vendor document 000). Field names and casing follow the
 * document exactly, including its quirks: requests say `previewRecordId` (the search example also uses
 * `previewRecordID`, accepted as an alias), responses say `previewRecordID`.
 */

export const PLATFORM_CODE = 'AWS Connect';
export const DEFAULT_CLIENT_ID_FIELD_NAME = 'Id';
export const DEFAULT_MAX_RECORDS = 1000;

/** Regions of the document's `[global-region.]` list; no prefix means us-east-1. */
export const REGIONS = [
  'us-east-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-2',
  'eu-central-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'af-south-1',
] as const;

export const ACTIONS = [
  'addOrUpdateCampaignRecord',
  'searchPreviewCampaign',
  'changeCampaignRecordStatus',
  'transferCampaignRecord',
  'deleteRecordFromCampaign',
] as const;
export type Action = (typeof ACTIONS)[number];

export const WORKED_STATES = ['NOTWORKED', 'WORKED', 'COMPLETED', 'REMOVED'] as const;
export const WorkedStateSchema = z.enum(WORKED_STATES);
export type WorkedState = z.infer<typeof WorkedStateSchema>;

export const CONDITIONS = ['EQUALS', 'NOTEQUALS', 'GREATERTHAN', 'LESSTHAN', 'CONTAINS', 'BEGINSWITH'] as const;
export const ConditionSchema = z.enum(CONDITIONS);
export type Condition = z.infer<typeof ConditionSchema>;

export const SYSTEM_FIELDS = [
  'sys_skill_queue',
  'sys_worked_attempts',
  'sys_item_time_zone',
  'sys_worked_state',
  'sys_preferred_agent',
  'sys_next_earliest_worktime_long',
] as const;
export type SystemField = (typeof SYSTEM_FIELDS)[number];

export const RESULT_STATUSES = [
  'SUCCESS',
  'FAILED',
  'INVALIDCLIENTID',
  'INVALIDRECORDDATAKEY',
  'NORECORDFOUND',
] as const;
export const ResultStatusSchema = z.enum(RESULT_STATUSES);
export type ResultStatus = z.infer<typeof ResultStatusSchema>;

/** The five headers every request needs (document: "API Authentication"). */
export const HEADER_NAMES = {
  platform: 'X-sc-platform-code',
  companyCode: 'X-sc-company-code',
  environment: 'X-sc-company-environment',
  secretsRegion: 'X-sc-secrets-region',
  apiKey: 'X-sc-company-api-key',
} as const;

export const AuthHeadersSchema = z.object({
  'X-sc-platform-code': z.literal(PLATFORM_CODE).describe('Static value "AWS Connect"'),
  'X-sc-company-code': z.string().describe('Your Symbee Connect Company Alias'),
  'X-sc-company-environment': z.string().describe('Your Symbee Connect Environment name'),
  'X-sc-secrets-region': z.string().describe('Your AWS Secrets Manager region, e.g. "us-east-1"'),
  'X-sc-company-api-key': z.string().describe('SecretString of SYMBEE_CONNECT_API_KEY in AWS Secrets Manager'),
});
export type AuthHeaders = z.infer<typeof AuthHeadersSchema>;

/**
 * Requests are strict (an unknown field is refused, as Jackson does by default) but lenient on presence: a missing
 * required value is a logical failure the simulator reports inside HTTP 200 (FAILED / INVALIDCLIENTID), exactly as
 * the document's result statuses describe, not a transport error.
 */
const envelopeShape = {
  platform: z.string().optional(),
  companyCode: z.string().optional(),
  environment: z.string().optional(),
  campaignName: z.string().optional(),
  region: z.string().optional(),
};

const recordLocatorShape = {
  previewRecordId: z.string().optional(),
  /** Spelling used by the document's own search example. */
  previewRecordID: z.string().optional(),
  clientId: z.string().optional(),
};

/**
 * Epoch milliseconds a `CCYY-MM-DD HH:MM:SS.mmm` timestamp can show: up to 9999-12-31 23:59:59.999 UTC (a later
 * instant has a five-digit year and would break the documented format).
 */
export const MAX_EPOCH_MILLIS = 253_402_300_799_999;
export const EpochMillisSchema = z.number().int().min(0).max(MAX_EPOCH_MILLIS);
const epochMillis = EpochMillisSchema;

export const RecordDataItemSchema = z.strictObject({
  key: z.string().optional(),
  value: z.string().optional(),
  displayOrder: z.number().int().optional(),
});
export type RecordDataItem = z.infer<typeof RecordDataItemSchema>;

export const SearchCriterionSchema = z.strictObject({
  key: z.string().optional(),
  value: z.string().optional(),
  condition: z.string().optional(),
});
export type SearchCriterion = z.infer<typeof SearchCriterionSchema>;

export const AddOrUpdateRequestSchema = z.strictObject({
  ...envelopeShape,
  ...recordLocatorShape,
  clientIdFieldName: z.string().optional(),
  preferredAgent: z.string().optional(),
  nextEarliestWorkTimeUTC: epochMillis.optional(),
  previewRecordData: z.array(RecordDataItemSchema).optional(),
});
export type AddOrUpdateRequest = z.infer<typeof AddOrUpdateRequestSchema>;

export const SearchRequestSchema = z.strictObject({
  ...envelopeShape,
  ...recordLocatorShape,
  maxRecords: z.number().int().optional(),
  previewRecordData: z.array(SearchCriterionSchema).optional(),
});
export type SearchRequest = z.infer<typeof SearchRequestSchema>;

export const ChangeStatusRequestSchema = z.strictObject({
  ...envelopeShape,
  ...recordLocatorShape,
  previewRecordStateEnum: z.string().optional(),
  skillQueue: z.string().optional(),
  preferredAgent: z.string().optional(),
  nextEarliestWorkTimeUTC: epochMillis.optional(),
  timeZone: z.string().optional(),
});
export type ChangeStatusRequest = z.infer<typeof ChangeStatusRequestSchema>;

export const TransferRequestSchema = z.strictObject({
  ...envelopeShape,
  ...recordLocatorShape,
  transferToCampaign: z.string().optional(),
  skillQueue: z.string().optional(),
  preferredAgent: z.string().optional(),
  nextEarliestWorkTimeUTC: epochMillis.optional(),
  timeZone: z.string().optional(),
});
export type TransferRequest = z.infer<typeof TransferRequestSchema>;

export const DeleteRequestSchema = z.strictObject({
  ...envelopeShape,
  ...recordLocatorShape,
});
export type DeleteRequest = z.infer<typeof DeleteRequestSchema>;

export const REQUEST_SCHEMAS = {
  addOrUpdateCampaignRecord: AddOrUpdateRequestSchema,
  searchPreviewCampaign: SearchRequestSchema,
  changeCampaignRecordStatus: ChangeStatusRequestSchema,
  transferCampaignRecord: TransferRequestSchema,
  deleteRecordFromCampaign: DeleteRequestSchema,
} as const satisfies Record<Action, z.ZodType>;

// ---- Responses -------------------------------------------------------------------------------------------------

export const PreviewResultSchema = z.object({
  previewResultStatus: ResultStatusSchema,
  error: z.string().nullable(),
});
export type PreviewResult = z.infer<typeof PreviewResultSchema>;

/** Every response echoes the request's envelope (null where the request omitted a field). */
export const ActionResponseSchema = z.object({
  platform: z.string().nullable(),
  companyCode: z.string().nullable(),
  environment: z.string().nullable(),
  region: z.string().nullable(),
  campaignName: z.string().nullable(),
  previewResult: PreviewResultSchema,
});
export type ActionResponse = z.infer<typeof ActionResponseSchema>;

/** `CCYY-MM-DD HH:MM:SS.mmm`, UTC. */
export const TimestampSchema = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);

export const PreviewRecordSchema = z.object({
  previewRecordID: z.string(),
  clientId: z.string(),
  preferredAgent: z.string().nullable(),
  skillQueue: z.string(),
  createdTime: TimestampSchema,
  lastUpdatedTime: TimestampSchema,
  nextEarliestWorkTime: TimestampSchema.nullable(),
  workedState: WorkedStateSchema,
  workAttempts: z.number().int().min(0),
  lastAttemptAgent: z.string().nullable(),
  lastAttemptTime: TimestampSchema.nullable(),
  workCodes: z.array(z.object({ key: z.string(), value: z.string() })),
  previewRecordData: z.array(z.object({ key: z.string(), value: z.string(), displayOrder: z.number().int() })),
});
export type PreviewRecord = z.infer<typeof PreviewRecordSchema>;

export const SearchResponseSchema = ActionResponseSchema.extend({
  previewRecordClientData: z.array(PreviewRecordSchema),
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

export const RESPONSE_SCHEMAS = {
  addOrUpdateCampaignRecord: ActionResponseSchema,
  searchPreviewCampaign: SearchResponseSchema,
  changeCampaignRecordStatus: ActionResponseSchema,
  transferCampaignRecord: ActionResponseSchema,
  deleteRecordFromCampaign: ActionResponseSchema,
} as const satisfies Record<Action, z.ZodType>;

export type ResponseOf<A extends Action> = z.infer<(typeof RESPONSE_SCHEMAS)[A]>;
export type RequestOf<A extends Action> = z.infer<(typeof REQUEST_SCHEMAS)[A]>;

/** Transport/auth failures (HTTP 4xx) carry the same envelope so clients can read one shape. (assumed) */
export const TransportErrorSchema = z.object({
  previewResult: PreviewResultSchema,
});
