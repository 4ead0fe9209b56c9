import { describe, expect, it } from 'vitest';
import {
  showContactAttempts,
  listAttempts,
  changeContactAttempt,
} from '../../../simulators/engage/outreach/attempts.ts';
import {
  type NewContactBatch,
  batchCounters,
  cancelContactBatch,
  createContactBatch,
  createContactBatchAsync,
  listContactBatches,
} from '../../../simulators/engage/outreach/batches.ts';
import { createInboundSubCampaign, findInboundSubCampaign } from '../../../simulators/engage/outreach/inbound.ts';
import { SYNTHETIC_STATES } from '../../../simulators/engage/outreach/model.ts';
import { attemptInterval, contactsPerMinute, previewPacing } from '../../../simulators/engage/outreach/pacing.ts';
import {
  changeSubCampaign,
  changeSubCampaignState,
  listSubCampaignStates,
  listSubCampaigns,
} from '../../../simulators/engage/outreach/subcampaigns.ts';
import { dayWindow, wildcardMatch } from '../../../simulators/engage/outreach/windows.ts';
import {
  ACCOUNT,
  AGENT_GROUP,
  CAMPAIGN,
  HOUR,
  MINUTE,
  T0,
  contacts,
  directory,
  newState,
  run,
  sub,
} from './harness.ts';

const code = (c: string) => expect.objectContaining({ code: c });
const DAY = 24 * HOUR;

const batchInput = (fields: Partial<NewContactBatch> = {}): NewContactBatch => ({
  internalId: null,
  externalId: 'B1',
  campaign: CAMPAIGN,
  outreachStrategy: { internalId: '4001', externalId: 'OnDemand' },
  strategyPasses: [{ contactsPerMinute: 10 }],
  script: null,
  agent: null,
  agentGroup: null,
  accountId: ACCOUNT,
  requestedStartTime: null,
  maxDurationMinutes: 60,
  override: null,
  attributes: [],
  ...fields,
});

describe('synthetic states (documented membership)', () => {
  it('Active, Completed, Done and All', () => {
    expect([...SYNTHETIC_STATES.Active].sort()).toEqual(['Loading', 'Paused', 'Pending', 'Running', 'Stopping']);
    expect([...SYNTHETIC_STATES.Completed].sort()).toEqual(['Awaiting', 'Cancelled', 'Completing', 'Done']);
    expect([...SYNTHETIC_STATES.Done].sort()).toEqual(['Awaiting', 'Cancelled', 'Done']);
    expect(SYNTHETIC_STATES.All).toHaveLength(9);
  });
});

describe('sub-campaigns', () => {
  it('refuses a 51st active one (SYSTEM_LIMIT_EXCEEDED) and a duplicate name in a campaign (OBJECT_EXISTS)', () => {
    const state = newState();
    for (let i = 0; i < 50; i++) sub(state, { externalId: `SC-${i}`, contacts: [], startAt: T0 + HOUR });
    expect(() => sub(state, { externalId: 'SC-50' })).toThrow(code('SYSTEM_LIMIT_EXCEEDED'));
    changeSubCampaignState(state, state.subCampaigns.by('key', `${CAMPAIGN.internalId}/SC-0`)!, 'Done', T0);
    expect(sub(state, { externalId: 'SC-50' }).state).toBe('Loading');
    expect(() => sub(state, { externalId: 'SC-50' })).toThrow(code('OBJECT_EXISTS'));
  });

  it('on a running one changes only intensity, externalId and the passes pacing fields', () => {
    const state = newState();
    const s = sub(state);
    run(state, T0 + 40_000);
    expect(() => changeSubCampaign(state, s, { otherFields: ['script'] }, T0 + 40_000)).toThrow(
      code('ATTRIBUTE_INVALID_DATA'),
    );
    expect(() => changeSubCampaign(state, s, { passes: [{ channel: 2 }] }, T0 + 40_000)).toThrow(
      code('ATTRIBUTE_INVALID_DATA'),
    );
    expect(() => changeSubCampaign(state, s, { passes: [{}, {}] }, T0 + 40_000)).toThrow(
      code('ATTRIBUTE_INVALID_DATA'),
    );
    expect(() => changeSubCampaign(state, s, { externalId: 'bad<name>' }, T0 + 40_000)).toThrow(
      code('ATTRIBUTE_INVALID_CHAR'),
    );
    changeSubCampaign(
      state,
      s,
      { intensity: 50, externalId: 'Renamed', passes: [{ contactsPerMinute: 60, leaveMessage: true }] },
      T0 + 40_000,
    );
    expect(s.externalId).toBe('Renamed');
    expect(state.subCampaigns.by('key', `${CAMPAIGN.internalId}/Renamed`)).toBe(s);
    expect(s.passes[0]!.contactsPerMinute).toBe(60);
    // 60 a minute at 50 % intensity: one every 2 s from the change on.
    const before = state.attempts.size;
    run(state, T0 + 50_000);
    expect(state.attempts.size - before).toBe(6);
  });

  it('retries a completed one when a pass is added: failed and not attempted contacts go again', () => {
    const state = newState(11);
    const s = sub(state);
    run(state, T0 + 10 * MINUTE);
    expect(s.state).toBe('Done');
    const failed = s.counters.failedCount;
    expect(failed).toBeGreaterThan(0);
    changeSubCampaign(state, s, { passes: [{}, { name: 'Retry', contactsPerMinute: 30 }] }, T0 + 10 * MINUTE);
    expect(s.state).toBe('Loading');
    expect(s.counters.pendingCount).toBe(failed);
    run(state, T0 + HOUR);
    expect(s.state).toBe('Done');
    expect(s.passes[1]!.counters.attemptedCount).toBe(failed);
  });

  it('lists states: null window = yesterday..tomorrow for no state / Done / All, open otherwise; ordered; sample fields', () => {
    const state = newState();
    const old = sub(state, { externalId: 'Old b', contacts: contacts(1) }, T0 - 3 * DAY);
    run(state, T0 - 2 * DAY);
    expect(old.state).toBe('Done');
    const a = sub(state, { externalId: 'beta', agentGroups: [AGENT_GROUP], passes: [{ channel: 5 }] });
    const b = sub(state, { externalId: 'Alpha' });
    const names = (list: { externalId: string }[]) => list.map((s) => s.externalId);
    const accounts = new Set([ACCOUNT]);
    expect(names(listSubCampaignStates(state, accounts, null, null, null, T0))).toEqual(['Alpha', 'beta']);
    expect(names(listSubCampaignStates(state, accounts, { state: 'Done' }, null, null, T0))).toEqual([]);
    expect(names(listSubCampaignStates(state, accounts, { state: 'Completed' }, null, null, T0))).toEqual(['Old b']);
    expect(names(listSubCampaignStates(state, accounts, { state: 'Active' }, null, null, T0))).toEqual([
      'Alpha',
      'beta',
    ]);
    expect(names(listSubCampaignStates(state, accounts, { externalId: 'ET' }, null, null, T0))).toEqual(['beta']);
    expect(
      names(listSubCampaignStates(state, accounts, { agentGroup: { externalId: 'collect' } }, null, null, T0)),
    ).toEqual(['beta']);
    expect(names(listSubCampaignStates(state, accounts, { channel: 5 }, null, null, T0))).toEqual(['beta']);
    expect(names(listSubCampaignStates(state, accounts, { campaign: { internalId: 'nope' } }, null, null, T0))).toEqual(
      [],
    );
    expect(names(listSubCampaignStates(state, accounts, { internalId: b.internalId }, null, null, T0))).toEqual([
      'Alpha',
    ]);
    expect(listSubCampaignStates(state, new Set(['other']), null, null, null, T0)).toEqual([]);
    expect(() => listSubCampaignStates(state, accounts, { state: 'Running' }, null, null, T0)).toThrow(
      code('ARG_INVALID_TYPE'),
    );
    void a;
  });

  it('refuses more than 100 states (RESULT_TOO_LARGE)', () => {
    const state = newState();
    for (let i = 0; i < 101; i++) sub(state, { externalId: `S${i}`, type: 'OnDemand', contacts: [] });
    expect(() => listSubCampaignStates(state, new Set([ACCOUNT]), null, null, null, T0)).toThrow(
      code('RESULT_TOO_LARGE'),
    );
  });

  it('listSubCampaigns: the campaign, created in the window (toTime null = now), cancelled only with includeDeleted', () => {
    const state = newState();
    const cancelled = sub(state, { externalId: 'X', startAt: T0 + HOUR });
    changeSubCampaignState(state, cancelled, 'Done', T0);
    sub(state, { externalId: 'Y' });
    sub(state, { externalId: 'Z', campaign: { internalId: '2002', externalId: 'Other' } });
    expect(listSubCampaigns(state, CAMPAIGN, false, null, null, T0).map((s) => s.externalId)).toEqual(['Y']);
    expect(listSubCampaigns(state, CAMPAIGN, true, null, null, T0).map((s) => s.externalId)).toEqual(['X', 'Y']);
    expect(listSubCampaigns(state, CAMPAIGN, true, T0 + 1, null, T0 + HOUR)).toEqual([]);
  });
});

describe('contact batches', () => {
  it('checks every documented limit before anything changes', () => {
    const state = newState();
    const make =
      (f: Partial<NewContactBatch>, n = 3) =>
      () =>
        createContactBatch(state, batchInput(f), contacts(n), T0, directory.isFiltered);
    expect(make({}, 101)).toThrow(code('ARG_TOO_LARGE'));
    expect(make({}, 0)).toThrow(code('ARG_NULL'));
    expect(make({ maxDurationMinutes: null })).toThrow(code('ARG_NULL'));
    expect(make({ maxDurationMinutes: 12 * 60 + 1 })).toThrow(code('ARG_TOO_LARGE'));
    expect(make({ maxDurationMinutes: 0 })).toThrow(code('ARG_INVALID_TYPE'));
    expect(make({ requestedStartTime: T0 + 10 * DAY + 1 })).toThrow(code('ARG_TOO_LARGE'));
    expect(make({ override: { internalId: '1' } })).toThrow(code('ARG_INVALID_TYPE'));
    const big = contacts(1);
    big[0]!.attributes.push({ name: 'blob', value: 'x'.repeat(97 * 1024) });
    // The payload block is createContactBatchAsync's (test/engage/payload-block.test.ts has the bounds).
    expect(() => createContactBatchAsync(state, batchInput(), big, T0)).toThrow(code('ARG_TOO_LARGE'));
    expect(state.contactBatches.size + state.subCampaigns.size + state.contacts.size).toBe(0);
    make({ maxDurationMinutes: 12 * 60, requestedStartTime: T0 + 10 * DAY })();
    expect(make({})).toThrow(code('OBJECT_EXISTS'));
  });

  it('runs as an on-demand sub-campaign stopped at start + maxDuration; filtered and suppressed contacts counted once', () => {
    const state = newState();
    state.suppressed.add('+16175550001');
    const list = contacts(30);
    list[2]!.devices[0]!.externalId = '+19995550123';
    const batch = createContactBatch(
      state,
      batchInput({ maxDurationMinutes: 2, strategyPasses: [{ contactsPerMinute: 6 }] }),
      list,
      T0,
      directory.isFiltered,
    );
    expect(batch.state).toBe('Running');
    expect(batchCounters(state, batch).filteredCount).toBe(2);
    run(state, T0 + HOUR);
    expect(batch.state).toBe('Done');
    const c = batchCounters(state, batch);
    expect(c.notAttemptedCount).toBeGreaterThan(0);
    expect(c.filteredCount + c.pendingCount + c.notAttemptedCount + c.deliveredCount + c.failedCount).toBe(30);
  });

  it('fixes strategy, script and agent group once defined; later uses add contacts', () => {
    const state = newState();
    const batch = createContactBatch(state, batchInput(), contacts(2), T0, directory.isFiltered);
    expect(() =>
      createContactBatch(
        state,
        batchInput({ internalId: batch.internalId, agentGroup: AGENT_GROUP }),
        contacts(1, 'N'),
        T0,
        directory.isFiltered,
      ),
    ).toThrow(code('OBJECT_EXISTS'));
    createContactBatch(state, batchInput({ internalId: batch.internalId }), contacts(3, 'N'), T0, directory.isFiltered);
    expect(batchCounters(state, batch).pendingCount).toBe(5);
  });

  it('async: queued, then taken at the next minute tick, ten requests a tick', () => {
    const state = newState();
    const batches = Array.from({ length: 12 }, (_, i) =>
      createContactBatchAsync(state, batchInput({ externalId: `A${i}` }), contacts(2, `A${i}-`), T0 + 5_000),
    );
    expect(batches[0]!.state).toBe('Queued');
    expect(batchCounters(state, batches[0]!).pendingCount).toBe(2);
    run(state, T0 + 59_999);
    expect(batches[0]!.state).toBe('Queued');
    run(state, T0 + 60_000);
    expect(batches.filter((b) => b.state === 'Queued')).toHaveLength(2);
    run(state, T0 + 120_000);
    expect(batches.filter((b) => b.state === 'Queued')).toHaveLength(0);
    expect(() => createContactBatchAsync(state, batchInput({ externalId: 'A0' }), contacts(1), T0)).toThrow(
      code('OBJECT_EXISTS'),
    );
  });

  it('cancels (only Cancelled; a Done or Cancelled batch → INVALID_STATE), a queued one never starts', () => {
    const state = newState();
    const queued = createContactBatchAsync(state, batchInput({ externalId: 'Q' }), contacts(2), T0);
    expect(() => cancelContactBatch(state, queued, 'Done', T0)).toThrow(code('ARG_INVALID_TYPE'));
    cancelContactBatch(state, queued, 'Cancelled', T0);
    expect(() => cancelContactBatch(state, queued, 'Cancelled', T0)).toThrow(code('INVALID_STATE'));
    run(state, T0 + HOUR);
    expect(queued.subCampaignId).toBeNull();
    const running = createContactBatch(
      state,
      batchInput({ externalId: 'R' }),
      contacts(50),
      T0 + HOUR,
      directory.isFiltered,
    );
    run(state, T0 + HOUR + MINUTE);
    cancelContactBatch(state, running, 'Cancelled', T0 + HOUR + MINUTE);
    expect(state.subCampaigns.get(running.subCampaignId!)!.state).toBe('Cancelled');
    expect(batchCounters(state, running).pendingCount).toBe(0);
  });

  it('lists by campaign / agent / agent group in the 24-hour window table', () => {
    const state = newState();
    createContactBatch(
      state,
      batchInput({ externalId: 'G', agentGroup: AGENT_GROUP }),
      contacts(1),
      T0,
      directory.isFiltered,
    );
    run(state, T0 + HOUR);
    createContactBatch(state, batchInput({ externalId: 'H' }), contacts(1), T0 + 2 * DAY, directory.isFiltered);
    const names = (l: { externalId: string }[]) => l.map((b) => b.externalId);
    expect(names(listContactBatches(state, null, dayWindow(null, null, T0 + 2 * DAY)))).toEqual(['H']);
    expect(names(listContactBatches(state, { agentGroup: AGENT_GROUP }, dayWindow(T0 - HOUR, null, T0)))).toEqual([
      'G',
    ]);
    expect(names(listContactBatches(state, { campaign: CAMPAIGN }, dayWindow(T0 - HOUR, T0 + 3 * DAY, T0)))).toEqual([
      'G',
      'H',
    ]);
  });
});

describe('time windows', () => {
  it('follow the documented table', () => {
    expect(dayWindow(null, null, T0)).toEqual({ from: T0 - DAY, to: T0 });
    expect(dayWindow(T0, null, 0)).toEqual({ from: T0, to: T0 + DAY });
    expect(dayWindow(null, T0, 0)).toEqual({ from: T0 - DAY, to: T0 });
    expect(dayWindow(T0, T0 + 5, 0)).toEqual({ from: T0, to: T0 + 5 });
    expect(() => dayWindow(T0, T0, 0)).toThrow(code('ARG_INVALID_TYPE'));
  });
  it('match externalIds case-insensitively as *x*', () => {
    expect(wildcardMatch('Spring PLUGH renewals', 'plugh')).toBe(true);
    expect(wildcardMatch('Spring', 'plugh')).toBe(false);
    expect(wildcardMatch('abc-def', 'a*f')).toBe(true);
  });
});

describe('contact attempts', () => {
  it('show ≤ 100 ids, list by contact or device[0] in the window, tag archive only', () => {
    const state = newState();
    sub(state, { passes: [{ contactsPerMinute: 60 }] });
    run(state, T0 + HOUR);
    const all = [...state.attempts.values()];
    expect(showContactAttempts(state, [all[0]!.internalId])).toEqual([all[0]]);
    expect(() => showContactAttempts(state, Array(101).fill(all[0]!.internalId))).toThrow(code('ARG_TOO_LARGE'));
    expect(() => showContactAttempts(state, ['nope'])).toThrow(code('OBJECT_NOT_EXISTS'));
    const window = dayWindow(null, null, T0 + HOUR);
    expect(listAttempts(state, { contact: 'C3' }, window, 500, () => true)).toHaveLength(1);
    expect(listAttempts(state, { device: '+16175550002' }, window, 500, () => true)).toHaveLength(1);
    expect(listAttempts(state, null, window, 500, () => true)).toHaveLength(20);
    expect(() => listAttempts(state, null, window, 10, () => true)).toThrow(code('RESULT_TOO_LARGE'));
    const a = all[0]!;
    changeContactAttempt(state, a.internalId, ['archive'], []);
    expect(a.tags).toEqual(['archive']);
    expect(() => changeContactAttempt(state, a.internalId, ['archive', 'vip'], [])).toThrow(code('ARG_INVALID_TYPE'));
    expect(() => changeContactAttempt(state, a.internalId, [], [])).toThrow(code('ARG_INVALID_TYPE'));
    expect(() => changeContactAttempt(state, a.internalId, ['archive'], ['outcome'])).toThrow(code('ARG_INVALID_TYPE'));
  });

  it('forced outcomes replace the draw', () => {
    const state = newState();
    const s = sub(state, { contacts: contacts(3) });
    for (const id of s.contactIds) state.contacts.get(id)!.forcedOutcome = 'Busy';
    run(state, T0 + HOUR);
    expect([...state.attempts.values()].map((a) => a.outcome)).toEqual(['Busy', 'Busy', 'Busy']);
    expect(s.counters.failedCount).toBe(3);
  });
});

describe('inbound sub-campaigns', () => {
  const seedDevices = (state: ReturnType<typeof newState>) => {
    state.inboundDevices.insert({
      internalId: 'D1',
      externalId: '+18005550100',
      inboundDeviceType: 'LongCode',
      keywords: [],
    });
    state.inboundDevices.insert({
      internalId: 'D2',
      externalId: '72345',
      inboundDeviceType: 'ShortCode',
      keywords: ['JOIN', 'PAY'],
    });
  };
  const inbound = (state: ReturnType<typeof newState>, externalId: string, device: object) =>
    createInboundSubCampaign(
      state,
      {
        externalId,
        campaign: CAMPAIGN,
        accountId: ACCOUNT,
        script: null,
        agentGroups: [],
        passes: [{ channel: 3 }],
        startAt: null,
      },
      device,
      { scriptRequirement: null, agentGroupTypes: [], onDemandChannels: new Set([3]) },
      'Acme',
      T0,
      directory.isFiltered,
    );

  it('documented INBOUND_* refusals, then found by secondaryDevice (+ keyword), else none (the system state)', () => {
    const state = newState();
    seedDevices(state);
    expect(() => inbound(state, '', { internalId: 'D1' })).toThrow(code('INBOUND_SUBCAMPAIGN_INVALID_LABEL'));
    expect(() => inbound(state, 'x', { internalId: 'D9' })).toThrow(code('OBJECT_NOT_EXISTS'));
    expect(() => inbound(state, 'x', { externalId: '72345', inboundDeviceType: 'Fax' })).toThrow(
      code('ARG_INVALID_TYPE'),
    );
    expect(() =>
      inbound(state, 'x', { externalId: '72345', inboundDeviceType: 'ShortCode', keywords: ['JOIN', 'PAY'] }),
    ).toThrow(code('ARG_INVALID_DATA'));
    const long = inbound(state, 'Long', { internalId: 'D1' });
    expect(() => inbound(state, 'Long2', { internalId: 'D1' })).toThrow(
      code('INBOUND_DEVICE_ASSIGNED_ACTIVE_CAMPAIGN'),
    );
    const join = inbound(state, 'Join', { externalId: '72345', inboundDeviceType: 'ShortCode', keywords: ['join'] });
    expect(() =>
      inbound(state, 'Join2', { externalId: '72345', inboundDeviceType: 'ShortCode', keywords: ['JOIN'] }),
    ).toThrow(code('INBOUND_TEXT_KEYWORD_ALREADY_ACTIVE'));
    run(state, T0 + HOUR);
    expect(join.state).toBe('Running');
    const accounts = new Set([ACCOUNT]);
    expect(findInboundSubCampaign(state, accounts, '72345', 'join me')).toBe(join);
    expect(findInboundSubCampaign(state, accounts, '72345', 'PAY now')).toBeUndefined();
    expect(findInboundSubCampaign(state, accounts, '+18005550100', null)).toBe(long);
    expect(findInboundSubCampaign(state, new Set(['other']), '+18005550100', null)).toBeUndefined();
    changeSubCampaignState(state, long, 'Done', T0 + HOUR);
    run(state, T0 + 2 * HOUR);
    expect(long.state).toBe('Awaiting');
    changeSubCampaignState(state, long, 'Done', T0 + 2 * HOUR);
    expect(long.state).toBe('Done');
  });
});

describe('pacing', () => {
  it('the preview is the pace the clock uses; agent channels bounded by the agent group', () => {
    const voice = { channel: 1, pacing: 100, contactsPerMinute: 30, maxContactsPerMinute: 20 };
    expect(contactsPerMinute(voice, 50)).toBe(10);
    const preview = { ...voice, channel: 5 };
    expect(contactsPerMinute(preview, 100, { allocatedCount: 3, intensity: 50 })).toBe(3);
    expect(attemptInterval(0)).toBeUndefined();
    const state = newState();
    const s = sub(state, { passes: [{ contactsPerMinute: 12 }] });
    const [info] = previewPacing(s, { intensity: 50 }, undefined);
    expect(info!.contactsPerMinute).toBe(6);
    expect(info!.estimatedMinutes).toBe(Math.ceil(20 / 6));
    expect(s.intensity).toBe(100);
    const changed = previewPacing(s, { passes: new Map([['Pass 1', { contactsPerMinute: 60 }]]) }, undefined);
    expect(changed[0]!.contactsPerMinute).toBe(60);
    // The clock at the previewed pace: 6 a minute = one every 10 s.
    changeSubCampaign(state, s, { intensity: 50 }, T0);
    run(state, T0 + 30_000 + MINUTE);
    expect(state.attempts.size).toBe(7);
  });
});
