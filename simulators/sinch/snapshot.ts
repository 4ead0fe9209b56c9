import { z } from 'zod';
import {
  CALL_RESULTS,
  CAMPAIGN_STATUSES,
  CUSTOMER_DIALING_MODES,
  CUSTOMER_RESULTS,
  DIALER_STATUSES,
  DIALER_TYPES,
  DIALING_MODES,
  AttributeSchema,
  ScriptSchema,
} from '../../contracts/sinch/schemas.ts';
import type { SeedContext } from '../core/vendor.ts';
import { TimedQueue } from '../core/scheduler.ts';
import { parseSnapshot, type Saving } from '../core/store.ts';
import { type Campaign, type SinchState, customerStore } from './models.ts';
import { StatisticsStore, StatsRowSchema } from './statistics.ts';

/**
 * What a saved Sinch section holds: credentials, fixtures, statistics and every campaign with its customers (calls
 * in progress included). The runtime queues (due customers, busy agents, timed events) are rebuilt from it.
 */
// Built on first use (z.lazy): only restoring a saved file needs it, and start-up need not construct it.
export const SinchSnapshotSchema = z.lazy(() => {
  const millis = z.number().int();
  const idName = z.object({ id: z.string(), name: z.string() });

  const ActiveCallSchema = z.object({
    seq: z.number().int(),
    lineAgentId: z.string(),
    agentId: z.string().nullable(),
    startedAt: millis,
    endsAt: millis,
    result: z.enum(CALL_RESULTS),
    numberIndex: z.number().int().min(0),
    answers: ScriptSchema.shape.answers.optional(),
    amount: z.number(),
    waitTime: z.number(),
    previewTime: z.number(),
    callTime: z.number(),
    talkingTime: z.number(),
    wrapTime: z.number(),
  });

  const CustomerSchema = z.object({
    id: z.string().min(1),
    externalId: z.string(),
    numbers: z.array(z.string()).min(1),
    result: z.enum(CUSTOMER_RESULTS),
    callResult: z.enum(CALL_RESULTS).optional(),
    classifier: z.string().optional(),
    callCount: z.number().int().min(0),
    lastBNumber: z.number().int().min(0),
    date: millis,
    agentId: z.string().optional(),
    dialingMode: z.enum(CUSTOMER_DIALING_MODES).optional(),
    previewTime: z.number().optional(),
    priority: z.number().optional(),
    modificationDate: millis,
    timeZone: z.string().optional(),
    attributes: z.array(AttributeSchema),
    script: ScriptSchema.optional(),
    call: ActiveCallSchema.optional(),
    forced: z.array(z.enum(CALL_RESULTS)),
  });

  const CampaignSchema = z.object({
    id: z.string().min(1),
    name: z.string(),
    remarks: z.string().optional(),
    dialerId: z.string(),
    dialingMode: z.enum(DIALING_MODES),
    queueId: z.string(),
    customIvrNumber: z.string().optional(),
    startDate: millis.optional(),
    endDate: millis.optional(),
    registered: millis,
    timeZone: z.string().optional(),
    abandonRate: z.number().optional(),
    increasePredictiveRatio: z.number().optional(),
    agentIds: z.array(z.string()),
    script: z
      .object({
        name: z.string(),
        questions: z.array(z.object({ question: z.string(), answers: z.array(z.string()) })),
      })
      .optional(),
    status: z.enum(CAMPAIGN_STATUSES),
    dialerStatus: z.enum(DIALER_STATUSES),
    retryCount: z.number().int().min(0),
    activeIntervals: z.array(z.object({ from: millis, to: millis.optional() })),
    nextExternalId: z.number().int().min(1),
    agentFreeSince: z.array(z.tuple([z.string(), millis])),
    customers: z.array(CustomerSchema),
  });

  return z.object({
    seed: z.number().int(),
    username: z.string().min(1),
    password: z.string(),
    dialers: z.array(idName.extend({ type: z.enum(DIALER_TYPES) })),
    queues: z.array(idName),
    agents: z.array(idName),
    callSeq: z.number().int().min(0),
    stats: z.array(StatsRowSchema),
    campaigns: z.array(CampaignSchema),
  });
});
export type SinchSnapshot = z.infer<typeof SinchSnapshotSchema>;

/** Plain JSON of the whole state (runtime queues are rebuilt from it). */
export function snapshotSinch(state: SinchState): Saving<SinchSnapshot> {
  return {
    seed: state.seed,
    username: state.username,
    password: state.password,
    dialers: state.dialers,
    queues: state.queues,
    agents: state.agents,
    callSeq: state.callSeq,
    stats: state.stats.snapshot(),
    campaigns: [...state.campaigns.values()].map((c) => {
      const { customers, due: _d, busyAgents: _b, agentFreeSince, wakeAt: _w, ...rest } = c;
      return { ...rest, agentFreeSince: [...agentFreeSince], customers: customers.snapshot() };
    }),
  };
}

/**
 * Checked against the schema first: a corrupt section is refused. `ctx.rng` is the kernel's stream for this vendor,
 * restored by the kernel with the sandbox.
 */
export function restoreSinch(snapshot: unknown, ctx: SeedContext): SinchState {
  const rng = ctx.rng;
  const snap = parseSnapshot('sinch', SinchSnapshotSchema, snapshot);
  const state: SinchState = {
    seed: snap.seed,
    username: snap.username,
    password: snap.password,
    rng,
    dialers: snap.dialers,
    queues: snap.queues,
    agents: snap.agents,
    campaigns: new Map(),
    stats: StatisticsStore.restore(snap.stats),
    events: new TimedQueue(),
    callSeq: snap.callSeq,
  };
  for (const saved of snap.campaigns) {
    const { customers: _c, ...settings } = saved;
    const campaign: Campaign = {
      ...settings,
      customers: customerStore(saved.customers),
      due: new TimedQueue(),
      busyAgents: new Map(),
      agentFreeSince: new Map(saved.agentFreeSince),
    };
    for (const customer of campaign.customers.values()) {
      if (customer.call) {
        campaign.busyAgents.set(customer.call.lineAgentId, customer.id);
        state.events.schedule(customer.call.endsAt, {
          kind: 'callEnd',
          campaignId: campaign.id,
          customerId: customer.id,
          seq: customer.call.seq,
        });
      } else if (customer.result === 'DIALING') {
        campaign.due.schedule(customer.date, customer.id);
      }
    }
    state.campaigns.set(campaign.id, campaign);
    for (const at of [campaign.startDate, campaign.endDate]) {
      if (at !== undefined) state.events.schedule(at, { kind: 'calendar', campaignId: campaign.id });
    }
    // Let the dialer look again as soon as anything happens.
    const next = campaign.due.peekTime();
    if (next !== undefined) state.events.schedule(next, { kind: 'wake', campaignId: campaign.id });
  }
  return state;
}
