import { z } from 'zod';
import {
  type CallResult,
  type CampaignStatistics,
  type StatisticsCounters,
  StatisticsCountersSchema,
  type StatisticsEntry,
} from '../../contracts/sinch/schemas.ts';

/**
 * Outbound statistics, cumulated per campaign, UTC day and agent (the document: "statistics are cumulated daily,
 * using UTC time", rows "grouped by campaignId and agentId"). Every finished call adds to exactly one bucket, so
 * campaign totals, daily values and `/statistics` rows are different sums of the same buckets and always agree.
 */
export const DAY_MS = 86_400_000;

export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

type Additive = Omit<StatisticsCounters, 'numberOfCustomers'>;

export interface StatsBucket {
  campaignId: string;
  day: number;
  /** null: the dialer handled the call without an agent (document). */
  agentId: string | null;
  counters: Additive;
  /** Distinct customers called in this bucket. */
  customers: Set<string>;
}

/** A bucket as saved: its distinct customers as a list. */
export const StatsRowSchema = z.object({
  campaignId: z.string(),
  day: z.number().int(),
  agentId: z.string().nullable(),
  counters: StatisticsCountersSchema.omit({ numberOfCustomers: true }),
  customers: z.array(z.string()),
});
export type StatsRow = z.infer<typeof StatsRowSchema>;

/** What a call measured: the amount collected and the agent's times, in seconds. */
export interface CallMeasures {
  amount: number;
  waitTime: number;
  previewTime: number;
  callTime: number;
  talkingTime: number;
  wrapTime: number;
}

/** What one finished call contributes. */
export interface CallFacts extends CallMeasures {
  campaignId: string;
  customerId: string;
  agentId: string | null;
  endedAt: number;
  result: CallResult;
  /** The customer reached a final result with this call. */
  handledNow: boolean;
}

/** Which counter each call result increments, besides numberOfCalls (document's counter descriptions). */
const RESULT_COUNTER: Partial<Record<CallResult, keyof Additive>> = {
  REFUSAL: 'numberOfRefusalCalls',
  SKIP: 'numberOfSkipCalls',
  AGENT_REJECTED: 'numberOfRejectCalls',
  OPER_LOGOUT: 'numberOfOperLogoutCalls',
  NOT_DIALED: 'numberOfNotDialedCalls',
  HANGUP: 'numberOfHangupCalls',
  ABANDONED: 'numberOfAbandonedCalls',
};

/**
 * The counters OBI holds as Java `float`s: the document's values have a float's digits (`1.4059999`, `0.6630001`,
 * `5122.0327`), so they are summed in 32-bit arithmetic (Math.fround) and printed as Float.toString does.
 */
export const FLOAT_COUNTERS = [
  'amount',
  'loginTime',
  'pauseTime',
  'waitTime',
  'previewTime',
  'callTime',
  'talkingTime',
  'wrapTime',
] as const satisfies readonly (keyof Additive)[];
type FloatCounter = (typeof FLOAT_COUNTERS)[number];
const isFloatCounter = new Set<string>(FLOAT_COUNTERS);

/** `counter += value` as Java does it for the counter's type. */
function add(counters: Additive, key: keyof Additive, value: number): void {
  counters[key] = isFloatCounter.has(key) ? Math.fround(counters[key] + Math.fround(value)) : counters[key] + value;
}

export function zeroCounters(): Additive {
  return {
    numberOfHandledCustomers: 0,
    numberOfCalls: 0,
    numberOfSuccessfulCalls: 0,
    numberOfRefusalCalls: 0,
    numberOfAmountCalls: 0,
    numberOfSkipCalls: 0,
    numberOfRejectCalls: 0,
    numberOfOperLogoutCalls: 0,
    numberOfNotDialedCalls: 0,
    numberOfHangupCalls: 0,
    numberOfAbandonedCalls: 0,
    amount: 0,
    loginTime: 0,
    pauseTime: 0,
    waitTime: 0,
    previewTime: 0,
    callTime: 0,
    talkingTime: 0,
    wrapTime: 0,
  };
}

export class StatisticsStore {
  /** campaignId → bucket key → bucket. */
  private readonly byCampaign = new Map<string, Map<string, StatsBucket>>();

  record(call: CallFacts): void {
    const day = dayOf(call.endedAt);
    const key = `${day}|${call.agentId ?? ''}`;
    let buckets = this.byCampaign.get(call.campaignId);
    if (!buckets) this.byCampaign.set(call.campaignId, (buckets = new Map()));
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        campaignId: call.campaignId,
        day,
        agentId: call.agentId,
        counters: zeroCounters(),
        customers: new Set(),
      };
      buckets.set(key, bucket);
    }
    const c = bucket.counters;
    c.numberOfCalls++;
    if (call.handledNow) c.numberOfHandledCustomers++;
    if (call.result === 'SUCCESS' || call.result === 'REFUSAL') c.numberOfSuccessfulCalls++;
    const counter = RESULT_COUNTER[call.result];
    if (counter) c[counter]++;
    if (call.amount > 0) {
      c.numberOfAmountCalls++;
      add(c, 'amount', call.amount);
    }
    const times: Exclude<FloatCounter, 'amount' | 'loginTime' | 'pauseTime'>[] = [
      'waitTime',
      'previewTime',
      'callTime',
      'talkingTime',
      'wrapTime',
    ];
    for (const key of times) add(c, key, call[key]);
    add(c, 'loginTime', call.waitTime + call.previewTime + call.callTime + call.talkingTime + call.wrapTime);
    bucket.customers.add(call.customerId);
  }

  /** Buckets of a campaign, optionally within [fromDay, toDay] and for some agents only. */
  buckets(campaignId: string, scope: { fromDay?: number; toDay?: number; agents?: Set<string> } = {}): StatsBucket[] {
    const out: StatsBucket[] = [];
    for (const bucket of this.byCampaign.get(campaignId)?.values() ?? []) {
      if (scope.fromDay !== undefined && bucket.day < scope.fromDay) continue;
      if (scope.toDay !== undefined && bucket.day > scope.toDay) continue;
      if (scope.agents && (bucket.agentId === null || !scope.agents.has(bucket.agentId))) continue;
      out.push(bucket);
    }
    return out;
  }

  deleteCampaign(campaignId: string): void {
    this.byCampaign.delete(campaignId);
  }

  snapshot(): StatsRow[] {
    return [...this.byCampaign.values()].flatMap((m) =>
      [...m.values()].map((b) => ({ ...b, customers: [...b.customers] })),
    );
  }

  static restore(rows: readonly StatsRow[]): StatisticsStore {
    const store = new StatisticsStore();
    for (const row of rows) {
      let buckets = store.byCampaign.get(row.campaignId);
      if (!buckets) store.byCampaign.set(row.campaignId, (buckets = new Map()));
      buckets.set(`${row.day}|${row.agentId ?? ''}`, { ...row, customers: new Set(row.customers) });
    }
    return store;
  }
}

/** Sums buckets into the document's counter object (distinct customers across the buckets). */
export function sumBuckets(buckets: readonly StatsBucket[]): StatisticsCounters {
  const total = zeroCounters();
  const customers = new Set<string>();
  for (const b of buckets) {
    for (const key of Object.keys(total) as (keyof Additive)[]) add(total, key, b.counters[key]);
    for (const id of b.customers) customers.add(id);
  }
  return { ...total, numberOfCustomers: customers.size };
}

/** Campaign-level statistics add the number of distinct agents. */
export function campaignStatistics(buckets: readonly StatsBucket[]): CampaignStatistics {
  const agents = new Set(buckets.flatMap((b) => (b.agentId === null ? [] : [b.agentId])));
  return { ...sumBuckets(buckets), numberOfAgents: agents.size };
}

/** `/statistics` rows: one per (campaign, agent) with calls in the buckets given. */
export function statisticsRows(
  buckets: readonly StatsBucket[],
  names: { campaign: (id: string) => string; agent: (id: string) => string | undefined },
): StatisticsEntry[] {
  const groups = new Map<string, StatsBucket[]>();
  for (const b of buckets) {
    const key = `${b.campaignId}|${b.agentId ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(b);
    else groups.set(key, [b]);
  }
  // Campaigns in the order given; within one, agents by id and the dialer's own row (null) last.
  const order = new Map<string, number>();
  for (const b of buckets) if (!order.has(b.campaignId)) order.set(b.campaignId, order.size);
  const rank = (g: StatsBucket[]) => [order.get(g[0]!.campaignId) ?? 0, g[0]!.agentId ?? '\uffff'] as const;
  const sorted = [...groups.values()].sort((x, y) => {
    const [cx, ax] = rank(x);
    const [cy, ay] = rank(y);
    return cx - cy || (ax < ay ? -1 : ax > ay ? 1 : 0);
  });
  return sorted.map((group) => {
    const { campaignId, agentId } = group[0] as StatsBucket;
    return {
      ...sumBuckets(group),
      campaignId,
      campaignName: names.campaign(campaignId),
      agentId,
      agentName: agentId === null ? null : (names.agent(agentId) ?? null),
    };
  });
}
