import { z } from 'zod';
import type { Saving } from '../../core/store.ts';
import { saltedSeed } from '../../core/random.ts';
import type { SeedContext } from '../../core/vendor.ts';
import { rebuildTimers } from './engine.ts';
import {
  CONTACT_BATCH_STATES,
  INBOUND_DEVICE_TYPES,
  type OutreachState,
  SUB_CAMPAIGN_STATES,
  SUB_CAMPAIGN_TYPES,
  newOutreachState,
  nextId,
} from './model.ts';

export type { OutreachState } from './model.ts';

/**
 * The saved form of part 2 (a field of the Engage section): every entity as plain data, checked with these schemas on
 * restore (a corrupt file is refused, not restored half-way). Timers are not saved: they follow from the states.
 */
// Built on first use (z.lazy): only restoring a saved file needs it, and start-up need not construct it.
export const OutreachSnapshotSchema = z.lazy(() => {
  const ms = z.number();
  const count = z.number().int().min(0);
  const Ref = z.object({ internalId: z.string(), externalId: z.string() });
  const NameValue = z.object({ name: z.string(), value: z.string() });
  const Counters = z.object({
    attemptedCount: count,
    filteredCount: count,
    notAttemptedCount: count,
    pendingCount: count,
    deliveredCount: count,
    failedCount: count,
  });
  const PassInput = z.object({
    name: z.string().nullish(),
    channel: z.number().int().nullish(),
    pacing: z.number().nullish(),
    contactsPerMinute: z.number().nullish(),
    maxContactsPerMinute: z.number().nullish(),
    pacingPriority: z.number().nullish(),
    leaveMessage: z.boolean().nullish(),
  });
  const Pass = z.object({
    name: z.string(),
    channel: z.number().int(),
    pacing: z.number(),
    contactsPerMinute: z.number(),
    maxContactsPerMinute: z.number().nullable(),
    pacingPriority: z.number(),
    leaveMessage: z.boolean(),
    queue: z.array(z.string()),
    cursor: count,
    counters: Counters,
  });
  const SubCampaign = z.object({
    internalId: z.string(),
    externalId: z.string(),
    campaign: Ref,
    accountId: z.string(),
    type: z.enum(SUB_CAMPAIGN_TYPES),
    list: Ref.nullable(),
    script: Ref.nullable(),
    agentGroups: z.array(Ref),
    intensity: z.number(),
    passes: z.array(Pass),
    currentPass: count,
    state: z.enum(SUB_CAMPAIGN_STATES),
    stateAt: ms,
    createdAt: ms,
    updatedAt: ms,
    startAt: ms,
    endedAt: ms.nullable(),
    stopAt: ms.nullable(),
    nextAttemptAt: ms.nullable(),
    counters: Counters,
    contactIds: z.array(z.string()),
    contactBatchId: z.string().nullable(),
    inboundDeviceId: z.string().nullable(),
    keyword: z.string().nullable(),
    agentId: z.string().nullable(),
    attributes: z.array(NameValue),
  });
  const Device = z.object({ externalId: z.string(), attributes: z.array(NameValue), createdDate: ms, updatedDate: ms });
  const Contact = z.object({
    internalId: z.string(),
    externalId: z.string(),
    subCampaignId: z.string(),
    contactBatchId: z.string().nullable(),
    devices: z.array(Device),
    attributes: z.array(NameValue),
    status: z.enum(['filtered', 'pending', 'notAttempted', 'delivered', 'failed']),
    pass: count,
    attemptCount: count,
    forcedOutcome: z.string().nullable(),
    createdAt: ms,
  });
  const Attempt = z.object({
    internalId: z.string(),
    contactId: z.string(),
    device: z.string(),
    subCampaignId: z.string(),
    contactBatchId: z.string().nullable(),
    pass: count,
    userId: z.string().nullable(),
    outcome: z.string(),
    delivered: z.boolean(),
    startTime: ms,
    tags: z.array(z.string()),
  });
  const ContactBatch = z.object({
    internalId: z.string(),
    externalId: z.string(),
    campaign: Ref,
    outreachStrategy: Ref,
    script: Ref.nullable(),
    agent: Ref.nullable(),
    agentGroup: Ref.nullable(),
    accountId: z.string(),
    requestedStartTime: ms,
    maxDurationMinutes: z.number(),
    state: z.enum(CONTACT_BATCH_STATES),
    subCampaignId: z.string().nullable(),
    passes: z.array(PassInput),
    createdAt: ms,
    updatedAt: ms,
    attributes: z.array(NameValue),
  });
  const ContactInput = z.object({
    externalId: z.string(),
    devices: z.array(z.object({ externalId: z.string(), attributes: z.array(NameValue) })),
    attributes: z.array(NameValue),
  });
  const InboundDevice = z.object({
    internalId: z.string(),
    externalId: z.string(),
    inboundDeviceType: z.enum(INBOUND_DEVICE_TYPES),
    keywords: z.array(z.string()),
  });

  return z.object({
    /** The seed outcomes are drawn from (saved: a restored sandbox replays what the original would have done). */
    seed: z.number().int(),
    subCampaigns: z.array(SubCampaign),
    contacts: z.array(Contact),
    attempts: z.array(Attempt),
    contactBatches: z.array(ContactBatch),
    inboundDevices: z.array(InboundDevice),
    asyncQueue: z.array(z.object({ batchId: z.string(), queuedAt: ms, contacts: z.array(ContactInput) })),
    suppressed: z.array(z.string()),
    nextId: z.number().int().min(1),
    lastAsyncTick: ms,
  });
});
export type OutreachSnapshot = z.infer<typeof OutreachSnapshotSchema>;

export function snapshotOutreach(state: OutreachState): Saving<OutreachSnapshot> {
  return {
    seed: state.seed,
    subCampaigns: state.subCampaigns.snapshot(),
    contacts: state.contacts.snapshot(),
    attempts: state.attempts.snapshot(),
    contactBatches: state.contactBatches.snapshot(),
    inboundDevices: state.inboundDevices.snapshot(),
    asyncQueue: state.asyncQueue,
    suppressed: [...state.suppressed],
    nextId: state.nextId,
    lastAsyncTick: state.lastAsyncTick,
  };
}

/** The state a checked snapshot describes (already parsed with OutreachSnapshotSchema), timers rebuilt. */
export function restoreOutreach(saved: OutreachSnapshot): OutreachState {
  const state = newOutreachState(saved.seed, saved);
  rebuildTimers(state);
  return state;
}

/**
 * A new sandbox's part 2, before the configuration fixtures exist: the seed and the inbound devices (a long code, a
 * toll-free number and a short code with keywords; assumed: the document has no method listing them). The seeded
 * sub-campaigns come later (`seedOutreach`), once campaigns and lists are there.
 */
export function createOutreach(ctx: SeedContext): OutreachState {
  const state = newOutreachState(saltedSeed(ctx.seed, 'engage-outreach'));
  const devices = [
    { externalId: '+18005550100', inboundDeviceType: 'TollFree', keywords: [] },
    { externalId: '+16175550199', inboundDeviceType: 'LongCode', keywords: [] },
    { externalId: '72345', inboundDeviceType: 'ShortCode', keywords: ['JOIN', 'PAY', 'STOP'] },
  ] as const;
  for (const d of devices) {
    state.inboundDevices.insert({ ...d, keywords: [...d.keywords], internalId: nextId(state) });
  }
  state.suppressed.add('+16175550000');
  return state;
}
