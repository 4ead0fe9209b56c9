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
import { EntityStore } from '../core/store.ts';
import { MESSAGES, obiError } from './errors.ts';
import { dispatch } from './dialer.ts';
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
  /** By id; externalIds are unique within a campaign (index `externalId`). */
  customers: EntityStore<Customer, 'externalId'>;
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

function requireById<T>(
  items: { get(id: string): T | undefined },
  field: string,
  rawId: string,
  notFound: (id: string) => string,
): T {
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

export function setStatus(campaign: Campaign, to: CampaignStatus, now: number): void {
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

export function refreshDialer(campaign: Campaign, now: number): void {
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
export function applyCalendar(state: SinchState, campaign: Campaign, now: number): void {
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
  const taken = (id: string) => campaign.customers.by('externalId', id) !== undefined || reserved?.has(id) === true;
  while (taken(String(campaign.nextExternalId))) campaign.nextExternalId++;
  return String(campaign.nextExternalId++);
}

export function scheduleCustomer(campaign: Campaign, customer: Customer): void {
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
  campaign.customers.insert(customer);
  scheduleCustomer(campaign, customer);
  return customer;
}

export function isExternalIdTaken(campaign: Campaign, externalId: string | undefined): boolean {
  return externalId !== undefined && campaign.customers.by('externalId', externalId) !== undefined;
}

/** After new work arrives: a Handled campaign becomes Active again, and the dialer looks at the queue. */
export function reopen(state: SinchState, campaign: Campaign, now: number): void {
  if (campaign.status === 'Handled') setStatus(campaign, 'Active', now);
  refreshDialer(campaign, now);
  dispatch(state, campaign, now);
}

export function deleteCustomer(state: SinchState, campaign: Campaign, customer: Customer, now: number): void {
  campaign.customers.delete(customer);
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

// ---- Creation and restore ------------------------------------------------------------------------------------------

export function addCampaign(state: SinchState, seed: CampaignSeed, now: number): Campaign {
  const campaign: Campaign = {
    ...seed,
    status: 'Passive',
    dialerStatus: 'PASSIVE',
    retryCount: seed.retryCount ?? DEFAULT_RETRY_COUNT,
    activeIntervals: [],
    customers: customerStore([]),
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

/** A campaign's customers, by id and by externalId. */
export function customerStore(customers: Iterable<Customer>): EntityStore<Customer, 'externalId'> {
  return EntityStore.restore('customers', (c: Customer) => c.id, { externalId: (c) => c.externalId }, customers);
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
