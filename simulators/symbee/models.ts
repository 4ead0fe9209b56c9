import { createHash } from 'node:crypto';
import {
  DEFAULT_CLIENT_ID_FIELD_NAME,
  type PreviewRecord,
  type RecordDataItem,
  type WorkedState,
} from '../../contracts/symbee/schemas.ts';
import { IllegalMove, Lifecycle } from '../core/lifecycle.ts';
import { type SeededRandom, seededUuid } from '../core/random.ts';
import type { TimedQueue } from '../core/scheduler.ts';
import { EntityStore } from '../core/store.ts';
import { MESSAGES, fail, failure } from './errors.ts';
import { type DataItem, NO_WORK_CODES, SymbeeRecord, type WorkCode } from './record.ts';

export { type DataItem, SymbeeRecord } from './record.ts';

/** Preferred-agent hold: "within 30 minutes of the task becoming available to be delivered" (document). */
export const PREFERRED_AGENT_HOLD_MS = 30 * 60 * 1000;

const workedState = {
  get: (record: SymbeeRecord) => record.workedState,
  set: (record: SymbeeRecord, to: WorkedState) => {
    record.workedState = to;
  },
};

/**
 * Work states set through the API (changeCampaignRecordStatus). The document lists all four as valid targets and
 * names no restriction, so every move is in the table (assumed, see docs/vendors/symbee.md): NOTWORKED and WORKED
 * put the task back in line for delivery (WORKED only with a next earliest work time: checked by the action),
 * COMPLETED and REMOVED take it out of delivery; a move to the same state only changes the routing fields.
 */
const ANY_STATE = ['NOTWORKED', 'WORKED', 'COMPLETED', 'REMOVED'] as const;
export const apiLifecycle = new Lifecycle<WorkedState, SymbeeRecord>(
  'changeCampaignRecordStatus',
  { NOTWORKED: ANY_STATE, WORKED: ANY_STATE, COMPLETED: ANY_STATE, REMOVED: ANY_STATE },
  { state: workedState },
);

/**
 * Agents (simulated) work only deliverable tasks — NOTWORKED or WORKED — and each attempt ends WORKED (another
 * attempt scheduled) or COMPLETED. A COMPLETED or REMOVED task is never delivered again.
 */
export const agentLifecycle = new Lifecycle<WorkedState, SymbeeRecord>(
  'agent work',
  { NOTWORKED: ['WORKED', 'COMPLETED'], WORKED: ['WORKED', 'COMPLETED'], COMPLETED: [], REMOVED: [] },
  { state: workedState },
);

export interface Campaign {
  name: string;
  defaultSkillQueue: string;
  defaultTimeZone: string;
  /** The campaign's tasks by previewRecordID; clientIds are unique within a campaign (index `clientId`). */
  records: EntityStore<SymbeeRecord, 'clientId'>;
}

export function newCampaign(
  name: string,
  defaultSkillQueue: string,
  defaultTimeZone: string,
  records: Iterable<SymbeeRecord> = [],
): Campaign {
  const store = EntityStore.restore('records', (r: SymbeeRecord) => r.id, { clientId: (r) => r.clientId }, records);
  return { name, defaultSkillQueue, defaultTimeZone, records: store };
}

export interface PoolOutcome {
  outcome: 'COMPLETED' | 'WORKED';
  weight: number;
  workCodes: WorkCode[];
  /** For WORKED: next attempt this long after the attempt. */
  retryAfterMs: number;
}

export interface AgentPool {
  enabled: boolean;
  agents: { id: string; freeAt: number }[];
  handleTimeMs: number;
  outcomes: PoolOutcome[];
  /** Campaign names the pool works; all when empty. */
  campaigns: string[];
}

export interface ApiKeyState {
  /** Deterministic per sandbox, so keys replay with the seed. */
  secret: string;
  generation: number;
  current: string;
  rotatedAt: number;
  /** Rotation period on the virtual clock; null = rotate only on the admin's request. */
  intervalMs: number | null;
}

export interface SymbeeState {
  platform: 'AWS Connect';
  companyCode: string;
  environment: string;
  region: string;
  secretsRegion: string;
  apiKey: ApiKeyState;
  campaigns: Map<string, Campaign>;
  skillQueues: string[];
  agents: string[];
  pool: AgentPool;
  /** Preferred-agent expiries (lazy: the record is re-checked on pop, and skipped once deleted). */
  expiries: TimedQueue<SymbeeRecord>;
  /** Due times of deliverable records, maintained only while the agent pool is on. */
  dueQueue: TimedQueue<SymbeeRecord>;
}

// ---- Formats -----------------------------------------------------------------------------------------------------

/** `CCYY-MM-DD HH:MM:SS.mmm` in UTC (document). */
export function formatTimestamp(ms: number | null): string | null {
  if (ms === null) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // Built from the UTC fields (every record in every response has several): 3x faster than reshaping
  // toISOString(), which still renders the rare years outside 1000-9999 (and throws for invalid times) as before.
  if (!(year >= 1000 && year <= 9999)) return date.toISOString().replace('T', ' ').slice(0, 23);
  const milli = date.getUTCMilliseconds();
  const ms3 = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${ms3}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const IANA_NAME = /^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:\/[A-Za-z0-9_+-]+)*$/;

/** The canonical zones Intl knows, by their lower-case spelling. */
const CANONICAL_ZONES = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));

/**
 * A TZ database name as the database spells it (document: "TZ database name column"). Intl accepts any letter case
 * ("europe/berlin"), so a name that is a canonical zone, or that Intl resolves to itself, only when case is ignored is
 * refused (assumed). Aliases Intl knows ("US/Eastern", "UTC") stay valid; the tz database has no two names that
 * differ only in case, so no real name is refused.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  const lower = name.toLowerCase();
  const canonical = CANONICAL_ZONES.get(lower);
  if (canonical !== undefined) return canonical === name;
  return resolved === name || resolved.toLowerCase() !== lower;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

// ---- API key -----------------------------------------------------------------------------------------------------

export function deriveApiKey(secret: string, generation: number): string {
  return `sck_${createHash('sha256').update(`${secret}:${generation}`).digest('hex').slice(0, 40)}`;
}

export function rotateApiKey(state: SymbeeState, at: number): void {
  const key = state.apiKey;
  key.generation += 1;
  key.current = deriveApiKey(key.secret, key.generation);
  key.rotatedAt = at;
}

// ---- Lookups -----------------------------------------------------------------------------------------------------

export function requireCampaign(state: SymbeeState, name: string | undefined): Campaign {
  if (!name) throw fail(MESSAGES.missing('campaignName'));
  const campaign = state.campaigns.get(name);
  if (!campaign) throw fail(MESSAGES.unknownCampaign(name));
  return campaign;
}

export interface RecordLocator {
  previewRecordId?: string;
  clientId?: string;
}

/** previewRecordId wins over clientId (document); undefined when neither is given. */
export function findRecord(campaign: Campaign, locator: RecordLocator): SymbeeRecord | undefined {
  if (locator.previewRecordId) return campaign.records.get(locator.previewRecordId);
  if (locator.clientId) return campaign.records.by('clientId', locator.clientId);
  return undefined;
}

/** Like findRecord, but NORECORDFOUND when the located record does not exist (document). */
export function requireRecord(campaign: Campaign, locator: RecordLocator): SymbeeRecord {
  if (!locator.previewRecordId && !locator.clientId) throw fail(MESSAGES.recordLocatorRequired);
  const record = findRecord(campaign, locator);
  if (record) return record;
  const [by, value] = locator.previewRecordId
    ? ['previewRecordId', locator.previewRecordId]
    : ['clientId', locator.clientId as string];
  throw failure('NORECORDFOUND', MESSAGES.noRecord(by, value, campaign.name));
}

// ---- Validation of values --------------------------------------------------------------------------------------

export function requireAgent(state: SymbeeState, agent: string): string {
  if (agent !== '' && !state.agents.includes(agent)) throw fail(`Unknown agent '${agent}' for preferredAgent`);
  return agent;
}

export function requireSkillQueue(state: SymbeeState, queue: string, field: string): string {
  if (!state.skillQueues.includes(queue))
    throw fail(`Invalid ${field}: '${queue}' is not a Skill Queue of this environment`);
  return queue;
}

export function requireTimeZone(zone: string, field: string): string {
  if (!isIanaTimeZone(zone)) throw fail(`Invalid ${field}: '${zone}' is not an IANA time zone`);
  return zone;
}

export interface NormalizedData {
  items: DataItem[];
  skillQueue: string | null;
  timeZone: string | null;
}

/**
 * Checks record data against the document's rules for special keys and returns it with display orders filled in
 * (items without one follow the highest given order, in request order — assumed).
 */
export function normalizeRecordData(
  state: SymbeeState,
  raw: readonly RecordDataItem[],
  clientIdFieldName: string,
): NormalizedData {
  const seen = new Set<string>();
  let skillQueue: string | null = null;
  let timeZone: string | null = null;
  for (const [i, item] of raw.entries()) {
    if (item.key === undefined || item.key === '') throw fail(`previewRecordData[${i}].key is required`);
    if (item.value === undefined) throw fail(`previewRecordData[${i}].value is required`);
    const { key, value } = item;
    if (key === clientIdFieldName) {
      throw failure(
        'INVALIDRECORDDATAKEY',
        `previewRecordData contains the key '${key}', which is the clientIdFieldName`,
      );
    }
    if (seen.has(key)) throw fail(`Duplicate previewRecordData key '${key}'`);
    seen.add(key);
    if (item.displayOrder !== undefined && item.displayOrder <= 0) {
      throw fail(`previewRecordData[${i}].displayOrder must be greater than zero`);
    }
    // A `_link`/`_button` key holds a URL even when its name mentions a phone, e.g. "Phone Lookup_link" (assumed).
    const isUrlKey = key.endsWith('_link') || key.endsWith('_button');
    if (isUrlKey && !isHttpUrl(value)) throw fail(`Invalid URL for key '${key}': '${value}'`);
    if (!isUrlKey && /phone/i.test(key) && !E164.test(value)) {
      throw fail(`Invalid phone number for key '${key}': '${value}' is not E.164 (e.g. +17202321123)`);
    }
    if (key === 'SkillQueue') skillQueue = requireSkillQueue(state, value, 'SkillQueue');
    if (key === 'ItemTimeZone') timeZone = requireTimeZone(value, 'ItemTimeZone');
  }
  let next = Math.max(0, ...raw.map((item) => item.displayOrder ?? 0));
  const items = raw.map((item) => ({
    key: item.key as string,
    value: item.value as string,
    displayOrder: item.displayOrder ?? ++next,
  }));
  return { items, skillQueue, timeZone };
}

// ---- Mutations -------------------------------------------------------------------------------------------------

export interface UpsertInput {
  campaign: Campaign;
  /** previewRecordID of a record this call adds (backdoor seeding only; the API always generates one). */
  newId?: string;
  locator: RecordLocator;
  clientId: string;
  clientIdFieldName: string;
  data: NormalizedData;
  preferredAgent?: string;
  nextEarliestWorkTime?: number;
}

/** The clientId travels in the record data under clientIdFieldName, shown first (display order 0, as the document's example). */
function withClientIdField(fieldName: string, clientId: string, items: DataItem[]): DataItem[] {
  return [{ key: fieldName, value: clientId, displayOrder: 0 }, ...items];
}

export function upsertRecord(
  state: SymbeeState,
  input: UpsertInput,
  now: number,
  rng: SeededRandom,
): 'added' | 'updated' {
  const { campaign } = input;
  const existing = findRecord(campaign, input.locator);
  const owner = campaign.records.by('clientId', input.clientId);
  if (existing) {
    if (owner && owner !== existing) {
      throw fail(`clientId '${input.clientId}' is already used by another record in campaign '${campaign.name}'`);
    }
    updateTask(existing, now, () => {
      campaign.records.update(existing, () => {
        existing.clientId = input.clientId;
      });
      existing.clientIdFieldName = input.clientIdFieldName;
      existing.data = withClientIdField(input.clientIdFieldName, input.clientId, input.data.items);
      existing.skillQueue = input.data.skillQueue ?? campaign.defaultSkillQueue;
      existing.timeZone = input.data.timeZone;
      // "updates (replaces)" (document): what the request leaves out is cleared, not kept.
      setPreferredAgent(existing, input.preferredAgent ?? '', now);
      existing.nextEarliestWorkTime = input.nextEarliestWorkTime ?? null;
      existing.lastUpdatedTime = now;
    });
    scheduleRecord(state, existing);
    return 'updated';
  }
  // An unmatched previewRecordId means "add" (document), but clientIds stay unique within the campaign: refused
  // (assumed — why uniqueness wins is in docs/vendors/symbee.md).
  if (owner)
    throw fail(`clientId '${input.clientId}' is already used by another record in campaign '${campaign.name}'`);
  const usedBy = input.newId === undefined ? undefined : campaignHolding(state, input.newId);
  if (usedBy !== undefined) throw fail(`previewRecordID '${input.newId}' is already used in campaign '${usedBy.name}'`);
  const record = new SymbeeRecord({
    id: input.newId ?? seededUuid(rng),
    clientId: input.clientId,
    campaign: campaign.name,
    clientIdFieldName: input.clientIdFieldName,
    data: withClientIdField(input.clientIdFieldName, input.clientId, input.data.items),
    preferredAgent: input.preferredAgent ?? '',
    preferredSince: now,
    skillQueue: input.data.skillQueue ?? campaign.defaultSkillQueue,
    timeZone: input.data.timeZone,
    createdTime: now,
    lastUpdatedTime: now,
    nextEarliestWorkTime: input.nextEarliestWorkTime ?? null,
    workedState: 'NOTWORKED',
    workAttempts: 0,
    lastAttemptAgent: null,
    lastAttemptTime: null,
    workCodes: NO_WORK_CODES,
  });
  insertRecord(campaign, record);
  scheduleRecord(state, record);
  return 'added';
}

export function insertRecord(campaign: Campaign, record: SymbeeRecord): void {
  record.campaign = campaign.name;
  campaign.records.insert(record);
}

export function deleteRecord(campaign: Campaign, record: SymbeeRecord): void {
  campaign.records.delete(record);
}

/**
 * The campaign holding a previewRecordID. No sandbox-wide id map (a third map entry per record): only the seeding
 * backdoor names ids, and a sandbox has few campaigns.
 */
function campaignHolding(state: SymbeeState, id: string): Campaign | undefined {
  for (const campaign of state.campaigns.values()) if (campaign.records.has(id)) return campaign;
  return undefined;
}

/** True while `record` is stored in its campaign (a timed queue's entry may outlive it). */
export function isLive(state: SymbeeState, record: SymbeeRecord): boolean {
  return state.campaigns.get(record.campaign)?.records.get(record.id) === record;
}

export function setPreferredAgent(record: SymbeeRecord, agent: string, now: number): void {
  record.preferredAgent = agent;
  record.preferredSince = now;
}

/**
 * Applies an API change to a task. The preferred-agent hold counts "within 30 minutes of the task becoming available
 * to be delivered" (document), so a change that makes a COMPLETED/REMOVED or not-yet-due task deliverable right now
 * starts the hold afresh, instead of letting a preference set long ago expire at once (at a time before the change).
 */
function updateTask(record: SymbeeRecord, now: number, change: () => void): void {
  const wasDeliverable = isDeliverable(record, now);
  change();
  if (!wasDeliverable && isDeliverable(record, now)) record.preferredSince = now;
}

export interface StatusChange {
  state: WorkedState;
  skillQueue?: string;
  preferredAgent?: string;
  nextEarliestWorkTime?: number;
  timeZone?: string;
}

export function changeStatus(state: SymbeeState, record: SymbeeRecord, change: StatusChange, now: number): void {
  if (!apiLifecycle.canMove(record.workedState, change.state)) {
    throw fail(`Cannot change status from ${record.workedState} to ${change.state}`);
  }
  updateTask(record, now, () => {
    apiLifecycle.move(record, change.state, now);
    applyRouting(record, change, now);
  });
  scheduleRecord(state, record);
}

/**
 * Fields shared by changeCampaignRecordStatus and transferCampaignRecord. A task has one queue and one zone: "updates
 * the SkillQueue on the located task/record" (document) sets the `SkillQueue` data item too (added when the data has
 * none), and `timeZone` the `ItemTimeZone` item, so the data, `sys_skill_queue`/`sys_item_time_zone` and the
 * returned `skillQueue` always agree.
 */
function applyRouting(record: SymbeeRecord, change: Omit<StatusChange, 'state'>, now: number): void {
  if (change.skillQueue !== undefined) {
    record.skillQueue = change.skillQueue;
    setSpecialDataItem(record, 'SkillQueue', change.skillQueue);
  }
  if (change.preferredAgent !== undefined) setPreferredAgent(record, change.preferredAgent, now);
  if (change.nextEarliestWorkTime !== undefined) record.nextEarliestWorkTime = change.nextEarliestWorkTime;
  if (change.timeZone !== undefined) {
    record.timeZone = change.timeZone;
    setSpecialDataItem(record, 'ItemTimeZone', change.timeZone);
  }
  record.lastUpdatedTime = now;
}

/** Sets a special data item's value, or appends it after the highest display order (assumed). */
function setSpecialDataItem(record: SymbeeRecord, key: string, value: string): void {
  // A clientIdFieldName spelled like the special key: that item holds the clientId and stays as it is.
  if (key === record.clientIdFieldName) return;
  record.setDataItem(key, value);
}

export function transferRecord(
  state: SymbeeState,
  from: Campaign,
  to: Campaign,
  record: SymbeeRecord,
  change: Omit<StatusChange, 'state'>,
  now: number,
): void {
  if (to !== from) {
    const clash = to.records.by('clientId', record.clientId);
    if (clash) throw fail(`clientId '${record.clientId}' already exists in campaign '${to.name}'`);
    deleteRecord(from, record);
    insertRecord(to, record);
    // A different campaign has its own default queue unless one is named.
    if (change.skillQueue === undefined && !record.hasDataKey('SkillQueue')) {
      record.skillQueue = to.defaultSkillQueue;
    }
  }
  updateTask(record, now, () => applyRouting(record, change, now));
  scheduleRecord(state, record);
}

// ---- Agent work and time ---------------------------------------------------------------------------------------

export function dueAt(record: SymbeeRecord): number {
  return record.nextEarliestWorkTime ?? record.createdTime;
}

export function isDeliverable(record: SymbeeRecord, now: number): boolean {
  return (record.workedState === 'NOTWORKED' || record.workedState === 'WORKED') && dueAt(record) <= now;
}

export function preferenceExpiresAt(record: SymbeeRecord): number {
  return Math.max(record.preferredSince, dueAt(record)) + PREFERRED_AGENT_HOLD_MS;
}

/** Queues the record's time-driven events (preference expiry; due time while the agent pool works). */
export function scheduleRecord(state: SymbeeState, record: SymbeeRecord): void {
  if (record.preferredAgent !== '') state.expiries.schedule(preferenceExpiresAt(record), record);
  if (state.pool.enabled && (record.workedState === 'NOTWORKED' || record.workedState === 'WORKED')) {
    state.dueQueue.schedule(dueAt(record), record);
  }
}

export interface WorkInput {
  agent: string;
  outcome: 'COMPLETED' | 'WORKED';
  workCodes: readonly WorkCode[];
  /** Required for WORKED: when the next attempt may happen. */
  nextEarliestWorkTime?: number;
}

/** An agent works a delivered task: one attempt, with its work codes, ending COMPLETED or WORKED (retry later). */
export function workRecord(state: SymbeeState, record: SymbeeRecord, work: WorkInput, now: number): void {
  try {
    agentLifecycle.move(record, work.outcome, now);
  } catch (err) {
    if (err instanceof IllegalMove) throw fail(`A ${record.workedState} task cannot be worked`);
    throw err;
  }
  record.workAttempts += 1;
  record.lastAttemptAgent = work.agent;
  record.lastAttemptTime = now;
  record.workCodes = work.workCodes.length === 0 ? NO_WORK_CODES : work.workCodes;
  record.lastUpdatedTime = now;
  if (work.outcome === 'WORKED') record.nextEarliestWorkTime = work.nextEarliestWorkTime ?? null;
  scheduleRecord(state, record);
}

export function toWire(record: SymbeeRecord): PreviewRecord {
  return {
    previewRecordID: record.id,
    clientId: record.clientId,
    preferredAgent: record.preferredAgent,
    skillQueue: record.skillQueue,
    createdTime: formatTimestamp(record.createdTime) as string,
    lastUpdatedTime: formatTimestamp(record.lastUpdatedTime) as string,
    nextEarliestWorkTime: formatTimestamp(record.nextEarliestWorkTime),
    workedState: record.workedState,
    workAttempts: record.workAttempts,
    lastAttemptAgent: record.lastAttemptAgent,
    lastAttemptTime: formatTimestamp(record.lastAttemptTime),
    workCodes: record.workCodes.map((w) => ({ ...w })),
    previewRecordData: record.dataByDisplayOrder(),
  };
}

export { DEFAULT_CLIENT_ID_FIELD_NAME };
