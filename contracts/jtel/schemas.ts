import { z } from 'zod';

/**
 * jtel Contact Center REST API contracts (vendor document 004 plus the README's supplementary jtel facts). Field
 * names are jtel's: PascalCase table columns, `ID` primary keys, `<Table>ID` foreign keys, `b…` flags, `n…` numbers,
 * `dt…` local timestamps without a zone (`2020-08-09T02:33:50.347`). The simulator answers with these schemas; the
 * reference client parses every response with them.
 */

/** `GET /acd/events/types` (README: VoiceMail = 1, Fax = 2, Callback = 3, SMS = 4, Email = 5). */
export const ACD_EVENT_TYPES = { VoiceMail: 1, Fax: 2, Callback: 3, SMS: 4, Email: 5 } as const;
export type AcdEventTypeName = keyof typeof ACD_EVENT_TYPES;
export type AcdEventTypeId = (typeof ACD_EVENT_TYPES)[AcdEventTypeName];

/** The document's AcdEventStatus example: the 11 statuses with their exact `ID` and `ShortText`. */
export const ACD_EVENT_STATUS = {
  EnterSystem: 0,
  Distribute: 1,
  TransportSMTP: 2,
  TransportToGroup: 4,
  TransportAgent: 10,
  New: 20,
  Seen: 30,
  Remind: 40,
  ChatClosed: 98,
  Done: 99,
  Error: 100,
} as const;
export type AcdEventStatusName = keyof typeof ACD_EVENT_STATUS;
export type AcdEventStatusId = (typeof ACD_EVENT_STATUS)[AcdEventStatusName];

/** Dialler result code types (README: done, abort, delay, appointment). */
export const RESULT_CODE_TYPES = ['DONE', 'ABORT', 'DELAY', 'APPOINTMENT'] as const;
export type ResultCodeType = (typeof RESULT_CODE_TYPES)[number];

/** `languagesID` of the result codes call: 1 = English, 2 = German (documented). */
export const LANGUAGES = { English: 1, German: 2 } as const;

/** A local timestamp as jtel writes it: no zone, milliseconds (`2020-08-09T02:33:50.347`). */
export const LOCAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;
const LocalTimestamp = z.string().regex(LOCAL_TIMESTAMP, 'a local timestamp yyyy-mm-ddThh:mm:ss.SSS');
const Id = z.number().int();

/** E.164: `+`, country code, up to 15 digits. */
export const E164 = /^\+[1-9]\d{1,14}$/;

// ---- Envelopes ------------------------------------------------------------------------------------------------------

/** The list envelope of the document (`filter`, `limitStart`, `limitPageSize` are reserved for future use). */
export const listEnvelope = <T extends z.ZodType>(record: T) =>
  z.object({
    filter: z.literal(''),
    limitStart: z.literal(0),
    limitPageSize: z.literal(-1),
    records: z.array(record),
    count: z.number().int().min(0),
    orderBy: z.string(),
    ascending: z.boolean(),
    status: z.literal(200),
  });

/** Single objects, search results, create and clone: `{records, count, status}`. */
export const recordsEnvelope = <T extends z.ZodType>(record: T) =>
  z.object({ records: z.array(record), count: z.number().int().min(0), status: z.literal(200) });

/** Delete: the status code only. */
export const StatusResponseSchema = z.object({ status: z.literal(200) });

/** Every error (README: `{"status": 404, "error": "Dialler campaign not found"}`); `status` is the HTTP code. */
export const ErrorResponseSchema = z.object({ status: z.number().int(), error: z.string() });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

// ---- ACD events ---------------------------------------------------------------------------------------------------

export const AcdEventStatusSchema = z.object({ ShortText: z.string(), ID: Id });
export type AcdEventStatus = z.infer<typeof AcdEventStatusSchema>;
/** Event types in the statuses' shape (assumed: the document's example of the types list is lost in the diff). */
export const AcdEventTypeSchema = z.object({ ShortText: z.string(), ID: Id });
export type AcdEventType = z.infer<typeof AcdEventTypeSchema>;

export const AcdEventSchema = z.object({
  AcdEventsID: Id,
  ClientsID: Id,
  AcdEventTypesID: Id,
  AcdEventStatusID: Id,
  AcdGroupsID: Id,
  AcdConfigurationGroupsID: Id,
  AcdAgentGroupsID: Id,
  UsersID: Id.nullable(),
  Sender: z.string(),
  Receiver: z.string().nullable(),
  Subject: z.string(),
  Body: z.string().nullable(),
  CrmURL: z.string().nullable(),
  UserData: z.string().nullable(),
  nPriority: Id,
  dtAppointment: LocalTimestamp.nullable(),
  SkillsValue1: z.number().nullable(),
  SkillsValue2: z.number().nullable(),
  ChatConnectorsID: Id.nullable(),
  Comment: z.string().nullable(),
  dtCreated: LocalTimestamp,
  dtLastModified: LocalTimestamp,
  /** Only in the answer of a create: `UPDATED` when an existing event was returned instead (documented). */
  Result_: z.literal('UPDATED').optional(),
});
export type AcdEvent = z.infer<typeof AcdEventSchema>;

const IntLike = z.union([z.number(), z.string()]);
/**
 * `POST /acd/events/create` (documented fields). Types are loose on purpose: the simulator checks each rule itself
 * to answer the vendor's 400 naming the field; this schema documents the body (and types the client).
 */
export const CreateAcdEventRequestSchema = z.object({
  AcdEventTypesID: IntLike.describe('Required. The ID of the AcdEventType (1 VoiceMail … 5 Email)'),
  AcdGroupsID: IntLike.optional().describe('Either this, or both AcdConfigurationGroupsID and AcdAgentGroupsID'),
  AcdConfigurationGroupsID: IntLike.optional(),
  AcdAgentGroupsID: IntLike.optional(),
  UsersID: IntLike.optional().describe('The user to distribute the event to; otherwise the group queue'),
  Sender: z.string().describe('Required. E.164 for voice mail and callback events'),
  Receiver: z.string().optional().describe('For telephone events a configured service number in E.164'),
  Subject: z.string().describe('Required'),
  Body: z.string().optional().describe('Callback events only'),
  CrmURL: z.string().optional().describe('A well-formed URL'),
  UserData: z.string().optional(),
  nPriority: IntLike.optional().describe('Default 50'),
  dtAppointmentDate: z.string().optional().describe('yyyy-mm-dd or yyyymmdd'),
  dtAppointmentTime: z.string().optional().describe('hh:mm or hhmm'),
});
export type CreateAcdEventRequest = z.infer<typeof CreateAcdEventRequestSchema>;

export const AcdEventListSchema = listEnvelope(AcdEventSchema);
export const AcdEventRecordsSchema = recordsEnvelope(AcdEventSchema);
export const AcdEventStatusListSchema = listEnvelope(AcdEventStatusSchema);
export const AcdEventTypeListSchema = listEnvelope(AcdEventTypeSchema);

// ---- ACD groups ---------------------------------------------------------------------------------------------------

const AudioRef = Id.nullable();
export const AcdGroupSchema = z.object({
  ID: Id,
  ClientsID: Id,
  Name: z.string(),
  ForeignSystemID: z.string().nullable(),
  AcdConfigurationGroupsID: Id,
  AcdAgentGroupsID: Id,
  bAllowDuplicateEvents: z.boolean(),
  DistributionAlgorithmID: Id,
  QueueMusicID4Sec: Id,
  QueueOffhookAnnouncementID: AudioRef,
  TarifAnnouncementWavesID: AudioRef,
  bPositionAnnouncement3: z.boolean(),
  bCallRedirectionAfterNumberAnnouncement: z.boolean(),
  SupervisorAggregationSkill1ID: AudioRef,
  SupervisorAggregationSkill2ID: AudioRef,
  SupervisorAggregationSkill3ID: AudioRef,
  SupervisorAggregationSkill4ID: AudioRef,
  SupervisorAggregationSkill5ID: AudioRef,
  nMaxQueueTime: Id,
  nServiceLevelSeconds: Id,
});
export type AcdGroup = z.infer<typeof AcdGroupSchema>;
export const AcdGroupRecordsSchema = recordsEnvelope(AcdGroupSchema);

// ---- Dialler ------------------------------------------------------------------------------------------------------

export const DiallerCampaignSchema = z.object({
  ID: Id,
  ClientsID: Id,
  Name: z.string(),
  Description: z.string().nullable(),
  UserData: z.string().nullable(),
  LanguagesID: Id,
  ContactPreviewTime: Id,
  nMaxParallelLines: Id.nullable(),
  nMaxAttempts: Id,
  bCloseContactsOnIncomingCallsMatchCallerID: z.boolean(),
  bCallerIDActive: z.boolean(),
  CallerID: z.string().nullable(),
  AcdGroupsID: Id.nullable(),
  AbortOnNoTelNumberResultCodesID: Id.nullable(),
  IncomingCallResultCodesID: Id.nullable(),
  dtFrom: LocalTimestamp.nullable(),
  dtTo: LocalTimestamp.nullable(),
  dtCreated: LocalTimestamp,
  dtLastModified: LocalTimestamp,
});
export type DiallerCampaign = z.infer<typeof DiallerCampaignSchema>;
export const DiallerCampaignListSchema = listEnvelope(DiallerCampaignSchema);
export const DiallerCampaignRecordsSchema = recordsEnvelope(DiallerCampaignSchema);

export const ResultCodeSchema = z.object({
  ID: Id,
  DiallerCampaignsID: Id,
  LanguagesID: Id,
  Name: z.string(),
  ExportKey: z.string(),
  ResultCodeType: z.enum(RESULT_CODE_TYPES),
  bAgentResultCode: z.boolean(),
  nDelayMinutes: Id,
});
export type ResultCode = z.infer<typeof ResultCodeSchema>;
export const ResultCodeRecordsSchema = recordsEnvelope(ResultCodeSchema);

export const CloneCampaignRequestSchema = z.object({
  source: z.string().describe('Name of the campaign to clone'),
  destination: z.string().describe('Name of the new campaign (must not exist: 409)'),
  userData: z.string().optional(),
});
export type CloneCampaignRequest = z.infer<typeof CloneCampaignRequestSchema>;

export const DiallerContactSchema = z.object({
  ID: Id,
  ClientsID: Id,
  DiallerCampaignsID: Id,
  TelNumber: z.string(),
  FirstName: z.string(),
  LastName: z.string(),
  Company: z.string().nullable(),
  Email: z.string().nullable(),
  UserData: z.string().nullable(),
  nPriority: Id,
  nAttempts: Id,
  bClosed: z.boolean(),
  DiallerResultCodesID: Id.nullable(),
  ResultCodeExportKey: z.string().nullable(),
  dtLastCall: LocalTimestamp.nullable(),
  dtNextCall: LocalTimestamp.nullable(),
  dtCreated: LocalTimestamp,
  dtLastModified: LocalTimestamp,
});
export type DiallerContact = z.infer<typeof DiallerContactSchema>;
export const DiallerContactListSchema = listEnvelope(DiallerContactSchema);
export const DiallerContactRecordsSchema = recordsEnvelope(DiallerContactSchema);

// ---- Queries ------------------------------------------------------------------------------------------------------

export const NameQuerySchema = z.object({ name: z.string().describe('Partial name (required)') });
export const ResultCodesQuerySchema = z.object({
  languagesID: z.enum(['1', '2']).describe('1 = English, 2 = German (required)'),
});
export const ContactsQuerySchema = z.object({
  diallerCampaignsID: z.string().optional().describe('Only the contacts of this campaign'),
});

/** Error texts. The document shows one (`Dialler campaign not found`); the others follow its style (assumed). */
export const MESSAGES = {
  unauthorized: 'Unauthorized',
  campaignNotFound: 'Dialler campaign not found',
  sourceCampaignNotFound: 'Source dialler campaign not found',
  campaignExists: 'Destination dialler campaign already exists',
  eventNotFound: 'AcdEvent not found',
  groupNotFound: 'AcdGroup not found',
  contactNotFound: 'Dialler contact not found',
  jsonRequired: 'Content-Type must be application/json',
  invalidJson: 'The request body is not a JSON object',
  missing: (name: string) => `Missing parameter: ${name}`,
  invalid: (name: string, why: string) => `Invalid parameter ${name}: ${why}`,
} as const;
