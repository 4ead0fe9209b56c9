import { SeededRandom, saltedSeed } from '../../core/random.ts';
import { enqueue, filter, forceState, move } from './engine.ts';
import { engageFault } from './faults.ts';
import {
  ACTIVE_STATES,
  CHANNELS,
  type ContactInput,
  type ContactModel,
  type NameValue,
  type OutreachState,
  type PassInput,
  type PassModel,
  type Ref,
  type SubCampaignModel,
  type SubCampaignStateName,
  SYNTHETIC_STATES,
  isSyntheticState,
  nextId,
  subCampaignKey,
  zeroCounters,
} from './model.ts';
import { DEFAULT_CONTACTS_PER_MINUTE } from './pacing.ts';
import { type TimeRange, limited, overlaps, wildcardMatch } from './windows.ts';

/** The maximum number of active SubCampaigns (documented). On-demand ones (contact batches) are not counted (assumed). */
export const MAX_ACTIVE_SUB_CAMPAIGNS = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export function newPass(input: PassInput, index: number): PassModel {
  return {
    name: input.name ?? `Pass ${index + 1}`,
    channel: input.channel ?? CHANNELS.Voice,
    pacing: input.pacing ?? 100,
    contactsPerMinute: input.contactsPerMinute ?? DEFAULT_CONTACTS_PER_MINUTE,
    maxContactsPerMinute: input.maxContactsPerMinute ?? null,
    pacingPriority: input.pacingPriority ?? 1,
    leaveMessage: input.leaveMessage ?? false,
    queue: [],
    cursor: 0,
    counters: zeroCounters(),
  };
}

export interface NewSubCampaign extends Pick<
  SubCampaignModel,
  'externalId' | 'campaign' | 'accountId' | 'type' | 'list' | 'script' | 'agentGroups'
> {
  intensity?: number | null;
  passes: PassInput[];
  /** Null: now. */
  startAt: number | null;
  stopAt?: number | null;
  contacts: ContactInput[];
  contactBatchId?: string | null;
  inboundDeviceId?: string | null;
  keyword?: string | null;
  agentId?: string | null;
  attributes?: NameValue[];
}

/**
 * A contact a Date or Region compliance rule of its account forbids at `at` (part 1's rules); suppressed devices are
 * checked here.
 */
export type ContactFilter = (contact: ContactInput, accountId: string, at: number) => boolean;

export function activeCount(state: OutreachState, accountId: string): number {
  let n = 0;
  for (const s of state.subCampaigns.values()) {
    if (s.accountId === accountId && s.type !== 'OnDemand' && ACTIVE_STATES.has(s.state)) n++;
  }
  return n;
}

/** Creates a sub-campaign with its contacts queued in the first pass (Pending when it starts later, else Loading). */
export function createSubCampaign(
  state: OutreachState,
  input: NewSubCampaign,
  now: number,
  isFiltered: ContactFilter,
): SubCampaignModel {
  if (state.subCampaigns.by('key', subCampaignKey(input.campaign.internalId, input.externalId))) {
    throw engageFault('OBJECT_EXISTS', input.externalId);
  }
  if (input.type !== 'OnDemand' && activeCount(state, input.accountId) >= MAX_ACTIVE_SUB_CAMPAIGNS) {
    throw engageFault('SYSTEM_LIMIT_EXCEEDED');
  }
  const startAt = input.startAt !== null && input.startAt > now ? input.startAt : now;
  const passes = (input.passes.length > 0 ? input.passes : [{}]).map(newPass);
  const sub: SubCampaignModel = {
    internalId: nextId(state),
    externalId: input.externalId,
    campaign: input.campaign,
    accountId: input.accountId,
    type: input.type,
    list: input.list,
    script: input.script,
    agentGroups: input.agentGroups,
    intensity: input.intensity ?? 100,
    passes,
    currentPass: 0,
    state: startAt > now ? 'Pending' : 'Loading',
    stateAt: now,
    createdAt: now,
    updatedAt: now,
    startAt,
    endedAt: null,
    stopAt: input.stopAt ?? null,
    nextAttemptAt: null,
    counters: zeroCounters(),
    contactIds: [],
    contactBatchId: input.contactBatchId ?? null,
    inboundDeviceId: input.inboundDeviceId ?? null,
    keyword: input.keyword ?? null,
    agentId: input.agentId ?? null,
    attributes: input.attributes ?? [],
  };
  state.subCampaigns.insert(sub);
  addContacts(state, sub, input.contacts, now, isFiltered);
  forceState(state, sub, sub.state, now);
  return sub;
}

/** Adds contacts to a sub-campaign: filtered ones counted as filtered, the rest queued in its current pass. */
export function addContacts(
  state: OutreachState,
  sub: SubCampaignModel,
  contacts: readonly ContactInput[],
  now: number,
  isFiltered: ContactFilter,
): ContactModel[] {
  return contacts.map((input) => {
    const contact: ContactModel = {
      internalId: nextId(state),
      externalId: input.externalId,
      subCampaignId: sub.internalId,
      contactBatchId: sub.contactBatchId,
      devices: input.devices.map((d) => ({ ...d, createdDate: now, updatedDate: now })),
      attributes: input.attributes,
      status: 'notAttempted',
      pass: 0,
      attemptCount: 0,
      forcedOutcome: null,
      createdAt: now,
    };
    state.contacts.insert(contact);
    sub.contactIds.push(contact.internalId);
    sub.counters.notAttemptedCount++;
    if (isFiltered(input, sub.accountId, now) || input.devices.some((d) => state.suppressed.has(d.externalId)))
      filter(sub, contact);
    else enqueue(sub, contact, sub.currentPass);
    return contact;
  });
}

/** A list's records (the simulator has no list contents: seeded contacts, as many as the list says, assumed). */
export function listContacts(seed: number, list: Ref, size: number): ContactInput[] {
  const rng = new SeededRandom(saltedSeed(seed, `engage-list:${list.internalId}`));
  return Array.from({ length: size }, (_, i) => ({
    externalId: `${list.externalId}-${i + 1}`,
    devices: [{ externalId: `+1555${String(rng.int(10_000_000)).padStart(7, '0')}`, attributes: [] }],
    attributes: [],
  }));
}

// ---- changes ----------------------------------------------------------------------------------------------------

/** The documented subset changeable on a running sub-campaign and on its running passes. */
const RUNNING_FIELDS: ReadonlySet<string> = new Set(['intensity', 'externalId']);
const RUNNING_PASS_FIELDS: ReadonlySet<string> = new Set([
  'pacingPriority',
  'pacing',
  'contactsPerMinute',
  'maxContactsPerMinute',
  'leaveMessage',
]);
const COMPLETED: ReadonlySet<SubCampaignStateName> = new Set(['Done', 'Awaiting', 'Cancelled']);
const EXTERNAL_ID = /^[\p{L}\p{N} _.\-()]+$/u;
export const MAX_EXTERNAL_ID = 100;

export interface SubCampaignChanges {
  externalId?: string | null;
  intensity?: number | null;
  agentGroups?: Ref[] | null;
  /** Passes by position: entries past the existing ones are new passes (a retry when completed). */
  passes?: PassInput[] | null;
  /** Other fields the request set (names), refused on a running sub-campaign. */
  otherFields?: string[];
}

function checkExternalId(state: OutreachState, sub: SubCampaignModel, externalId: string): void {
  if (externalId.length > MAX_EXTERNAL_ID) throw engageFault('ATTRIBUTE_TRUNCATED');
  if (!EXTERNAL_ID.test(externalId)) throw engageFault('ATTRIBUTE_INVALID_CHAR');
  const holder = state.subCampaigns.by('key', subCampaignKey(sub.campaign.internalId, externalId));
  if (holder && holder !== sub) throw engageFault('ATTRIBUTE_INVALID_DATA', `externalId ${externalId} is taken`);
}

/**
 * changeSubCampaign: on a running (active) sub-campaign only intensity and externalId, and on its passes only the
 * pacing fields (documented; anything else → ATTRIBUTE_INVALID_DATA, assumed code); new passes on a completed one
 * retry it (documented): its failed and not attempted contacts go to the first new pass, and it loads again.
 * Everything is checked before anything changes.
 */
export function changeSubCampaign(
  state: OutreachState,
  sub: SubCampaignModel,
  changes: SubCampaignChanges,
  now: number,
): SubCampaignModel {
  const completed = COMPLETED.has(sub.state);
  const running = !completed && sub.state !== 'Pending';
  if (running) {
    const refused = [...(changes.otherFields ?? []), ...(changes.agentGroups ? ['agentGroups'] : [])].filter(
      (f) => !RUNNING_FIELDS.has(f),
    );
    if (refused.length > 0) throw engageFault('ATTRIBUTE_INVALID_DATA', refused.join(', '));
  }
  const passes = changes.passes ?? [];
  passes.forEach((p, i) => {
    const existing = sub.passes[i];
    if (!existing) {
      if (running) throw engageFault('ATTRIBUTE_INVALID_DATA', 'passes');
      return;
    }
    if (p.channel != null && p.channel !== existing.channel && sub.state !== 'Pending') {
      throw engageFault('ATTRIBUTE_INVALID_DATA', `passes[${i}].channel`);
    }
    if (p.name != null && p.name !== existing.name && sub.state !== 'Pending') {
      throw engageFault('ATTRIBUTE_INVALID_DATA', `passes[${i}].name`);
    }
    for (const [field, value] of Object.entries(p)) {
      if (value === null || value === undefined || field === 'name' || field === 'channel') continue;
      if (running && !RUNNING_PASS_FIELDS.has(field)) throw engageFault('ATTRIBUTE_INVALID_DATA', field);
    }
  });
  if (changes.externalId != null) checkExternalId(state, sub, changes.externalId);

  if (changes.externalId != null && changes.externalId !== sub.externalId) {
    state.subCampaigns.update(sub, () => (sub.externalId = changes.externalId as string));
  }
  if (changes.intensity != null) sub.intensity = changes.intensity;
  if (changes.agentGroups) sub.agentGroups = changes.agentGroups;
  passes.forEach((p, i) => {
    const existing = sub.passes[i];
    if (!existing) return;
    const defined = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined));
    Object.assign(existing, defined);
  });
  const added = passes.slice(sub.passes.length);
  sub.updatedAt = now;
  if (added.length > 0 && completed) retry(state, sub, added, now);
  else if (sub.state === 'Running' && sub.nextAttemptAt !== null) {
    // A new pace applies from the next attempt on: attempt now and re-pace from there.
    sub.nextAttemptAt = now;
    state.attemptTimers.schedule(now, sub);
  }
  return sub;
}

function retry(state: OutreachState, sub: SubCampaignModel, added: PassInput[], now: number): void {
  const first = sub.passes.length;
  added.forEach((p, i) => sub.passes.push(newPass(p, first + i)));
  for (const id of sub.contactIds) {
    const contact = state.contacts.get(id) as ContactModel;
    if (contact.status === 'failed' || contact.status === 'notAttempted') enqueue(sub, contact, first);
  }
  sub.currentPass = first;
  move(state, sub, 'Loading', now);
}

/**
 * changeSubCampaignState: Running (start a pending one now, resume a paused one), Paused, Done or Stopping (stop;
 * one that never ran is Cancelled). Documented as the only supported changes; another state → ARG_INVALID_TYPE, a
 * move the lifecycle does not allow (resuming a Done one) → INVALID_STATE (both codes assumed). Asking for the state
 * it is already heading to changes nothing.
 */
export function changeSubCampaignState(
  state: OutreachState,
  sub: SubCampaignModel,
  requested: string,
  now: number,
): SubCampaignModel {
  const to = targetOf(sub.state, requested);
  if (to === null) return sub;
  if (to === 'Loading') sub.startAt = now;
  move(state, sub, to, now);
  return sub;
}

function targetOf(from: SubCampaignStateName, requested: string): SubCampaignStateName | null {
  const invalid = () => engageFault('INVALID_STATE');
  switch (requested) {
    case 'Running':
      if (from === 'Pending') return 'Loading';
      if (from === 'Paused') return 'Running';
      if (from === 'Running' || from === 'Loading') return null;
      throw invalid();
    case 'Paused':
      if (from === 'Running' || from === 'Loading') return 'Paused';
      if (from === 'Paused') return null;
      throw invalid();
    case 'Done':
    case 'Stopping':
      if (from === 'Pending') return 'Cancelled';
      if (from === 'Running' || from === 'Loading' || from === 'Paused') return 'Stopping';
      if (from === 'Awaiting') return 'Done';
      return null;
    default:
      throw engageFault('ARG_INVALID_TYPE', `state ${requested}`);
  }
}

// ---- lookups and lists ------------------------------------------------------------------------------------------

export interface SubCampaignSample {
  state?: string | null;
  type?: string | null;
  internalId?: string | null;
  externalId?: string | null;
  campaign?: { internalId?: string | null; externalId?: string | null } | null;
  agentGroup?: { internalId?: string | null; externalId?: string | null } | null;
  channel?: number | null;
}

const refMatches = (ref: Ref | undefined, sample: { internalId?: string | null; externalId?: string | null }) =>
  ref !== undefined &&
  (sample.internalId == null || ref.internalId === sample.internalId) &&
  (sample.externalId == null || wildcardMatch(ref.externalId, sample.externalId));

/**
 * listSubCampaignStates: the sample's fields exactly as documented, the null fromDate/toDate rules (yesterday /
 * tomorrow when the sample has no state or Done / All; otherwise open), ≤ 100, ordered by fromDate, campaign name,
 * sub-campaign name. A sub-campaign's fromDate is its start, its toDate its end (assumed). "Yesterday" and
 * "tomorrow" are now ∓ 24 hours (assumed).
 */
export function listSubCampaignStates(
  state: OutreachState,
  accountIds: ReadonlySet<string>,
  sample: SubCampaignSample | null,
  fromTime: number | null,
  toTime: number | null,
  now: number,
): SubCampaignModel[] {
  const synthetic = sample?.state ?? null;
  if (synthetic !== null && !isSyntheticState(synthetic)) throw engageFault('ARG_INVALID_TYPE', `state ${synthetic}`);
  const dayRule = synthetic === null || synthetic === 'Done' || synthetic === 'All';
  const range: TimeRange = {
    from: fromTime ?? (dayRule ? now - DAY_MS : Number.NEGATIVE_INFINITY),
    to: toTime ?? (dayRule ? now + DAY_MS : Number.POSITIVE_INFINITY),
  };
  const states: ReadonlySet<string> = new Set(SYNTHETIC_STATES[synthetic ?? 'All']);
  const found: SubCampaignModel[] = [];
  for (const sub of state.subCampaigns.values()) {
    if (!accountIds.has(sub.accountId) || !states.has(sub.state)) continue;
    if (!overlaps(range, sub.startAt, sub.endedAt)) continue;
    if (sample && !sampleMatches(sub, sample)) continue;
    found.push(sub);
  }
  found.sort(
    (a, b) =>
      a.startAt - b.startAt ||
      a.campaign.externalId.localeCompare(b.campaign.externalId) ||
      a.externalId.localeCompare(b.externalId),
  );
  return limited(found, 100);
}

function sampleMatches(sub: SubCampaignModel, sample: SubCampaignSample): boolean {
  if (sample.type != null && sample.type !== '' && sub.type !== sample.type) return false;
  if (sample.internalId != null && sub.internalId !== sample.internalId) return false;
  if (sample.externalId != null && !wildcardMatch(sub.externalId, sample.externalId)) return false;
  if (sample.campaign && !refMatches(sub.campaign, sample.campaign)) return false;
  if (sample.agentGroup && !refMatches(sub.agentGroups[0], sample.agentGroup)) return false;
  if (sample.channel != null && sub.passes[0]?.channel !== sample.channel) return false;
  return true;
}

/**
 * listSubCampaigns ("Future" in the document; implemented): the campaign's sub-campaigns created in the window
 * (fromTime null → the earliest, toTime null → now); deleted ones — there is no delete method, so cancelled ones
 * (assumed) — only with includeDeleted; ≤ 1,000.
 */
export function listSubCampaigns(
  state: OutreachState,
  campaign: Ref,
  includeDeleted: boolean,
  fromTime: number | null,
  toTime: number | null,
  now: number,
): SubCampaignModel[] {
  const from = fromTime ?? Number.NEGATIVE_INFINITY;
  const to = toTime ?? now;
  const found: SubCampaignModel[] = [];
  for (const sub of state.subCampaigns.values()) {
    if (sub.campaign.internalId !== campaign.internalId) continue;
    if (!includeDeleted && sub.state === 'Cancelled') continue;
    if (sub.createdAt < from || sub.createdAt > to) continue;
    found.push(sub);
  }
  return limited(found, 1000);
}

/** A sub-campaign by internalId, or externalId within its campaign (OBJECT_NOT_EXISTS naming it). */
export function findSubCampaign(
  state: OutreachState,
  ref: { internalId?: string | null; externalId?: string | null },
  campaign: Ref | null,
): SubCampaignModel {
  const sub =
    ref.internalId != null
      ? state.subCampaigns.get(ref.internalId)
      : ref.externalId != null && campaign
        ? state.subCampaigns.by('key', subCampaignKey(campaign.internalId, ref.externalId))
        : undefined;
  if (!sub) throw engageFault('OBJECT_NOT_EXISTS', ref.internalId ?? ref.externalId ?? 'subCampaign');
  return sub;
}
