import { describe, expect, it } from 'vitest';
import { MAX_POOL_ATTEMPTS_PER_ADVANCE } from '../../simulators/symbee/pool.ts';
import { MINUTE, sandboxPerTest, type SymbeeSandbox } from './harness.ts';

/**
 * The agent pool's catch-up is bounded (issue 15): a pool retrying tasks every millisecond would do tens of millions
 * of attempts in a 10-hour clock move (a minute of blocked event loop). Past the bound it falls behind and carries on
 * at the next catch-up, in time order.
 */
let sb: SymbeeSandbox;
sandboxPerTest((_s, b) => {
  sb = b;
});

const attempts = async (campaign: string) => (await sb.records(campaign)).reduce((n, r) => n + r.workAttempts, 0);

describe('the agent pool on a 1 ms handle time', () => {
  it('plays at most the bound per catch-up, then carries on where it stopped', async () => {
    const campaign = sb.section.campaigns[0]!;
    const pool = await sb.admin('POST', '/vendors/symbee/agent-pool', {
      enabled: true,
      agents: [sb.section.agents[0]],
      handleTimeMs: 1,
      outcomes: [{ outcome: 'WORKED', weight: 1, retryAfterMs: 1 }],
      campaigns: [campaign],
    });
    expect(pool.status).toBe(200);
    await sb.advance(600 * MINUTE);
    // Every call catches up (the clock move, then each read): each adds at most the bound. Steps are attempts here
    // (a task is always due), give or take an agent's wake-up.
    const first = await attempts(campaign);
    expect(first).toBeLessThanOrEqual(2 * MAX_POOL_ATTEMPTS_PER_ADVANCE + 5);
    const second = await attempts(campaign);
    expect(second - first).toBeGreaterThan(MAX_POOL_ATTEMPTS_PER_ADVANCE * 0.99);
    expect(second - first).toBeLessThanOrEqual(MAX_POOL_ATTEMPTS_PER_ADVANCE);
    // Behind `now`, in time order: the newest attempt is about one virtual millisecond per attempt after the start.
    const records = await sb.records(campaign);
    const newest = Math.max(...records.map((r) => Date.parse(`${r.lastAttemptTime!.replace(' ', 'T')}Z`)));
    const start = (await sb.now()) - 600 * MINUTE;
    expect(newest - start).toBeLessThan(5 * MAX_POOL_ATTEMPTS_PER_ADVANCE);
    expect(newest - start).toBeGreaterThan(2 * MAX_POOL_ATTEMPTS_PER_ADVANCE * 0.99);
  });
});
