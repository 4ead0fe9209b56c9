import { describe, expect, it } from 'vitest';
import type { CampaignRecord } from '../../contracts/eightbyeight/schemas.ts';
import {
  CAMPAIGN,
  DAY,
  HOUR,
  MINUTE,
  NOW_MS,
  iso,
  useEightByEight,
  type EightByEightSandbox,
  type SandboxOptions,
} from './harness.ts';

/**
 * The record lifecycle on the virtual clock: New → Queued → Accepted → Completed (or Scheduled for a retry or a
 * schedule-date-time), status codes and dispositions, and what paused / purged / stopped campaigns do.
 */
const t = useEightByEight('none');

const NEW = 0;
const QUEUED = 1;
const ACCEPTED = 2;
const COMPLETED = 3;
const SCHEDULED = 4;
const ACCEPT_MS = 10_000;
const TALK_MS = 60_000;

/** Fixed timings: a record is accepted 10 s after it is queued and its call lasts exactly one minute. */
const TIMED: SandboxOptions = {
  eightbyeight: { lines: 2, acceptDelayMs: ACCEPT_MS, talkMinMs: TALK_MS, talkMaxMs: TALK_MS },
};

const PHONES = ['5551230001', '5551230002', '5551230003', '5551230004'];
const IDS = [30_000_001, 30_000_002, 30_000_003, 30_000_004];

async function timedSandbox(options: SandboxOptions = TIMED): Promise<EightByEightSandbox> {
  const sb = await t.sim.sandbox(options);
  const customers = IDS.map((id, i) => ({ 'customer-id': id, phone: PHONES[i] }));
  expect((await sb.admin('POST', '/vendors/eightbyeight/crm/customers', { customers })).status).toBe(200);
  return sb;
}

async function force(
  sb: EightByEightSandbox,
  customer: number,
  statusCode: number,
  dispositionCode: number,
  extra = {},
) {
  const res = await sb.admin(
    'POST',
    `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}/customers/${customer}/outcome`,
    {
      'status-code': statusCode,
      'disposition-code': dispositionCode,
      ...extra,
    },
  );
  expect(res.status).toBe(200);
  return res.body;
}

const statusOf = async (sb: EightByEightSandbox, customer: number) =>
  (await sb.inspect(CAMPAIGN.running, customer))!.record;
const statuses = async (sb: EightByEightSandbox, ids = IDS) =>
  Promise.all(ids.map(async (id) => (await statusOf(sb, id)).status));

describe('dial-through', () => {
  it('moves records New → Queued → Accepted → Completed with the forced dispositions, two lines at a time', async () => {
    const sb = await timedSandbox();
    await sb.addOk(
      CAMPAIGN.running,
      IDS.map((id) => ({ 'customer-id': id })),
    );
    await force(sb, IDS[0]!, 0, 1002, { 'ext-trans-data': 'callback 5pm' });
    await force(sb, IDS[1]!, 0, 1000);
    await force(sb, IDS[2]!, 0, 1000);
    await force(sb, IDS[3]!, 0, 1002);

    expect(await statuses(sb)).toEqual([QUEUED, QUEUED, NEW, NEW]);
    await sb.advance(ACCEPT_MS);
    expect(await statuses(sb)).toEqual([ACCEPTED, ACCEPTED, NEW, NEW]);
    await sb.advance(TALK_MS);
    expect(await statuses(sb)).toEqual([COMPLETED, COMPLETED, QUEUED, QUEUED]);
    await sb.advance(ACCEPT_MS + TALK_MS);
    expect(await statuses(sb)).toEqual([COMPLETED, COMPLETED, COMPLETED, COMPLETED]);

    const records = await sb.records(CAMPAIGN.running);
    expect(
      records.map((r) => [r['phone-list'], r.status, r['status-code'], r['disposition-code'], r['ext-trans-data']]),
    ).toEqual([
      ['*Phone Number|5551230001', COMPLETED, 0, 1002, 'callback 5pm'],
      ['*Phone Number|5551230002', COMPLETED, 0, 1000, ''],
      ['*Phone Number|5551230003', COMPLETED, 0, 1000, ''],
      ['*Phone Number|5551230004', COMPLETED, 0, 1002, ''],
    ]);
  });

  it('dials a whole campaign to completion over a virtual day, never using more lines than it has', async () => {
    const sb = await t.sim.sandbox({ eightbyeight: { lines: 3 } });
    const batch = sb.section.crmCustomers.slice(0, 20).map((id) => ({ 'customer-id': id }));
    await sb.addOk(CAMPAIGN.running, batch);
    for (let step = 0; step < 48; step++) {
      const inFlight = (await sb.records(CAMPAIGN.running)).filter((r) => r.status === QUEUED || r.status === ACCEPTED);
      expect(inFlight.length).toBeLessThanOrEqual(3);
      await sb.advance(30 * MINUTE);
    }
    const records = await sb.records(CAMPAIGN.running);
    expect(records.every((r) => r.status === COMPLETED)).toBe(true);
    // Answered calls end with status-code 0; the seed decides the rest (retries, skips, phone problems).
    expect(records.some((r) => r['status-code'] === 0)).toBe(true);
    for (const r of records) expect([0, 1, 2, 3, 4]).toContain(r['status-code']);
    for (const r of records) expect([1000, 1001, 1002]).toContain(r['disposition-code']);
  });

  it('replays exactly for the same seed, and differs for another seed', async () => {
    const run = async (seed: number) => {
      const sb = await t.sim.sandbox({ seed, eightbyeight: { lines: 4 } });
      await sb.addOk(
        CAMPAIGN.running,
        sb.section.crmCustomers.slice(0, 20).map((id) => ({ 'customer-id': id })),
      );
      for (let i = 0; i < 12; i++) await sb.advance(HOUR / 2);
      return (await sb.records(CAMPAIGN.running)).map((r: CampaignRecord) => [
        r.status,
        r['status-code'],
        r['disposition-code'],
        r['phone-list'],
      ]);
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
  });
});

describe('status codes', () => {
  it('completes a customer without a phone number with status-code 3 and an invalid one with 4', async () => {
    const sb = await t.sim.sandbox(TIMED);
    await sb.admin('POST', '/vendors/eightbyeight/crm/customers', {
      customers: [
        { 'customer-id': 40_000_001, phone: '' },
        { 'customer-id': 40_000_002, phone: '555123' },
      ],
    });
    await sb.addOk(CAMPAIGN.running, [{ 'customer-id': 40_000_001 }, { 'customer-id': 40_000_002 }]);
    const records = await sb.records(CAMPAIGN.running);
    expect(records.map((r) => [r['phone-list'], r.status, r['status-code'], r['disposition-code']])).toEqual([
      ['', COMPLETED, 3, 1000],
      ['*Phone Number|555123', COMPLETED, 4, 1000],
    ]);
  });

  it('retries "Try Again" after retry-interval and ends with status-code 1 (Max Attempt Reached)', async () => {
    const sb = await timedSandbox();
    await sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}`, {
      maxRetry: 1,
      retryIntervalMinutes: 10,
    });
    await sb.addOk(CAMPAIGN.running, [{ 'customer-id': IDS[0] }]);
    await force(sb, IDS[0]!, 0, 1001);
    await sb.advance(ACCEPT_MS + TALK_MS);
    const retry = (await sb.inspect(CAMPAIGN.running, IDS[0]!))!;
    expect(retry.record).toMatchObject({ status: SCHEDULED, 'status-code': 0, 'disposition-code': 1001 });
    expect(retry.attempts).toBe(1);
    expect(retry.nextEventAt).toBe(iso(NOW_MS + ACCEPT_MS + TALK_MS + 10 * MINUTE));

    await sb.advance(10 * MINUTE);
    expect((await statusOf(sb, IDS[0]!)).status).toBe(QUEUED);
    await force(sb, IDS[0]!, 0, 1001);
    await sb.advance(ACCEPT_MS + TALK_MS);
    const done = (await sb.inspect(CAMPAIGN.running, IDS[0]!))!;
    expect(done.record).toMatchObject({ status: COMPLETED, 'status-code': 1, 'disposition-code': 1001 });
    expect(done.attempts).toBe(2);
  });

  it('completes a record the agent skips with status-code 2', async () => {
    const sb = await timedSandbox();
    await sb.addOk(CAMPAIGN.running, [{ 'customer-id': IDS[0] }]);
    await force(sb, IDS[0]!, 2, 1000);
    await sb.advance(ACCEPT_MS + TALK_MS);
    expect(await statusOf(sb, IDS[0]!)).toMatchObject({
      status: COMPLETED,
      'status-code': 2,
      'disposition-code': 1000,
    });
  });

  it('applies an immediate forced outcome at once, freeing the line', async () => {
    const sb = await timedSandbox({ eightbyeight: { ...TIMED.eightbyeight, lines: 1 } });
    await sb.addOk(CAMPAIGN.running, [{ 'customer-id': IDS[0] }, { 'customer-id': IDS[1] }]);
    expect(await statuses(sb, IDS.slice(0, 2))).toEqual([QUEUED, NEW]);
    const body = await force(sb, IDS[0]!, 0, 1002, { immediate: true, 'ext-trans-data': 'x-1' });
    expect(body.record).toMatchObject({ status: COMPLETED, 'disposition-code': 1002, 'ext-trans-data': 'x-1' });
    expect(await statuses(sb, IDS.slice(0, 2))).toEqual([COMPLETED, QUEUED]);
  });

  it('refuses to force the outcome of a customer not in the campaign (404) or a bad outcome (400)', async () => {
    const sb = await timedSandbox();
    const missing = await sb.admin(
      'POST',
      `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}/customers/${IDS[0]}/outcome`,
      {
        'status-code': 0,
        'disposition-code': 1000,
      },
    );
    expect(missing.status).toBe(404);
    await sb.addOk(CAMPAIGN.running, [{ 'customer-id': IDS[0] }]);
    const bad = await sb.admin(
      'POST',
      `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}/customers/${IDS[0]}/outcome`,
      {
        'status-code': 9,
        'disposition-code': 1000,
      },
    );
    expect(bad.status).toBe(400);
  });
});

describe('scheduled records', () => {
  it('keeps a record Scheduled until its schedule-date-time, then dials it', async () => {
    const sb = await timedSandbox();
    await sb.addOk(CAMPAIGN.running, [{ 'customer-id': IDS[0], 'schedule-date-time': iso(NOW_MS + HOUR) }]);
    expect((await statusOf(sb, IDS[0]!)).status).toBe(SCHEDULED);
    await sb.advance(HOUR - 1);
    expect((await statusOf(sb, IDS[0]!)).status).toBe(SCHEDULED);
    await sb.advance(1);
    expect((await statusOf(sb, IDS[0]!)).status).toBe(QUEUED);
  });

  it('dials due scheduled records before older New ones', async () => {
    const sb = await timedSandbox({ eightbyeight: { ...TIMED.eightbyeight, lines: 1 } });
    await sb.addOk(CAMPAIGN.running, [
      { 'customer-id': IDS[0] },
      { 'customer-id': IDS[1] },
      { 'customer-id': IDS[2], 'schedule-date-time': iso(NOW_MS + 30_000) },
    ]);
    await force(sb, IDS[0]!, 0, 1000);
    await sb.advance(ACCEPT_MS + TALK_MS);
    expect(await statuses(sb, IDS.slice(0, 3))).toEqual([COMPLETED, NEW, QUEUED]);
  });
});

describe('paused, purged and stopped campaigns', () => {
  it('paused: queued records keep being processed, New ones wait until RUNNING', async () => {
    const sb = await timedSandbox();
    await sb.addOk(
      CAMPAIGN.running,
      IDS.map((id) => ({ 'customer-id': id })),
    );
    for (const id of IDS) await force(sb, id, 0, 1000);
    expect((await sb.setStatus(CAMPAIGN.running, 'PAUSED')).status).toBe(200);
    await sb.advance(HOUR);
    expect(await statuses(sb)).toEqual([COMPLETED, COMPLETED, NEW, NEW]);
    await sb.setStatus(CAMPAIGN.running, 'RUNNING');
    expect(await statuses(sb)).toEqual([COMPLETED, COMPLETED, QUEUED, QUEUED]);
  });

  it('purged: New, Queued and Scheduled records are flushed (Completed, Skipped); calls in progress end normally', async () => {
    const sb = await timedSandbox({ eightbyeight: { ...TIMED.eightbyeight, lines: 1 } });
    await sb.addOk(CAMPAIGN.running, [
      { 'customer-id': IDS[0] },
      { 'customer-id': IDS[1] },
      { 'customer-id': IDS[2], 'schedule-date-time': iso(NOW_MS + HOUR) },
    ]);
    await force(sb, IDS[0]!, 0, 1002);
    await sb.advance(ACCEPT_MS); // IDS[0] accepted (in a call), IDS[1] New, IDS[2] Scheduled
    expect(await statuses(sb, IDS.slice(0, 3))).toEqual([ACCEPTED, NEW, SCHEDULED]);
    // 8x8's state diagram: Purged is reached from Paused only.
    expect((await sb.setStatus(CAMPAIGN.running, 'PURGED')).status).toBe(400);
    expect((await sb.setStatus(CAMPAIGN.running, 'PAUSED')).status).toBe(200);
    expect((await sb.setStatus(CAMPAIGN.running, 'PURGED')).status).toBe(200);
    const flushed = await Promise.all(IDS.slice(1, 3).map((id) => statusOf(sb, id)));
    for (const r of flushed) expect(r).toMatchObject({ status: COMPLETED, 'status-code': 2, 'disposition-code': 1000 });
    await sb.advance(DAY);
    expect(await statusOf(sb, IDS[0]!)).toMatchObject({
      status: COMPLETED,
      'status-code': 0,
      'disposition-code': 1002,
    });
  });

  it('stopped ("Pause + Purge"): New, Queued and Scheduled records are flushed, calls in progress end', async () => {
    const sb = await timedSandbox({ eightbyeight: { ...TIMED.eightbyeight, lines: 2 } });
    await sb.addOk(CAMPAIGN.running, [
      { 'customer-id': IDS[0] },
      { 'customer-id': IDS[1] },
      { 'customer-id': IDS[2] },
      { 'customer-id': IDS[3], 'schedule-date-time': iso(NOW_MS + MINUTE) },
    ]);
    await force(sb, IDS[0]!, 0, 1002);
    await force(sb, IDS[1]!, 0, 1000);
    await sb.advance(ACCEPT_MS);
    expect(await statuses(sb)).toEqual([ACCEPTED, ACCEPTED, NEW, SCHEDULED]);
    expect((await sb.setStatus(CAMPAIGN.running, 'STOPPED')).status).toBe(200);
    const flushed = await Promise.all(IDS.slice(2).map((id) => statusOf(sb, id)));
    for (const r of flushed) expect(r).toMatchObject({ status: COMPLETED, 'status-code': 2, 'disposition-code': 1000 });
    await sb.advance(DAY);
    expect(await statusOf(sb, IDS[0]!)).toMatchObject({
      status: COMPLETED,
      'status-code': 0,
      'disposition-code': 1002,
    });
    const res = await sb.add(CAMPAIGN.running, [{ 'customer-id': 10_003_629 }]);
    expect(res.body.message).toBe('The campaign has stopped. No additional customers can be added.');
  });

  it('stopped flushes a record still Queued (status page: Pause lets queued records go on, the Purge flushes them)', async () => {
    const sb = await timedSandbox({ eightbyeight: { ...TIMED.eightbyeight, lines: 1 } });
    await sb.addOk(CAMPAIGN.running, [{ 'customer-id': IDS[0] }]);
    expect((await statusOf(sb, IDS[0]!)).status).toBe(QUEUED);
    await sb.setStatus(CAMPAIGN.running, 'STOPPED');
    expect(await statusOf(sb, IDS[0]!)).toMatchObject({ status: COMPLETED, 'status-code': 2 });
  });

  it('a campaign QA brings back from stopped (admin) dials what QA seeded into it meanwhile', async () => {
    const sb = await timedSandbox({ eightbyeight: { ...TIMED.eightbyeight, lines: 1 } });
    await sb.setStatus(CAMPAIGN.running, 'STOPPED');
    const seeded = await sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}/customers`, {
      customers: [{ 'customer-id': IDS[0], 'schedule-date-time': iso(NOW_MS + MINUTE) }],
    });
    expect(seeded.status).toBe(201);
    await sb.advance(HOUR);
    expect((await statusOf(sb, IDS[0]!)).status).toBe(SCHEDULED);
    await sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}`, { status: 3 });
    await force(sb, IDS[0]!, 0, 1000);
    await sb.advance(ACCEPT_MS + TALK_MS);
    expect((await statusOf(sb, IDS[0]!)).status).toBe(COMPLETED);
  });
});
