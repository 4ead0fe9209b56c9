import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignSchema, StatisticsEntrySchema } from '../../contracts/sinch/schemas.ts';
import { createSimulator } from '../../simulators/core/app.ts';
import { VENDORS } from '../../simulators/index.ts';
import { type CampaignCounters, campaignLifecycle, dialerLifecycle } from '../../simulators/sinch/models.ts';
import { DAY, MINUTE, NOW, NOW_MS, type SinchSandbox, type TestSimulator, newCustomer, startSinch } from './harness.ts';

let t: TestSimulator;
beforeAll(async () => {
  t = await startSinch();
});

const HOUR = 60 * MINUTE;
const emptySandbox = (options: Record<string, unknown> = {}) =>
  t.sandbox({ sinch: { customersPerCampaign: 0, ...options } });

function force(sb: SinchSandbox, campaign: string, customer: string, outcomes: string[]) {
  return sb.admin('POST', `/vendors/sinch/campaigns/${campaign}/customers/${customer}/outcomes`, { outcomes });
}

async function counters(
  sb: SinchSandbox,
  campaign: string,
): Promise<CampaignCounters & { status: string; dialerStatus: string }> {
  const view = await sb.campaignView(campaign);
  const { total, handled, notHandled, callable, maxCalls, filtered, status, dialerStatus } = view as never;
  return { total, handled, notHandled, callable, maxCalls, filtered, status, dialerStatus };
}

describe('lifecycle tables', () => {
  it('declare every documented status, and only the produced ones have transitions', () => {
    expect(campaignLifecycle.states.sort()).toEqual([
      'Active',
      'Deleted',
      'Expired',
      'Handled',
      'Invalid',
      'Passive',
      'Quota',
    ]);
    expect(dialerLifecycle.states).toHaveLength(10);
    for (const unreachable of ['Invalid', 'Deleted', 'Quota'] as const) {
      expect(campaignLifecycle.transitions[unreachable]).toEqual([]);
    }
    expect(campaignLifecycle.canMove('Expired', 'Active')).toBe(false);
    expect(campaignLifecycle.canMove('Handled', 'Active')).toBe(true);
  });
});

describe('dialing over the virtual clock', () => {
  it('runs a campaign to MAXCALLS (RetryCount 3 → 4 failed attempts) and SUCCESS, every counter consistent', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0); // PREVIEW, one agent
    const [failing, winning] = (await sb.addCustomers(campaign, [newCustomer(1), newCustomer(2)])) as [string, string];
    await force(sb, campaign, failing, ['BUSY', 'NOANSWER', 'BUSY', 'NOANSWER']);
    await force(sb, campaign, winning, ['SUCCESS']);
    expect(await counters(sb, campaign)).toMatchObject({
      total: 2,
      handled: 0,
      notHandled: 2,
      callable: 2,
      status: 'Passive',
    });

    await sb.activate(campaign);
    // The single agent is on the first call; the second customer waits.
    expect(await counters(sb, campaign)).toMatchObject({ status: 'Active', dialerStatus: 'OPEN', callable: 1 });
    await sb.advance(5 * MINUTE);
    let first = await sb.customer(campaign, failing);
    expect(first).toMatchObject({ result: 'DIALING', callResult: 'BUSY', callCount: 1, lastBNumber: 0 });
    const busyRetry = Date.parse(first.date as string) - Date.parse(first.modificationDate as string);
    expect(busyRetry).toBe(10 * MINUTE);
    expect(await sb.customer(campaign, winning)).toMatchObject({
      result: 'SUCCESS',
      callResult: 'SUCCESS',
      classifier: 'Offer accepted',
      callCount: 1,
      date: '9999-12-31T23:59:59Z',
    });
    // Scheduled in the future: not callable now, not handled either.
    expect(await counters(sb, campaign)).toMatchObject({
      total: 2,
      handled: 1,
      notHandled: 1,
      callable: 0,
      maxCalls: 0,
    });

    await sb.advance(15 * MINUTE);
    first = await sb.customer(campaign, failing);
    expect(first).toMatchObject({ callResult: 'NOANSWER', callCount: 2, result: 'DIALING' });
    expect(Date.parse(first.date as string) - Date.parse(first.modificationDate as string)).toBe(60 * MINUTE);

    await sb.advance(3 * HOUR);
    first = await sb.customer(campaign, failing);
    expect(first).toMatchObject({
      result: 'MAXCALLS',
      callResult: 'NOANSWER',
      callCount: 4,
      date: '9999-12-31T23:59:59Z',
    });
    expect(await counters(sb, campaign)).toMatchObject({
      total: 2,
      handled: 1,
      notHandled: 1,
      callable: 0,
      maxCalls: 1,
      filtered: 0,
      status: 'Handled',
      dialerStatus: 'COMPLETED',
    });

    const stats = (await sb.campaignView(campaign, { statistics: 'true' })).stats as Record<
      string,
      Record<string, number>
    >;
    expect(stats.total).toMatchObject({
      numberOfHandledCustomers: 1,
      numberOfCalls: 5,
      numberOfSuccessfulCalls: 1,
      numberOfRefusalCalls: 0,
      numberOfCustomers: 2,
      numberOfAgents: 1,
      pauseTime: 0,
    });
    expect(stats.daily).toEqual(stats.total);
    const t0 = stats.total!;
    expect(t0.loginTime).toBeCloseTo(t0.waitTime! + t0.previewTime! + t0.callTime! + t0.talkingTime! + t0.wrapTime!, 2);
    const rows = (await sb.get('/statistics')).body.map((r: unknown) => StatisticsEntrySchema.parse(r));
    expect(rows).toEqual([
      expect.objectContaining({
        campaignId: campaign,
        agentId: sb.section.agents[0],
        numberOfCalls: 5,
        numberOfHandledCustomers: 1,
      }),
    ]);
  });

  it('a higher RetryCount makes MAXCALLS customers callable again (document)', async () => {
    const sb = await emptySandbox({ retryCount: 0 });
    const campaign = sb.campaign(0);
    const [id] = (await sb.addCustomers(campaign, [newCustomer(1)])) as [string];
    await force(sb, campaign, id, ['BUSY', 'NOANSWER']);
    await sb.activate(campaign);
    await sb.advance(HOUR);
    expect(await sb.customer(campaign, id)).toMatchObject({ result: 'MAXCALLS', callCount: 1 });
    expect(await counters(sb, campaign)).toMatchObject({ maxCalls: 1, status: 'Handled' });
    const res = await sb.admin('PATCH', `/vendors/sinch/campaigns/${campaign}`, { retryCount: 1 });
    expect(res.status).toBe(200);
    expect(res.body.retryCount).toBe(1);
    await sb.advance(HOUR);
    expect(await sb.customer(campaign, id)).toMatchObject({ result: 'MAXCALLS', callCount: 2, callResult: 'NOANSWER' });
  });

  it('PREDICTIVE: busy/no-answer calls are handled by the dialer alone (statistics agentId null)', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(1); // PREDICTIVE, two agents
    const ids = await sb.addCustomers(campaign, [newCustomer(1), newCustomer(2)]);
    await force(sb, campaign, ids[0]!, ['NOANSWER', 'REFUSAL']);
    await force(sb, campaign, ids[1]!, ['SUCCESS']);
    await sb.activate(campaign);
    await sb.advance(3 * HOUR);
    const rows = (await sb.get('/statistics', { query: { campaignId: campaign } })).body as Record<string, unknown>[];
    const dialerRow = rows.find((r) => r.agentId === null);
    expect(dialerRow).toMatchObject({ numberOfCalls: 1, agentName: null, loginTime: 0, campaignName: 'Test Campaign' });
    const agentCalls = rows.filter((r) => r.agentId !== null).reduce((n, r) => n + (r.numberOfCalls as number), 0);
    expect(agentCalls).toBe(2);
    // "callTime: Agent dialing time (in preview/progressive campaign)": predictive agents never dial.
    expect(rows.every((r) => r.callTime === 0)).toBe(true);
    const campaignStats = (await sb.campaignView(campaign, { statistics: 'true' })).stats as Record<
      string,
      Record<string, number>
    >;
    expect(campaignStats.total).toMatchObject({
      numberOfCalls: 3,
      numberOfSuccessfulCalls: 2,
      numberOfRefusalCalls: 1,
    });
    expect(await counters(sb, campaign)).toMatchObject({ handled: 2, status: 'Handled' });
  });

  it('Passive while a call is in progress: CLOSING until it ends, then PASSIVE; no new calls', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const ids = await sb.addCustomers(campaign, [newCustomer(1), newCustomer(2)]);
    await force(sb, campaign, ids[0]!, ['SUCCESS']);
    await sb.activate(campaign);
    await sb.send('PUT', `/campaigns/${campaign}/status`, 'Passive');
    expect(await counters(sb, campaign)).toMatchObject({ status: 'Passive', dialerStatus: 'CLOSING' });
    await sb.advance(HOUR);
    expect(await counters(sb, campaign)).toMatchObject({
      status: 'Passive',
      dialerStatus: 'PASSIVE',
      handled: 1,
      callable: 1,
    });
    expect((await sb.customer(campaign, ids[1]!)).callCount).toBe(0);
  });

  it('before startDate an active campaign is CLOSED, and opens at startDate', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const view = await sb.campaignView(campaign);
    const start = new Date(NOW_MS + 2 * HOUR).toISOString();
    await sb.send('PUT', `/campaigns/${campaign}`, { ...view, startDate: start });
    await sb.addCustomers(campaign, [newCustomer(1)]);
    await sb.activate(campaign);
    expect(await counters(sb, campaign)).toMatchObject({ status: 'Active', dialerStatus: 'CLOSED', callable: 1 });
    await sb.advance(2 * HOUR - 1);
    expect((await counters(sb, campaign)).dialerStatus).toBe('CLOSED');
    await sb.advance(1);
    expect(await counters(sb, campaign)).toMatchObject({ dialerStatus: 'OPEN', callable: 0 });
  });

  it('expires at endDate: no more dialing; a PUT moving endDate ahead makes it Passive again', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const view = await sb.campaignView(campaign);
    const end = new Date(NOW_MS + HOUR).toISOString();
    await sb.send('PUT', `/campaigns/${campaign}`, { ...view, endDate: end });
    const ids = await sb.addCustomers(campaign, [newCustomer(1)]);
    await force(sb, campaign, ids[0]!, ['NOANSWER', 'NOANSWER', 'NOANSWER']);
    await sb.activate(campaign);
    await sb.advance(3 * HOUR);
    expect(await counters(sb, campaign)).toMatchObject({ status: 'Expired', dialerStatus: 'EXPIRED', notHandled: 1 });
    expect((await sb.customer(campaign, ids[0]!)).callCount).toBe(1);
    await sb.send('PUT', `/campaigns/${campaign}`, { ...view, endDate: new Date(NOW_MS + 10 * DAY).toISOString() });
    expect(await counters(sb, campaign)).toMatchObject({ status: 'Passive', dialerStatus: 'PASSIVE' });
  });

  it('a Handled campaign becomes Active again when customers are added', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const [first] = (await sb.addCustomers(campaign, [newCustomer(1)])) as [string];
    await force(sb, campaign, first, ['SUCCESS']);
    await sb.activate(campaign);
    await sb.advance(HOUR);
    expect((await counters(sb, campaign)).status).toBe('Handled');
    await sb.addCustomers(campaign, [newCustomer(2)]);
    expect(await counters(sb, campaign)).toMatchObject({
      status: 'Active',
      dialerStatus: 'OPEN',
      callable: 0,
      notHandled: 1,
    });
  });

  it('a FILTERED customer (admin) is counted and not dialed', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const ids = await sb.addCustomers(campaign, [newCustomer(1), newCustomer(2)]);
    const res = await sb.admin('PATCH', `/vendors/sinch/campaigns/${campaign}/customers/${ids[1]}`, { filtered: true });
    expect(res.status).toBe(200);
    expect(await counters(sb, campaign)).toMatchObject({ filtered: 1, notHandled: 2, callable: 1 });
    await force(sb, campaign, ids[0]!, ['SUCCESS']);
    await sb.activate(campaign);
    await sb.advance(HOUR);
    expect(await counters(sb, campaign)).toMatchObject({ status: 'Handled', handled: 1, filtered: 1 });
    expect((await sb.customer(campaign, ids[1]!)).callCount).toBe(0);
  });

  it('deleting a customer during its call frees the agent at once', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const ids = await sb.addCustomers(campaign, [newCustomer(1), newCustomer(2)]);
    await sb.activate(campaign);
    const inspect = await sb.admin('GET', `/vendors/sinch/campaigns/${campaign}`);
    expect(inspect.body.callsInProgress).toEqual([{ agentId: sb.section.agents[0], customerId: ids[0] }]);
    expect((await sb.send('DELETE', `/campaigns/${campaign}/customers/${ids[0]}`)).status).toBe(204);
    const after = await sb.admin('GET', `/vendors/sinch/campaigns/${campaign}`);
    expect(after.body.callsInProgress).toEqual([{ agentId: sb.section.agents[0], customerId: ids[1] }]);
    await sb.advance(HOUR);
    const rows = (await sb.get('/statistics')).body as { numberOfCalls: number }[];
    expect(rows.reduce((n, r) => n + r.numberOfCalls, 0)).toBeGreaterThanOrEqual(1);
  });
});

describe('statistics', () => {
  async function ranForTwoDays() {
    const sb = await t.sandbox({ now: '2024-05-16T23:00:00.000Z', sinch: { customersPerCampaign: 40 } });
    for (const c of sb.section.campaigns) await sb.activate(c);
    await sb.advance(2 * DAY);
    return sb;
  }

  it('total, daily and statisticsDate agree with /statistics, per UTC day and agent', async () => {
    const sb = await ranForTwoDays();
    const campaign = sb.campaign(0);
    const stats = async (query: Record<string, string>) =>
      ((await sb.campaignView(campaign, { statistics: 'true', ...query })).stats ?? {}) as Record<
        string,
        Record<string, number>
      >;
    const total = (await stats({})).total as Record<string, number>;
    const day1 = (await stats({ statisticsDate: '2024-05-16T00:00:00Z' })).daily as Record<string, number>;
    const day2 = (await stats({ statisticsDate: '2024-05-17T00:00:00Z' })).daily as Record<string, number>;
    // The run spans midnight: both days have calls.
    expect(day1.numberOfCalls).toBeGreaterThan(0);
    expect(day2.numberOfCalls).toBeGreaterThan(0);
    expect((await stats({ statisticsDate: '2024-05-16T00:00:00Z' })).total).toBeUndefined();
    expect(day1.numberOfCalls! + day2.numberOfCalls!).toBe(total.numberOfCalls);
    expect(day1.numberOfHandledCustomers! + day2.numberOfHandledCustomers!).toBe(total.numberOfHandledCustomers);
    const rows = async (query: Record<string, string>) => {
      const res = await sb.get('/statistics', { query: { campaignId: campaign, ...query } });
      expect(res.status, res.text).toBe(200);
      return res.body as Record<string, number>[];
    };
    const all = await rows({});
    expect(all.reduce((n, r) => n + r.numberOfCalls!, 0)).toBe(total.numberOfCalls);
    const oneDay = await rows({ startDate: '2024-05-16T00:00:00.000Z', endDate: '2024-05-16T00:00:00.000Z' });
    expect(oneDay.reduce((n, r) => n + r.numberOfCalls!, 0)).toBe(day1.numberOfCalls);
    // A time of day is ignored: statistics are cumulated per UTC day.
    expect(await rows({ startDate: '2024-05-16T13:00:00Z', endDate: '2024-05-16T23:00:00Z' })).toEqual(oneDay);
    // The campaign counters match the statistics.
    const view = await sb.campaignView(campaign);
    expect(view.handled).toBe(total.numberOfHandledCustomers);
    const customers = (await sb.get(`/campaigns/${campaign}/customers`)).body as { callCount: number }[];
    expect(customers.reduce((n, c) => n + c.callCount, 0)).toBe(total.numberOfCalls);
  });

  it('agentId keeps only those agents and leaves out campaigns without their statistics', async () => {
    const sb = await ranForTwoDays();
    const [agent0, agent1] = sb.section.agents as [string, string];
    const list = async (agentId: string) => {
      const res = await sb.get('/campaigns', { query: { statistics: 'true', agentId } });
      expect(res.status).toBe(200);
      return res.body.map((c: unknown) => CampaignSchema.parse(c));
    };
    // agent0 works campaigns 0 and 2, agent1 only campaign 1.
    expect((await list(agent0)).map((c: { id: string }) => c.id)).toEqual([sb.campaign(0), sb.campaign(2)]);
    const only1 = await list(agent1);
    expect(only1.map((c: { id: string }) => c.id)).toEqual([sb.campaign(1)]);
    expect(only1[0].stats.total.numberOfAgents).toBe(1);
    expect((await list(`${agent0},${agent1}`)).map((c: { id: string }) => c.id)).toEqual(sb.section.campaigns);
    // "Can be used with statisticsDate parameter": that day's statistics of those agents only, no total.
    const day = await sb.get('/campaigns', {
      query: { statistics: 'true', agentId: ` ${agent1} `, statisticsDate: '2024-05-17T00:00:00Z' },
    });
    expect(day.body.map((c: { id: string }) => c.id)).toEqual([sb.campaign(1)]);
    expect(day.body[0].stats.total).toBeUndefined();
    const dayRows = (
      await sb.get('/statistics', {
        query: { agentId: agent1, startDate: '2024-05-17T00:00:00Z', endDate: '2024-05-17T00:00:00Z' },
      })
    ).body as { numberOfCalls: number; numberOfHandledCustomers: number }[];
    expect(day.body[0].stats.daily).toMatchObject({
      numberOfCalls: dayRows.reduce((n, r) => n + r.numberOfCalls, 0),
      numberOfHandledCustomers: dayRows.reduce((n, r) => n + r.numberOfHandledCustomers, 0),
      numberOfAgents: 1,
    });
    const quietDay = { statistics: 'true', agentId: agent1, statisticsDate: '2024-05-10T00:00:00Z' };
    expect((await sb.get('/campaigns', { query: quietDay })).body).toEqual([]);
    const rows = (await sb.get('/statistics', { query: { agentId: agent1 } })).body as { agentId: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.agentId === agent1)).toBe(true);
    for (const query of [{ agentId: 'x' }, { campaignId: 'Test*' }, { startDate: 'x' }, { name: 'x' }] as Record<
      string,
      string
    >[]) {
      expect((await sb.get('/statistics', { query })).status).toBe(400);
    }
  });

  it('without statistics=true no stats are added; a never-activated campaign has none', async () => {
    const sb = await t.sandbox();
    const view = await sb.campaignView(sb.campaign(0), { statisticsDate: '2024-05-16T00:00:00Z' });
    expect(view.stats).toBeUndefined();
    expect((await sb.campaignView(sb.campaign(0), { statistics: 'true' })).stats).toBeUndefined();
    expect((await sb.get('/statistics')).body).toEqual([]);
  });
});

describe('determinism and persistence', () => {
  async function run(seed: number) {
    const sb = await t.sandbox({ seed, sinch: { customersPerCampaign: 15 } });
    // Same seed → same ids: the ids are part of the comparison.
    for (const c of sb.section.campaigns) await sb.activate(c);
    await sb.advance(DAY);
    const customers = await Promise.all(sb.section.campaigns.map((c) => sb.get(`/campaigns/${c}/customers`)));
    return { customers: customers.map((r) => r.body), statistics: (await sb.get('/statistics')).body };
  }

  it('the same seed replays the same outcomes; another seed differs', async () => {
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b).toEqual(a);
    expect(c.statistics).not.toEqual(a.statistics);
  });

  it('a saved sandbox restores with its campaigns, calls in progress and statistics, and keeps dialing the same way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sinch-persist-'));
    try {
      const first = await createSimulator({ vendors: VENDORS, dataDir: dir });
      const api1 = request(first.app);
      const created = await api1.post('/__admin/sandboxes').send({
        id: 'persisted',
        seed: 3,
        clock: { now: NOW, frozen: true },
        options: { sinch: { customersPerCampaign: 5 } },
      });
      const section = created.body.vendors.sinch;
      const auth = `Basic ${Buffer.from(`${section.username}:${section.password}`).toString('base64')}`;
      const campaign = section.campaigns[0];
      await api1
        .put(`/sinch/RI/obi/campaigns/${campaign}/status`)
        .set('Authorization', auth)
        .set('Content-Type', 'text/plain')
        .send('Active');
      await api1.post('/__admin/sandboxes/persisted/clock').send({ advanceMs: 7 * MINUTE });
      await first.close();

      const second = await createSimulator({ vendors: VENDORS, dataDir: dir });
      const api2 = request(second.app);
      const view = async (api: typeof api1) =>
        (await api.get(`/sinch/RI/obi/campaigns/${campaign}/customers`).set('Authorization', auth)).body;
      const restored = await view(api2);
      // A reference run that never went through persistence.
      const ref = await t.sandbox({ seed: 3, sinch: { customersPerCampaign: 5 } });
      await ref.activate(ref.campaign(0));
      await ref.advance(7 * MINUTE);
      expect(restored).toEqual((await ref.get(`/campaigns/${ref.campaign(0)}/customers`)).body);
      await api2.post('/__admin/sandboxes/persisted/clock').send({ advanceMs: DAY });
      await ref.advance(DAY);
      expect(await view(api2)).toEqual((await ref.get(`/campaigns/${ref.campaign(0)}/customers`)).body);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
