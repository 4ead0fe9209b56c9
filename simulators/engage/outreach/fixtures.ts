import type { EngageState } from '../models.ts';
import { createContactBatch } from './batches.ts';
import { advance } from './index.ts';
import { createInboundSubCampaign } from './inbound.ts';
import { CHANNELS } from './model.ts';
import { directoryOf, inboundRulesOf, refOf } from './resolve.ts';
import { changeSubCampaignState, createSubCampaign, listContacts } from './subcampaigns.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Part 2's seeded fixtures, played on the virtual clock up to `now` so a fresh sandbox already answers
 * listSubCampaignStates (null window: yesterday → tomorrow): a completed sub-campaign (Done two hours ago), a running
 * one (two passes, half-way), a paused one, a pending one (starts in six hours), an inbound one on the short code's
 * JOIN keyword, and a finished contact batch (attempts in the last 24 hours).
 */
export function seedOutreach(state: EngageState, now: number): void {
  const { outreach } = state;
  const directory = directoryOf(state);
  const [first, second, third] = [...state.campaigns.values()].filter((c) => c.ownerId === state.accountId);
  const [list] = state.lists.filter((l) => l.ownerId === state.accountId);
  const [group] = state.agentGroups.filter((g) => g.ownerId === state.accountId);
  if (!first || !list) return;
  const base = {
    campaign: refOf(first),
    accountId: state.accountId,
    type: 'Outbound' as const,
    list: refOf(list),
    script: null,
    agentGroups: [],
  };
  const contacts = (n: number) => listContacts(outreach.seed, list, n);
  const at = (ms: number) => advance(outreach, ms, directory);

  createSubCampaign(
    outreach,
    {
      ...base,
      externalId: 'Completed Reminders',
      passes: [{ contactsPerMinute: 10 }],
      startAt: null,
      contacts: contacts(30),
    },
    now - 6 * HOUR,
    directory.isFiltered,
  );
  at(now - 2 * HOUR);
  createContactBatch(
    outreach,
    {
      internalId: null,
      externalId: 'Seeded batch',
      campaign: refOf(second ?? first),
      outreachStrategy: refOf([...state.strategies.values()][0] ?? first),
      strategyPasses: [{ channel: CHANNELS.Text, contactsPerMinute: 20 }],
      script: null,
      agent: null,
      agentGroup: null,
      accountId: state.accountId,
      requestedStartTime: null,
      maxDurationMinutes: 60,
      override: null,
      attributes: [],
    },
    listContacts(outreach.seed + 1, list, 10),
    now - 2 * HOUR,
    directory.isFiltered,
  );
  const paused = createSubCampaign(
    outreach,
    {
      ...base,
      campaign: refOf(third ?? first),
      externalId: 'Paused Survey',
      passes: [{ contactsPerMinute: 1 }],
      startAt: null,
      contacts: contacts(120),
    },
    now - HOUR,
    directory.isFiltered,
  );
  createSubCampaign(
    outreach,
    {
      ...base,
      externalId: 'Running Collections',
      agentGroups: group ? [refOf(group)] : [],
      passes: [
        { name: 'Dialer', channel: CHANNELS.Dialer, contactsPerMinute: 2 },
        { name: 'Text follow-up', channel: CHANNELS.Text, contactsPerMinute: 5 },
      ],
      startAt: null,
      contacts: contacts(Math.min(list.size ?? 200, 200)),
    },
    now - 30 * MINUTE,
    directory.isFiltered,
  );
  at(now - 20 * MINUTE);
  changeSubCampaignState(outreach, paused, 'Paused', now - 20 * MINUTE);
  createSubCampaign(
    outreach,
    { ...base, externalId: 'Pending Renewals', passes: [{}], startAt: now + 6 * HOUR, contacts: contacts(25) },
    now,
    directory.isFiltered,
  );
  const shortCode = [...outreach.inboundDevices.values()].find((d) => d.inboundDeviceType === 'ShortCode');
  if (shortCode) {
    createInboundSubCampaign(
      outreach,
      { ...base, externalId: 'Text JOIN', agentGroups: [], passes: [{ channel: CHANNELS.Text }], startAt: null },
      { internalId: shortCode.internalId, keywords: ['JOIN'] },
      inboundRulesOf(state, state.accountId, null, []),
      state.accountId,
      now - 20 * MINUTE,
      directory.isFiltered,
    );
  }
  at(now);
}
