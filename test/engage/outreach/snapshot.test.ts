import { describe, expect, it } from 'vitest';
import { parseSnapshot, SnapshotError } from '../../../simulators/core/store.ts';
import { createContactBatchAsync } from '../../../simulators/engage/outreach/batches.ts';
import {
  OutreachSnapshotSchema,
  restoreOutreach,
  snapshotOutreach,
} from '../../../simulators/engage/outreach/state.ts';
import { CAMPAIGN, HOUR, MINUTE, T0, contacts, newState, run, sub } from './harness.ts';

const saveAndLoad = (state: ReturnType<typeof newState>) =>
  restoreOutreach(parseSnapshot('engage', OutreachSnapshotSchema, JSON.parse(JSON.stringify(snapshotOutreach(state)))));

const history = (state: ReturnType<typeof newState>) => ({
  attempts: [...state.attempts.values()].map((a) => [a.internalId, a.startTime, a.outcome]),
  subs: [...state.subCampaigns.values()].map((s) => [s.externalId, s.state, s.counters]),
  batches: [...state.contactBatches.values()].map((b) => [b.externalId, b.state]),
});

describe('Engage outreach snapshot', () => {
  it('restores mid-run and carries on exactly as the uninterrupted run (timers and async queue rebuilt)', () => {
    const build = () => {
      const state = newState(3);
      sub(state, { passes: [{ contactsPerMinute: 2 }, { contactsPerMinute: 5 }] });
      sub(state, { externalId: 'SC-later', startAt: T0 + 2 * HOUR });
      createContactBatchAsync(
        state,
        {
          internalId: null,
          externalId: 'B1',
          campaign: CAMPAIGN,
          outreachStrategy: { internalId: '4001', externalId: 'OnDemand' },
          strategyPasses: [{ contactsPerMinute: 3 }],
          script: null,
          agent: null,
          agentGroup: null,
          accountId: '1001',
          requestedStartTime: null,
          maxDurationMinutes: 60,
          override: null,
          attributes: [],
        },
        contacts(8, 'B'),
        T0 + 10_000,
      );
      return state;
    };
    const straight = build();
    run(straight, T0 + 5 * HOUR);

    const first = build();
    run(first, T0 + 30_000); // the async request still queued, SC-1 running
    const second = saveAndLoad(first);
    run(second, T0 + 3 * MINUTE);
    const third = saveAndLoad(second);
    run(third, T0 + 5 * HOUR);
    expect(history(third)).toEqual(history(straight));
    expect(third.contactBatches.size).toBe(1);
  });

  it('refuses a corrupt section naming the field', () => {
    const state = newState();
    sub(state);
    const saved = JSON.parse(JSON.stringify(snapshotOutreach(state)));
    saved.subCampaigns[0].state = 'Exploded';
    expect(() => parseSnapshot('engage', OutreachSnapshotSchema, saved)).toThrow(SnapshotError);
    expect(() => parseSnapshot('engage', OutreachSnapshotSchema, saved)).toThrow(/subCampaigns\.0\.state/);
  });
});
