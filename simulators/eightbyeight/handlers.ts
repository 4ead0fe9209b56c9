import {
  ASSUMED_MESSAGES,
  type Campaign,
  CustomerIdSchema,
  MAX_RECORDS_PER_REQUEST,
  MESSAGES,
  StatusChangeRequestSchema,
} from '../../contracts/eightbyeight/schemas.ts';
import type { EIGHT_BY_EIGHT_OPERATIONS } from '../../contracts/eightbyeight/operations.ts';
import { basicCredentials } from '../core/auth.ts';
import { reply } from '../core/reply.ts';
import type { RestCall, RestHandler, RestHandlers, RestProtocol } from '../core/rest.ts';
import { JSON_CONTENT_TYPE, parseJson } from '../core/serializers/json.ts';
import { XML_CONTENT_TYPE, xmlListChunks } from '../core/serializers/xml.ts';
import type { VendorCall } from '../core/vendor.ts';
import { exceedsListBounds } from '../core/bounds.ts';
import { MAX_STRUCTURE_TOKENS, addBatch } from './batch.ts';
import { deleteRecord, moveCampaign } from './dialer.ts';
import { fail, unauthorized } from './errors.ts';
import {
  type CampaignModel,
  type EightByEightState,
  REQUEST_TARGET,
  campaignLifecycle,
  campaignOf,
  diagramStateOf,
  isNotStarted,
  isStopped,
  offsetSeconds,
  phoneList,
  phoneOf,
  posixOffsetMinutes,
} from './models.ts';
import { isPending } from './records.ts';

type Call = RestCall<EightByEightState>;
type Handler = RestHandler<EightByEightState>;

// ---- Authentication --------------------------------------------------------------------------------------------

/** The sandbox is found by platform + username (the kernel's tenant key); the password must be the right token. */
export const tenantKey = (platform: string, username: string) => `${platform.toLowerCase()}/${username}`;

/**
 * `data` / `action`: every source agrees (reads: Data; add: Action). `delete` / `status`: 8x8's sources disagree
 * (record page DELETE table and status page POST table: Data; 8x8's OpenAPI: Action for every call), so the
 * sandbox options `deleteToken` / `statusToken` decide, `either` by default.
 */
type TokenNeed = 'data' | 'action' | 'delete' | 'status';

function acceptedTokens(state: EightByEightState, need: TokenNeed): { tokens: string[]; label: 'Action' | 'Data' } {
  const kind = need === 'delete' ? state.deleteToken : need === 'status' ? state.statusToken : need;
  if (kind === 'data') return { tokens: [state.dataToken], label: 'Data' };
  if (kind === 'action') return { tokens: [state.actionToken], label: 'Action' };
  return { tokens: [state.actionToken, state.dataToken], label: 'Action' };
}

/** Operations whose token 8x8's sources disagree on, and the sandbox option that decides it. */
const DISPUTED_TOKEN: Partial<Record<string, TokenNeed>> = {
  deleteCampaignRecord: 'delete',
  changeCampaignStatus: 'status',
  patchCampaignStatus: 'status',
};

/**
 * The password must be a token the call accepts: the one its operation declares in `security`, or for the disputed
 * ones what the sandbox option says. The other token is refused with a message naming the right one.
 */
function authenticate(call: VendorCall<EightByEightState>): void {
  const operation = call.operation;
  const need: TokenNeed =
    DISPUTED_TOKEN[operation?.name ?? ''] ?? (operation?.security?.some((s) => 'actionToken' in s) ? 'action' : 'data');
  const password = basicCredentials(call.req)?.password;
  const { tokens, label } = acceptedTokens(call.state, need);
  if (password !== undefined && tokens.includes(password)) return;
  const isOtherToken = password === call.state.actionToken || password === call.state.dataToken;
  throw isOtherToken ? unauthorized(ASSUMED_MESSAGES.wrongToken(label)) : unauthorized();
}

/**
 * What the REST binding checks before every call: the token. The body's `Content-Type` is checked when a handler
 * reads the body, after the campaign's own checks (an unknown campaign is a 404 whatever the body).
 */
export const protocol: RestProtocol<EightByEightState> = {
  authenticate,
  contentTypeCheck: 'handler',
  unsupportedMediaType: () => fail(415, ASSUMED_MESSAGES.jsonRequired),
};

// ---- Shared checks ---------------------------------------------------------------------------------------------

function requireCampaign(call: Call): CampaignModel {
  const campaign = campaignOf(call.state, call.params.campaignId);
  if (!campaign) throw fail(404, MESSAGES.campaignNotFound);
  return campaign;
}

/** The JSON body, or undefined when it is not JSON (each endpoint answers that with its own message). */
function parsedJson(call: Call): unknown {
  try {
    return parseJson(call.rawBody);
  } catch {
    return undefined;
  }
}

/** Whole-request checks of an add, in this order (the order itself is assumed). */
function checkAcceptsCustomers(c: CampaignModel): void {
  if (!c.dynamic) throw fail(400, MESSAGES.notDynamicRecords);
  if (!c.enabled) throw fail(400, MESSAGES.notEnabled);
  if (isStopped(c.status)) throw fail(400, MESSAGES.campaignStopped);
  if (isNotStarted(c.status)) throw fail(400, MESSAGES.notStarted);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---- POST /api/tstats/campaigns/{campaignId}/customers --------------------------------------------------------------

const addCustomers: Handler = (call) => {
  const c = requireCampaign(call);
  checkAcceptsCustomers(c);
  call.requireBodyType();
  // Counted before parsing: a body of millions of tiny entries (or of nested values) must not stall the simulator
  // or exhaust its heap to be refused.
  if (exceedsListBounds(call.rawBody, { elements: MAX_RECORDS_PER_REQUEST, tokens: MAX_STRUCTURE_TOKENS })) {
    throw fail(400, MESSAGES.invalidCustomerList);
  }
  const body = parsedJson(call);
  if (!Array.isArray(body) || body.length === 0 || !body.every(isPlainObject)) {
    throw fail(400, MESSAGES.invalidCustomerList);
  }
  return addBatch(call.state, c, body, call.now());
};

// ---- DELETE /api/tstats/campaigns/{campaignId}/customers/{customerId} ----------------------------------------------

/**
 * `{customerId}` is the ACCOUNTNUM, which is also the record's `record-id`. Whole-campaign checks first (8x8's
 * OpenAPI messages; their order is assumed), then the record: only New, Queued and Scheduled ones can be removed.
 */
const deleteCustomer: Handler = (call) => {
  const c = requireCampaign(call);
  if (!c.dynamic) throw fail(400, MESSAGES.notDynamicRecords);
  if (!c.enabled) throw fail(400, MESSAGES.notEnabledDelete);
  if (isStopped(c.status)) throw fail(400, MESSAGES.campaignStoppedDelete);
  const id = CustomerIdSchema.safeParse(call.params.customerId);
  const row = id.success ? c.records.byCustomer.get(Number(id.data)) : undefined;
  if (row === undefined) throw fail(404, MESSAGES.customerNotLocated);
  if (!isPending(c.records.status[row] as number)) throw fail(400, MESSAGES.customerNotDeletable);
  deleteRecord(call.state, c, row, call.now());
  return reply.empty(204);
};

// ---- GET /api/stats/campaigns/{campaignId}/records(.json) ---------------------------------------------------------

const digitsOf = (text: string) => text.replace(/[^0-9]/g, '');

/**
 * `?phone-list=*Contact Number|5551234567`: the digits after the last `|` must equal the record's phone digits, so
 * the CRM field name in the filter need not match the one shown (`*Phone Number|…`); a filter without digits
 * matches the records that have no phone number, an empty or absent one lists every record — assumed.
 */
function phoneFilter(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : digitsOf(value.slice(value.lastIndexOf('|') + 1));
}

type XmlRecord = Record<string, string | number>;

/**
 * The XML form of a record: `<record><record-id>…` first (README), then the other fields in the JSON order
 * (assumed: the README shows only the first element).
 */
function* xmlRecordsOf(state: EightByEightState, c: CampaignModel, phone: string | undefined): Generator<XmlRecord> {
  const rs = c.records;
  const size = rs.size; // rows added while the answer streams are not part of it
  for (let row = 0; row < size; row++) {
    if (!rs.isLive(row)) continue;
    const number = phoneOf(state, rs.customer[row] as number) ?? '';
    if (phone !== undefined && digitsOf(number) !== phone) continue;
    yield {
      'record-id': rs.customer[row] as number,
      'campaign-name': c.name,
      'campaign-id': c.id,
      'phone-list': phoneList(state, number),
      status: rs.status[row] as number,
      'status-code': rs.code[row] as number,
      'ext-trans-data': rs.extData.get(row) ?? '',
      'disposition-code': rs.dispositionCode(row),
    };
  }
}

/**
 * records.json text, written by hand rather than by JSON.stringify per record: 5,000,000 records stream in a few
 * seconds. Only the campaign name and ext-trans-data can need escaping (JSON.stringify); phones are digits.
 */
function* jsonRecordChunks(state: EightByEightState, c: CampaignModel, phone: string | undefined): Generator<string> {
  const rs = c.records;
  const size = rs.size; // rows added while the answer streams are not part of it
  const head = `{"campaign-name":${JSON.stringify(c.name)},"campaign-id":${c.id},"record-id":`;
  const phonePrefix = JSON.stringify(`*${state.phoneLabel}|`).slice(0, -1); // opening quote and label, still open
  let text = '{"records":{"record":[';
  let separator = '';
  for (let row = 0; row < size; row++) {
    if (!rs.isLive(row)) continue;
    const number = phoneOf(state, rs.customer[row] as number) ?? '';
    if (phone !== undefined && digitsOf(number) !== phone) continue;
    const ext = rs.extData.get(row);
    text +=
      `${separator}${head}${rs.customer[row]},"phone-list":${number === '' ? '""' : `${phonePrefix}${number}"`}` +
      `,"status":${rs.status[row]},"status-code":${rs.code[row]}` +
      `,"ext-trans-data":${ext === undefined ? '""' : JSON.stringify(ext)},"disposition-code":${rs.dispositionCode(row)}}`;
    separator = ',';
    if (text.length >= 64 * 1024) {
      yield text;
      text = '';
    }
  }
  yield `${text}]}}`;
}

/** `records.json`: `{"records": {"record": [...]}}`, streamed (a campaign may hold 5,000,000 records). */
const listRecordsJson: Handler = (call) => {
  const c = requireCampaign(call);
  const phone = phoneFilter(call.query['phone-list']);
  return reply.stream(200, `${JSON_CONTENT_TYPE}; charset=utf-8`, () => jsonRecordChunks(call.state, c, phone));
};

/** `records` (no `.json`): the same list as XML `<records><record>…`, streamed. */
const listRecordsXml: Handler = (call) => {
  const c = requireCampaign(call);
  const records = xmlRecordsOf(call.state, c, phoneFilter(call.query['phone-list']));
  return reply.stream(200, `${XML_CONTENT_TYPE}; charset=utf-8`, () => xmlListChunks('records', 'record', records));
};

// ---- Campaign status ----------------------------------------------------------------------------------------------

const yesNo = (flag: boolean) => (flag ? 'Y' : 'N');

/** The status page's example types: times `2022-10-17T22:31:02+01:00` (here in the campaign's zone) or `""`. */
export function campaignView(c: CampaignModel): Campaign {
  const offset = posixOffsetMinutes(c.timezone);
  const timeOrEmpty = (ms: number | null) => (ms === null ? '' : offsetSeconds(ms, offset));
  return {
    'campaign-name': c.name,
    'campaign-id': c.id,
    enabled: yesNo(c.enabled),
    status: c.status,
    'no-of-records': c.records.live,
    'caller-id': c.callerId,
    'queue-id': c.queueId,
    'start-time': timeOrEmpty(c.startTime),
    'end-time': timeOrEmpty(c.endTime),
    'actual-run-time': timeOrEmpty(c.actualRunTime),
    'actual-stop-time': timeOrEmpty(c.actualStopTime),
    'daily-start-time': c.dailyStartTime,
    'daily-end-time': c.dailyEndTime,
    'retry-interval': c.retryIntervalMinutes,
    'max-retry': c.maxRetry,
    'abandon-max-retry': c.abandonMaxRetry ?? '',
    'max-ring-time': c.maxRingTime,
    'integration-type': c.integrationType,
    'calling-window': c.callingWindow,
    'schedule-name': c.scheduleName,
    timezone: c.timezone,
    'dynamic-campaign': yesNo(c.dynamic),
    sequential: yesNo(c.sequential),
  };
}

const getCampaign: Handler = (call) => reply.json(200, { campaign: campaignView(requireCampaign(call)) });

/**
 * `{"status": RUNNING|PAUSED|PURGED|STOPPED}` by POST (status page) or PATCH (8x8's OpenAPI), along 8x8's state
 * diagram (`campaignLifecycle`). Refused: a non-dynamic campaign ("Not a dynamic campaign"), a disabled one, and
 * every move the diagram lacks, an unknown status value or a non-JSON body ("Invalid state transition", the
 * OpenAPI's example; the last two are assumed).
 */
const changeCampaignStatus: Handler = (call) => {
  const c = requireCampaign(call);
  if (!c.dynamic) throw fail(400, MESSAGES.notDynamic);
  if (!c.enabled) throw fail(400, MESSAGES.notEnabled);
  call.requireBodyType();
  const parsed = StatusChangeRequestSchema.safeParse(parsedJson(call));
  if (!parsed.success) throw fail(400, MESSAGES.invalidStateTransition);
  const target = REQUEST_TARGET[parsed.data.status];
  if (!campaignLifecycle.canMove(diagramStateOf(c.status), target.node)) {
    throw fail(400, MESSAGES.invalidStateTransition);
  }
  moveCampaign(call.state, c, target.status, call.now());
  return reply.json(200, { message: MESSAGES.statusChanged });
};

export const handlers: RestHandlers<EightByEightState, typeof EIGHT_BY_EIGHT_OPERATIONS> = {
  addCampaignRecords: addCustomers,
  viewCampaignRecordsJson: listRecordsJson,
  viewCampaignRecordsXml: listRecordsXml,
  deleteCampaignRecord: deleteCustomer,
  getCampaign,
  changeCampaignStatus,
  patchCampaignStatus: changeCampaignStatus,
};
