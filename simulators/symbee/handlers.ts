import type { z } from 'zod';
import {
  type Action,
  DEFAULT_CLIENT_ID_FIELD_NAME,
  DEFAULT_MAX_RECORDS,
  HEADER_NAMES,
  PLATFORM_CODE,
  REGIONS,
  REQUEST_SCHEMAS,
  type RequestOf,
  WorkedStateSchema,
} from '../../contracts/symbee/schemas.ts';
import type { SYMBEE_OPERATIONS } from '../../contracts/symbee/operations.ts';
import { VendorError, describeIssues } from '../core/errors.ts';
import { type Reply, reply } from '../core/reply.ts';
import type { RestCall, RestHandlers, RestProtocol } from '../core/rest.ts';
import { JsonParseError, parseJson } from '../core/serializers/json.ts';
import type { VendorCall } from '../core/vendor.ts';
import { MESSAGES, fail, failure, httpError, inEnvelope } from './errors.ts';
import { compileCriteria, searchRecords } from './search.ts';
import {
  type Campaign,
  changeStatus,
  deleteRecord,
  normalizeRecordData,
  requireAgent,
  requireCampaign,
  requireRecord,
  requireSkillQueue,
  requireTimeZone,
  type SymbeeState,
  toWire,
  transferRecord,
  upsertRecord,
} from './models.ts';

type Call = RestCall<SymbeeState>;

/** What an action adds to the response besides the envelope and previewResult. */
type ActionExtras = Record<string, unknown>;

interface ActionContext<A extends Action> {
  call: Call;
  state: SymbeeState;
  body: RequestOf<A>;
  campaign: Campaign;
  now: number;
}

// ---- Request checks shared by every action ---------------------------------------------------------------------

/** The five X-sc-* headers must be present and name this tenant's current key (HTTP 401 otherwise — assumed). */
function authenticate(call: VendorCall<SymbeeState>): void {
  const { state, req } = call;
  for (const [name, expectedOf] of AUTH_HEADERS) {
    const got = req.get(name);
    if (got === undefined || got === '') throw httpError(401, `Missing required header ${name}`);
    if (got !== expectedOf(state)) {
      throw httpError(401, name === HEADER_NAMES.apiKey ? 'Invalid API key' : `Invalid ${name} header value`);
    }
  }
}

/** Each required header and the tenant's value for it, in the order they are checked (a table, not rebuilt per call). */
const AUTH_HEADERS: readonly (readonly [string, (state: SymbeeState) => string])[] = [
  [HEADER_NAMES.platform, () => PLATFORM_CODE],
  [HEADER_NAMES.companyCode, (state) => state.companyCode],
  [HEADER_NAMES.environment, (state) => state.environment],
  [HEADER_NAMES.secretsRegion, (state) => state.secretsRegion],
  [HEADER_NAMES.apiKey, (state) => state.apiKey.current],
];

/**
 * What the REST binding checks before every action: the headers, then the body's type (assumed statuses). The
 * service is Java (JAX-RS): bodies are bound with Jackson's default coercions, so a Java client's `null` for an
 * unset field reads as absent, and `"displayOrder": "2"` or `"clientId": 123` are taken as Jackson takes them.
 */
export const protocol: RestProtocol<SymbeeState> = {
  authenticate,
  unsupportedMediaType: () => httpError(415, 'Content-Type must be application/json'),
  jackson: true,
};

function parseBody<A extends Action>(action: A, call: Call): RequestOf<A> {
  let json: unknown;
  try {
    json = parseJson(call.rawBody);
  } catch (err) {
    throw httpError(400, (err as JsonParseError).message);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw httpError(400, 'Request body must be a JSON object');
  }
  json = call.bindBody(json);
  const schema = REQUEST_SCHEMAS[action] as unknown as z.ZodType<RequestOf<A>>;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw httpError(400, `Invalid request: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** The body's platform/company/environment must be the ones the headers authenticated (HTTP 403 — assumed). */
function matchHeaders(call: Call, body: RequestOf<Action>): void {
  const pairs: [string | undefined, string][] = [
    [body.platform, HEADER_NAMES.platform],
    [body.companyCode, HEADER_NAMES.companyCode],
    [body.environment, HEADER_NAMES.environment],
  ];
  for (const [value, header] of pairs) {
    if (value !== undefined && value !== call.req.get(header)) {
      throw httpError(403, `Request body does not match the ${header} header`);
    }
  }
}

/** Envelope values the service checks itself, reported as FAILED inside HTTP 200 (document). */
function checkEnvelope(state: SymbeeState, body: RequestOf<Action>): Campaign {
  for (const field of ['platform', 'companyCode', 'environment', 'region'] as const) {
    if (!body[field]) throw fail(MESSAGES.missing(field));
  }
  if (body.platform !== PLATFORM_CODE) throw fail(`Invalid platform '${body.platform}'; use "${PLATFORM_CODE}"`);
  if (!(REGIONS as readonly string[]).includes(body.region as string)) {
    throw fail(`Invalid region '${body.region}'; expected one of ${REGIONS.join(', ')}`);
  }
  if (body.region !== state.region) {
    throw fail(`Environment '${state.environment}' does not reside in region '${body.region}'`);
  }
  return requireCampaign(state, body.campaignName);
}

function envelope(body: Partial<RequestOf<Action>> | undefined) {
  return {
    platform: body?.platform ?? null,
    companyCode: body?.companyCode ?? null,
    environment: body?.environment ?? null,
    region: body?.region ?? null,
    campaignName: body?.campaignName ?? null,
  };
}

/**
 * The response body: envelope, previewResult, then the action's fields (`extras` over `emptyExtras`). Same keys in
 * the same order as spreading them, assigned in place: this runs on every request.
 */
function response(
  body: Partial<RequestOf<Action>> | undefined,
  previewResult: { previewResultStatus: string; error: string | null },
  emptyExtras: ActionExtras,
  extras?: ActionExtras | void,
): Record<string, unknown> {
  const out: Record<string, unknown> = envelope(body);
  out.previewResult = previewResult;
  for (const key in emptyExtras) out[key] = emptyExtras[key];
  if (extras) for (const key in extras) out[key] = extras[key];
  return out;
}

/**
 * One action handler (after the binding's header and content-type checks): parse + validate → header/body match →
 * envelope and campaign → the action. A logical failure is answered inside HTTP 200 with the request's envelope
 * around its `previewResultStatus`; transport failures (4xx) pass through as they are.
 */
function action<A extends Action>(
  name: A,
  run: (ctx: ActionContext<A>) => ActionExtras | void,
  emptyExtras: ActionExtras = {},
) {
  return (call: Call): Reply => {
    let body: RequestOf<A> | undefined;
    try {
      body = parseBody(name, call);
      matchHeaders(call, body);
      const campaign = checkEnvelope(call.state, body);
      const extras = run({ call, state: call.state, body, campaign, now: call.now() });
      return reply.json(200, response(body, { previewResultStatus: 'SUCCESS', error: null }, emptyExtras, extras));
    } catch (err) {
      if (!(err instanceof VendorError) || err.status !== 200) throw err;
      throw inEnvelope(err, response(body, { previewResultStatus: err.code, error: err.message }, emptyExtras));
    }
  };
}

const locatorOf = (body: { previewRecordId?: string; previewRecordID?: string; clientId?: string }) => ({
  previewRecordId: body.previewRecordId || body.previewRecordID || undefined,
  clientId: body.clientId || undefined,
});

/** Routing fields shared by changeCampaignRecordStatus and transferCampaignRecord, validated. */
function routingChange(state: SymbeeState, body: RequestOf<'changeCampaignRecordStatus' | 'transferCampaignRecord'>) {
  return {
    skillQueue: body.skillQueue === undefined ? undefined : requireSkillQueue(state, body.skillQueue, 'skillQueue'),
    preferredAgent: body.preferredAgent === undefined ? undefined : requireAgent(state, body.preferredAgent),
    nextEarliestWorkTime: body.nextEarliestWorkTimeUTC,
    timeZone: body.timeZone === undefined ? undefined : requireTimeZone(body.timeZone, 'timeZone'),
  };
}

// ---- The five actions --------------------------------------------------------------------------------------------

const addOrUpdateCampaignRecord = action('addOrUpdateCampaignRecord', ({ state, body, campaign, now, call }) => {
  if (!body.clientId) throw failure('INVALIDCLIENTID', MESSAGES.clientIdRequired);
  if (body.previewRecordData === undefined) throw fail(MESSAGES.missing('previewRecordData'));
  if (body.clientIdFieldName === '') throw fail('clientIdFieldName must not be empty');
  const clientIdFieldName = body.clientIdFieldName ?? DEFAULT_CLIENT_ID_FIELD_NAME;
  const data = normalizeRecordData(state, body.previewRecordData, clientIdFieldName);
  const preferredAgent = body.preferredAgent === undefined ? undefined : requireAgent(state, body.preferredAgent);
  upsertRecord(
    state,
    {
      campaign,
      locator: locatorOf(body),
      clientId: body.clientId,
      clientIdFieldName,
      data,
      preferredAgent,
      nextEarliestWorkTime: body.nextEarliestWorkTimeUTC,
    },
    now,
    call.rng,
  );
});

const searchPreviewCampaign = action(
  'searchPreviewCampaign',
  ({ body, campaign }) => {
    const locator = locatorOf(body);
    if (locator.previewRecordId || locator.clientId) {
      return { previewRecordClientData: [toWire(requireRecord(campaign, locator))] };
    }
    if (!body.previewRecordData || body.previewRecordData.length === 0) {
      throw fail('previewRecordData is required when previewRecordId and clientId are not provided');
    }
    const maxRecords = body.maxRecords ?? DEFAULT_MAX_RECORDS;
    if (maxRecords <= 0) throw fail('maxRecords must be greater than zero');
    const criteria = compileCriteria(campaign, body.previewRecordData);
    return { previewRecordClientData: searchRecords(campaign, criteria, maxRecords).map(toWire) };
  },
  { previewRecordClientData: [] },
);

const changeCampaignRecordStatus = action('changeCampaignRecordStatus', ({ state, body, campaign, now }) => {
  const record = requireRecord(campaign, locatorOf(body));
  if (!body.previewRecordStateEnum) throw fail(MESSAGES.missing('previewRecordStateEnum'));
  const target = WorkedStateSchema.safeParse(body.previewRecordStateEnum);
  if (!target.success) {
    throw fail(
      `Invalid previewRecordStateEnum '${body.previewRecordStateEnum}'; expected one of ${WorkedStateSchema.options.join(', ')}`,
    );
  }
  if (target.data === 'WORKED' && body.nextEarliestWorkTimeUTC === undefined) {
    throw fail('nextEarliestWorkTimeUTC is required when previewRecordStateEnum is WORKED');
  }
  changeStatus(state, record, { state: target.data, ...routingChange(state, body) }, now);
});

const transferCampaignRecord = action('transferCampaignRecord', ({ state, body, campaign, now }) => {
  const record = requireRecord(campaign, locatorOf(body));
  if (!body.transferToCampaign) throw fail(MESSAGES.missing('transferToCampaign'));
  const target = requireCampaign(state, body.transferToCampaign);
  transferRecord(state, campaign, target, record, routingChange(state, body), now);
});

const deleteRecordFromCampaign = action('deleteRecordFromCampaign', ({ body, campaign }) => {
  deleteRecord(campaign, requireRecord(campaign, locatorOf(body)));
});

export const handlers: RestHandlers<SymbeeState, typeof SYMBEE_OPERATIONS> = {
  addOrUpdateCampaignRecord,
  searchPreviewCampaign,
  changeCampaignRecordStatus,
  transferCampaignRecord,
  deleteRecordFromCampaign,
};
