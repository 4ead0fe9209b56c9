import { describe, expect, it } from 'vitest';
import { changeSubCampaignState } from '../../../simulators/engage/outreach/subcampaigns.ts';
import { HOUR, MINUTE, T0, newState, recount, run, sub } from './harness.ts';

describe('Engage outreach lifecycle on the virtual clock', () => {
  it('loads, runs at the pass pace, pauses, resumes and completes to Done', () => {
    const state = newState();
    const s = sub(state);
    expect(s.state).toBe('Loading');
    expect(s.counters.pendingCount).toBe(20);
    run(state, T0 + 30_000);
    expect(s.state).toBe('Running');
    // 10 a minute: the first at once, then one every 6 s → 11 attempts by one minute after the start.
    run(state, T0 + 30_000 + MINUTE);
    expect(state.attempts.size).toBe(11);
    changeSubCampaignState(state, s, 'Paused', T0 + 30_000 + MINUTE);
    run(state, T0 + HOUR);
    expect(s.state).toBe('Paused');
    expect(state.attempts.size).toBe(11);
    changeSubCampaignState(state, s, 'Running', T0 + HOUR);
    run(state, T0 + 2 * HOUR);
    expect(s.state).toBe('Done');
    expect(s.counters.pendingCount).toBe(0);
    expect(s.counters.deliveredCount + s.counters.failedCount).toBe(20);
    expect(s.endedAt).not.toBeNull();
    expect(s.counters).toEqual(recount(state, s).total);
  });

  it('is Pending until a later start time, then Loading', () => {
    const state = newState();
    const s = sub(state, { startAt: T0 + HOUR });
    expect(s.state).toBe('Pending');
    run(state, T0 + HOUR - 1);
    expect(s.state).toBe('Pending');
    run(state, T0 + HOUR);
    expect(s.state).toBe('Loading');
  });

  it('stops: Stopping → Completing → Done, waiting contacts not attempted', () => {
    const state = newState();
    const s = sub(state);
    run(state, T0 + 30_000 + 6_000);
    changeSubCampaignState(state, s, 'Done', T0 + 40_000);
    expect(s.state).toBe('Stopping');
    run(state, T0 + 70_000);
    expect(s.state).toBe('Completing');
    expect(s.counters.notAttemptedCount).toBe(18);
    expect(s.counters.pendingCount).toBe(0);
    run(state, T0 + 100_000);
    expect(s.state).toBe('Done');
    expect(s.counters).toEqual(recount(state, s).total);
  });

  it('cancels a pending one asked to stop, and refuses resuming a Done one with INVALID_STATE', () => {
    const state = newState();
    const pending = sub(state, { startAt: T0 + HOUR });
    changeSubCampaignState(state, pending, 'Stopping', T0);
    expect(pending.state).toBe('Cancelled');
    expect(pending.counters.notAttemptedCount).toBe(20);
    expect(() => changeSubCampaignState(state, pending, 'Running', T0)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    expect(() => changeSubCampaignState(state, pending, 'Cancelled', T0)).toThrow(
      expect.objectContaining({ code: 'ARG_INVALID_TYPE' }),
    );
  });

  it('retries failed contacts in a second pass, and counts filtered contacts once', () => {
    const state = newState();
    const s = sub(state, {
      passes: [{ contactsPerMinute: 60 }, { contactsPerMinute: 60, name: 'Retry' }],
      contacts: [
        ...Array.from({ length: 10 }, (_, i) => ({
          externalId: `R${i}`,
          devices: [{ externalId: `+1617000${i}`, attributes: [] }],
          attributes: [],
        })),
        { externalId: 'blocked', devices: [{ externalId: '+19995550000', attributes: [] }], attributes: [] },
      ],
    });
    expect(s.counters.filteredCount).toBe(1);
    run(state, T0 + HOUR);
    expect(s.state).toBe('Done');
    const failedFirst = s.passes[0]!.counters.failedCount;
    expect(failedFirst).toBeGreaterThan(0);
    expect(s.passes[1]!.counters.attemptedCount).toBe(failedFirst);
    expect(s.counters).toEqual(recount(state, s).total);
    expect(s.passes.map((p) => p.counters)).toEqual(recount(state, s).passes);
  });

  it('replays exactly for a seed', () => {
    const outcomes = (seed: number) => {
      const state = newState(seed);
      sub(state);
      run(state, T0 + HOUR);
      return [...state.attempts.values()].map((a) => `${a.startTime}:${a.outcome}`);
    };
    expect(outcomes(7)).toEqual(outcomes(7));
    expect(outcomes(7)).not.toEqual(outcomes(8));
  });
});
