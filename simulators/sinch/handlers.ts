import type { VendorRequest } from '../core/request.ts';
import type { z } from 'zod';
import {
  API_PREFIX,
  CAMPAIGN_READ_ONLY_FIELDS,
  CUSTOMER_READ_ONLY_FIELDS,
  CampaignUpdateSchema,
  type BulkItemResult,
  type CampaignStatistics,
  type Customer as CustomerView,
  DEFAULT_CUSTOMER_LIMIT,
  NewCustomerSchema,
  SettableStatusSchema,
  type CustomerResultStatistic,
} from '../../contracts/sinch/schemas.ts';
import type { SINCH_OPERATIONS } from '../../contracts/sinch/operations.ts';
import { basicCredentials } from '../core/auth.ts';
import { VendorError } from '../core/errors.ts';
import { type Reply, reply } from '../core/reply.ts';
import type { RestCall, RestHandler, RestHandlers, RestProtocol } from '../core/rest.ts';
import { JsonParseError, parseJson } from '../core/serializers/json.ts';
import { XmlParseError, XmlTooLarge, parseXml } from '../core/serializers/xml.ts';
import type { VendorCall } from '../core/vendor.ts';
import { MESSAGES, WWW_AUTHENTICATE, obiError } from './errors.ts';
import { MAX_XML_TAGS, checkJsonBounds, checkListLength, tooLarge } from './limits.ts';
import {
  type Campaign,
  type Customer,
  type CustomerDraft,
  type SinchState,
  activeDuring,
  changeStatus,
  countCustomers,
  deleteCustomer,
  dialerOf,
  draftCustomer,
  insertCustomer,
  isExternalIdTaken,
  isoUtc,
  queueOf,
  reopen,
  requireCampaign,
  requireCustomer,
  updateCampaign,
} from './models.ts';
import { type FieldSpec, compileFilters, requireDate, requireGuid, requireGuidList, wildcardMatch } from './search.ts';
import { DAY_MS, campaignStatistics, dayOf, statisticsRows } from './statistics.ts';
import { HTML_TYPE, type WireFormat, XML_TYPE, collection, entity, javaTyped } from './wire.ts';

type Call = RestCall<SinchState>;

function authenticate(call: VendorCall<SinchState>): void {
  const credentials = basicCredentials(call.req);
  if (credentials?.username !== call.state.username || credentials.password !== call.state.password) {
    throw obiError(401, MESSAGES.unauthorized, WWW_AUTHENTICATE);
  }
}

/**
 * What the REST binding checks before every endpoint: Basic auth (401), `Accept` (406), `Content-Type` (415). OBI is
 * a Java (JAX-RS) service: bodies are bound with Jackson's default coercions (`null` = absent, `"previewTime":
 * "30"`, `"numbers": 4915100000003`, …).
 */
export const protocol: RestProtocol<SinchState> = {
  authenticate,
  notAcceptable: (accept, offers) => obiError(406, MESSAGES.notAcceptable(accept, offers)),
  unsupportedMediaType: (type, consumes) => obiError(415, MESSAGES.unsupportedMediaType(type, consumes)),
  jackson: true,
};

interface Context {
  call: Call;
  state: SinchState;
  now: number;
  /** Negotiated response format (JSON unless the endpoint produces XML and the client prefers it). */
  format: WireFormat;
  /** Media type of the request body, for endpoints that take one. */
  consumes?: string;
}

/** An OBI endpoint: a handler of the negotiated format (the binding has checked credentials and media types). */
function endpoint(run: (ctx: Context) => Reply): RestHandler<SinchState> {
  return (call) =>
    run({
      call,
      state: call.state,
      now: call.now(),
      format: call.produces === XML_TYPE ? 'xml' : 'json',
      consumes: call.consumes,
    });
}

// ---- Request bodies -----------------------------------------------------------------------------------------------

/**
 * Brings a parsed XML element to the JSON shape (empty `<attributes/>` to absent). Its values stay text: the
 * binding's Jackson coercions make numbers of them where the schema has numbers, as Jackson's XML module does.
 */
function fromXml(element: unknown): unknown {
  if (element === '') return {};
  if (element === null || typeof element !== 'object' || Array.isArray(element)) return element;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (key === 'attributes' && value === '') continue;
    out[key] = value;
  }
  return out;
}

/**
 * The request body as the Java service binds it: JSON, or XML from `<root>` (with `<root><item>` lists for
 * collections), then Jackson's default coercions against the operation's body schema (the binding's `bindBody`).
 */
function readBody(ctx: Context, root: string, item?: string): unknown {
  return ctx.call.bindBody(parseBody(ctx, root, item));
}

function parseBody(ctx: Context, root: string, item?: string): unknown {
  const raw = ctx.call.rawBody;
  try {
    if (ctx.consumes === XML_TYPE) {
      const arrays = item
        ? [`${root}.${item}`, `${root}.${item}.attributes.attribute`]
        : [`${root}.attributes.attribute`];
      const parsed = parseXml(raw, { arrayPaths: arrays, maxTags: MAX_XML_TAGS });
      if (!Object.hasOwn(parsed, root)) throw obiError(400, MESSAGES.invalidReason('body', raw, `<${root}> expected`));
      const element = parsed[root];
      if (!item) return fromXml(element);
      const items = element === '' ? [] : (element as Record<string, unknown>)[item];
      if (Array.isArray(items)) checkListLength(items);
      return Array.isArray(items) ? items.map(fromXml) : [];
    }
    checkJsonBounds(raw);
    return parseJson(raw);
  } catch (err) {
    if (err instanceof XmlTooLarge) throw tooLarge(err.message);
    if (err instanceof JsonParseError || err instanceof XmlParseError) throw obiError(400, err.message);
    throw err;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Output-only properties may come back from a GET body; they are ignored rather than refused. */
function withoutReadOnly(value: unknown, readOnly: readonly string[]): unknown {
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !readOnly.includes(key)));
}

/** A union's failure is reported by its branch that got furthest into the value. */
function deepestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const candidates = issue.errors.flatMap((branch) => branch.slice(0, 1)).map(deepestIssue);
  const best = candidates.reduce((a, b) => (b.path.length > a.path.length ? b : a));
  return { ...best, path: [...issue.path, ...best.path] };
}

/** The first zod issue in the document's "Invalid <field>: '<value>'" style. */
function issueMessage(error: z.ZodError, input: unknown): string {
  const first = error.issues[0];
  if (!first) return MESSAGES.invalidValue('body', input);
  const issue = deepestIssue(first);
  if (issue.code === 'unrecognized_keys') return MESSAGES.unknownField(issue.keys[0] ?? '');
  const field = issue.path.map(String).join('.');
  if (!field) return MESSAGES.invalidReason('body', input, 'a JSON object is expected');
  let value: unknown = input;
  for (const key of issue.path)
    value = isPlainObject(value) || Array.isArray(value) ? (value as never)[key] : undefined;
  return value === undefined ? MESSAGES.missingField(field) : MESSAGES.invalidValue(field, value);
}

function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw obiError(400, issueMessage(parsed.error, input));
  return parsed.data;
}

// ---- Views --------------------------------------------------------------------------------------------------------

const dateOrUndefined = (ms: number | undefined) => (ms === undefined ? undefined : isoUtc(ms));

interface StatsScope {
  /** statisticsDate: that UTC day's daily statistics only. */
  day?: number;
  agents?: Set<string>;
}

/**
 * `stats` of a campaign: total if it has ever been active, daily if it was active on the day (today by default).
 * With an agent filter, undefined when none of those agents has statistics in scope (the campaign is left out).
 */
function campaignStats(state: SinchState, campaign: Campaign, now: number, scope: StatsScope) {
  const stats: { total?: CampaignStatistics; daily?: CampaignStatistics } = {};
  let found = 0;
  const day = scope.day ?? dayOf(now);
  if (scope.day === undefined && campaign.activeIntervals.length > 0) {
    const buckets = state.stats.buckets(campaign.id, { agents: scope.agents });
    found += buckets.length;
    stats.total = campaignStatistics(buckets);
  }
  if (activeDuring(campaign, day, day + DAY_MS)) {
    const buckets = state.stats.buckets(campaign.id, { fromDay: day, toDay: day, agents: scope.agents });
    found += buckets.length;
    stats.daily = campaignStatistics(buckets);
  }
  if (scope.agents && found === 0) return undefined;
  return stats.total || stats.daily ? stats : {};
}

function campaignView(state: SinchState, campaign: Campaign, now: number, stats?: object) {
  const dialer = dialerOf(state, campaign);
  return {
    id: campaign.id,
    name: campaign.name,
    remarks: campaign.remarks,
    dialerId: campaign.dialerId,
    dialer: campaign.dialerId,
    dialerName: dialer.name,
    dialerType: dialer.type,
    dialingMode: campaign.dialingMode,
    status: campaign.status,
    dialerStatus: campaign.dialerStatus,
    queueId: campaign.queueId,
    queueName: queueOf(state, campaign)?.name,
    customIvrNumber: campaign.customIvrNumber,
    ...countCustomers(campaign, now),
    startDate: dateOrUndefined(campaign.startDate),
    endDate: dateOrUndefined(campaign.endDate),
    registered: isoUtc(campaign.registered),
    timeZone: campaign.timeZone,
    loggedOn: campaign.status === 'Active' ? campaign.agentIds.length : undefined,
    abandonRate: campaign.abandonRate,
    increasePredictiveRatio: campaign.increasePredictiveRatio,
    ...(stats && Object.keys(stats).length > 0 ? { stats } : {}),
  };
}

export function customerView(customer: Customer, includeScript: boolean): CustomerView {
  return {
    id: customer.id,
    externalId: customer.externalId,
    numbers: customer.numbers.join(';'),
    result: customer.result,
    callResult: customer.callResult,
    classifier: customer.classifier,
    callCount: customer.callCount,
    lastBNumber: customer.lastBNumber,
    date: isoUtc(customer.date),
    agentId: customer.agentId,
    dialingMode: customer.dialingMode,
    previewTime: customer.previewTime,
    priority: customer.priority,
    modificationDate: isoUtc(customer.modificationDate),
    timeZone: customer.timeZone,
    attributes: { attribute: customer.attributes.map((a) => ({ ...a })) },
    ...(includeScript && customer.script ? { script: customer.script } : {}),
  };
}

// ---- Query parameters ---------------------------------------------------------------------------------------------

/** Boolean query values read like Java's Boolean.valueOf: "true" in any case is true, anything else false. */
const isTrue = (value: string | undefined) => value?.toLowerCase() === 'true';

/** The largest `offset`/`limit` the service's (Java) integer parameters hold. */
const MAX_INT = 2 ** 31 - 1;

function requireCount(field: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const count = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!(count <= MAX_INT)) throw obiError(400, MESSAGES.invalidValue(field, value));
  return count;
}

interface CampaignRow {
  campaign: Campaign;
  counters: ReturnType<typeof countCustomers>;
  dialerName: string;
  queueName?: string;
}

const CAMPAIGN_FIELDS: FieldSpec<CampaignRow> = {
  text: {
    name: (r) => r.campaign.name,
    dialerName: (r) => r.dialerName,
    dialingMode: (r) => r.campaign.dialingMode,
    status: (r) => r.campaign.status,
    dialerStatus: (r) => r.campaign.dialerStatus,
    queueName: (r) => r.queueName,
    customIvrNumber: (r) => r.campaign.customIvrNumber,
    total: (r) => String(r.counters.total),
    handled: (r) => String(r.counters.handled),
    maxCalls: (r) => String(r.counters.maxCalls),
    filtered: (r) => String(r.counters.filtered),
    timeZone: (r) => r.campaign.timeZone,
  },
  ids: { dialerId: (r) => r.campaign.dialerId, queueId: (r) => r.campaign.queueId },
  dates: {
    startDate: (r) => r.campaign.startDate,
    endDate: (r) => r.campaign.endDate,
    registered: (r) => r.campaign.registered,
  },
  // The cloud edition takes a comma-separated status list (vendor README).
  lists: ['status'],
};

const optionalText = (value: number | string | undefined) => (value === undefined ? undefined : String(value));

const CUSTOMER_FIELDS: FieldSpec<Customer> = {
  text: {
    externalId: (c) => c.externalId,
    numbers: (c) => c.numbers.join(';'),
    result: (c) => c.result,
    callResult: (c) => c.callResult,
    classifier: (c) => c.classifier,
    callCount: (c) => String(c.callCount),
    lastBNumber: (c) => String(c.lastBNumber),
    dialingMode: (c) => c.dialingMode,
    previewTime: (c) => optionalText(c.previewTime),
    priority: (c) => optionalText(c.priority),
    timeZone: (c) => c.timeZone,
  },
  dates: { date: (c) => c.date, modificationDate: (c) => c.modificationDate },
};

/** statistics / statisticsDate / agentId of the campaign endpoints (only read with statistics=true). */
function statsScope(query: Call['query']): StatsScope | undefined {
  const day =
    query.statisticsDate === undefined ? undefined : dayOf(requireDate('statisticsDate', query.statisticsDate));
  const agents = query.agentId === undefined ? undefined : requireGuidList('agentId', query.agentId);
  return isTrue(query.statistics) ? { day, agents } : undefined;
}

// ---- Endpoints ----------------------------------------------------------------------------------------------------

const listCampaigns = endpoint(({ call, state, now, format }) => {
  const filter = compileFilters(call.query, CAMPAIGN_FIELDS, ['statistics', 'statisticsDate', 'agentId']);
  const scope = statsScope(call.query);
  const out: unknown[] = [];
  for (const campaign of state.campaigns.values()) {
    const row: CampaignRow = {
      campaign,
      counters: countCustomers(campaign, now),
      dialerName: dialerOf(state, campaign).name,
      queueName: queueOf(state, campaign)?.name,
    };
    if (!filter(row)) continue;
    const stats = scope ? campaignStats(state, campaign, now, scope) : undefined;
    if (scope && !stats) continue;
    out.push(javaTyped(campaignView(state, campaign, now, stats)));
  }
  return collection(format, 'campaigns', 'campaign', out);
});

const getCampaign = endpoint(({ call, state, now, format }) => {
  const campaign = requireCampaign(state, call.params.campaignId ?? '');
  const scope = statsScope(call.query);
  const stats = scope ? campaignStats(state, campaign, now, scope) : undefined;
  return entity(format, 200, 'campaign', javaTyped(campaignView(state, campaign, now, stats)));
});

const putCampaign = endpoint((ctx) => {
  const { call, state, now } = ctx;
  const campaign = requireCampaign(state, call.params.campaignId ?? '');
  const body = readBody(ctx, 'campaign');
  if (!isPlainObject(body)) throw obiError(400, MESSAGES.invalidReason('body', body, 'a campaign object is expected'));
  updateCampaign(
    state,
    campaign,
    parseWith(CampaignUpdateSchema, withoutReadOnly(body, CAMPAIGN_READ_ONLY_FIELDS)),
    now,
  );
  return reply.empty(204);
});

const putCampaignStatus = endpoint(({ call, state, now }) => {
  const campaign = requireCampaign(state, call.params.campaignId ?? '');
  const parsed = SettableStatusSchema.safeParse(call.rawBody.trim());
  if (!parsed.success) throw obiError(400, MESSAGES.invalidStatus(call.rawBody));
  changeStatus(state, campaign, parsed.data, now);
  return reply.empty(204);
});

const customerResultStatistics = endpoint(({ call, state, format }) => {
  const campaign = requireCampaign(state, call.params.campaignId ?? '');
  const groups = new Map<string, CustomerResultStatistic & { count: number }>();
  for (const c of campaign.customers.values()) {
    const key = `${c.result}|${c.callResult ?? ''}|${c.classifier ?? ''}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { result: c.result, callResult: c.callResult, classifier: c.classifier, count: 1 });
  }
  const rows = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  return collection(format, 'customerResultStatistics', 'customerResultStatistic', rows);
});

const listCustomers = endpoint(({ call, state, format }) => {
  const campaign = requireCampaign(state, call.params.campaignId ?? '');
  const { query } = call;
  const reserved = ['includeScript', 'agentId', 'attributeName', 'attributeValue', 'offset', 'limit'];
  const filter = compileFilters(query, CUSTOMER_FIELDS, reserved);
  const agents = query.agentId === undefined ? undefined : requireGuidList('agentId', query.agentId);
  if (query.attributeValue !== undefined && query.attributeName === undefined) {
    throw obiError(400, MESSAGES.attributeValueWithoutName);
  }
  const { attributeName, attributeValue } = query;
  const offset = requireCount('offset', query.offset, 0);
  const limit = requireCount('limit', query.limit, DEFAULT_CUSTOMER_LIMIT);
  const includeScript = isTrue(query.includeScript);
  const page: CustomerView[] = [];
  let skipped = 0;
  for (const customer of campaign.customers.values()) {
    if (page.length >= limit) break;
    if (agents && (customer.agentId === undefined || !agents.has(customer.agentId))) continue;
    if (
      attributeName !== undefined &&
      !customer.attributes.some(
        (a) =>
          wildcardMatch(attributeName, a.name) &&
          (attributeValue === undefined || wildcardMatch(attributeValue, a.value)),
      )
    )
      continue;
    if (!filter(customer)) continue;
    if (skipped++ < offset) continue;
    page.push(customerView(customer, includeScript));
  }
  return collection(format, 'customers', 'customer', page);
});

/**
 * The customer a `/customers/{customerId}` path names. `/customers/list` is a resource of its own (POST only): a
 * JAX-RS service matches that literal segment before `{customerId}`, so other methods there are 405, not a lookup.
 */
function customerOf(call: Call, campaign: Campaign): Customer {
  const customerId = call.params.customerId ?? '';
  if (customerId === 'list') throw obiError(405, MESSAGES.methodNotAllowed(call.req.method), { allow: 'POST' });
  return requireCustomer(campaign, customerId);
}

/**
 * The document's single-customer example carries the script although this endpoint lists no parameter: it is
 * included by default here (`includeScript=false` leaves it out), unlike the list, where it defaults to false.
 */
const getCustomer = endpoint(({ call, state, format }) => {
  const customer = customerOf(call, requireCampaign(state, call.params.campaignId ?? ''));
  const includeScript = call.query.includeScript === undefined || isTrue(call.query.includeScript);
  return entity(format, 200, 'customer', customerView(customer, includeScript));
});

const deleteCustomerEndpoint = endpoint(({ call, state, now }) => {
  const campaign = requireCampaign(state, call.params.campaignId ?? '');
  deleteCustomer(state, campaign, customerOf(call, campaign), now);
  return reply.empty(204);
});

/** Validates one new customer (shape, numbers, agent, time zone, externalId unique in campaign and batch). */
function validateNewCustomer(state: SinchState, campaign: Campaign, input: unknown, batch: Set<string>): CustomerDraft {
  if (!isPlainObject(input)) throw obiError(400, MESSAGES.invalidReason('customer', input, 'an object is expected'));
  const draft = draftCustomer(state, parseWith(NewCustomerSchema, withoutReadOnly(input, CUSTOMER_READ_ONLY_FIELDS)));
  if (
    isExternalIdTaken(campaign, draft.externalId) ||
    (draft.externalId !== undefined && batch.has(draft.externalId))
  ) {
    throw obiError(400, MESSAGES.externalIdNotUnique(draft.externalId as string));
  }
  if (draft.externalId !== undefined) batch.add(draft.externalId);
  return draft;
}

function locationOf(req: VendorRequest, campaignId: string, customerId: string): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}${API_PREFIX}/campaigns/${campaignId}/customers/${customerId}`;
}

/** `POST /customers`: 201 with the new id as the body (text/html, document) and in `Location`. */
const createCustomer = endpoint((ctx) => {
  const { call, state, now } = ctx;
  const campaign = requireCampaign(state, call.params.campaignId ?? '');
  const draft = validateNewCustomer(state, campaign, readBody(ctx, 'customer'), new Set());
  const customer = insertCustomer(state, campaign, draft, now);
  reopen(state, campaign, now);
  return reply.text(201, customer.id, `${HTML_TYPE}; charset=utf-8`, {
    location: locationOf(call.req, campaign.id, customer.id),
  });
});

/**
 * `POST /customers/list`: one result per item, in order — 201 + id when created, 400 + message when invalid, and
 * 200 for valid items when `stopProcessIfInvalidEntriesFound=true` stopped the whole batch (document examples).
 * At most `MAX_LIST_ITEMS` items (assumed; the document's "recommended maximum 100" is advice). A client following the document's rule "POST
 * should also have Accept = text/html" gets the documented JSON answer, not a 406.
 */
const createCustomerList = endpoint((ctx) => {
  const { call, state, now, format } = ctx;
  const campaign = requireCampaign(state, call.params.campaignId ?? '');
  const items = readBody(ctx, 'customers', 'customer');
  if (!Array.isArray(items)) throw obiError(400, MESSAGES.invalidReason('body', items, 'an array is expected'));
  const stop = isTrue(call.query.stopProcessIfInvalidEntriesFound);
  const batch = new Set<string>();
  const checked = items.map((item): CustomerDraft | VendorError => {
    try {
      return validateNewCustomer(state, campaign, item, batch);
    } catch (err) {
      if (err instanceof VendorError) return err;
      throw err;
    }
  });
  const stopped = stop && checked.some((c) => c instanceof VendorError);
  // Generated externalIds must not take one that a later item of the batch names explicitly.
  const results: BulkItemResult[] = checked.map((c) => {
    // Key order as the document prints the items: `{"error", "statusCode"}`, `{"statusCode", "id"}`.
    if (c instanceof VendorError) return { error: c.message, statusCode: c.status };
    if (stopped) return { statusCode: 200 };
    return { statusCode: 201, id: insertCustomer(state, campaign, c, now, { reserved: batch }).id };
  });
  if (!stopped) reopen(state, campaign, now);
  return collection(format, 'items', 'item', results);
});

const listStatistics = endpoint(({ call, state, format }) => {
  const { query } = call;
  for (const name of Object.keys(query)) {
    if (!['startDate', 'endDate', 'campaignId', 'agentId'].includes(name)) {
      throw obiError(400, MESSAGES.unknownSearchField(name));
    }
  }
  // Statistics are cumulated per UTC day: a time of day is ignored.
  const fromDay = query.startDate === undefined ? undefined : dayOf(requireDate('startDate', query.startDate));
  const toDay = query.endDate === undefined ? undefined : dayOf(requireDate('endDate', query.endDate));
  const campaignId = query.campaignId === undefined ? undefined : requireGuid('campaignId', query.campaignId);
  const agents = query.agentId === undefined ? undefined : new Set([requireGuid('agentId', query.agentId)]);
  const buckets = [...state.campaigns.keys()]
    .filter((id) => campaignId === undefined || id === campaignId)
    .flatMap((id) => state.stats.buckets(id, { fromDay, toDay, agents }));
  const rows = statisticsRows(buckets, {
    campaign: (id) => state.campaigns.get(id)?.name ?? '',
    agent: (id) => state.agents.find((a) => a.id === id)?.name,
  });
  return collection(format, 'statistics', 'statistic', rows.map(javaTyped));
});

/** The admin view of a campaign: the wire view plus the simulator's internals (RetryCount, agents, calls). */
export function campaignAdminView(state: SinchState, campaign: Campaign, now: number) {
  return {
    campaign: campaignView(state, campaign, now),
    retryCount: campaign.retryCount,
    agentIds: campaign.agentIds,
    callsInProgress: [...campaign.busyAgents].map(([agentId, customerId]) => ({ agentId, customerId })),
    activeIntervals: campaign.activeIntervals.map((i) => ({ from: isoUtc(i.from), to: dateOrUndefined(i.to) })),
  };
}

export const handlers: RestHandlers<SinchState, typeof SINCH_OPERATIONS> = {
  listCampaigns,
  getCampaign,
  updateCampaign: putCampaign,
  setCampaignStatus: putCampaignStatus,
  getCustomerResultStatistics: customerResultStatistics,
  listCustomers,
  createCustomer,
  createCustomerList,
  getCustomer,
  deleteCustomer: deleteCustomerEndpoint,
  listStatistics,
};
