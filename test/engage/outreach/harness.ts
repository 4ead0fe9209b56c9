import { advance, type OutreachDirectory } from '../../../simulators/engage/outreach/index.ts';
import {
  type AttemptModel,
  type ContactInput,
  type ContactModel,
  type Counters,
  type OutreachState,
  type SubCampaignModel,
  newOutreachState,
  zeroCounters,
} from '../../../simulators/engage/outreach/model.ts';
import { type NewSubCampaign, createSubCampaign } from '../../../simulators/engage/outreach/subcampaigns.ts';

export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const ACCOUNT = '1001';
export const CAMPAIGN = { internalId: '2001', externalId: 'Spring Renewals' };
export const AGENT_GROUP = { internalId: '3001', externalId: 'Collections' };

/** A directory with one agent group of 5 agents at full intensity, and devices starting +1999 filtered. */
export const directory: OutreachDirectory = {
  agentGroupPacing: (id) => (id === AGENT_GROUP.internalId ? { allocatedCount: 5, intensity: 100 } : undefined),
  agentsOf: (id) => (id === AGENT_GROUP.internalId ? ['5001', '5002'] : []),
  isFiltered: (contact) => contact.devices.some((d) => d.externalId.startsWith('+1999')),
};

export const contacts = (n: number, prefix = 'C'): ContactInput[] =>
  Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}${i + 1}`,
    devices: [{ externalId: `+1617555${String(i).padStart(4, '0')}`, attributes: [] }],
    attributes: [],
  }));

export function newState(seed = 42): OutreachState {
  return newOutreachState(seed);
}

export function sub(state: OutreachState, fields: Partial<NewSubCampaign> = {}, now = T0): SubCampaignModel {
  return createSubCampaign(
    state,
    {
      externalId: 'SC-1',
      campaign: CAMPAIGN,
      accountId: ACCOUNT,
      type: 'Outbound',
      list: null,
      script: null,
      agentGroups: [],
      passes: [{ contactsPerMinute: 10 }],
      startAt: null,
      contacts: contacts(20),
      ...fields,
    },
    now,
    directory.isFiltered,
  );
}

export const run = (state: OutreachState, to: number) => advance(state, to, directory);

/**
 * The counters recomputed from what exists, not from the engine's bookkeeping: each contact by its attempts
 * (delivered if any attempt delivered, else failed if attempted and no longer waiting, …).
 */
export function recount(state: OutreachState, s: SubCampaignModel): { total: Counters; passes: Counters[] } {
  const byContact = new Map<string, AttemptModel[]>();
  const passes = s.passes.map(() => zeroCounters());
  for (const a of state.attempts.values()) {
    if (a.subCampaignId !== s.internalId) continue;
    byContact.set(a.contactId, [...(byContact.get(a.contactId) ?? []), a]);
    const p = passes[a.pass]!;
    p.attemptedCount++;
    p[a.delivered ? 'deliveredCount' : 'failedCount']++;
  }
  const total = zeroCounters();
  for (const id of s.contactIds) {
    const c = state.contacts.get(id) as ContactModel;
    const attempts = byContact.get(id) ?? [];
    if (c.status === 'filtered') {
      total.filteredCount++;
      passes[0]!.filteredCount++;
    } else if (attempts.some((a) => a.delivered)) total.deliveredCount++;
    else if (c.status === 'pending') total.pendingCount++;
    else if (attempts.length > 0) total.failedCount++;
    else total.notAttemptedCount++;
  }
  total.attemptedCount = total.deliveredCount + total.failedCount;
  s.passes.forEach((pass, i) => {
    passes[i]!.pendingCount = pass.queue.length - pass.cursor;
    passes[i]!.notAttemptedCount = pass.counters.notAttemptedCount;
  });
  return { total, passes };
}
