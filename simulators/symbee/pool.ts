import type { SeededRandom } from '../core/random.ts';
import {
  type AgentPool,
  type PoolOutcome,
  type SymbeeRecord,
  type SymbeeState,
  dueAt,
  isDeliverable,
  preferenceExpiresAt,
  isLive,
  rotateApiKey,
  scheduleRecord,
  workRecord,
} from './models.ts';

/**
 * Time on the Symbee side: scheduled API key rotation, preferred-agent expiries and the simulated agent pool, played
 * out in time order as the virtual clock advances.
 */

/** Clears a preference whose 30-minute hold ran out while the task was deliverable. */
function expirePreference(state: SymbeeState, record: SymbeeRecord, at: number): void {
  if (!isLive(state, record) || record.preferredAgent === '' || !isDeliverable(record, at)) return;
  if (preferenceExpiresAt(record) > at) return;
  record.preferredAgent = '';
  record.lastUpdatedTime = at;
}

/**
 * Most pool steps (an attempt, or an agent waking to find nothing) played out in one catch-up: about 50 ms on an idle
 * machine, 150 ms on a loaded one. Idle time costs nothing (an agent sleeps until
 * the next due task), but every attempt is a state change and an RNG draw: a pool retrying tasks every millisecond
 * does tens of millions of them in a 10-hour clock move, which would stop every sandbox for a minute. Past the bound
 * the pool falls behind `now` and carries on, in time order, at the next catch-up (the next request or clock move) —
 * assumed, docs/vendors/symbee.md.
 */
export const MAX_POOL_ATTEMPTS_PER_ADVANCE = 50_000;

/**
 * Moves the Symbee world up to `now`: scheduled key rotation, preferred-agent expiries and the automatic agent
 * pool, in time order, so jumping the clock a day ahead plays the day out.
 */
export function advanceTo(state: SymbeeState, now: number, rng: SeededRandom): void {
  const key = state.apiKey;
  if (key.intervalMs !== null && now >= key.rotatedAt + key.intervalMs) {
    const periods = Math.floor((now - key.rotatedAt) / key.intervalMs);
    key.generation += periods - 1;
    rotateApiKey(state, key.rotatedAt + periods * key.intervalMs);
  }
  // Agents with nothing to do before `now` wait at `now`; they are woken by the next advance.
  const idle = new Set<PoolAgent>();
  let attempts = 0;
  for (;;) {
    const nextExpiry = state.expiries.peekTime() ?? Infinity;
    const working = state.pool.enabled && attempts < MAX_POOL_ATTEMPTS_PER_ADVANCE;
    const agent = working ? nextFreeAgent(state.pool, idle) : undefined;
    const agentAt = agent?.freeAt ?? Infinity;
    if (Math.min(nextExpiry, agentAt) > now) return;
    if (nextExpiry <= agentAt) {
      const entry = state.expiries.popDue(now);
      if (entry) expirePreference(state, entry.key, entry.at);
    } else if (agent) {
      attempts++;
      if (!poolStep(state, agent, now, rng)) idle.add(agent);
    }
  }
}

type PoolAgent = AgentPool['agents'][number];

function nextFreeAgent(pool: AgentPool, skip: Set<PoolAgent>): PoolAgent | undefined {
  let best: PoolAgent | undefined;
  for (const agent of pool.agents) if (!skip.has(agent) && (!best || agent.freeAt < best.freeAt)) best = agent;
  return best;
}

/**
 * One free agent takes the earliest due task it may work (its own preferred tasks, or unreserved ones). Without one
 * it waits for the next due task or lapsing reservation; when neither comes before `now` it stays free from `now`
 * (returns false), so work that appears later — a new task, a reopened one — is taken as soon as it is deliverable.
 */
function poolStep(state: SymbeeState, agent: PoolAgent, now: number, rng: SeededRandom): boolean {
  const t = agent.freeAt;
  const reservedForOthers: { at: number; key: SymbeeRecord }[] = [];
  let task: SymbeeRecord | undefined;
  for (let entry = state.dueQueue.popDue(t); entry; entry = state.dueQueue.popDue(t)) {
    const record = entry.key;
    if (!isLive(state, record) || !isDeliverable(record, t) || dueAt(record) !== entry.at) continue;
    if (state.pool.campaigns.length > 0 && !state.pool.campaigns.includes(record.campaign)) continue;
    if (record.preferredAgent !== '' && record.preferredAgent !== agent.id) {
      reservedForOthers.push(entry);
      continue;
    }
    task = record;
    break;
  }
  const nextDue = state.dueQueue.peekTime() ?? Infinity;
  for (const entry of reservedForOthers) state.dueQueue.schedule(entry.at, entry.key);
  if (!task) {
    const wake = Math.min(nextDue, state.expiries.peekTime() ?? Infinity);
    agent.freeAt = wake <= now ? wake : Math.max(t, now);
    return wake <= now;
  }
  // A task is never attempted before it was added or last changed (it may be due earlier than that).
  const at = Math.max(t, task.lastUpdatedTime);
  const outcome = pickOutcome(state.pool.outcomes, rng);
  workRecord(
    state,
    task,
    {
      agent: agent.id,
      outcome: outcome.outcome,
      workCodes: outcome.workCodes,
      nextEarliestWorkTime: outcome.outcome === 'WORKED' ? at + outcome.retryAfterMs : undefined,
    },
    at,
  );
  agent.freeAt = at + state.pool.handleTimeMs;
  return true;
}

function pickOutcome(outcomes: PoolOutcome[], rng: SeededRandom): PoolOutcome {
  const total = outcomes.reduce((sum, o) => sum + o.weight, 0);
  let roll = rng.next() * total;
  for (const outcome of outcomes) {
    roll -= outcome.weight;
    if (roll < 0) return outcome;
  }
  return outcomes[outcomes.length - 1] as PoolOutcome;
}

export function configurePool(
  state: SymbeeState,
  pool: Omit<AgentPool, 'agents'> & { agents: string[] },
  now: number,
): void {
  state.pool = { ...pool, agents: pool.agents.map((id) => ({ id, freeAt: now })) };
  state.dueQueue.clear();
  if (!pool.enabled) return;
  for (const campaign of state.campaigns.values())
    for (const record of campaign.records.values()) scheduleRecord(state, record);
}
