import { z } from 'zod';
import {
  CallResultSchema,
  DateTimeSchema,
  DialingModeSchema,
  GuidSchema,
  NewCustomerSchema,
  SettableStatusSchema,
  toId32,
} from '../../contracts/sinch/schemas.ts';
import { AdminError, parseAdminBody } from '../core/errors.ts';
import { seededFaker } from '../core/random.ts';
import { type Reply, reply } from '../core/reply.ts';
import type { VendorCall } from '../core/vendor.ts';
import { fakeCustomerInput } from './fixtures.ts';
import { campaignAdminView, customerView } from './handlers.ts';
import {
  type Campaign,
  type Customer,
  type SinchState,
  addCampaign,
  changeStatus,
  draftCustomer,
  forceOutcomes,
  insertCustomer,
  isExternalIdTaken,
  newId,
  reopen,
  requireCampaign,
  requireCustomer,
  setAgents,
  setFiltered,
  setRetryCount,
} from './models.ts';

/**
 * Test-only backdoors for QA and Pact provider states, mounted at `/__admin/sandboxes/:id/vendors/sinch/...`. They
 * drive the same model functions as the OBI API (dialing, retries, statistics), never a parallel path.
 */
type Call = VendorCall<SinchState>;

const Id = GuidSchema.transform((v) => toId32(v) as string);

export const CreateCampaignSchema = z.lazy(() =>
  z.strictObject({
    /** Fixed id (provider states); seeded otherwise. */
    id: Id.optional(),
    name: z.string().min(1),
    dialingMode: DialingModeSchema,
    remarks: z.string().optional(),
    /** Default: the sandbox's first queue. */
    queueId: Id.optional(),
    /** Default: the Queue Dialer for PREDICTIVE, the Campaign Dialer otherwise. */
    dialerType: z.enum(['QueueDialer', 'CampaignDialer']).optional(),
    customIvrNumber: z.string().optional(),
    startDate: DateTimeSchema.optional(),
    endDate: DateTimeSchema.optional(),
    registered: DateTimeSchema.optional(),
    timeZone: z.string().optional(),
    abandonRate: z.number().min(0).max(2).optional(),
    increasePredictiveRatio: z.number().min(0).max(100).optional(),
    retryCount: z.number().int().min(0).max(50).optional(),
    /** Logged-on agents; default: all agents of the sandbox. */
    agentIds: z.array(Id).optional(),
    status: SettableStatusSchema.optional(),
  }),
);

const ConfigureCampaignSchema = z.lazy(() =>
  z.strictObject({
    /** Raising it makes MAXCALLS customers callable again (document). */
    retryCount: z.number().int().min(0).max(50).optional(),
    agentIds: z.array(Id).optional(),
    /** As `PUT /campaigns/{id}/status` (for provider states that may only use the admin API). */
    status: SettableStatusSchema.optional(),
  }),
);

const SeedCustomersSchema = z.lazy(() =>
  z.strictObject({
    /** Customers in the API's shape, optionally with a fixed id (provider states). */
    customers: z.array(NewCustomerSchema.extend({ id: Id.optional() })).default([]),
    /** Also generate this many seeded customers. */
    count: z.number().int().min(0).max(1_000_000).default(0),
  }),
);

const ConfigureCustomerSchema = z.lazy(() => z.strictObject({ filtered: z.boolean() }));

const ForceOutcomesSchema = z.lazy(() =>
  z.strictObject({
    /** Results of the customer's next calls, in order; drawn from the seed again once used up. */
    outcomes: z.array(CallResultSchema).min(1).max(100),
  }),
);

/** Model failures surface as admin errors with the same status. */

export function createCampaign(call: Call): Reply {
  const input = parseAdminBody(CreateCampaignSchema, call);
  const { state } = call;
  const now = call.now();
  const id = input.id ?? newId(state);
  if (state.campaigns.has(id)) throw new AdminError(409, `campaign ${id} already exists`);
  const queueId = input.queueId ?? (state.queues[0]?.id as string);
  if (!state.queues.some((q) => q.id === queueId)) throw new AdminError(400, `unknown queue ${queueId}`);
  const dialerType = input.dialerType ?? (input.dialingMode === 'PREDICTIVE' ? 'QueueDialer' : 'CampaignDialer');
  const dialer = state.dialers.find((d) => d.type === dialerType) ?? state.dialers[0];
  const agentIds = input.agentIds ?? state.agents.map((a) => a.id);
  const unknown = agentIds.filter((a) => !state.agents.some((known) => known.id === a));
  if (unknown.length > 0) throw new AdminError(400, `unknown agents: ${unknown.join(', ')}`);
  const at = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
  const campaign = addCampaign(
    state,
    {
      id,
      name: input.name,
      remarks: input.remarks,
      dialerId: dialer?.id as string,
      dialingMode: input.dialingMode,
      queueId,
      customIvrNumber: input.customIvrNumber,
      startDate: at(input.startDate),
      endDate: at(input.endDate),
      registered: at(input.registered) ?? now,
      timeZone: input.timeZone,
      abandonRate: input.abandonRate,
      increasePredictiveRatio: input.increasePredictiveRatio,
      retryCount: input.retryCount,
      agentIds,
    },
    now,
  );
  if (input.status) changeStatus(state, campaign, input.status, now);
  return reply.json(201, campaignAdminView(state, campaign, now));
}

interface CampaignBackdoor<T> {
  input: T;
  /** Progress and slicing of long work (see core/jobs.ts). */
  work: VendorCall<SinchState>['work'];
  state: SinchState;
  campaign: Campaign;
  now: number;
  /** The customer the path names (404/400 as the API answers). */
  customer: () => Customer;
}

/** A backdoor on one campaign of the path: JSON body parsed with `schema` (model failures reach the admin plane as they are). */
function onCampaign<S extends z.ZodType, R extends Reply | Promise<Reply>>(
  schema: S,
  run: (ctx: CampaignBackdoor<z.infer<S>>) => R,
) {
  return (call: Call): R => {
    const input = parseAdminBody(schema, call);
    const campaign = requireCampaign(call.state, call.params.campaignId ?? '');
    const customer = () => requireCustomer(campaign, call.params.customerId ?? '');
    return run({ input, work: call.work, state: call.state, campaign, now: call.now(), customer });
  };
}

const NoBody = z.lazy(() => z.strictObject({}));

export const inspectCampaign = onCampaign(NoBody, ({ state, campaign, now }) =>
  reply.json(200, campaignAdminView(state, campaign, now)),
);

export const configureCampaign = onCampaign(ConfigureCampaignSchema, ({ input, state, campaign, now }) => {
  if (input.agentIds) setAgents(state, campaign, input.agentIds, now);
  if (input.retryCount !== undefined) setRetryCount(state, campaign, input.retryCount, now);
  if (input.status) changeStatus(state, campaign, input.status, now);
  return reply.json(200, campaignAdminView(state, campaign, now));
});

export const seedCustomers = onCampaign(SeedCustomersSchema, (ctx) => {
  const { input, state, campaign, now } = ctx;
  const ids: string[] = [];
  // Every customer is checked before any is added: a refused seed changes nothing (and forces no save).
  const batchIds = new Set<string>();
  const batchExternalIds = new Set<string>();
  const drafts = input.customers.map(({ id, ...fields }, index) => {
    if (id !== undefined && (campaign.customers.has(id) || batchIds.has(id))) {
      throw new AdminError(409, `customer ${id} already exists`);
    }
    const draft = draftCustomer(state, fields);
    if (
      isExternalIdTaken(campaign, draft.externalId) ||
      (draft.externalId !== undefined && batchExternalIds.has(draft.externalId))
    ) {
      throw new AdminError(409, `customers.${index}: externalId ${draft.externalId} is not unique`);
    }
    if (id !== undefined) batchIds.add(id);
    if (draft.externalId !== undefined) batchExternalIds.add(draft.externalId);
    return { id, draft };
  });
  for (const { id, draft } of drafts) ids.push(insertCustomer(state, campaign, draft, now, { id }).id);
  return generateCustomers(ctx, ids);
});

/** `count` seeded customers, in slices (up to a million of them: other requests keep being answered). */
async function generateCustomers(
  { input, work, state, campaign, now }: CampaignBackdoor<z.infer<typeof SeedCustomersSchema>>,
  ids: string[],
): Promise<Reply> {
  const faker = seededFaker(state.rng.int(2 ** 31), 'sinch-admin');
  for (let i = 0; i < input.count; i++) {
    ids.push(insertCustomer(state, campaign, draftCustomer(state, fakeCustomerInput(faker)), now).id);
    const pause = work?.step(i + 1, input.count);
    if (pause) await pause;
  }
  reopen(state, campaign, now);
  return reply.json(201, { ids });
}

export const configureCustomer = onCampaign(ConfigureCustomerSchema, ({ input, state, campaign, now, customer }) => {
  const target = customer();
  setFiltered(state, campaign, target, input.filtered, now);
  return reply.json(200, customerView(target, true));
});

/** The same forced outcomes for every customer of the campaign (e.g. "everyone answers SUCCESS"). */
export const forceCampaignOutcomes = onCampaign(ForceOutcomesSchema, ({ input, campaign }) => {
  for (const c of campaign.customers.values()) forceOutcomes(c, input.outcomes);
  return reply.json(200, { customers: campaign.customers.size, forced: input.outcomes });
});

export const forceCustomerOutcomes = onCampaign(ForceOutcomesSchema, ({ input, customer }) => {
  const target = customer();
  forceOutcomes(target, input.outcomes);
  return reply.json(200, { id: target.id, forced: [...target.forced] });
});
