import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cancelContactBatch,
  createContactBatch,
  createContactBatchAsync,
} from '../../../simulators/engage/outreach/batches.ts';
import type { OutreachState } from '../../../simulators/engage/outreach/model.ts';
import { changeSubCampaign, changeSubCampaignState } from '../../../simulators/engage/outreach/subcampaigns.ts';
import { CAMPAIGN, MINUTE, T0, contacts, directory, newState, recount, run, sub } from './harness.ts';

/** One step QA or a client might take; a refused one (a VendorError) is part of the story and changes nothing. */
const step = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    n: fc.integer({ min: 0, max: 15 }),
    passes: fc.integer({ min: 1, max: 3 }),
    cpm: fc.integer({ min: 1, max: 120 }),
    startIn: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('batch' as const),
    n: fc.integer({ min: 1, max: 12 }),
    async: fc.boolean(),
    minutes: fc.integer({ min: 1, max: 120 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 45 }) }),
  fc.record({
    kind: fc.constant('state' as const),
    pick: fc.nat(),
    to: fc.constantFrom('Running', 'Paused', 'Done', 'Stopping'),
  }),
  fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('pace' as const),
    pick: fc.nat(),
    cpm: fc.integer({ min: 0, max: 200 }),
    intensity: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function apply(state: OutreachState, s: Step, i: number, now: number, split = false): number {
  const subs = [...state.subCampaigns.values()];
  const batches = [...state.contactBatches.values()];
  const pickSub = (n: number) => subs[n % Math.max(1, subs.length)];
  try {
    switch (s.kind) {
      case 'create': {
        const list = contacts(s.n, `S${i}-`);
        if (s.n > 2) list[1]!.devices[0]!.externalId = '+19990000000';
        sub(
          state,
          {
            externalId: `SC-${i}`,
            passes: Array.from({ length: s.passes }, () => ({ contactsPerMinute: s.cpm })),
            startAt: now + s.startIn * MINUTE,
            contacts: list,
          },
          now,
        );
        return now;
      }
      case 'batch': {
        const input = {
          internalId: null,
          externalId: `B-${i}`,
          campaign: CAMPAIGN,
          outreachStrategy: { internalId: '4001', externalId: 'OnDemand' },
          strategyPasses: [{ contactsPerMinute: 20 }, { contactsPerMinute: 20 }],
          script: null,
          agent: null,
          agentGroup: null,
          accountId: '1001',
          requestedStartTime: null,
          maxDurationMinutes: s.minutes,
          override: null,
          attributes: [],
        };
        if (s.async) createContactBatchAsync(state, input, contacts(s.n, `B${i}-`), now);
        else createContactBatch(state, input, contacts(s.n, `B${i}-`), now, directory.isFiltered);
        return now;
      }
      case 'advance':
        if (split) run(state, now + Math.floor((s.minutes * MINUTE) / 3));
        run(state, now + s.minutes * MINUTE);
        return now + s.minutes * MINUTE;
      case 'state': {
        const target = pickSub(s.pick);
        if (target) changeSubCampaignState(state, target, s.to, now);
        return now;
      }
      case 'retry': {
        const target = pickSub(s.pick);
        if (target)
          changeSubCampaign(
            state,
            target,
            { passes: [...target.passes.map(() => ({})), { contactsPerMinute: 30 }] },
            now,
          );
        return now;
      }
      case 'pace': {
        const target = pickSub(s.pick);
        if (target)
          changeSubCampaign(state, target, { intensity: s.intensity, passes: [{ contactsPerMinute: s.cpm }] }, now);
        return now;
      }
      case 'cancel': {
        const batch = batches[s.pick % Math.max(1, batches.length)];
        if (batch) cancelContactBatch(state, batch, 'Cancelled', now);
        return now;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === undefined) throw err;
  }
  return now;
}

describe('Engage counters (property)', () => {
  it('always equal what the attempts say, every contact counted exactly once, whatever the steps', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(step, { minLength: 1, maxLength: 25 }), (seed, steps) => {
        const state = newState(seed);
        let now = T0;
        steps.forEach((s, i) => {
          now = apply(state, s, i, now);
          for (const sc of state.subCampaigns.values()) {
            const { total, passes } = recount(state, sc);
            expect(sc.counters).toEqual(total);
            expect(sc.passes.map((p) => p.counters)).toEqual(passes);
            const c = sc.counters;
            expect(c.filteredCount + c.pendingCount + c.notAttemptedCount + c.deliveredCount + c.failedCount).toBe(
              sc.contactIds.length,
            );
            for (const n of Object.values(c)) expect(n).toBeGreaterThanOrEqual(0);
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('end the same however often the clock is read', () => {
    const history = (state: OutreachState) =>
      [...state.attempts.values()].map((a) => `${a.internalId}@${a.startTime}:${a.outcome}`).join();
    fc.assert(
      fc.property(fc.integer(), fc.array(step, { minLength: 1, maxLength: 25 }), (seed, steps) => {
        const once = newState(seed);
        const often = newState(seed);
        let now = T0;
        steps.forEach((s, i) => (now = apply(once, s, i, now)));
        now = T0;
        steps.forEach((s, i) => (now = apply(often, s, i, now, true)));
        expect(history(often)).toBe(history(once));
      }),
      { numRuns: 100 },
    );
  });
});
