import { describe, expect, it } from 'vitest';
import type { PreviewRecord } from '../../contracts/symbee/schemas.ts';
import {
  MINUTE,
  NOW_MS,
  sandboxPerTest,
  statusOf,
  type Body,
  type SymbeeSandbox,
  type TestSimulator,
} from './harness.ts';

/**
 * The task lifecycle on the virtual clock: NOTWORKED → WORKED (another attempt later) → COMPLETED / REMOVED, the
 * work counters, nextEarliestWorkTime gating, the 30-minute preferred-agent hold, and the automatic agent pool.
 */
let sim: TestSimulator;
let sb: SymbeeSandbox;
let campaign: string;
let agents: string[];

sandboxPerTest((s, b) => {
  sim = s;
  sb = b;
  campaign = sb.section.campaigns[0]!;
  agents = sb.section.agents;
});

const work = (body: Body) => sb.admin('POST', '/vendors/symbee/work', { campaignName: campaign, ...body });
const HOUR = 60 * MINUTE;

describe('an agent works a task (work backdoor)', () => {
  it('records the attempt: workAttempts, lastAttemptAgent, lastAttemptTime, workCodes, WORKED with the next time', async () => {
    await sb.add('L-1');
    await sb.advance(10 * MINUTE);
    const workCodes = [{ key: 'Visit Reachout Actions', value: 'Not Interested' }];
    const res = await work({
      clientId: 'L-1',
      agent: agents[0],
      outcome: 'WORKED',
      workCodes,
      nextEarliestWorkTimeUTC: NOW_MS + 2 * HOUR,
    });
    expect(res.status).toBe(200);
    const record = await sb.find('L-1');
    expect(record).toMatchObject({
      workedState: 'WORKED',
      workAttempts: 1,
      lastAttemptAgent: agents[0],
      lastAttemptTime: '2021-11-03 05:10:00.000',
      lastUpdatedTime: '2021-11-03 05:10:00.000',
      nextEarliestWorkTime: '2021-11-03 07:00:00.000',
      workCodes,
    });
    expect(res.body.record).toEqual(record);
  });

  it('gates the next attempt on nextEarliestWorkTime: 409 before, deliverable from that time on', async () => {
    await sb.add('L-2');
    await work({ clientId: 'L-2', agent: agents[0], outcome: 'WORKED', nextEarliestWorkTimeUTC: NOW_MS + HOUR });
    await sb.advance(HOUR - 1);
    const early = await work({ clientId: 'L-2', agent: agents[1], outcome: 'COMPLETED' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/not deliverable/);
    expect((await sb.find('L-2'))!.workAttempts).toBe(1);
    await sb.advance(1);
    const due = await work({
      clientId: 'L-2',
      agent: agents[1],
      outcome: 'COMPLETED',
      workCodes: [{ key: 'g', value: 'Sale' }],
    });
    expect(due.status).toBe(200);
    expect(await sb.find('L-2')).toMatchObject({
      workedState: 'COMPLETED',
      workAttempts: 2,
      lastAttemptAgent: agents[1],
      lastAttemptTime: '2021-11-03 06:00:00.000',
      workCodes: [{ key: 'g', value: 'Sale' }],
    });
  });

  it('does not deliver a NOTWORKED task before its nextEarliestWorkTimeUTC', async () => {
    await sb.add('L-3', undefined, { nextEarliestWorkTimeUTC: NOW_MS + 30 * MINUTE });
    expect((await work({ clientId: 'L-3', agent: agents[0], outcome: 'COMPLETED' })).status).toBe(409);
    await sb.advance(30 * MINUTE);
    expect((await work({ clientId: 'L-3', agent: agents[0], outcome: 'COMPLETED' })).status).toBe(200);
  });

  it('never delivers COMPLETED or REMOVED tasks; the API can put them back to NOTWORKED', async () => {
    await sb.add('L-4');
    await sb.post('changeCampaignRecordStatus', { clientId: 'L-4', previewRecordStateEnum: 'REMOVED' });
    expect((await work({ clientId: 'L-4', agent: agents[0], outcome: 'COMPLETED' })).status).toBe(409);
    await sb.post('changeCampaignRecordStatus', { clientId: 'L-4', previewRecordStateEnum: 'NOTWORKED' });
    expect((await work({ clientId: 'L-4', agent: agents[0], outcome: 'COMPLETED' })).status).toBe(200);
    expect((await work({ clientId: 'L-4', agent: agents[0], outcome: 'COMPLETED' })).status).toBe(409);
  });

  it('keeps a task for its preferred agent: another agent gets 409', async () => {
    await sb.add('L-5', undefined, { preferredAgent: agents[1] });
    const other = await work({ clientId: 'L-5', agent: agents[0], outcome: 'COMPLETED' });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/preferred agent/);
    expect((await work({ clientId: 'L-5', agent: agents[1], outcome: 'COMPLETED' })).status).toBe(200);
  });

  it.each([
    ['an unknown record', { clientId: 'nope', agent: 'a' }, 404],
    ['an unknown agent', { clientId: '1001', agent: 'nobody@example.com' }, 400],
    ['an unknown campaign', { clientId: '1001', campaignName: 'Nope' }, 400],
    ['a bad outcome', { clientId: '1001', outcome: 'DONE' }, 400],
    ['an unknown field', { clientId: '1001', extra: 1 }, 400],
  ])('answers the admin error shape for %s', async (_label, body, status) => {
    const res = await work({ agent: agents[0], outcome: 'COMPLETED', ...body });
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { status, message: expect.any(String) } });
    expect((await sb.find('1001'))!.workAttempts).toBe(0);
  });

  it('plays the full lifecycle: work → WORKED → due → work → COMPLETED, searchable by sys_* at each step', async () => {
    await sb.add('L-6');
    const state = async () => {
      const res = await sb.post('searchPreviewCampaign', {
        previewRecordData: [
          { key: 'Id', value: 'L-6', condition: 'EQUALS' },
          { key: 'sys_worked_attempts', value: '0', condition: 'GREATERTHAN' },
        ],
      });
      return res.body.previewRecordClientData.map((r: PreviewRecord) => r.workedState);
    };
    expect(await state()).toEqual([]);
    await work({ clientId: 'L-6', agent: agents[0], outcome: 'WORKED', nextEarliestWorkTimeUTC: NOW_MS + HOUR });
    expect(await state()).toEqual(['WORKED']);
    await sb.advance(HOUR);
    await work({ clientId: 'L-6', agent: agents[2], outcome: 'COMPLETED' });
    expect(await state()).toEqual(['COMPLETED']);
  });
});

describe('the 30-minute preferred-agent hold', () => {
  it('clears the preference 30 minutes after the task became deliverable (29 min: kept, 31 min: cleared)', async () => {
    await sb.add('P-1', undefined, { preferredAgent: agents[0] });
    await sb.advance(29 * MINUTE);
    expect((await sb.find('P-1'))!.preferredAgent).toBe(agents[0]);
    await sb.advance(2 * MINUTE);
    const record = await sb.find('P-1');
    expect(record!.preferredAgent).toBe('');
    // The expiry happened at its own time, not when it was noticed.
    expect(record!.lastUpdatedTime).toBe('2021-11-03 05:30:00.000');
    // Any agent may now take it.
    expect((await work({ clientId: 'P-1', agent: agents[1], outcome: 'COMPLETED' })).status).toBe(200);
  });

  it('counts the 30 minutes from nextEarliestWorkTime when the task is not yet deliverable', async () => {
    await sb.add('P-2', undefined, { preferredAgent: agents[0], nextEarliestWorkTimeUTC: NOW_MS + HOUR });
    await sb.advance(HOUR + 29 * MINUTE);
    expect((await sb.find('P-2'))!.preferredAgent).toBe(agents[0]);
    await sb.advance(2 * MINUTE);
    expect((await sb.find('P-2'))!.preferredAgent).toBe('');
  });

  it('restarts the hold when the preferred agent is set again through changeCampaignRecordStatus', async () => {
    await sb.add('P-3', undefined, { preferredAgent: agents[0] });
    await sb.advance(20 * MINUTE);
    await sb.post('changeCampaignRecordStatus', {
      clientId: 'P-3',
      previewRecordStateEnum: 'NOTWORKED',
      preferredAgent: agents[1],
    });
    await sb.advance(20 * MINUTE);
    expect((await sb.find('P-3'))!.preferredAgent).toBe(agents[1]);
    await sb.advance(11 * MINUTE);
    expect((await sb.find('P-3'))!.preferredAgent).toBe('');
  });

  it('keeps the preference of a task that is not deliverable (COMPLETED) and restarts the hold when reopened', async () => {
    await sb.add('P-4', undefined, { preferredAgent: agents[0] });
    await sb.post('changeCampaignRecordStatus', { clientId: 'P-4', previewRecordStateEnum: 'COMPLETED' });
    await sb.advance(2 * HOUR);
    expect((await sb.find('P-4'))!.preferredAgent).toBe(agents[0]);
    await sb.post('changeCampaignRecordStatus', { clientId: 'P-4', previewRecordStateEnum: 'NOTWORKED' });
    const reopened = await sb.find('P-4');
    expect(reopened).toMatchObject({ preferredAgent: agents[0], lastUpdatedTime: '2021-11-03 07:00:00.000' });
    await sb.advance(29 * MINUTE);
    expect((await sb.find('P-4'))!.preferredAgent).toBe(agents[0]);
    await sb.advance(2 * MINUTE);
    const expired = await sb.find('P-4');
    expect(expired).toMatchObject({ preferredAgent: '', lastUpdatedTime: '2021-11-03 07:30:00.000' });
  });

  it('never moves lastUpdatedTime backwards when an expiry is processed', async () => {
    await sb.add('P-5', undefined, { preferredAgent: agents[0], nextEarliestWorkTimeUTC: NOW_MS + 3 * HOUR });
    await sb.advance(HOUR);
    // Due in the past now: the task becomes deliverable at this very update.
    await sb.post('changeCampaignRecordStatus', {
      clientId: 'P-5',
      previewRecordStateEnum: 'NOTWORKED',
      nextEarliestWorkTimeUTC: NOW_MS - HOUR,
    });
    const changed = await sb.find('P-5');
    expect(changed).toMatchObject({ preferredAgent: agents[0], lastUpdatedTime: '2021-11-03 06:00:00.000' });
    await sb.advance(31 * MINUTE);
    expect(await sb.find('P-5')).toMatchObject({ preferredAgent: '', lastUpdatedTime: '2021-11-03 06:30:00.000' });
  });
});

describe('the automatic agent pool', () => {
  const pool = (s: SymbeeSandbox, body: Body) => s.admin('POST', '/vendors/symbee/agent-pool', body);

  it('works deliverable tasks as the clock advances, one per agent per handle time', async () => {
    const res = await pool(sb, {
      enabled: true,
      agents: [agents[0]],
      handleTimeMs: 10 * MINUTE,
      outcomes: [{ outcome: 'COMPLETED', weight: 1, workCodes: [{ key: 'Result', value: 'Done' }] }],
      campaigns: [campaign],
    });
    expect(res.status).toBe(200);
    await sb.advance(25 * MINUTE);
    const records = await sb.records();
    const worked = records.filter((r) => r.workedState === 'COMPLETED');
    // Attempts at +0, +10, +20 minutes.
    expect(worked.map((r) => r.lastAttemptTime).sort()).toEqual([
      '2021-11-03 05:00:00.000',
      '2021-11-03 05:10:00.000',
      '2021-11-03 05:20:00.000',
    ]);
    for (const r of worked) {
      expect(r).toMatchObject({
        workAttempts: 1,
        lastAttemptAgent: agents[0],
        workCodes: [{ key: 'Result', value: 'Done' }],
      });
    }
    // The other campaign is not worked.
    expect((await sb.records(sb.section.campaigns[1])).every((r) => r.workAttempts === 0)).toBe(true);
  });

  it('retries WORKED tasks only once they are due again', async () => {
    await pool(sb, {
      enabled: true,
      handleTimeMs: MINUTE,
      outcomes: [{ outcome: 'WORKED', weight: 1, retryAfterMs: HOUR }],
      campaigns: [campaign],
    });
    await sb.advance(30 * MINUTE);
    let records = await sb.records();
    expect(records.map((r) => r.workAttempts)).toEqual([1, 1, 1, 1, 1]);
    await sb.advance(31 * MINUTE);
    records = await sb.records();
    expect(records.map((r) => r.workAttempts)).toEqual([2, 2, 2, 2, 2]);
    for (const r of records)
      expect(Date.parse(`${r.nextEarliestWorkTime!.replace(' ', 'T')}Z`)).toBeGreaterThan(NOW_MS + HOUR);
  });

  it('leaves tasks reserved for a logged-out preferred agent until the 30-minute hold lapses', async () => {
    await sb.add('POOL-1', undefined, { preferredAgent: agents[2] });
    for (const r of await sb.records()) {
      if (r.clientId !== 'POOL-1') await sb.post('deleteRecordFromCampaign', { clientId: r.clientId });
    }
    await pool(sb, { enabled: true, agents: [agents[0]], handleTimeMs: MINUTE, campaigns: [campaign] });
    await sb.advance(29 * MINUTE);
    expect(await sb.find('POOL-1')).toMatchObject({ workAttempts: 0, preferredAgent: agents[2] });
    await sb.advance(2 * MINUTE);
    expect(await sb.find('POOL-1')).toMatchObject({
      workAttempts: 1,
      workedState: 'COMPLETED',
      lastAttemptAgent: agents[0],
      lastAttemptTime: '2021-11-03 05:30:00.000',
    });
  });

  it('takes work that appears while the agents wait for a later task, at the moment it is deliverable', async () => {
    const quiet = await sim.sandbox({ symbee: { recordsPerCampaign: 0 } });
    const name = quiet.section.campaigns[0]!;
    await quiet.add('LATER', undefined, { nextEarliestWorkTimeUTC: NOW_MS + HOUR });
    await quiet.add('DONE');
    await quiet.post('changeCampaignRecordStatus', { clientId: 'DONE', previewRecordStateEnum: 'COMPLETED' });
    await pool(quiet, { enabled: true, agents: [quiet.section.agents[0]], handleTimeMs: MINUTE, campaigns: [name] });
    await quiet.advance(10 * MINUTE);
    await quiet.add('NEW');
    await quiet.advance(10 * MINUTE);
    await quiet.post('changeCampaignRecordStatus', { clientId: 'DONE', previewRecordStateEnum: 'NOTWORKED' });
    await quiet.advance(10 * MINUTE);
    expect(await quiet.find('NEW')).toMatchObject({ workAttempts: 1, lastAttemptTime: '2021-11-03 05:10:00.000' });
    expect(await quiet.find('DONE')).toMatchObject({ workAttempts: 1, lastAttemptTime: '2021-11-03 05:20:00.000' });
    expect(await quiet.find('LATER')).toMatchObject({ workAttempts: 0 });
    await quiet.advance(30 * MINUTE);
    expect(await quiet.find('LATER')).toMatchObject({ workAttempts: 1, lastAttemptTime: '2021-11-03 06:00:00.000' });
  });

  it('never attempts a task before it was added, even when its nextEarliestWorkTime is in the past', async () => {
    const quiet = await sim.sandbox({ symbee: { recordsPerCampaign: 0 } });
    await pool(quiet, { enabled: true, agents: [quiet.section.agents[0]], handleTimeMs: MINUTE });
    await quiet.advance(30 * MINUTE);
    await quiet.add('PAST', undefined, { nextEarliestWorkTimeUTC: NOW_MS + 5 * MINUTE });
    await quiet.advance(MINUTE);
    expect(await quiet.find('PAST')).toMatchObject({
      createdTime: '2021-11-03 05:30:00.000',
      lastAttemptTime: '2021-11-03 05:30:00.000',
    });
  });

  it('stops working when disabled', async () => {
    await pool(sb, { enabled: true, agents: [agents[0]], handleTimeMs: HOUR, campaigns: [campaign] });
    await sb.advance(HOUR);
    await pool(sb, { enabled: false });
    const attempts = async () => (await sb.records()).reduce((sum, r) => sum + r.workAttempts, 0);
    const before = await attempts();
    expect(before).toBe(2);
    await sb.advance(5 * HOUR);
    expect(await attempts()).toBe(before);
    expect((await sb.admin('GET', '/vendors/symbee/agent-pool')).body.enabled).toBe(false);
  });

  it.each([
    ['an unknown agent', { enabled: true, agents: ['ghost@example.com'] }],
    ['an unknown campaign', { enabled: true, campaigns: ['Nope'] }],
    ['no outcomes', { enabled: true, outcomes: [] }],
  ])('refuses %s with 400', async (_label, body) => {
    const res = await pool(sb, body);
    expect(res.status).toBe(400);
    expect(res.body.error.status).toBe(400);
  });

  it('is deterministic for a seed: two sandboxes with the same seed play out the same day', async () => {
    const run = async () => {
      const s = await sim.sandbox({ seed: 77, symbee: { recordsPerCampaign: 20 } });
      await pool(s, {
        enabled: true,
        handleTimeMs: 7 * MINUTE,
        outcomes: [
          { outcome: 'COMPLETED', weight: 2, workCodes: [{ key: 'R', value: 'Sale' }] },
          { outcome: 'WORKED', weight: 3, workCodes: [{ key: 'R', value: 'No answer' }], retryAfterMs: 45 * MINUTE },
        ],
      });
      for (let i = 0; i < 8; i++) await s.advance(20 * MINUTE);
      const all = [...(await s.records(s.section.campaigns[0])), ...(await s.records(s.section.campaigns[1]))];
      return all.map(({ clientId, workedState, workAttempts, lastAttemptAgent, lastAttemptTime, workCodes }) => ({
        clientId,
        workedState,
        workAttempts,
        lastAttemptAgent: lastAttemptAgent?.replace(/@.*/, ''),
        lastAttemptTime,
        workCodes,
      }));
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    // Both outcomes happened, so the comparison is not trivially equal.
    expect(new Set(a.map((r) => r.workedState))).toEqual(new Set(['COMPLETED', 'WORKED']));
  });
});

describe('status changes through the API', () => {
  it('allows any documented target state from any state', async () => {
    await sb.add('S-1');
    const states = ['WORKED', 'COMPLETED', 'NOTWORKED', 'REMOVED', 'WORKED', 'NOTWORKED'];
    for (const target of states) {
      const res = await sb.post('changeCampaignRecordStatus', {
        clientId: 'S-1',
        previewRecordStateEnum: target,
        nextEarliestWorkTimeUTC: NOW_MS,
      });
      expect(statusOf(res)).toBe('SUCCESS');
      expect((await sb.find('S-1'))!.workedState).toBe(target);
    }
    // Status changes are not work attempts.
    expect((await sb.find('S-1'))!.workAttempts).toBe(0);
  });
});
