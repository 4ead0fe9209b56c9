import { move } from './engine.ts';
import { engageFault } from './faults.ts';
import {
  type ContactBatchModel,
  type ContactInput,
  type NameValue,
  type OutreachState,
  type Ref,
  type SubCampaignModel,
  nextId,
  subCampaignKey,
  zeroCounters,
  type Counters,
  type PassInput,
  type QueuedRequest,
} from './model.ts';
import { type ContactFilter, addContacts, createSubCampaign } from './subcampaigns.ts';
import { type TimeRange, limited, overlaps } from './windows.ts';

/** Documented limits: ≤ 100 contacts, start ≤ 10 days ahead, maxDuration ≤ 12 hours. */
export const MAX_BATCH_CONTACTS = 100;
export const MAX_START_AHEAD_MS = 10 * 24 * 60 * 60 * 1000;
export const MAX_DURATION_MINUTES = 12 * 60;

/**
 * createContactBatchAsync's payload block (documented for that method only): "If enterprise for given account is
 * secure, then encrypted custom payload must not exceed certain size, set by default to 96kB or defined by
 * 'api.contact.payload.block.size'. If not secure, custom payload must not exceed defined block size."
 */
export interface PayloadBlock {
  /** api.contact.payload.block.size: 96 kB (96 × 1024 bytes) by default (documented). */
  bytes: number;
  /** The account's enterprise is secure: its payload is measured encrypted. */
  secure: boolean;
}
export const DEFAULT_PAYLOAD_BLOCK_BYTES = 96 * 1024;
export const DEFAULT_PAYLOAD_BLOCK: PayloadBlock = { bytes: DEFAULT_PAYLOAD_BLOCK_BYTES, secure: false };

/**
 * A contact's custom payload: the UTF-8 bytes of its attributes' and its devices' attributes' names and values
 * (assumed: the document does not define it; the block is per contact, as `contact.payload.block` reads).
 */
export function payloadBytes(contact: ContactInput): number {
  let n = 0;
  for (const a of contact.attributes) n += Buffer.byteLength(a.name) + Buffer.byteLength(a.value);
  for (const d of contact.devices)
    for (const a of d.attributes) n += Buffer.byteLength(a.name) + Buffer.byteLength(a.value);
  return n;
}

/**
 * The size of `bytes` once encrypted (assumed cipher: the document names none): AES-CBC with PKCS#7 padding and a
 * 16-byte IV, stored as base64 — 4 × ⌈(16 + 16 × (⌊n / 16⌋ + 1)) / 3⌉.
 */
export const encryptedBytes = (bytes: number) => 4 * Math.ceil((16 + 16 * (Math.floor(bytes / 16) + 1)) / 3);

function checkPayloadBlock(contacts: readonly ContactInput[], block: PayloadBlock): void {
  contacts.forEach((contact, i) => {
    const plain = payloadBytes(contact);
    if ((block.secure ? encryptedBytes(plain) : plain) > block.bytes)
      throw engageFault('ARG_TOO_LARGE', `contacts[${i}]`);
  });
}
/** The async queue is read every minute, up to this many requests a time (assumed period and batch size). */
export const ASYNC_PERIOD_MS = 60_000;
export const ASYNC_BATCH_SIZE = 10;

/** A contact batch request with its references already resolved by the caller (defaults applied). */
export interface NewContactBatch {
  /** Set: a later use of an existing batch (same strategy, script and agent group; documented). */
  internalId: string | null;
  externalId: string | null;
  campaign: Ref;
  outreachStrategy: Ref;
  strategyPasses: PassInput[];
  script: Ref | null;
  agent: Ref | null;
  agentGroup: Ref | null;
  accountId: string;
  requestedStartTime: number | null;
  maxDurationMinutes: number | null;
  override: unknown;
  attributes: NameValue[];
}

/** Every documented check of createContactBatch(Async), before anything changes. */
function check(
  state: OutreachState,
  input: NewContactBatch,
  contacts: readonly ContactInput[],
  now: number,
  block: PayloadBlock | null,
) {
  if (input.override !== null && input.override !== undefined) {
    throw engageFault('ARG_INVALID_TYPE', 'override');
  }
  if (contacts.length === 0) throw engageFault('ARG_NULL', 'contacts');
  if (contacts.length > MAX_BATCH_CONTACTS) throw engageFault('ARG_TOO_LARGE', 'contacts');
  if (block) checkPayloadBlock(contacts, block);
  if (input.maxDurationMinutes === null) throw engageFault('ARG_NULL', 'maxDuration');
  if (input.maxDurationMinutes <= 0) throw engageFault('ARG_INVALID_TYPE', 'maxDuration');
  if (input.maxDurationMinutes > MAX_DURATION_MINUTES) throw engageFault('ARG_TOO_LARGE', 'maxDuration');
  if (input.requestedStartTime !== null && input.requestedStartTime > now + MAX_START_AHEAD_MS) {
    throw engageFault('ARG_TOO_LARGE', 'requestedStartTime');
  }
  const seen = new Set<string>();
  for (const c of contacts) {
    if (c.devices.length === 0) throw engageFault('ARG_NULL', 'contacts.devices');
    if (seen.has(c.externalId)) throw engageFault('OBJECT_EXISTS', c.externalId);
    seen.add(c.externalId);
  }
  if (input.internalId !== null) {
    const batch = state.contactBatches.get(input.internalId);
    if (!batch) throw engageFault('OBJECT_NOT_EXISTS', input.internalId);
    const same = (a: Ref | null, b: Ref | null) => (a?.internalId ?? null) === (b?.internalId ?? null);
    if (
      !same(batch.outreachStrategy, input.outreachStrategy) ||
      !same(batch.script, input.script) ||
      !same(batch.agentGroup, input.agentGroup)
    ) {
      throw engageFault('OBJECT_EXISTS', batch.externalId);
    }
    if (batch.state === 'Done' || batch.state === 'Cancelled') throw engageFault('OBJECT_EXISTS', batch.externalId);
    return batch;
  }
  if (
    input.externalId !== null &&
    state.contactBatches.by('key', subCampaignKey(input.campaign.internalId, input.externalId))
  ) {
    throw engageFault('OBJECT_EXISTS', input.externalId);
  }
  return undefined;
}

/**
 * createContactBatch: the batch runs as its own on-demand sub-campaign (assumed: the document names none) in its
 * campaign, started at requestedStartTime (null or past → now), stopped at start + maxDuration. Suppressed devices
 * and contacts a Date/Region compliance rule forbids are counted as filtered (documented "honoured").
 */
export function createContactBatch(
  state: OutreachState,
  input: NewContactBatch,
  contacts: readonly ContactInput[],
  now: number,
  isFiltered: ContactFilter,
): ContactBatchModel {
  // No payload block here: the document states it for createContactBatchAsync only.
  const existing = check(state, input, contacts, now, null);
  if (existing) {
    if (existing.subCampaignId === null)
      state.asyncQueue.push({ batchId: existing.internalId, queuedAt: now, contacts: [...contacts] });
    else
      addContacts(state, state.subCampaigns.get(existing.subCampaignId) as SubCampaignModel, contacts, now, isFiltered);
    existing.updatedAt = now;
    return existing;
  }
  const batch = newBatch(state, input, now);
  start(state, batch, input.strategyPasses, contacts, now, isFiltered);
  return batch;
}

/**
 * createContactBatchAsync: the same checks and the payload block at once, then the request is queued (the batch is
 * `Queued`, assumed name) and processed in periodic batches as the clock advances (documented: "retrieved
 * periodically and processed in batches"; period and batch size assumed).
 */
export function createContactBatchAsync(
  state: OutreachState,
  input: NewContactBatch,
  contacts: readonly ContactInput[],
  now: number,
  block: PayloadBlock = DEFAULT_PAYLOAD_BLOCK,
): ContactBatchModel {
  const existing = check(state, input, contacts, now, block);
  const batch = existing ?? newBatch(state, input, now);
  if (!existing) batch.state = 'Queued';
  state.asyncQueue.push({ batchId: batch.internalId, queuedAt: now, contacts: [...contacts] });
  return batch;
}

function newBatch(state: OutreachState, input: NewContactBatch, now: number): ContactBatchModel {
  const internalId = nextId(state);
  const batch: ContactBatchModel = {
    internalId,
    externalId: input.externalId ?? `ContactBatch-${internalId}`,
    campaign: input.campaign,
    outreachStrategy: input.outreachStrategy,
    script: input.script,
    agent: input.agent,
    agentGroup: input.agentGroup,
    accountId: input.accountId,
    requestedStartTime:
      input.requestedStartTime !== null && input.requestedStartTime > now ? input.requestedStartTime : now,
    maxDurationMinutes: input.maxDurationMinutes as number,
    state: 'Pending',
    subCampaignId: null,
    createdAt: now,
    updatedAt: now,
    passes: input.strategyPasses,
    attributes: input.attributes,
  };
  state.contactBatches.insert(batch);
  return batch;
}

function start(
  state: OutreachState,
  batch: ContactBatchModel,
  passes: PassInput[],
  contacts: readonly ContactInput[],
  now: number,
  isFiltered: ContactFilter,
): void {
  const startAt = Math.max(batch.requestedStartTime, now);
  const sub = createSubCampaign(
    state,
    {
      externalId: batch.externalId,
      campaign: batch.campaign,
      accountId: batch.accountId,
      type: 'OnDemand',
      list: null,
      script: batch.script,
      agentGroups: batch.agentGroup ? [batch.agentGroup] : [],
      passes,
      startAt,
      stopAt: startAt + batch.maxDurationMinutes * 60_000,
      contacts: [...contacts],
      contactBatchId: batch.internalId,
      agentId: batch.agent?.internalId ?? null,
    },
    now,
    isFiltered,
  );
  batch.subCampaignId = sub.internalId;
  batch.state = sub.state === 'Pending' ? 'Pending' : 'Running';
}

/**
 * The async queue's next tick: the period boundary after the oldest request, and no sooner than one period after the
 * last tick (undefined when nothing is queued). At a tick the requests queued before it are taken, ASYNC_BATCH_SIZE
 * at most; the rest wait for the next tick.
 */
export function nextAsyncTick(state: OutreachState): number | undefined {
  const head = state.asyncQueue[0];
  return head && Math.max(nextTick(head.queuedAt), state.lastAsyncTick + ASYNC_PERIOD_MS);
}

export function processAsyncTick(state: OutreachState, tick: number, isFiltered: ContactFilter): void {
  let n = 0;
  while (
    n < state.asyncQueue.length &&
    n < ASYNC_BATCH_SIZE &&
    (state.asyncQueue[n] as QueuedRequest).queuedAt < tick
  ) {
    n++;
  }
  state.lastAsyncTick = tick;
  for (const request of state.asyncQueue.splice(0, n)) {
    const batch = state.contactBatches.get(request.batchId);
    if (!batch || batch.state === 'Cancelled') continue;
    if (batch.subCampaignId === null) start(state, batch, batch.passes, request.contacts, tick, isFiltered);
    else {
      const sub = state.subCampaigns.get(batch.subCampaignId) as SubCampaignModel;
      addContacts(state, sub, request.contacts, tick, isFiltered);
    }
  }
}

const nextTick = (at: number) => (Math.floor(at / ASYNC_PERIOD_MS) + 1) * ASYNC_PERIOD_MS;

/** A batch's counters: its sub-campaign's, or every queued contact pending while it waits in the queue. */
export function batchCounters(state: OutreachState, batch: ContactBatchModel): Counters {
  const counters =
    batch.subCampaignId === null
      ? zeroCounters()
      : { ...(state.subCampaigns.get(batch.subCampaignId) as SubCampaignModel).counters };
  for (const request of state.asyncQueue)
    if (request.batchId === batch.internalId) counters.pendingCount += request.contacts.length;
  return counters;
}

/** changeContactBatchState: only Cancelled (documented); a Done or Cancelled batch → INVALID_STATE (documented). */
export function cancelContactBatch(
  state: OutreachState,
  batch: ContactBatchModel,
  requested: string,
  now: number,
): ContactBatchModel {
  if (requested !== 'Cancelled') throw engageFault('ARG_INVALID_TYPE', `state ${requested}`);
  if (batch.state === 'Done' || batch.state === 'Cancelled') throw engageFault('INVALID_STATE');
  state.asyncQueue = state.asyncQueue.filter((r) => r.batchId !== batch.internalId);
  const sub = batch.subCampaignId === null ? undefined : state.subCampaigns.get(batch.subCampaignId);
  if (sub && sub.state !== 'Cancelled' && sub.state !== 'Done') move(state, sub, 'Cancelled', now);
  batch.state = 'Cancelled';
  batch.updatedAt = now;
  return batch;
}

export function findContactBatch(
  state: OutreachState,
  ref: { internalId?: string | null; externalId?: string | null },
  campaign: Ref | null,
): ContactBatchModel {
  let batch = ref.internalId != null ? state.contactBatches.get(ref.internalId) : undefined;
  if (!batch && ref.internalId == null && ref.externalId != null) {
    if (campaign) batch = state.contactBatches.by('key', subCampaignKey(campaign.internalId, ref.externalId));
    // showContactBatchState takes the externalId alone (documented): the first batch of that name.
    else
      for (const b of state.contactBatches.values())
        if (b.externalId === ref.externalId) {
          batch = b;
          break;
        }
  }
  if (!batch) throw engageFault('OBJECT_NOT_EXISTS', ref.internalId ?? ref.externalId ?? 'contactBatch');
  return batch;
}

export interface ContactBatchSample {
  campaign?: Ref | null;
  agent?: Ref | null;
  agentGroup?: Ref | null;
}

/** listContactBatchStates: by campaign / agent / agent group, batches alive in the window, ≤ 1,000 (documented). */
export function listContactBatches(
  state: OutreachState,
  sample: ContactBatchSample | null,
  range: TimeRange,
): ContactBatchModel[] {
  const found: ContactBatchModel[] = [];
  for (const batch of state.contactBatches.values()) {
    if (sample?.campaign && batch.campaign.internalId !== sample.campaign.internalId) continue;
    if (sample?.agent && batch.agent?.internalId !== sample.agent.internalId) continue;
    if (sample?.agentGroup && batch.agentGroup?.internalId !== sample.agentGroup.internalId) continue;
    const sub = batch.subCampaignId === null ? undefined : state.subCampaigns.get(batch.subCampaignId);
    if (!overlaps(range, batch.createdAt, sub?.endedAt ?? (batch.state === 'Cancelled' ? batch.updatedAt : null)))
      continue;
    found.push(batch);
  }
  return limited(found, 1000);
}
