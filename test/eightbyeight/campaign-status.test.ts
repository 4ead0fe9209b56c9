import { describe, expect, it } from 'vitest';
import { CampaignResponseSchema } from '../../contracts/eightbyeight/schemas.ts';
import { CAMPAIGN, DAY, HOUR, NOW_MS, iso, useEightByEight } from './harness.ts';

/**
 * GET /api/stats/campaigns/{id}.json and the status state machine of POST (8x8's status page) and PATCH (8x8's
 * OpenAPI) /api/tstats/campaigns/{id}.
 */
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

  it("types its fields as 8x8's status page example does", async () => {
    const { campaign } = (await t.sb.campaign(CAMPAIGN.running)).body;
    // Example: "caller-id": 13125555068, "calling-window": 2, "abandon-max-retry": "", "timezone": "EST5EST",
    // "actual-run-time": "2022-10-17T22:31:02+01:00".
    expect(campaign).toMatchObject({
      'calling-window': 2,
      'abandon-max-retry': '',
      timezone: 'EST5EST',
      'start-time': '2024-02-28T19:00:00-05:00',
      'end-time': '2024-03-05T19:00:00-05:00',
      'actual-run-time': '2024-02-28T19:00:00-05:00',
    });
    for (const field of ['caller-id', 'queue-id', 'retry-interval', 'max-retry', 'max-ring-time', 'calling-window']) {
      expect(typeof campaign[field], field).toBe('number');
    }
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
type Expected = number | typeof INVALID;

/**
 * The whole table, written out independently of models.ts from 8x8's state diagram (campaign-state-machine.png):
 * New → Running; Running ⇄ Paused; Running → Stop; Paused → Purged; Paused → Stop; Purged → Running; Purged → Stop;
 * nothing else. From each status id, what RUNNING / PAUSED / PURGED / STOPPED does (a new status id, or 400).
 * Diagram nodes: New = 0 and 2 (not started yet), Running = 1, 3, 4, Paused = 8, 9, Purged = 10, 11, Stop = 5, 6, 7.
 */
const TABLE: [from: number, running: Expected, paused: Expected, purged: Expected, stopped: Expected][] = [
  [0, 3, INVALID, INVALID, INVALID],
  [1, INVALID, 8, INVALID, 5],
  [2, 3, INVALID, INVALID, INVALID],
  [3, INVALID, 8, INVALID, 5],
  [4, INVALID, 8, INVALID, 5],
  [5, INVALID, INVALID, INVALID, INVALID],
  [6, INVALID, INVALID, INVALID, INVALID],
  [7, INVALID, INVALID, INVALID, INVALID],
  [8, 3, INVALID, 10, 5],
  [9, 3, INVALID, 10, 5],
  [10, 3, INVALID, INVALID, 5],
  [11, 3, INVALID, INVALID, 5],
];
const CASES = TABLE.flatMap(([from, ...outcomes]) =>
  (['RUNNING', 'PAUSED', 'PURGED', 'STOPPED'] as const).flatMap((request, i) =>
    (['POST', 'PATCH'] as const).map((method) => [from, request, method, outcomes[i]] as const),
  ),
);

describe('POST and PATCH /api/tstats/campaigns/{campaignId} — the state machine', () => {
  it.each(CASES)('from status %i, %s by %s → %s', async (from, request, method, expected) => {
    await startFrom(from);
    const res = await t.sb.setStatus(CAMPAIGN.running, request, 'action', method);
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
    // 8x8's status page shows `2022-10-17T22:31:02+01:00`; here in the campaign's zone EST5EST (UTC−5).
    expect(campaign['actual-run-time']).toBe('2024-03-01T06:00:00-05:00');
    expect(campaign['actual-stop-time']).toBe('2024-03-01T07:00:00-05:00');
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
    expect(campaign['actual-run-time']).toBe('2024-03-02T05:00:00-05:00');
    expect(campaign['actual-stop-time']).toBe('2024-03-04T05:00:00-05:00');
  });

  it('keeps manually run campaigns running past their end time (assumed)', async () => {
    await t.sb.advance(10 * DAY);
    expect(await statusOf(CAMPAIGN.running)).toBe(3);
  });

  it.each(['POST', 'PATCH'] as const)(
    'refuses to move a list (non-dynamic) campaign by %s with "Not a dynamic campaign" (8x8\'s OpenAPI), yet shows it',
    async (method) => {
      for (const request of ['PAUSED', 'STOPPED']) {
        const res = await t.sb.setStatus(CAMPAIGN.list, request, 'action', method);
        expect(res.status, request).toBe(400);
        expect(res.body).toEqual({ 'http-status': 400, message: 'Not a dynamic campaign' });
      }
      const view = await t.sb.campaign(CAMPAIGN.list);
      expect(view.status).toBe(200);
      expect(view.body.campaign).toMatchObject({ 'campaign-id': CAMPAIGN.list, 'dynamic-campaign': 'N', status: 3 });
    },
  );

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
