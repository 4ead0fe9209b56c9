import { z } from 'zod';
import { AdminError, parseAdminBody } from '../../core/errors.ts';
import { reply } from '../../core/reply.ts';
import type { AdminRoute, VendorCall } from '../../core/vendor.ts';
import type { EngageState } from '../models.ts';
import { OUTCOMES, forceState } from './engine.ts';
import { MAX_BATCH_CONTACTS, MAX_DURATION_MINUTES, type NewContactBatch, createContactBatch } from './batches.ts';
import { CHANNELS, SUB_CAMPAIGN_STATES, type ContactModel } from './model.ts';
import { defaultStrategy, directoryOf, refOf } from './resolve.ts';
import { createSubCampaign, listContacts } from './subcampaigns.ts';
import { subCampaignStateView } from './views.ts';

/**
 * QA backdoors of part 2 (test-only, under `/__admin/sandboxes/:id/vendors/engage/outreach`): put a sub-campaign in
 * any state (the lifecycle table is skipped, the bookkeeping is not), and force the outcome of the next attempt of
 * a sub-campaign's waiting contacts (or one contact); seed many sub-campaigns or contact batches at once.
 */
type Call = VendorCall<EngageState>;

function subCampaignOf(call: Call) {
  const sub = call.state.outreach.subCampaigns.get(call.params.subCampaignId ?? '');
  if (!sub) throw new AdminError(404, `no sub-campaign ${call.params.subCampaignId}`);
  return sub;
}

const StateSchema = z.strictObject({ state: z.enum(SUB_CAMPAIGN_STATES) });

function forceSubCampaignState(call: Call) {
  const sub = subCampaignOf(call);
  const { state } = parseAdminBody(StateSchema, call);
  forceState(call.state.outreach, sub, state, call.now());
  return reply.json(200, subCampaignStateView(call.state, sub));
}

const OutcomeSchema = z.strictObject({
  outcome: z.enum(OUTCOMES as [string, ...string[]]),
  /** A contact's externalId: only that contact; absent: every contact still waiting. */
  contact: z.string().optional(),
});

function forceOutcome(call: Call) {
  const sub = subCampaignOf(call);
  const { outcome, contact } = parseAdminBody(OutcomeSchema, call);
  const contacts = sub.contactIds
    .map((id) => call.state.outreach.contacts.get(id) as ContactModel)
    .filter((c) => c.status === 'pending' && (contact === undefined || c.externalId === contact));
  if (contact !== undefined && contacts.length === 0) {
    throw new AdminError(404, `no waiting contact ${contact} in sub-campaign ${sub.internalId}`);
  }
  for (const c of contacts) c.forcedOutcome = outcome;
  return reply.json(200, { forced: contacts.length, outcome });
}

const SeedSchema = z.strictObject({
  subCampaigns: z.number().int().min(1).max(5000),
  contactsEach: z.number().int().min(0).max(100).default(10),
  /** OnDemand ones do not count against the 50 active; Outbound ones do (to reach SYSTEM_LIMIT_EXCEEDED). */
  type: z.enum(['OnDemand', 'Outbound']).default('OnDemand'),
  /** Names the one sub-campaign seeded (with `subCampaigns: 1`): Pact provider states name what they set up. */
  externalId: z.string().min(1).max(100).optional(),
});

/**
 * Bulk seeding past the limit of 50 active sub-campaigns (as on-demand ones), named `S{i % 10}-{i}` in the
 * account's first campaign, so a test or bench reaches 1,000 states without 1,000 calls; `type: Outbound` seeds
 * ones that count against the limit (refused past it, as the API refuses them).
 */
function seedSubCampaigns(call: Call) {
  const { state } = call;
  const { subCampaigns, contactsEach, type, externalId } = parseAdminBody(SeedSchema, call);
  if (externalId !== undefined && subCampaigns !== 1) throw new AdminError(400, 'externalId names one sub-campaign');
  const campaign = [...state.campaigns.values()].find((c) => c.ownerId === state.accountId);
  const list = state.lists.find((l) => l.ownerId === state.accountId);
  if (!campaign || !list) throw new AdminError(409, 'the account has no campaign or list');
  const directory = directoryOf(state);
  const now = call.now();
  const start = state.outreach.subCampaigns.size;
  let last: { internalId: string; externalId: string } | undefined;
  for (let i = start; i < start + subCampaigns; i++) {
    const made = createSubCampaign(
      state.outreach,
      {
        externalId: externalId ?? `S${i % 10}-${i}`,
        campaign: refOf(campaign),
        accountId: state.accountId,
        type,
        list: refOf(list),
        script: null,
        agentGroups: [],
        passes: [{}],
        startAt: null,
        contacts: listContacts(state.outreach.seed + i, list, contactsEach),
      },
      now,
      directory.isFiltered,
    );
    last = refOf(made);
  }
  return reply.json(201, { subCampaigns: state.outreach.subCampaigns.size, last });
}

const BatchSeedSchema = z.strictObject({
  batches: z.number().int().min(1).max(2000),
  contactsEach: z.number().int().min(1).max(2000).default(1),
  /** A user's internalId: every attempt of the batches is that agent's. */
  agent: z.string().optional(),
  /** Names the one batch seeded (with `batches: 1`). */
  externalId: z.string().min(1).max(100).optional(),
  /** The one batch's contacts, instead of `contactsEach` from the account's first list (≤ 100: one call's worth). */
  contacts: z
    .array(z.strictObject({ externalId: z.string().min(1).max(100), device: z.string().min(1).max(100) }))
    .min(1)
    .max(MAX_BATCH_CONTACTS)
    .optional(),
});

/**
 * Bulk seeding of contact batches in the account's first campaign, each one's contacts sent as the API takes them (100
 * a call, the batch named by internalId after the first), worked by a Text pass at 1,000 a minute: the documented list
 * maximums of listContactBatchStates (1,000), listContactAttemptsUsingContactBatch (1,000) and
 * listContactAttemptsUsingUser (500) are then reached without thousands of calls.
 */
function seedContactBatches(call: Call) {
  const { state } = call;
  const { batches, contactsEach, agent, externalId, contacts: given } = parseAdminBody(BatchSeedSchema, call);
  if ((externalId !== undefined || given !== undefined) && batches !== 1) {
    throw new AdminError(400, 'externalId and contacts describe one batch');
  }
  const campaign = [...state.campaigns.values()].find((c) => c.ownerId === state.accountId);
  const list = state.lists.find((l) => l.ownerId === state.accountId);
  const strategy = defaultStrategy(state, state.accountId);
  if (!campaign || !list || !strategy) throw new AdminError(409, 'the account has no campaign, list or strategy');
  const user = agent === undefined ? undefined : state.users.find((u) => u.internalId === agent);
  if (agent !== undefined && !user) throw new AdminError(404, `no user ${agent}`);
  const { outreach } = state;
  const directory = directoryOf(state);
  const now = call.now();
  let last: { internalId: string; externalId: string } | undefined;
  for (let i = 0; i < batches; i++) {
    const contacts =
      given?.map((c) => ({
        externalId: c.externalId,
        devices: [{ externalId: c.device, attributes: [] }],
        attributes: [],
      })) ?? listContacts(outreach.seed + outreach.nextId, list, contactsEach);
    for (let from = 0; from < contacts.length; from += MAX_BATCH_CONTACTS) {
      const input: NewContactBatch = {
        internalId: last && from > 0 ? last.internalId : null,
        externalId: externalId ?? `Seeded batch ${outreach.nextId}`,
        campaign: refOf(campaign),
        outreachStrategy: refOf(strategy),
        strategyPasses: [{ channel: CHANNELS.Text, contactsPerMinute: 1000 }],
        script: null,
        agent: user ? refOf(user) : null,
        agentGroup: null,
        accountId: state.accountId,
        requestedStartTime: null,
        maxDurationMinutes: MAX_DURATION_MINUTES,
        override: null,
        attributes: [],
      };
      const chunk = contacts.slice(from, from + MAX_BATCH_CONTACTS);
      last = refOf(createContactBatch(outreach, input, chunk, now, directory.isFiltered));
    }
  }
  return reply.json(201, { contactBatches: outreach.contactBatches.size, last });
}

export const outreachAdminRoutes: AdminRoute<EngageState>[] = [
  { method: 'POST', path: '/outreach/contact-batches', handler: seedContactBatches },
  { method: 'POST', path: '/outreach/sub-campaigns', handler: seedSubCampaigns },
  { method: 'POST', path: '/outreach/sub-campaigns/:subCampaignId/state', handler: forceSubCampaignState },
  { method: 'POST', path: '/outreach/sub-campaigns/:subCampaignId/outcomes', handler: forceOutcome },
];
