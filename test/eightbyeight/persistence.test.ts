import request from 'supertest';
import { expect, it } from 'vitest';
import type { Simulator } from '../../simulators/core/app.ts';
import { useRestartableSimulators } from '../helpers/sim.ts';
import { CAMPAIGN, HOUR, MINUTE, NOW, NOW_MS, iso } from './harness.ts';

/**
 * A sandbox saved mid-campaign (records in every state, queued events, forced outcomes, CRM additions) and restored
 * after a restart goes on exactly as one that never stopped.
 */
const { start, stop } = useRestartableSimulators('campaign-sim-8x8-');

const SANDBOX = 'persist-8x8';

/** The same story on any simulator: a busy campaign left half-way. */
async function halfWay(sim: Simulator) {
  const api = request(sim.app);
  const created = await api
    .post('/__admin/sandboxes')
    .send({ id: SANDBOX, seed: 11, clock: { now: NOW, frozen: true }, options: { eightbyeight: { lines: 3 } } });
  expect(created.status).toBe(201);
  const section = created.body.vendors.eightbyeight;
  const base = new URL(section.baseUrl).pathname;
  const auth = (token: string) => ({
    authorization: `Basic ${Buffer.from(`${section.username}:${token}`).toString('base64')}`,
  });
  await api
    .post(`/__admin/sandboxes/${SANDBOX}/vendors/eightbyeight/crm/customers`)
    .send({ customers: [{ 'customer-id': 50_000_001, phone: '5559990001' }] });
  const batch = [
    ...section.crmCustomers.slice(0, 15).map((id: number, i: number) => ({
      'customer-id': id,
      ...(i % 4 === 0 ? { 'schedule-date-time': iso(NOW_MS + (i + 1) * HOUR) } : {}),
    })),
    { 'customer-id': 50_000_001 },
  ];
  const added = await api
    .post(`${base}/api/tstats/campaigns/${CAMPAIGN.running}/customers`)
    .set({ ...auth(section.actionToken), 'content-type': 'application/json' })
    .send(JSON.stringify(batch));
  expect(added.status).toBe(207);
  await api
    .post(`/__admin/sandboxes/${SANDBOX}/vendors/eightbyeight/campaigns/${CAMPAIGN.running}/customers/50000001/outcome`)
    .send({ 'status-code': 0, 'disposition-code': 1002, 'ext-trans-data': 'kept' });
  await api.post(`/__admin/sandboxes/${SANDBOX}/clock`).send({ advanceMs: 7 * MINUTE });
  await api
    .delete(`${base}/api/tstats/campaigns/${CAMPAIGN.running}/customers/${section.crmCustomers[5]}`)
    .set(auth(section.actionToken));
  return { section, base, auth };
}

async function finalState(sim: Simulator, base: string, auth: Record<string, string>) {
  const api = request(sim.app);
  await api.post(`/__admin/sandboxes/${SANDBOX}/clock`).send({ advanceMs: 20 * HOUR });
  const records = await api.get(`${base}/api/stats/campaigns/${CAMPAIGN.running}/records.json`).set(auth);
  const campaign = await api.get(`${base}/api/stats/campaigns/${CAMPAIGN.running}.json`).set(auth);
  return { records: records.body, campaign: campaign.body };
}

it('restores a half-dialed campaign that then continues exactly like one never saved', async () => {
  const control = await start(false);
  const c = await halfWay(control);
  const expected = await finalState(control, c.base, c.auth(c.section.dataToken));

  const first = await start(true);
  const p = await halfWay(first);
  const before = await request(first.app)
    .get(`${p.base}/api/stats/campaigns/${CAMPAIGN.running}/records.json`)
    .set(p.auth(p.section.dataToken));
  await stop(first);

  const second = await start(true);
  const restored = await request(second.app)
    .get(`${p.base}/api/stats/campaigns/${CAMPAIGN.running}/records.json`)
    .set(p.auth(p.section.dataToken));
  expect(restored.body).toEqual(before.body);
  expect(restored.body.records.record.map((r: { status: number }) => r.status)).toContain(4);
  expect(await finalState(second, p.base, p.auth(p.section.dataToken))).toEqual(expected);
  expect(
    expected.records.records.record.find((r: { 'ext-trans-data': string }) => r['ext-trans-data'] === 'kept'),
  ).toMatchObject({
    status: 3,
    'disposition-code': 1002,
  });
});

it('restores a sandbox saved before record-ids were ACCOUNTNUMs and the status page types were followed', async () => {
  const { snapshotEightByEight, restoreEightByEight } = await import('../../simulators/eightbyeight/snapshot.ts');
  const { campaignView } = await import('../../simulators/eightbyeight/handlers.ts');
  const sim = await start(false);
  const created = await request(sim.app).post('/__admin/sandboxes').send({ id: 'legacy-8x8', seed: 5 });
  expect(created.status).toBe(201);
  const current = JSON.parse(
    JSON.stringify(snapshotEightByEight(sim.registry.require('legacy-8x8').stateOf('eightbyeight'))),
  );
  // What a save looked like before: caller-id and calling-window strings, a counter and a column of record-ids,
  // no statusToken.
  const legacy = {
    ...current,
    nextRecordId: 10_000_008,
    statusToken: undefined,
    campaigns: current.campaigns.map((c: Record<string, unknown>) => ({
      ...c,
      callerId: '5550100125',
      callingWindow: 'Campaign',
      abandonMaxRetry: 1,
      records: { ...(c.records as object), recordId: '' },
    })),
  };
  const restored = restoreEightByEight(legacy);
  expect(restored.statusToken).toBe('either');
  const view = campaignView(restored.campaigns.get(CAMPAIGN.stopped)!);
  expect(view).toMatchObject({ 'caller-id': 5550100125, 'calling-window': 2, 'abandon-max-retry': 1 });
  const stopped = restored.campaigns.get(CAMPAIGN.stopped)!.records;
  expect(stopped.customer[0]).toBe(10_000_000); // its record-id now
});
