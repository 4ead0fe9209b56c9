import { Lifecycle } from '../../core/lifecycle.ts';
import { SeededRandom, saltedSeed } from '../../core/random.ts';
import { TimedQueue } from '../../core/scheduler.ts';
import {
  type AttemptModel,
  type ContactModel,
  type ContactBatchStateName,
  type Counters,
  type OutreachState,
  type PassModel,
  type SubCampaignModel,
  type SubCampaignStateName,
  CHANNELS,
  nextId,
} from './model.ts';
import { type AgentGroupPacing, attemptInterval, contactsPerMinute } from './pacing.ts';

/**
 * The outreach lifecycle on the virtual clock (moves and durations assumed; the states are the document's):
 * Pending (start time ahead) → Loading → Running ⇄ Paused → Stopping → Completing → Done, or Awaiting for an inbound
 * sub-campaign (it keeps waiting for replies until told Done); Cancelled when stopped before it ran or when its
 * contact batch is cancelled; a completed one goes back to Loading when a pass is added (the documented retry).
 */
export const subCampaignLifecycle = new Lifecycle<SubCampaignStateName, SubCampaignModel>(
  'SubCampaignState',
  {
    Pending: ['Loading', 'Cancelled'],
    Loading: ['Running', 'Paused', 'Stopping', 'Cancelled'],
    Running: ['Paused', 'Stopping', 'Completing', 'Cancelled'],
    Paused: ['Running', 'Stopping', 'Cancelled'],
    Stopping: ['Completing', 'Cancelled'],
    Completing: ['Done', 'Awaiting', 'Cancelled'],
    Awaiting: ['Done', 'Loading'],
    Done: ['Loading'],
    Cancelled: ['Loading'],
  },
  { state: { get: (s) => s.state, set: (s, to) => (s.state = to) } },
);

/** Loading a list, stopping and completing each take this long (assumed). */
export const STEP_MS = 30_000;

/** What the engine needs of part 1 while it runs: the pace of an agent group, the agents who take attempts. */
export interface EngineDirectory {
  agentGroupPacing(internalId: string): AgentGroupPacing | undefined;
  agentsOf(agentGroupId: string): string[];
}

/** Outcomes drawn per channel family, with their weights (assumed distribution; QA forces any through admin). */
const VOICE_OUTCOMES = [
  ['LiveVoice', 45],
  ['AnsweringMachine', 20],
  ['NoAnswer', 20],
  ['Busy', 10],
  ['Invalid', 5],
] as const;
const MESSAGE_OUTCOMES = [
  ['Delivered', 85],
  ['Undeliverable', 15],
] as const;
export const OUTCOMES = ['LiveVoice', 'AnsweringMachine', 'NoAnswer', 'Busy', 'Invalid', 'Delivered', 'Undeliverable'];
const MESSAGE_CHANNELS: ReadonlySet<number> = new Set([CHANNELS.Email, CHANNELS.Text, CHANNELS.Web]);

/** Delivered: a person or a message reached; an answering machine only when the pass leaves a message (assumed). */
export function isDelivered(outcome: string, pass: PassModel): boolean {
  return outcome === 'LiveVoice' || outcome === 'Delivered' || (outcome === 'AnsweringMachine' && pass.leaveMessage);
}

function drawOutcome(state: OutreachState, attemptId: string, pass: PassModel): string {
  const table = MESSAGE_CHANNELS.has(pass.channel) ? MESSAGE_OUTCOMES : VOICE_OUTCOMES;
  let roll = new SeededRandom(saltedSeed(state.seed, `engage-attempt:${attemptId}`)).int(100);
  for (const [outcome, weight] of table) {
    if (roll < weight) return outcome;
    roll -= weight;
  }
  return table[0][0];
}

export function batchStateOf(state: SubCampaignStateName): ContactBatchStateName {
  if (state === 'Pending') return 'Pending';
  if (state === 'Done' || state === 'Awaiting') return 'Done';
  if (state === 'Cancelled') return 'Cancelled';
  return 'Running';
}

// ---- counters ---------------------------------------------------------------------------------------------------

function shift(counters: Counters, from: keyof Counters | null, to: keyof Counters | null, n = 1): void {
  if (from) counters[from] -= n;
  if (to) counters[to] += n;
}

const COUNTER_OF = {
  filtered: 'filteredCount',
  pending: 'pendingCount',
  notAttempted: 'notAttemptedCount',
  delivered: 'deliveredCount',
  failed: 'failedCount',
} as const;

/** Moves a contact between the sub-campaign's counters (attempted = delivered + failed follows). */
function setStatus(sub: SubCampaignModel, contact: ContactModel, to: ContactModel['status']): void {
  const from = contact.status;
  if (from === to) return;
  shift(sub.counters, COUNTER_OF[from], COUNTER_OF[to]);
  const wasAttempted = from === 'delivered' || from === 'failed';
  const isAttempted = to === 'delivered' || to === 'failed';
  if (wasAttempted !== isAttempted) sub.counters.attemptedCount += isAttempted ? 1 : -1;
  contact.status = to;
}

/** Puts a contact in the queue of pass `index` (pending there and in the sub-campaign). */
export function enqueue(sub: SubCampaignModel, contact: ContactModel, index: number): void {
  const pass = sub.passes[index] as PassModel;
  pass.queue.push(contact.internalId);
  pass.counters.pendingCount++;
  contact.pass = index;
  setStatus(sub, contact, 'pending');
}

/** A contact a suppression list or a compliance rule keeps from outreach: counted once, as filtered. */
export function filter(sub: SubCampaignModel, contact: ContactModel): void {
  const first = sub.passes[0];
  if (first) first.counters.filteredCount++;
  contact.pass = 0;
  setStatus(sub, contact, 'filtered');
}

// ---- timers -----------------------------------------------------------------------------------------------------

/** The next automatic move of a sub-campaign, and when (rebuilt from the entities after a restore). */
export function dueOf(sub: SubCampaignModel): { at: number; to: SubCampaignStateName } | undefined {
  switch (sub.state) {
    case 'Pending':
      return { at: sub.startAt, to: 'Loading' };
    case 'Loading':
      return { at: sub.stateAt + STEP_MS, to: 'Running' };
    case 'Running':
    case 'Paused':
      return sub.stopAt === null ? undefined : { at: sub.stopAt, to: 'Stopping' };
    case 'Stopping':
      return { at: sub.stateAt + STEP_MS, to: 'Completing' };
    case 'Completing':
      return { at: sub.stateAt + STEP_MS, to: sub.type === 'Inbound' ? 'Awaiting' : 'Done' };
    default:
      return undefined;
  }
}

function schedule(state: OutreachState, sub: SubCampaignModel): void {
  const due = dueOf(sub);
  if (due) state.stateTimers.schedule(due.at, sub);
  if (sub.state === 'Running' && sub.nextAttemptAt !== null) state.attemptTimers.schedule(sub.nextAttemptAt, sub);
}

export function rebuildTimers(state: OutreachState): void {
  state.stateTimers = new TimedQueue();
  state.attemptTimers = new TimedQueue();
  for (const sub of state.subCampaigns.values()) schedule(state, sub);
}

// ---- moves ------------------------------------------------------------------------------------------------------

/** Bookkeeping of a state change, allowed by the table (`move`) or forced by a backdoor. */
function entered(state: OutreachState, sub: SubCampaignModel, at: number): void {
  sub.stateAt = at;
  sub.updatedAt = at;
  if (sub.state === 'Loading') sub.endedAt = null;
  if (sub.state === 'Running') {
    // A resumed or (re)started run attempts at once, then at its pace.
    sub.nextAttemptAt = at;
    advancePassIfDrained(sub);
  } else sub.nextAttemptAt = null;
  if (sub.state === 'Completing' || sub.state === 'Cancelled') closeQueues(state, sub);
  if (sub.state === 'Done' || sub.state === 'Awaiting' || sub.state === 'Cancelled') sub.endedAt = at;
  if (sub.contactBatchId !== null) {
    const batch = state.contactBatches.get(sub.contactBatchId);
    if (batch) {
      batch.state = batchStateOf(sub.state);
      batch.updatedAt = at;
    }
  }
  schedule(state, sub);
}

export function move(state: OutreachState, sub: SubCampaignModel, to: SubCampaignStateName, at: number): void {
  subCampaignLifecycle.move(sub, to, at);
  entered(state, sub, at);
}

/** Backdoor: any state, skipping the table (QA reaches every state); the bookkeeping runs as for a move. */
export function forceState(state: OutreachState, sub: SubCampaignModel, to: SubCampaignStateName, at: number): void {
  sub.state = to;
  entered(state, sub, at);
}

/** The run ended: contacts still waiting are not attempted (those attempted before keep their failure). */
function closeQueues(state: OutreachState, sub: SubCampaignModel): void {
  for (const pass of sub.passes) {
    for (; pass.cursor < pass.queue.length; pass.cursor++) {
      const contact = state.contacts.get(pass.queue[pass.cursor] as string) as ContactModel;
      shift(pass.counters, 'pendingCount', 'notAttemptedCount');
      setStatus(sub, contact, contact.attemptCount > 0 ? 'failed' : 'notAttempted');
    }
  }
}

/** Moves to the next pass with contacts when the current one is drained; false when every pass is. */
function advancePassIfDrained(sub: SubCampaignModel): boolean {
  while (sub.currentPass < sub.passes.length) {
    const pass = sub.passes[sub.currentPass] as PassModel;
    if (pass.cursor < pass.queue.length) return true;
    if (sub.currentPass === sub.passes.length - 1) return false;
    sub.currentPass++;
  }
  return false;
}

function paceOf(sub: SubCampaignModel, directory: EngineDirectory): number {
  const pass = sub.passes[sub.currentPass] as PassModel;
  const group = sub.agentGroups[0] ? directory.agentGroupPacing(sub.agentGroups[0].internalId) : undefined;
  return contactsPerMinute(pass, sub.intensity, group);
}

function userFor(state: OutreachState, sub: SubCampaignModel, pass: PassModel, attemptId: string, d: EngineDirectory) {
  if (sub.agentId !== null) return sub.agentId;
  if (pass.channel !== CHANNELS.Preview && pass.channel !== CHANNELS.Manual && pass.channel !== CHANNELS.Dialer) {
    return null;
  }
  const agents = sub.agentGroups[0] ? d.agentsOf(sub.agentGroups[0].internalId) : [];
  if (agents.length === 0) return null;
  return new SeededRandom(saltedSeed(state.seed, `engage-agent:${attemptId}`)).pick(agents);
}

/** Nothing left to attempt: an outbound run completes; an inbound one keeps running, waiting for messages. */
function drained(state: OutreachState, sub: SubCampaignModel, at: number): void {
  if (sub.type === 'Inbound') sub.nextAttemptAt = null;
  else move(state, sub, 'Completing', at);
}

/** One attempt of the current pass's next contact at `at`, then the next attempt (or the run's end) scheduled. */
function attemptNext(state: OutreachState, sub: SubCampaignModel, at: number, directory: EngineDirectory): void {
  if (!advancePassIfDrained(sub)) {
    drained(state, sub, at);
    return;
  }
  const passIndex = sub.currentPass;
  const pass = sub.passes[passIndex] as PassModel;
  const contact = state.contacts.get(pass.queue[pass.cursor++] as string) as ContactModel;
  const internalId = nextId(state);
  const outcome = contact.forcedOutcome ?? drawOutcome(state, internalId, pass);
  contact.forcedOutcome = null;
  contact.attemptCount++;
  const delivered = isDelivered(outcome, pass);
  const attempt: AttemptModel = {
    internalId,
    contactId: contact.internalId,
    device: contact.devices[0]?.externalId ?? '',
    subCampaignId: sub.internalId,
    contactBatchId: contact.contactBatchId,
    pass: passIndex,
    userId: userFor(state, sub, pass, internalId, directory),
    outcome,
    delivered,
    startTime: at,
    tags: [],
  };
  state.attempts.insert(attempt);
  pass.counters.pendingCount--;
  pass.counters.attemptedCount++;
  pass.counters[delivered ? 'deliveredCount' : 'failedCount']++;
  if (delivered) setStatus(sub, contact, 'delivered');
  else if (passIndex + 1 < sub.passes.length) enqueue(sub, contact, passIndex + 1);
  else setStatus(sub, contact, 'failed');
  sub.updatedAt = at;
  if (!advancePassIfDrained(sub)) {
    drained(state, sub, at);
    return;
  }
  const interval = attemptInterval(paceOf(sub, directory));
  sub.nextAttemptAt = interval === undefined ? null : at + interval;
  if (sub.nextAttemptAt !== null) state.attemptTimers.schedule(sub.nextAttemptAt, sub);
}

/** Another source of timed work interleaved with the sub-campaigns' (the async batch queue). */
export interface TimedSource {
  nextAt(): number | undefined;
  fire(at: number): void;
}

/**
 * Everything due by `now`, in time order, each at its own moment, so a run ends the same however often the clock is
 * read: the other source first at equal times, then state timers (a deadline stops the attempt due with it), then
 * attempts. Stale entries (the sub-campaign moved on since) are skipped.
 */
export function advanceOutreach(
  state: OutreachState,
  now: number,
  directory: EngineDirectory,
  other?: TimedSource,
): void {
  for (;;) {
    const otherAt = other?.nextAt();
    const stateAt = state.stateTimers.peekTime();
    const attemptAt = state.attemptTimers.peekTime();
    const earliest = Math.min(otherAt ?? Infinity, stateAt ?? Infinity, attemptAt ?? Infinity);
    if (earliest > now) return;
    if (otherAt === earliest) {
      other?.fire(earliest);
    } else if (stateAt === earliest) {
      const entry = state.stateTimers.popDue(now)!;
      const sub = entry.key;
      const due = dueOf(sub);
      if (!due || due.at !== entry.at || state.subCampaigns.get(sub.internalId) !== sub) continue;
      if (subCampaignLifecycle.canMove(sub.state, due.to)) move(state, sub, due.to, entry.at);
    } else {
      const entry = state.attemptTimers.popDue(now)!;
      const sub = entry.key;
      if (sub.state !== 'Running' || sub.nextAttemptAt !== entry.at) continue;
      if (state.subCampaigns.get(sub.internalId) !== sub) continue;
      attemptNext(state, sub, entry.at, directory);
    }
  }
}

/**
 * The deprecated createContactAttempts: its contacts are attempted at once, all at `at`, without pacing (assumed:
 * the method returns the attempts, so they must exist when it answers).
 */
export function attemptAllNow(
  state: OutreachState,
  sub: SubCampaignModel,
  at: number,
  directory: EngineDirectory,
): AttemptModel[] {
  forceState(state, sub, 'Running', at);
  while (sub.state === 'Running') attemptNext(state, sub, at, directory);
  const made: AttemptModel[] = [];
  for (const attempt of state.attempts.values()) if (attempt.subCampaignId === sub.internalId) made.push(attempt);
  return made;
}
