import type { CallResult, CustomerResult } from '../../contracts/sinch/schemas.ts';
import { SeededRandom } from '../core/random.ts';
import {
  type ActiveCall,
  type Campaign,
  type Customer,
  FAR_FUTURE,
  type SinchState,
  applyCalendar,
  refreshDialer,
  scheduleCustomer,
  setStatus,
} from './models.ts';

/**
 * The dialer: who is called when, with which outcome (seeded per customer and attempt), and what each call does to
 * the customer, the campaign and the statistics — played out in time order as the virtual clock advances.
 */

// ---- Call outcomes (data) ----------------------------------------------------------------------------------------

export interface OutcomeRule {
  /** The customer's final result after this call; null: call again later (or MAXCALLS once attempts run out). */
  final: Exclude<CustomerResult, 'DIALING' | 'MAXCALLS' | 'FILTERED'> | null;
  classifier?: string;
  /** A conversation took place (talking + wrap-up time; script answers). */
  connected: boolean;
  /** In PREDICTIVE mode the dialer handles these without an agent (statistics agentId null). */
  dialerOnly: boolean;
  retryAfterMs: number;
  /** Seconds of ringing and talking, [min, max]. */
  ring: Seconds;
  talk: Seconds;
}

const MIN = 60_000;
type Seconds = [number, number];

/** A call that gives the customer a final result: never called again. A conversation took place when talk > 0. */
function finalOutcome(final: NonNullable<OutcomeRule['final']>, classifier: string, ring: Seconds, talk: Seconds) {
  return { final, classifier, connected: talk[1] > 0, dialerOnly: false, retryAfterMs: 0, ring, talk };
}

/** A call after which the customer is called again `retryMinutes` later (MAXCALLS once attempts run out). */
function retryOutcome(retryMinutes: number, dialerOnly: boolean, ring: Seconds, talk: Seconds = [0, 0]): OutcomeRule {
  return { final: null, connected: talk[1] > 0, dialerOnly, retryAfterMs: retryMinutes * MIN, ring, talk };
}

export const OUTCOME_RULES: Record<CallResult, OutcomeRule> = {
  SUCCESS: finalOutcome('SUCCESS', 'Offer accepted', [5, 20], [60, 300]),
  REFUSAL: finalOutcome('REFUSAL', 'Refusal', [5, 20], [20, 90]),
  AGENT_REJECTED: finalOutcome('AGENT_REJECTED', 'AGENT_REJECTED', [0, 0], [0, 0]),
  BUSY: retryOutcome(10, true, [2, 6]),
  NOANSWER: retryOutcome(60, true, [25, 35]),
  HANGUP: retryOutcome(30, false, [5, 20], [5, 30]),
  ABANDONED: retryOutcome(10, true, [5, 20]),
  SKIP: retryOutcome(30, false, [0, 0]),
  OPER_LOGOUT: retryOutcome(10, false, [5, 20], [10, 60]),
  NOT_DIALED: retryOutcome(60, true, [0, 0]),
};

/** Drawn outcomes when QA forces none (the other results only happen when forced). */
const OUTCOME_WEIGHTS: readonly [CallResult, number][] = [
  ['SUCCESS', 30],
  ['REFUSAL', 10],
  ['AGENT_REJECTED', 5],
  ['BUSY', 15],
  ['NOANSWER', 35],
  ['HANGUP', 5],
];

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Each call draws from its own seeded stream: outcomes replay for a seed whatever the order of requests. */
function callRandom(state: SinchState, customerId: string, attempt: number): SeededRandom {
  return new SeededRandom(hash32(`${state.seed}|${customerId}|${attempt}`));
}

const between = (rng: SeededRandom, [min, max]: [number, number]) =>
  Math.round((min + rng.next() * (max - min)) * 1000) / 1000;

function drawOutcome(rng: SeededRandom): CallResult {
  const total = OUTCOME_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [result, weight] of OUTCOME_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return result;
  }
  return 'NOANSWER';
}

/** The object a path id names: 400 when the id is not id32/id36, 404 when nothing has it. */
// ---- Dialing over virtual time -----------------------------------------------------------------------------------

const isDialing = (campaign: Campaign) => campaign.status === 'Active' && campaign.dialerStatus === 'OPEN';

function isDue(campaign: Campaign, customerId: string, at: number): Customer | undefined {
  const customer = campaign.customers.get(customerId);
  return customer && customer.result === 'DIALING' && !customer.call && customer.date === at ? customer : undefined;
}

/** Pops the next customer due at `now`, skipping entries made stale by later changes. */
function nextCallable(campaign: Campaign, now: number): Customer | undefined {
  for (;;) {
    const entry = campaign.due.popDue(now);
    if (!entry) return undefined;
    const customer = isDue(campaign, entry.key, entry.at);
    if (customer) return customer;
  }
}

/** Is any customer still waiting for a (re)call? Drops stale entries from the top of the queue on the way. */
function hasPending(campaign: Campaign): boolean {
  for (;;) {
    const at = campaign.due.peekTime();
    if (at === undefined) return false;
    const entry = campaign.due.popDue(at) as { at: number; key: string };
    if (isDue(campaign, entry.key, entry.at)) {
      campaign.due.schedule(entry.at, entry.key);
      return true;
    }
  }
}

/** Gives every free agent of a dialing campaign its next due customer; wakes the campaign for future ones. */
export function dispatch(state: SinchState, campaign: Campaign, now: number): void {
  if (!isDialing(campaign)) return;
  let freeAgent = false;
  for (const agentId of campaign.agentIds) {
    if (campaign.busyAgents.has(agentId)) continue;
    const customer = nextCallable(campaign, now);
    if (!customer) {
      freeAgent = true;
      break;
    }
    startCall(state, campaign, customer, agentId, now);
  }
  if (freeAgent) {
    const next = campaign.due.peekTime();
    if (next !== undefined && (campaign.wakeAt === undefined || campaign.wakeAt <= now || next < campaign.wakeAt)) {
      campaign.wakeAt = next;
      state.events.schedule(next, { kind: 'wake', campaignId: campaign.id });
    }
  }
  // Nothing left to dial now or later, nothing in progress: the campaign is handled — an empty one too (there is
  // nothing to dial); adding customers makes it Active again (`reopen`).
  if (campaign.busyAgents.size === 0 && !hasPending(campaign)) {
    setStatus(campaign, 'Handled', now);
    refreshDialer(campaign, now);
  }
}

function startCall(state: SinchState, campaign: Campaign, customer: Customer, agentId: string, now: number): void {
  const attempt = customer.callCount;
  const rng = callRandom(state, customer.id, attempt);
  const drawn = drawOutcome(rng);
  const result = customer.forced.shift() ?? drawn;
  const rule = OUTCOME_RULES[result];
  const mode = customer.dialingMode ?? campaign.dialingMode;
  const withAgent = !(mode === 'PREDICTIVE' && rule.dialerOnly);
  const ring = between(rng, rule.ring);
  const talk = between(rng, rule.talk);
  const preview = mode === 'PREVIEW' && withAgent ? (customer.previewTime ?? between(rng, [5, 25])) : 0;
  const wrap = withAgent ? between(rng, rule.connected ? [10, 60] : [2, 5]) : 0;
  const waitTime = withAgent ? Math.max(0, now - (campaign.agentFreeSince.get(agentId) ?? now)) / 1000 : 0;
  const amountRoll = rng.next();
  const amount = result === 'SUCCESS' && amountRoll < 0.4 ? Math.round(amountRoll * 125_000) / 100 : 0;
  const answers =
    campaign.script && rule.connected && rule.final
      ? campaign.script.questions.map((q) => ({ question: q.question, answer: rng.pick(q.answers) }))
      : undefined;
  const durationMs = Math.round((preview + ring + talk + wrap) * 1000) || 1000;
  const call: ActiveCall = {
    seq: ++state.callSeq,
    lineAgentId: agentId,
    agentId: withAgent ? agentId : null,
    startedAt: now,
    endsAt: now + durationMs,
    result,
    numberIndex: attempt % customer.numbers.length,
    amount,
    waitTime: Math.round(waitTime * 1000) / 1000,
    previewTime: preview,
    // "Agent dialing time ... (in preview/progressive campaign)": predictive agents do not dial.
    callTime: withAgent && mode !== 'PREDICTIVE' ? ring : 0,
    talkingTime: talk,
    wrapTime: wrap,
    answers,
  };
  customer.call = call;
  campaign.busyAgents.set(agentId, customer.id);
  state.events.schedule(call.endsAt, {
    kind: 'callEnd',
    campaignId: campaign.id,
    customerId: customer.id,
    seq: call.seq,
  });
}

function endCall(state: SinchState, campaign: Campaign, customer: Customer, now: number): void {
  const call = customer.call as ActiveCall;
  customer.call = undefined;
  campaign.busyAgents.delete(call.lineAgentId);
  campaign.agentFreeSince.set(call.lineAgentId, now);
  const rule = OUTCOME_RULES[call.result];
  customer.callCount++;
  customer.lastBNumber = call.numberIndex;
  customer.callResult = call.result;
  customer.modificationDate = now;
  if (call.agentId && customer.agentId === undefined) customer.agentId = call.agentId;
  if (rule.final) {
    customer.result = rule.final;
    customer.classifier = rule.classifier;
    customer.date = FAR_FUTURE;
    if (call.answers && campaign.script) customer.script = { name: campaign.script.name, answers: call.answers };
  } else if (customer.callCount >= campaign.retryCount + 1) {
    customer.result = 'MAXCALLS';
    customer.date = FAR_FUTURE;
  } else {
    customer.date = now + rule.retryAfterMs;
    scheduleCustomer(campaign, customer);
  }
  // The call carries its agent, result and measures; the statistics read only what they count.
  state.stats.record({
    ...call,
    campaignId: campaign.id,
    customerId: customer.id,
    endedAt: now,
    handledNow: !!rule.final,
  });
  refreshDialer(campaign, now);
  dispatch(state, campaign, now);
}

/** Runs every event due up to `now`, in time order (the kernel calls this before each request). */
export function advanceTo(state: SinchState, now: number): void {
  for (;;) {
    const entry = state.events.popDue(now);
    if (!entry) return;
    const event = entry.key;
    const campaign = state.campaigns.get(event.campaignId);
    if (!campaign) continue;
    if (event.kind === 'callEnd') {
      const customer = campaign.customers.get(event.customerId);
      if (customer?.call?.seq === event.seq) endCall(state, campaign, customer, entry.at);
    } else if (event.kind === 'wake') {
      if (campaign.wakeAt === entry.at) campaign.wakeAt = undefined;
      dispatch(state, campaign, entry.at);
    } else {
      applyCalendar(state, campaign, entry.at);
    }
  }
}
