import { EntityStore } from '../../core/store.ts';
import { TimedQueue } from '../../core/scheduler.ts';

/**
 * Engage part 2 — the outreach state of one sandbox: sub-campaigns with their passes, contact batches, contacts,
 * contact attempts and inbound devices. Times are epoch ms on the virtual clock. References to the configuration
 * entities of part 1 (campaign, script, list, agent group, user, outreach strategy, org) are kept as
 * `{internalId, externalId}` pairs resolved through an `OutreachDirectory` when a call arrives.
 */

export const SUB_CAMPAIGN_STATES = [
  'Pending',
  'Loading',
  'Running',
  'Paused',
  'Stopping',
  'Completing',
  'Awaiting',
  'Cancelled',
  'Done',
] as const;
export type SubCampaignStateName = (typeof SUB_CAMPAIGN_STATES)[number];

/** The sample's synthetic states and their exact membership (documented). */
export const SYNTHETIC_STATES = {
  Active: ['Loading', 'Running', 'Paused', 'Pending', 'Stopping'],
  Completed: ['Awaiting', 'Cancelled', 'Completing', 'Done'],
  Done: ['Awaiting', 'Cancelled', 'Done'],
  All: SUB_CAMPAIGN_STATES,
} as const satisfies Record<string, readonly SubCampaignStateName[]>;
export type SyntheticState = keyof typeof SYNTHETIC_STATES;
export const isSyntheticState = (s: string): s is SyntheticState => Object.hasOwn(SYNTHETIC_STATES, s);

/** The states counted against the limit of 50 active sub-campaigns. */
export const ACTIVE_STATES: ReadonlySet<SubCampaignStateName> = new Set(SYNTHETIC_STATES.Active);

/** Pass `channel` values (README): 0 None … 7 Web. */
export const CHANNELS = { None: 0, Voice: 1, Email: 2, Text: 3, Dialer: 4, Preview: 5, Manual: 6, Web: 7 } as const;
/** Channels worked by agents: their pace is bounded by the agent group (assumed). */
export const AGENT_CHANNELS: ReadonlySet<number> = new Set([CHANNELS.Dialer, CHANNELS.Preview, CHANNELS.Manual]);

export const CONTACT_BATCH_STATES = ['Queued', 'Pending', 'Running', 'Done', 'Cancelled'] as const;
export type ContactBatchStateName = (typeof CONTACT_BATCH_STATES)[number];

export const SUB_CAMPAIGN_TYPES = ['Outbound', 'OnDemand', 'Inbound'] as const;
export type SubCampaignType = (typeof SUB_CAMPAIGN_TYPES)[number];

export interface Ref {
  internalId: string;
  externalId: string;
}

export interface NameValue {
  name: string;
  value: string;
}

/** The six documented counters (README), each contact in exactly one of the five last ones (attempted = both). */
export interface Counters {
  attemptedCount: number;
  filteredCount: number;
  notAttemptedCount: number;
  pendingCount: number;
  deliveredCount: number;
  failedCount: number;
}
export const COUNTER_NAMES = [
  'attemptedCount',
  'filteredCount',
  'notAttemptedCount',
  'pendingCount',
  'deliveredCount',
  'failedCount',
] as const satisfies readonly (keyof Counters)[];
export const zeroCounters = (): Counters => ({
  attemptedCount: 0,
  filteredCount: 0,
  notAttemptedCount: 0,
  pendingCount: 0,
  deliveredCount: 0,
  failedCount: 0,
});

export interface PassInput {
  name?: string | null;
  channel?: number | null;
  pacing?: number | null;
  contactsPerMinute?: number | null;
  maxContactsPerMinute?: number | null;
  pacingPriority?: number | null;
  leaveMessage?: boolean | null;
}

export interface PassModel {
  name: string;
  channel: number;
  /** Percent of the pass's rate actually dialled (assumed meaning: the document names the field only). */
  pacing: number;
  contactsPerMinute: number;
  maxContactsPerMinute: number | null;
  pacingPriority: number;
  leaveMessage: boolean;
  /** Contact ids to attempt in this pass, in order; `cursor` is the next one. */
  queue: string[];
  cursor: number;
  counters: Counters;
}

export interface SubCampaignModel {
  internalId: string;
  externalId: string;
  campaign: Ref;
  accountId: string;
  type: SubCampaignType;
  list: Ref | null;
  script: Ref | null;
  agentGroups: Ref[];
  /** Percent of the passes' pace (0–100, default 100). */
  intensity: number;
  passes: PassModel[];
  currentPass: number;
  state: SubCampaignStateName;
  stateAt: number;
  createdAt: number;
  updatedAt: number;
  /** When it starts (Pending until then). */
  startAt: number;
  /** When it stopped (completed), null while active. */
  endedAt: number | null;
  /** A contact batch's deadline: requestedStartTime + maxDuration. */
  stopAt: number | null;
  nextAttemptAt: number | null;
  counters: Counters;
  contactIds: string[];
  contactBatchId: string | null;
  inboundDeviceId: string | null;
  keyword: string | null;
  /** The user attempts are assigned to (a batch's agent), else a seeded pick of the agent group's users. */
  agentId: string | null;
  attributes: NameValue[];
}

export type ContactStatus = 'filtered' | 'pending' | 'notAttempted' | 'delivered' | 'failed';

export interface DeviceModel {
  externalId: string;
  attributes: NameValue[];
  createdDate: number;
  updatedDate: number;
}

export interface ContactModel {
  internalId: string;
  externalId: string;
  subCampaignId: string;
  contactBatchId: string | null;
  devices: DeviceModel[];
  attributes: NameValue[];
  status: ContactStatus;
  /** The pass the contact waits in, or was last attempted in. */
  pass: number;
  attemptCount: number;
  /** QA's forced outcome for this contact's next attempt (admin backdoor). */
  forcedOutcome: string | null;
  createdAt: number;
}

export interface AttemptModel {
  internalId: string;
  contactId: string;
  device: string;
  subCampaignId: string;
  contactBatchId: string | null;
  pass: number;
  userId: string | null;
  outcome: string;
  delivered: boolean;
  startTime: number;
  tags: string[];
}

export interface ContactBatchModel {
  internalId: string;
  externalId: string;
  campaign: Ref;
  outreachStrategy: Ref;
  script: Ref | null;
  agent: Ref | null;
  agentGroup: Ref | null;
  accountId: string;
  requestedStartTime: number;
  maxDurationMinutes: number;
  state: ContactBatchStateName;
  subCampaignId: string | null;
  /** The outreach strategy's passes at creation (a queued batch starts with them). */
  passes: PassInput[];
  createdAt: number;
  updatedAt: number;
  attributes: NameValue[];
}

/** A `createContactBatchAsync` request waiting for the periodic processing. */
export interface QueuedRequest {
  batchId: string;
  queuedAt: number;
  contacts: ContactInput[];
}

export interface ContactInput {
  externalId: string;
  devices: { externalId: string; attributes: NameValue[] }[];
  attributes: NameValue[];
}

export const INBOUND_DEVICE_TYPES = ['LongCode', 'ShortCode', 'TollFree', 'Email'] as const;
export type InboundDeviceType = (typeof INBOUND_DEVICE_TYPES)[number];

export interface InboundDeviceModel {
  internalId: string;
  externalId: string;
  inboundDeviceType: InboundDeviceType;
  keywords: string[];
}

export interface OutreachState {
  seed: number;
  subCampaigns: EntityStore<SubCampaignModel, 'key'>;
  contacts: EntityStore<ContactModel>;
  attempts: EntityStore<AttemptModel>;
  contactBatches: EntityStore<ContactBatchModel, 'key'>;
  inboundDevices: EntityStore<InboundDeviceModel, 'number'>;
  asyncQueue: QueuedRequest[];
  /** Device externalIds on the account's suppression list. */
  suppressed: Set<string>;
  nextId: number;
  /** The last tick the async queue was processed at. */
  lastAsyncTick: number;
  /** Sub-campaign state timers and attempt timers (not saved: rebuilt from the entities). */
  stateTimers: TimedQueue<SubCampaignModel>;
  attemptTimers: TimedQueue<SubCampaignModel>;
}

export const subCampaignKey = (campaignId: string, externalId: string) => `${campaignId}/${externalId}`;

export function newOutreachState(
  seed: number,
  saved: Partial<{
    subCampaigns: SubCampaignModel[];
    contacts: ContactModel[];
    attempts: AttemptModel[];
    contactBatches: ContactBatchModel[];
    inboundDevices: InboundDeviceModel[];
    asyncQueue: QueuedRequest[];
    suppressed: string[];
    nextId: number;
    lastAsyncTick: number;
  }> = {},
): OutreachState {
  return {
    seed,
    subCampaigns: EntityStore.restore(
      'SubCampaigns',
      (s: SubCampaignModel) => s.internalId,
      { key: (s: SubCampaignModel) => subCampaignKey(s.campaign.internalId, s.externalId) },
      saved.subCampaigns ?? [],
    ),
    contacts: EntityStore.restore('Contacts', (c: ContactModel) => c.internalId, {}, saved.contacts ?? []),
    attempts: EntityStore.restore('ContactAttempts', (a: AttemptModel) => a.internalId, {}, saved.attempts ?? []),
    contactBatches: EntityStore.restore(
      'ContactBatches',
      (b: ContactBatchModel) => b.internalId,
      { key: (b: ContactBatchModel) => subCampaignKey(b.campaign.internalId, b.externalId) },
      saved.contactBatches ?? [],
    ),
    inboundDevices: EntityStore.restore(
      'InboundDevices',
      (d: InboundDeviceModel) => d.internalId,
      { number: (d: InboundDeviceModel) => `${d.inboundDeviceType}/${d.externalId}` },
      saved.inboundDevices ?? [],
    ),
    asyncQueue: saved.asyncQueue ?? [],
    suppressed: new Set(saved.suppressed ?? []),
    nextId: saved.nextId ?? 1,
    lastAsyncTick: saved.lastAsyncTick ?? 0,
    stateTimers: new TimedQueue(),
    attemptTimers: new TimedQueue(),
  };
}

/**
 * Engage internalIds are numbers written as strings. Part 2's come from their own sequence from 1,000,001 on, above
 * anything the configuration methods' sequence reaches under its documented limits (assumed), so ids never collide.
 */
export const OUTREACH_ID_BASE = 1_000_000;
export function nextId(state: OutreachState): string {
  return String(OUTREACH_ID_BASE + state.nextId++);
}

export const attr = (attributes: readonly NameValue[], name: string): string | undefined =>
  attributes.find((a) => a.name === name)?.value;
