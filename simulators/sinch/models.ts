import {
  type Attribute,
  type CallResult,
  type CampaignStatus,
  type CampaignUpdate,
  type CustomerResult,
  type DialerStatus,
  type DialerType,
  type DialingMode,
  MAX_NUMBERS,
  type NewCustomer,
  type Script,
  type SettableStatus,
  toId32,
} from '../../contracts/sinch/schemas.ts';
import { Lifecycle } from '../core/lifecycle.ts';
import { SeededRandom, seededUuid } from '../core/random.ts';
import { TimedQueue } from '../core/scheduler.ts';
import { MESSAGES, obiError } from './errors.ts';
import { type CallMeasures, StatisticsStore } from './statistics.ts';

/** `date` of a customer that will never be called again (document examples: handled customers). */
export const FAR_FUTURE = Date.parse('9999-12-31T23:59:59Z');
/** "RetryCount is campaign parameter with default value of 3, meaning that by default 4 attempts are made." */
export const DEFAULT_RETRY_COUNT = 3;

// ---- Lifecycles (data) ---------------------------------------------------------------------------------------------

/**
 * Campaign `status`. Passive/Active are set through the API; Handled when an active campaign has nothing left to
 * dial (back to Active when new work arrives); Expired once `endDate` passes (Passive again if a PUT moves endDate
 * into the future). Invalid, Deleted and Quota are documented values the simulator never produces.
 */
export const campaignLifecycle = new Lifecycle<CampaignStatus>('campaign status', {
  Passive: ['Active', 'Expired'],
  Active: ['Passive', 'Handled', 'Expired'],
  Handled: ['Active', 'Passive', 'Expired'],
  Expired: ['Passive'],
  Invalid: [],
  Deleted: [],
  Quota: [],
});

/** What `PUT /campaigns/{id}/status` may request from each status ("Value can be one of Passive, Active."). */
export const apiStatusLifecycle = new Lifecycle<CampaignStatus>('PUT status', {
  Passive: ['Active'],
  Active: ['Passive'],
  Handled: ['Active', 'Passive'],
  Expired: [],
  Invalid: [],
  Deleted: [],
  Quota: [],
});

/**
 * Dialer status follows the campaign: OPEN while dialing, CLOSED while active before `startDate`, CLOSING while
 * calls of a deactivated campaign finish, PASSIVE, COMPLETED (handled) and EXPIRED. CLOSING2, SUSPEND, SHUTDOWN and
 * QUOTA are documented values the simulator never produces.
 */
export const dialerLifecycle = new Lifecycle<DialerStatus>('dialer status', {
  OPEN: ['CLOSING', 'CLOSED', 'PASSIVE', 'COMPLETED', 'EXPIRED'],
  CLOSED: ['OPEN', 'CLOSING', 'PASSIVE', 'COMPLETED', 'EXPIRED'],
  CLOSING: ['PASSIVE', 'OPEN', 'CLOSED', 'COMPLETED', 'EXPIRED'],
  PASSIVE: ['OPEN', 'CLOSED', 'COMPLETED', 'EXPIRED', 'CLOSING'],
  COMPLETED: ['OPEN', 'CLOSED', 'CLOSING', 'PASSIVE', 'EXPIRED'],
  EXPIRED: ['PASSIVE', 'CLOSING'],
  CLOSING2: [],
  SUSPEND: [],
  SHUTDOWN: [],
  QUOTA: [],
});

// ---- Call outcomes (data) ----------------------------------------------------------------------------------------

export interface OutcomeRule {
  /** The customer's final result after this call; null: call again later (or MAXCALLS once attempts run out). */
  final: Exclude<CustomerResult, 'DIALING' | 'MAXCALLS' | 'FILTERED'> | null;
  classifier?: string;
  /** A conversation took place (talking + wrap-up time; script answers). */
  connected: boolean;
  /** In PREDICTIVE mode the dialer handles these without an agent (statistics agentId null). */
  dialerOnly: boolean;
  retryAfterMs: number;
  /** Seconds of ringing and talking, [min, max]. */
  ring: Seconds;
  talk: Seconds;
}

const MIN = 60_000;
type Seconds = [number, number];

/** A call that gives the customer a final result: never called again. A conversation took place when talk > 0. */
function finalOutcome(final: NonNullable<OutcomeRule['final']>, classifier: string, ring: Seconds, talk: Seconds) {
  return { final, classifier, connected: talk[1] > 0, dialerOnly: false, retryAfterMs: 0, ring, talk };
}

/** A call after which the customer is called again `retryMinutes` later (MAXCALLS once attempts run out). */
function retryOutcome(retryMinutes: number, dialerOnly: boolean, ring: Seconds, talk: Seconds = [0, 0]): OutcomeRule {
  return { final: null, connected: talk[1] > 0, dialerOnly, retryAfterMs: retryMinutes * MIN, ring, talk };
}

export const OUTCOME_RULES: Record<CallResult, OutcomeRule> = {
  SUCCESS: finalOutcome('SUCCESS', 'Offer accepted', [5, 20], [60, 300]),
  REFUSAL: finalOutcome('REFUSAL', 'Refusal', [5, 20], [20, 90]),
  AGENT_REJECTED: finalOutcome('AGENT_REJECTED', 'AGENT_REJECTED', [0, 0], [0, 0]),
  BUSY: retryOutcome(10, true, [2, 6]),
  NOANSWER: retryOutcome(60, true, [25, 35]),
  HANGUP: retryOutcome(30, false, [5, 20], [5, 30]),
  ABANDONED: retryOutcome(10, true, [5, 20]),
  SKIP: retryOutcome(30, false, [0, 0]),
  OPER_LOGOUT: retryOutcome(10, false, [5, 20], [10, 60]),
  NOT_DIALED: retryOutcome(60, true, [0, 0]),
};

/** Drawn outcomes when QA forces none (the other results only happen when forced). */
const OUTCOME_WEIGHTS: readonly [CallResult, number][] = [
  ['SUCCESS', 30],
  ['REFUSAL', 10],
  ['AGENT_REJECTED', 5],
  ['BUSY', 15],
  ['NOANSWER', 35],
  ['HANGUP', 5],
];

// ---- State -------------------------------------------------------------------------------------------------------

export interface Queue {
  id: string;
  name: string;
}
export interface Agent {
  id: string;
  name: string;
}
export interface Dialer {
  id: string;
  name: string;
  type: DialerType;
}
export interface ScriptTemplate {
  name: string;
  questions: { question: string; answers: string[] }[];
}

/** A call in progress: everything about it is decided when it starts, applied when it ends. */
export interface ActiveCall extends CallMeasures {
  seq: number;
  /** The agent (line) the call occupies. */
  lineAgentId: string;
  /** The agent the statistics count it for; null when the dialer handled it alone. */
  agentId: string | null;
  startedAt: number;
  endsAt: number;
  result: CallResult;
  numberIndex: number;
  answers?: Script['answers'];
}

export interface Customer {
  id: string;
  externalId: string;
  numbers: string[];
  result: CustomerResult;
  callResult?: CallResult;
  classifier?: string;
  callCount: number;
  lastBNumber: number;
  /** Next call time (FAR_FUTURE once final). */
  date: number;
  agentId?: string;
  dialingMode?: 'PREVIEW' | 'PREDICTIVE';
  previewTime?: number;
  priority?: number;
  modificationDate: number;
  timeZone?: string;
  attributes: Attribute[];
  script?: Script;
  call?: ActiveCall;
  /** Outcomes QA forced for the next calls (admin API), used before any drawn outcome. */
  forced: CallResult[];
}

/** What a campaign is made of (admin backdoor, fixtures); the settings part of its state. */
export interface CampaignSeed {
  id: string;
  name: string;
  remarks?: string;
  dialerId: string;
  dialingMode: DialingMode;
  queueId: string;
  customIvrNumber?: string;
  startDate?: number;
  endDate?: number;
  registered: number;
  timeZone?: string;
  abandonRate?: number;
  increasePredictiveRatio?: number;
  /** Default 3 (document). */
  retryCount?: number;
  /** Agents logged on to the campaign; each handles one call at a time. */
  agentIds: string[];
  script?: ScriptTemplate;
}

export interface Campaign extends CampaignSeed {
  status: CampaignStatus;
  dialerStatus: DialerStatus;
  retryCount: number;
  /** When the campaign was Active: decides whether total/daily statistics exist. */
  activeIntervals: { from: number; to?: number }[];
  customers: Map<string, Customer>;
  externalIds: Map<string, string>;
  nextExternalId: number;
  /** Runtime (rebuilt on restore): customers to call by due time, busy agents, when each agent became free. */
  due: TimedQueue<string>;
  busyAgents: Map<string, string>;
  agentFreeSince: Map<string, number>;
  wakeAt?: number;
}

export type SinchEvent =
  | { kind: 'callEnd'; campaignId: string; customerId: string; seq: number }
  | { kind: 'wake'; campaignId: string }
  | { kind: 'calendar'; campaignId: string };

export interface SinchState {
  seed: number;
  username: string;
  password: string;
  /** Ids of new objects come from here, so they replay with the seed. */
  rng: SeededRandom;
  dialers: Dialer[];
  queues: Queue[];
  agents: Agent[];
  campaigns: Map<string, Campaign>;
  stats: StatisticsStore;
  events: TimedQueue<SinchEvent>;
  callSeq: number;
}

// ---- Helpers -----------------------------------------------------------------------------------------------------

export function newId(state: SinchState): string {
  return seededUuid(state.rng).replace(/-/g, '').toUpperCase();
}

/** ISO-8601 UTC; whole seconds print without a fraction, as the document's dates do ("2021-02-20T22:00:00Z"). */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Each call draws from its own seeded stream: outcomes replay for a seed whatever the order of requests. */
function callRandom(state: SinchState, customerId: string, attempt: number): SeededRandom {
  return new SeededRandom(hash32(`${state.seed}|${customerId}|${attempt}`));
}

const between = (rng: SeededRandom, [min, max]: [number, number]) =>
  Math.round((min + rng.next() * (max - min)) * 1000) / 1000;

function drawOutcome(rng: SeededRandom): CallResult {
  const total = OUTCOME_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [result, weight] of OUTCOME_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return result;
  }
  return 'NOANSWER';
}

/** The object a path id names: 400 when the id is not id32/id36, 404 when nothing has it. */
function requireById<T>(items: Map<string, T>, field: string, rawId: string, notFound: (id: string) => string): T {
  const id = toId32(rawId);
  if (!id) throw obiError(400, MESSAGES.invalidValue(field, rawId));
  const item = items.get(id);
  if (!item) throw obiError(404, notFound(rawId));
  return item;
}

export function requireCampaign(state: SinchState, rawId: string): Campaign {
  return requireById(state.campaigns, 'campaignId', rawId, MESSAGES.campaignNotFound);
}

export function requireCustomer(campaign: Campaign, rawId: string): Customer {
  return requireById(campaign.customers, 'customerId', rawId, MESSAGES.customerNotFound);
}

export function queueOf(state: SinchState, campaign: Campaign): Queue | undefined {
  return state.queues.find((q) => q.id === campaign.queueId);
}

export function dialerOf(state: SinchState, campaign: Campaign): Dialer {
  return state.dialers.find((d) => d.id === campaign.dialerId) ?? (state.dialers[0] as Dialer);
}

// ---- Campaign lifecycle ------------------------------------------------------------------------------------------

function setStatus(campaign: Campaign, to: CampaignStatus, now: number): void {
  if (campaign.status === to) return;
  if (!campaignLifecycle.canMove(campaign.status, to)) throw new Error(`illegal ${campaign.status} → ${to}`);
  const open = campaign.activeIntervals.at(-1);
  if (to === 'Active') {
    campaign.activeIntervals.push({ from: now });
    // Agents start waiting for calls when the campaign starts, not while it was passive.
    for (const id of campaign.agentIds) if (!campaign.busyAgents.has(id)) campaign.agentFreeSince.set(id, now);
  } else if (campaign.status === 'Active' && open && open.to === undefined) open.to = now;
  campaign.status = to;
}

function targetDialerStatus(campaign: Campaign, now: number): DialerStatus {
  switch (campaign.status) {
    case 'Active':
      return campaign.startDate !== undefined && now < campaign.startDate ? 'CLOSED' : 'OPEN';
    case 'Handled':
      return 'COMPLETED';
    case 'Expired':
      return 'EXPIRED';
    default:
      return campaign.busyAgents.size > 0 ? 'CLOSING' : 'PASSIVE';
  }
}

function refreshDialer(campaign: Campaign, now: number): void {
  const to = targetDialerStatus(campaign, now);
  if (to === campaign.dialerStatus) return;
  if (!dialerLifecycle.canMove(campaign.dialerStatus, to)) throw new Error(`illegal ${campaign.dialerStatus} → ${to}`);
  campaign.dialerStatus = to;
}

/** Was the campaign Active at some moment of [from, to)? */
export function activeDuring(campaign: Campaign, from: number, to: number): boolean {
  return campaign.activeIntervals.some((i) => i.from < to && (i.to === undefined || i.to > from));
}

/** Applies start/end dates at `now`: expiry, un-expiry after a PUT, CLOSED → OPEN at startDate. */
function applyCalendar(state: SinchState, campaign: Campaign, now: number): void {
  const expired = campaign.endDate !== undefined && now >= campaign.endDate;
  if (expired && campaign.status !== 'Expired') {
    if (campaignLifecycle.canMove(campaign.status, 'Expired')) setStatus(campaign, 'Expired', now);
  } else if (!expired && campaign.status === 'Expired') {
    setStatus(campaign, 'Passive', now);
  }
  refreshDialer(campaign, now);
  dispatch(state, campaign, now);
}

/** Schedules the calendar checks at the campaign's start and end dates. */
function scheduleCalendar(state: SinchState, campaign: Campaign, now: number): void {
  for (const at of [campaign.startDate, campaign.endDate]) {
    if (at !== undefined && at > now) state.events.schedule(at, { kind: 'calendar', campaignId: campaign.id });
  }
}

/** `PUT /campaigns/{id}/status`. */
export function changeStatus(state: SinchState, campaign: Campaign, to: SettableStatus, now: number): void {
  if (campaign.status === to) return;
  if (!apiStatusLifecycle.canMove(campaign.status, to)) {
    throw obiError(400, MESSAGES.statusChange(campaign.status, to));
  }
  setStatus(campaign, to, now);
  refreshDialer(campaign, now);
  dispatch(state, campaign, now);
}

/** Writable campaign properties after validation (queue resolved, dates parsed). */
export function updateCampaign(state: SinchState, campaign: Campaign, update: CampaignUpdate, now: number): void {
  const queueId = toId32(update.queueId);
  if (!queueId || !state.queues.some((q) => q.id === queueId)) {
    throw obiError(400, MESSAGES.invalidReason('queueId', update.queueId, 'Queue not found'));
  }
  const startDate = update.startDate === undefined ? undefined : Date.parse(update.startDate);
  const endDate = update.endDate === undefined ? undefined : Date.parse(update.endDate);
  if (startDate !== undefined && endDate !== undefined && endDate < startDate) {
    throw obiError(400, MESSAGES.invalidReason('endDate', update.endDate, 'endDate is before startDate'));
  }
  if (update.timeZone !== undefined) requireTimeZone(update.timeZone);
  campaign.name = update.name;
  campaign.remarks = update.remarks;
  campaign.dialingMode = update.dialingMode;
  campaign.queueId = queueId;
  campaign.customIvrNumber = update.customIvrNumber;
  campaign.startDate = startDate;
  campaign.endDate = endDate;
  campaign.timeZone = update.timeZone;
  campaign.abandonRate = update.abandonRate;
  campaign.increasePredictiveRatio = update.increasePredictiveRatio;
  scheduleCalendar(state, campaign, now);
  applyCalendar(state, campaign, now);
}

/** Admin: a higher RetryCount makes MAXCALLS customers callable again (document). */
export function setRetryCount(state: SinchState, campaign: Campaign, retryCount: number, now: number): void {
  campaign.retryCount = retryCount;
  for (const customer of campaign.customers.values()) {
    if (customer.result === 'MAXCALLS' && customer.callCount < retryCount + 1) {
      customer.result = 'DIALING';
      customer.date = now;
      customer.modificationDate = now;
      scheduleCustomer(campaign, customer);
    }
  }
  reopen(state, campaign, now);
}

/** Admin: which agents are logged on to the campaign. */
export function setAgents(state: SinchState, campaign: Campaign, agentIds: string[], now: number): void {
  for (const id of agentIds) {
    if (!state.agents.some((a) => a.id === id)) throw obiError(400, MESSAGES.invalidValue('agentId', id));
  }
  campaign.agentIds = [...new Set(agentIds)];
  for (const id of campaign.agentIds) if (!campaign.agentFreeSince.has(id)) campaign.agentFreeSince.set(id, now);
  dispatch(state, campaign, now);
}

export function requireTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw obiError(400, MESSAGES.invalidValue('timeZone', timeZone));
  }
}

// ---- Customers ---------------------------------------------------------------------------------------------------

const PHONE = /^\+?[0-9]{1,20}$/;
const PHONE_ATTRIBUTES = ['Phone1', 'Phone2', 'Phone3'];

/** A validated new customer, not yet stored. */
export interface CustomerDraft {
  externalId?: string;
  numbers: string[];
  date?: number;
  agentId?: string;
  dialingMode?: 'PREVIEW' | 'PREDICTIVE';
  previewTime?: number;
  priority?: number;
  timeZone?: string;
  attributes: Attribute[];
}

function parseNumbers(raw: string): string[] | undefined {
  const numbers = raw
    .split(';')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return numbers.length >= 1 && numbers.length <= MAX_NUMBERS && numbers.every((n) => PHONE.test(n))
    ? numbers
    : undefined;
}

/**
 * The customer's numbers and the Phone attributes that go with them. Given `numbers`, Phone1..3 are created from it
 * and any given phone attributes are ignored; otherwise the given Phone1..3 attributes are the numbers (Phone1
 * required) and are kept under their own names.
 */
function phonesOf(input: NewCustomer, given: readonly Attribute[]): { numbers: string[]; phones: Attribute[] } {
  if (input.numbers !== undefined) {
    const numbers = parseNumbers(input.numbers);
    if (!numbers) throw obiError(400, MESSAGES.invalidNumbers(input.numbers));
    return { numbers, phones: numbers.map((value, i) => ({ name: `Phone${i + 1}`, value })) };
  }
  const phones = PHONE_ATTRIBUTES.flatMap((name) => {
    const attribute = given.find((a) => a.name === name);
    return attribute ? [{ name, value: attribute.value.trim() }] : [];
  });
  if (phones[0]?.name !== 'Phone1') throw obiError(400, MESSAGES.missingNumbers);
  const numbers = phones.map((p) => p.value);
  if (!numbers.every((n) => PHONE.test(n))) throw obiError(400, MESSAGES.invalidNumbers(numbers.join(';')));
  return { numbers, phones };
}

/**
 * Checks a new customer against the document's rules: up to 3 `;`-separated numbers, or Phone1..3 attributes when
 * `numbers` is absent (Phone1 required); when numbers are given the phone attributes are replaced by them.
 * Uniqueness of externalId is checked by the caller (it depends on the batch).
 */
export function draftCustomer(state: SinchState, input: NewCustomer): CustomerDraft {
  const given = Array.isArray(input.attributes) ? input.attributes : (input.attributes?.attribute ?? []);
  const { numbers, phones } = phonesOf(input, given);
  let agentId: string | undefined;
  if (input.agentId !== undefined) {
    agentId = toId32(input.agentId);
    if (!agentId || !state.agents.some((a) => a.id === agentId)) {
      throw obiError(400, MESSAGES.invalidReason('agentId', input.agentId, 'Agent not found'));
    }
  }
  if (input.timeZone !== undefined) requireTimeZone(input.timeZone);
  const externalId = input.externalId === undefined || input.externalId === '' ? undefined : input.externalId;
  return {
    externalId,
    numbers,
    date: input.date === undefined ? undefined : Date.parse(input.date),
    agentId,
    dialingMode: input.dialingMode,
    previewTime: input.previewTime,
    priority: input.priority,
    timeZone: input.timeZone,
    attributes: [...given.filter((a) => !PHONE_ATTRIBUTES.includes(a.name)), ...phones],
  };
}

/** The next free number; `reserved` holds externalIds the same request still has to store. */
function generateExternalId(campaign: Campaign, reserved?: ReadonlySet<string>): string {
  const taken = (id: string) => campaign.externalIds.has(id) || reserved?.has(id) === true;
  while (taken(String(campaign.nextExternalId))) campaign.nextExternalId++;
  return String(campaign.nextExternalId++);
}

function scheduleCustomer(campaign: Campaign, customer: Customer): void {
  campaign.due.schedule(customer.date, customer.id);
}

/** Stores a drafted customer (externalId uniqueness already checked) and lets the dialer pick it up. */
export function insertCustomer(
  state: SinchState,
  campaign: Campaign,
  draft: CustomerDraft,
  now: number,
  options: { id?: string; reserved?: ReadonlySet<string> } = {},
): Customer {
  const customer: Customer = {
    id: options.id ?? newId(state),
    externalId: draft.externalId ?? generateExternalId(campaign, options.reserved),
    numbers: draft.numbers,
    result: 'DIALING',
    callCount: 0,
    lastBNumber: 0,
    date: draft.date ?? now,
    agentId: draft.agentId,
    dialingMode: draft.dialingMode,
    previewTime: draft.previewTime,
    priority: draft.priority,
    modificationDate: now,
    timeZone: draft.timeZone,
    attributes: draft.attributes,
    forced: [],
  };
  campaign.customers.set(customer.id, customer);
  campaign.externalIds.set(customer.externalId, customer.id);
  scheduleCustomer(campaign, customer);
  return customer;
}

export function isExternalIdTaken(campaign: Campaign, externalId: string | undefined): boolean {
  return externalId !== undefined && campaign.externalIds.has(externalId);
}

/** After new work arrives: a Handled campaign becomes Active again, and the dialer looks at the queue. */
export function reopen(state: SinchState, campaign: Campaign, now: number): void {
  if (campaign.status === 'Handled') setStatus(campaign, 'Active', now);
  refreshDialer(campaign, now);
  dispatch(state, campaign, now);
}

export function deleteCustomer(state: SinchState, campaign: Campaign, customer: Customer, now: number): void {
  campaign.customers.delete(customer.id);
  campaign.externalIds.delete(customer.externalId);
  if (customer.call) {
    // The call is dropped with the customer: its agent is free at once, and the end event finds nothing.
    campaign.busyAgents.delete(customer.call.lineAgentId);
    campaign.agentFreeSince.set(customer.call.lineAgentId, now);
  }
  refreshDialer(campaign, now);
  dispatch(state, campaign, now);
}

/** Admin: outcomes to use for the customer's next calls, in order. */
export function forceOutcomes(customer: Customer, outcomes: CallResult[]): void {
  customer.forced.push(...outcomes);
}

/** Admin: FILTERED customers are left out of dialing; unfiltering makes them callable again. */
export function setFiltered(
  state: SinchState,
  campaign: Campaign,
  customer: Customer,
  filtered: boolean,
  now: number,
): void {
  if (filtered && (customer.result !== 'DIALING' || customer.call)) {
    throw obiError(409, 'Only a customer waiting to be called can be filtered');
  }
  if (filtered) {
    customer.result = 'FILTERED';
    customer.date = FAR_FUTURE;
    customer.modificationDate = now;
  } else if (!filtered && customer.result === 'FILTERED') {
    customer.result = 'DIALING';
    customer.date = now;
    customer.modificationDate = now;
    scheduleCustomer(campaign, customer);
  }
  reopen(state, campaign, now);
}

// ---- Dialing over virtual time -----------------------------------------------------------------------------------

const isDialing = (campaign: Campaign) => campaign.status === 'Active' && campaign.dialerStatus === 'OPEN';

function isDue(campaign: Campaign, customerId: string, at: number): Customer | undefined {
  const customer = campaign.customers.get(customerId);
  return customer && customer.result === 'DIALING' && !customer.call && customer.date === at ? customer : undefined;
}

/** Pops the next customer due at `now`, skipping entries made stale by later changes. */
function nextCallable(campaign: Campaign, now: number): Customer | undefined {
  for (;;) {
    const entry = campaign.due.popDue(now);
    if (!entry) return undefined;
    const customer = isDue(campaign, entry.key, entry.at);
    if (customer) return customer;
  }
}

/** Is any customer still waiting for a (re)call? Drops stale entries from the top of the queue on the way. */
function hasPending(campaign: Campaign): boolean {
  for (;;) {
    const at = campaign.due.peekTime();
    if (at === undefined) return false;
    const entry = campaign.due.popDue(at) as { at: number; key: string };
    if (isDue(campaign, entry.key, entry.at)) {
      campaign.due.schedule(entry.at, entry.key);
      return true;
    }
  }
}

/** Gives every free agent of a dialing campaign its next due customer; wakes the campaign for future ones. */
function dispatch(state: SinchState, campaign: Campaign, now: number): void {
  if (!isDialing(campaign)) return;
  let freeAgent = false;
  for (const agentId of campaign.agentIds) {
    if (campaign.busyAgents.has(agentId)) continue;
    const customer = nextCallable(campaign, now);
    if (!customer) {
      freeAgent = true;
      break;
    }
    startCall(state, campaign, customer, agentId, now);
  }
  if (freeAgent) {
    const next = campaign.due.peekTime();
    if (next !== undefined && (campaign.wakeAt === undefined || campaign.wakeAt <= now || next < campaign.wakeAt)) {
      campaign.wakeAt = next;
      state.events.schedule(next, { kind: 'wake', campaignId: campaign.id });
    }
  }
  // Nothing left to dial now or later, nothing in progress: the campaign is handled.
  if (campaign.busyAgents.size === 0 && campaign.customers.size > 0 && !hasPending(campaign)) {
    setStatus(campaign, 'Handled', now);
    refreshDialer(campaign, now);
  }
}

function startCall(state: SinchState, campaign: Campaign, customer: Customer, agentId: string, now: number): void {
  const attempt = customer.callCount;
  const rng = callRandom(state, customer.id, attempt);
  const drawn = drawOutcome(rng);
  const result = customer.forced.shift() ?? drawn;
  const rule = OUTCOME_RULES[result];
  const mode = customer.dialingMode ?? campaign.dialingMode;
  const withAgent = !(mode === 'PREDICTIVE' && rule.dialerOnly);
  const ring = between(rng, rule.ring);
  const talk = between(rng, rule.talk);
  const preview = mode === 'PREVIEW' && withAgent ? (customer.previewTime ?? between(rng, [5, 25])) : 0;
  const wrap = withAgent ? between(rng, rule.connected ? [10, 60] : [2, 5]) : 0;
  const waitTime = withAgent ? Math.max(0, now - (campaign.agentFreeSince.get(agentId) ?? now)) / 1000 : 0;
  const amountRoll = rng.next();
  const amount = result === 'SUCCESS' && amountRoll < 0.4 ? Math.round(amountRoll * 125_000) / 100 : 0;
  const answers =
    campaign.script && rule.connected && rule.final
      ? campaign.script.questions.map((q) => ({ question: q.question, answer: rng.pick(q.answers) }))
      : undefined;
  const durationMs = Math.round((preview + ring + talk + wrap) * 1000) || 1000;
  const call: ActiveCall = {
    seq: ++state.callSeq,
    lineAgentId: agentId,
    agentId: withAgent ? agentId : null,
    startedAt: now,
    endsAt: now + durationMs,
    result,
    numberIndex: attempt % customer.numbers.length,
    amount,
    waitTime: Math.round(waitTime * 1000) / 1000,
    previewTime: preview,
    // "Agent dialing time ... (in preview/progressive campaign)": predictive agents do not dial.
    callTime: withAgent && mode !== 'PREDICTIVE' ? ring : 0,
    talkingTime: talk,
    wrapTime: wrap,
    answers,
  };
  customer.call = call;
  campaign.busyAgents.set(agentId, customer.id);
  state.events.schedule(call.endsAt, {
    kind: 'callEnd',
    campaignId: campaign.id,
    customerId: customer.id,
    seq: call.seq,
  });
}

function endCall(state: SinchState, campaign: Campaign, customer: Customer, now: number): void {
  const call = customer.call as ActiveCall;
  customer.call = undefined;
  campaign.busyAgents.delete(call.lineAgentId);
  campaign.agentFreeSince.set(call.lineAgentId, now);
  const rule = OUTCOME_RULES[call.result];
  customer.callCount++;
  customer.lastBNumber = call.numberIndex;
  customer.callResult = call.result;
  customer.modificationDate = now;
  if (call.agentId && customer.agentId === undefined) customer.agentId = call.agentId;
  if (rule.final) {
    customer.result = rule.final;
    customer.classifier = rule.classifier;
    customer.date = FAR_FUTURE;
    if (call.answers && campaign.script) customer.script = { name: campaign.script.name, answers: call.answers };
  } else if (customer.callCount >= campaign.retryCount + 1) {
    customer.result = 'MAXCALLS';
    customer.date = FAR_FUTURE;
  } else {
    customer.date = now + rule.retryAfterMs;
    scheduleCustomer(campaign, customer);
  }
  // The call carries its agent, result and measures; the statistics read only what they count.
  state.stats.record({
    ...call,
    campaignId: campaign.id,
    customerId: customer.id,
    endedAt: now,
    handledNow: !!rule.final,
  });
  refreshDialer(campaign, now);
  dispatch(state, campaign, now);
}

/** Runs every event due up to `now`, in time order (the kernel calls this before each request). */
export function advanceTo(state: SinchState, now: number): void {
  for (;;) {
    const entry = state.events.popDue(now);
    if (!entry) return;
    const event = entry.key;
    const campaign = state.campaigns.get(event.campaignId);
    if (!campaign) continue;
    if (event.kind === 'callEnd') {
      const customer = campaign.customers.get(event.customerId);
      if (customer?.call?.seq === event.seq) endCall(state, campaign, customer, entry.at);
    } else if (event.kind === 'wake') {
      if (campaign.wakeAt === entry.at) campaign.wakeAt = undefined;
      dispatch(state, campaign, entry.at);
    } else {
      applyCalendar(state, campaign, entry.at);
    }
  }
}

// ---- Creation and restore ------------------------------------------------------------------------------------------

export function addCampaign(state: SinchState, seed: CampaignSeed, now: number): Campaign {
  const campaign: Campaign = {
    ...seed,
    status: 'Passive',
    dialerStatus: 'PASSIVE',
    retryCount: seed.retryCount ?? DEFAULT_RETRY_COUNT,
    activeIntervals: [],
    customers: new Map(),
    externalIds: new Map(),
    nextExternalId: 1,
    due: new TimedQueue(),
    busyAgents: new Map(),
    agentFreeSince: new Map(seed.agentIds.map((id) => [id, now])),
  };
  state.campaigns.set(campaign.id, campaign);
  scheduleCalendar(state, campaign, now);
  applyCalendar(state, campaign, now);
  return campaign;
}

/** Plain JSON of the whole state (runtime queues are rebuilt from it). */
export function snapshotState(state: SinchState): unknown {
  return {
    seed: state.seed,
    username: state.username,
    password: state.password,
    dialers: state.dialers,
    queues: state.queues,
    agents: state.agents,
    callSeq: state.callSeq,
    stats: state.stats.snapshot(),
    campaigns: [...state.campaigns.values()].map((c) => {
      const { customers, externalIds: _e, due: _d, busyAgents: _b, agentFreeSince, wakeAt: _w, ...rest } = c;
      return { ...rest, agentFreeSince: [...agentFreeSince], customers: [...customers.values()] };
    }),
  };
}

interface CampaignSnapshot extends Omit<
  Campaign,
  'customers' | 'externalIds' | 'due' | 'busyAgents' | 'agentFreeSince'
> {
  agentFreeSince: [string, number][];
  customers: Customer[];
}

/** `rng` is the kernel's stream for this vendor, restored by the kernel with the sandbox. */
export function restoreState(snapshot: unknown, rng: SeededRandom): SinchState {
  const snap = snapshot as Omit<SinchState, 'rng' | 'campaigns' | 'stats' | 'events'> & {
    stats: unknown;
    campaigns: CampaignSnapshot[];
  };
  const state: SinchState = {
    seed: snap.seed,
    username: snap.username,
    password: snap.password,
    rng,
    dialers: snap.dialers,
    queues: snap.queues,
    agents: snap.agents,
    campaigns: new Map(),
    stats: StatisticsStore.restore(snap.stats),
    events: new TimedQueue(),
    callSeq: snap.callSeq,
  };
  for (const saved of snap.campaigns) {
    const campaign: Campaign = {
      ...saved,
      customers: new Map(saved.customers.map((c) => [c.id, c])),
      externalIds: new Map(saved.customers.map((c) => [c.externalId, c.id])),
      due: new TimedQueue(),
      busyAgents: new Map(),
      agentFreeSince: new Map(saved.agentFreeSince),
    };
    for (const customer of campaign.customers.values()) {
      if (customer.call) {
        campaign.busyAgents.set(customer.call.lineAgentId, customer.id);
        state.events.schedule(customer.call.endsAt, {
          kind: 'callEnd',
          campaignId: campaign.id,
          customerId: customer.id,
          seq: customer.call.seq,
        });
      } else if (customer.result === 'DIALING') {
        campaign.due.schedule(customer.date, customer.id);
      }
    }
    state.campaigns.set(campaign.id, campaign);
    for (const at of [campaign.startDate, campaign.endDate]) {
      if (at !== undefined) state.events.schedule(at, { kind: 'calendar', campaignId: campaign.id });
    }
    // Let the dialer look again as soon as anything happens.
    const next = campaign.due.peekTime();
    if (next !== undefined) state.events.schedule(next, { kind: 'wake', campaignId: campaign.id });
  }
  return state;
}

// ---- Counters ------------------------------------------------------------------------------------------------------

export interface CampaignCounters {
  total: number;
  handled: number;
  notHandled: number;
  callable: number;
  maxCalls: number;
  filtered: number;
}

/**
 * The campaign's customer counters, always computed from the customers themselves so they can never drift:
 * total = handled + notHandled; notHandled covers DIALING, MAXCALLS and FILTERED customers; callable are the DIALING
 * ones not in a call whose `date` has come ("can be called immediately").
 */
export function countCustomers(campaign: Campaign, now: number): CampaignCounters {
  const counters: CampaignCounters = { total: 0, handled: 0, notHandled: 0, callable: 0, maxCalls: 0, filtered: 0 };
  for (const customer of campaign.customers.values()) {
    counters.total++;
    if (customer.result === 'DIALING') {
      counters.notHandled++;
      if (!customer.call && customer.date <= now) counters.callable++;
    } else if (customer.result === 'MAXCALLS') {
      counters.notHandled++;
      counters.maxCalls++;
    } else if (customer.result === 'FILTERED') {
      counters.notHandled++;
      counters.filtered++;
    } else {
      counters.handled++;
    }
  }
  return counters;
}
