import { describe, expect, it } from 'vitest';
import { CampaignResponseSchema } from '../../contracts/eightbyeight/schemas.ts';
import { CAMPAIGN, DAY, HOUR, NOW_MS, iso, useEightByEight } from './harness.ts';

/** GET /api/stats/campaigns/{id}.json and the status state machine of POST /api/tstats/campaigns/{id}. */
const t = useEightByEight();

const statusOf = async (id: number) => (await t.sb.campaign(id)).body.campaign.status as number;

/** Puts the running fixture campaign into a status through the admin API, with a schedule that keeps it there. */
async function startFrom(status: number): Promise<void> {
  const schedule =
    status === 2
      ? { scheduleFrom: iso(NOW_MS + DAY), scheduleTo: iso(NOW_MS + 3 * DAY) }
      : { scheduleFrom: iso(NOW_MS - DAY), scheduleTo: iso(NOW_MS + 3 * DAY) };
  const res = await t.sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}`, { status, ...schedule });
  expect(res.status).toBe(200);
  expect(await statusOf(CAMPAIGN.running)).toBe(status);
}

describe('GET /api/stats/campaigns/{campaignId}.json', () => {
  it('answers the full documented campaign object', async () => {
    const res = await t.sb.campaign(CAMPAIGN.running);
    expect(res.status).toBe(200);
    const { campaign } = CampaignResponseSchema.parse(res.body);
    expect(Object.keys(campaign)).toEqual([
      'campaign-name',
      'campaign-id',
      'enabled',
      'status',
      'no-of-records',
      'caller-id',
      'queue-id',
      'start-time',
      'end-time',
      'actual-run-time',
      'actual-stop-time',
      'daily-start-time',
      'daily-end-time',
      'retry-interval',
      'max-retry',
      'abandon-max-retry',
      'max-ring-time',
      'integration-type',
      'calling-window',
      'schedule-name',
      'timezone',
      'dynamic-campaign',
      'sequential',
    ]);
    expect(campaign).toMatchObject({
      'campaign-id': 125,
      enabled: 'Y',
      status: 3,
      'no-of-records': 0,
      'dynamic-campaign': 'Y',
      sequential: 'N',
      'actual-stop-time': '',
    });
  });

  it.each([
    [CAMPAIGN.list, { 'dynamic-campaign': 'N', status: 3, 'no-of-records': 3 }],
    [CAMPAIGN.stopped, { status: 5, 'no-of-records': 5 }],
    [CAMPAIGN.notStarted, { status: 0, 'actual-run-time': '' }],
    [CAMPAIGN.disabled, { enabled: 'N' }],
  ])('describes fixture campaign %s', async (id, expected) => {
    expect((await t.sb.campaign(id)).body.campaign).toMatchObject(expected);
  });

  it('answers 404 for an unknown campaign', async () => {
    const res = await t.sb.campaign(4242);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ 'http-status': 404, message: 'The campaign cannot be found.' });
  });
});

const INVALID = 'Invalid state transition';
const NOT_STARTED = 'The operation is invalid for a campaign that has not started.';
type Expected = number | string;

/**
 * The whole table, written out independently of models.ts: from each status id, what RUNNING / PAUSED / PURGED /
 * STOPPED does (a new status id, or the 400 message). STOPPED (5, 6, 7) is final (README).
 */
const TABLE: [from: number, running: Expected, paused: Expected, purged: Expected, stopped: Expected][] = [
  [0, 3, NOT_STARTED, NOT_STARTED, 5],
  [1, INVALID, 8, 10, 5],
  [2, 3, NOT_STARTED, NOT_STARTED, 5],
  [3, INVALID, 8, 10, 5],
  [4, INVALID, 8, 10, 5],
  [5, INVALID, INVALID, INVALID, INVALID],
  [6, INVALID, INVALID, INVALID, INVALID],
  [7, INVALID, INVALID, INVALID, INVALID],
  [8, 3, INVALID, 10, 5],
  [9, 3, INVALID, 10, 5],
  [10, 3, INVALID, INVALID, 5],
  [11, 3, INVALID, INVALID, 5],
];
const CASES = TABLE.flatMap(([from, ...outcomes]) =>
  (['RUNNING', 'PAUSED', 'PURGED', 'STOPPED'] as const).map((request, i) => [from, request, outcomes[i]] as const),
);

describe('POST /api/tstats/campaigns/{campaignId} — the state machine', () => {
  it.each(CASES)('from status %i, %s → %s', async (from, request, expected) => {
    await startFrom(from);
    const res = await t.sb.setStatus(CAMPAIGN.running, request);
    if (typeof expected === 'number') {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Campaign status changed.' });
      expect(await statusOf(CAMPAIGN.running)).toBe(expected);
    } else {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ 'http-status': 400, message: expected });
      expect(await statusOf(CAMPAIGN.running)).toBe(from);
    }
  });

  it('never restarts a stopped campaign', async () => {
    expect((await t.sb.setStatus(CAMPAIGN.running, 'STOPPED')).status).toBe(200);
    for (const request of ['RUNNING', 'PAUSED', 'PURGED', 'STOPPED']) {
      expect((await t.sb.setStatus(CAMPAIGN.running, request)).body.message).toBe(INVALID);
    }
    expect(await statusOf(CAMPAIGN.running)).toBe(5);
  });

  it('records actual run and stop times on the virtual clock', async () => {
    await t.sb.advance(HOUR);
    await t.sb.setStatus(CAMPAIGN.notStarted, 'RUNNING');
    await t.sb.advance(HOUR);
    await t.sb.setStatus(CAMPAIGN.notStarted, 'STOPPED');
    const { campaign } = (await t.sb.campaign(CAMPAIGN.notStarted)).body;
    expect(campaign['actual-run-time']).toBe(iso(NOW_MS + HOUR));
    expect(campaign['actual-stop-time']).toBe(iso(NOW_MS + 2 * HOUR));
  });

  it('moves a Scheduled campaign to Schedule Running at its start time and Schedule Stopped at its end time', async () => {
    await startFrom(2);
    await t.sb.advance(DAY - 1);
    expect(await statusOf(CAMPAIGN.running)).toBe(2);
    await t.sb.advance(1);
    expect(await statusOf(CAMPAIGN.running)).toBe(4);
    await t.sb.advance(2 * DAY);
    expect(await statusOf(CAMPAIGN.running)).toBe(7);
    const { campaign } = (await t.sb.campaign(CAMPAIGN.running)).body;
    expect(campaign['actual-run-time']).toBe(iso(NOW_MS + DAY));
    expect(campaign['actual-stop-time']).toBe(iso(NOW_MS + 3 * DAY));
  });

  it('keeps manually run campaigns running past their end time (assumed)', async () => {
    await t.sb.advance(10 * DAY);
    expect(await statusOf(CAMPAIGN.running)).toBe(3);
  });

  it('views and moves a list (non-dynamic) campaign as well (assumed: "MUST be a Dynamic Campaign" is about adding records)', async () => {
    const moves = [
      ['PAUSED', 8],
      ['RUNNING', 3],
      ['PURGED', 10],
      ['STOPPED', 5],
    ] as const;
    for (const [request, status] of moves) {
      const res = await t.sb.setStatus(CAMPAIGN.list, request);
      expect(res.status, request).toBe(200);
      expect(res.body).toEqual({ message: 'Campaign status changed.' });
      const view = await t.sb.campaign(CAMPAIGN.list);
      expect(view.status).toBe(200);
      expect(view.body.campaign).toMatchObject({ 'campaign-id': CAMPAIGN.list, 'dynamic-campaign': 'N', status });
    }
  });

  it('refuses a disabled campaign with "The campaign is not enabled."', async () => {
    const res = await t.sb.setStatus(CAMPAIGN.disabled, 'RUNNING');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ 'http-status': 400, message: 'The campaign is not enabled.' });
  });

  it('answers 404 for an unknown campaign', async () => {
    const res = await t.sb.setStatus(999, 'RUNNING');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('The campaign cannot be found.');
  });

  it.each([['running'], ['START'], [3], [null], [undefined]])(
    'answers "Invalid state transition" for status %j (not one of the four values)',
    async (value) => {
      const res = await t.sb.setStatus(CAMPAIGN.running, value);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ 'http-status': 400, message: INVALID });
      expect(await statusOf(CAMPAIGN.running)).toBe(3);
    },
  );

  it('answers "Invalid state transition" for a body that is not JSON', async () => {
    const res = await t.api
      .post(`${t.sb.base}/api/tstats/campaigns/${CAMPAIGN.running}`)
      .set({ ...t.sb.basic('action'), 'content-type': 'application/json' })
      .send('{status: RUNNING');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(INVALID);
  });
  it('refuses a body not declared as JSON with 415 (assumed), leaving the status as it was', async () => {
    const res = await t.api
      .post(`${t.sb.base}/api/tstats/campaigns/${CAMPAIGN.running}`)
      .set({ ...t.sb.basic('action'), 'content-type': 'text/plain' })
      .send(JSON.stringify({ status: 'PAUSED' }));
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ 'http-status': 415, message: 'Content-Type must be application/json' });
    expect(await statusOf(CAMPAIGN.running)).toBe(3);
  });
});
