import request from 'supertest';
import { expect, it } from 'vitest';
import type { Simulator } from '../../simulators/core/app.ts';
import { useRestartableSimulators } from '../helpers/sim.ts';
import { NOW } from './harness.ts';

/**
 * A jtel sandbox saved mid-way (events waiting, taken and in Remind, a clone, a deleted campaign, contacts half
 * called) and restored after a restart goes on exactly like one that never stopped: timers and the agents' queue
 * are rebuilt from the saved entities.
 */
const { start, stop } = useRestartableSimulators('campaign-sim-jtel-');
const SANDBOX = 'persist-jtel';

async function halfWay(sim: Simulator) {
  const api = request(sim.app);
  const created = await api
    .post('/__admin/sandboxes')
    .send({ id: SANDBOX, seed: 7, clock: { now: NOW, frozen: true } });
  expect(created.status).toBe(201);
  const section = created.body.vendors.jtel;
  const base = new URL(section.baseUrl).pathname;
  const auth = { authorization: `Bearer ${section.token}`, 'content-type': 'application/json' };
  const post = (path: string, body: unknown) => api.post(`${base}${path}`).set(auth).send(JSON.stringify(body));
  for (let i = 0; i < 5; i++) {
    const res = await post('/acd/events/create', {
      AcdEventTypesID: 3,
      AcdGroupsID: 101 + (i % 3),
      Sender: `+49891234${i}`,
      Subject: `event ${i}`,
      nPriority: 10 * i,
      ...(i === 4 ? { dtAppointmentDate: '2024-03-01', dtAppointmentTime: '15:00' } : {}),
    });
    expect(res.status, res.text).toBe(200);
  }
  expect((await post('/dialler/campaigns/clone', { source: 'Campaign 1000', destination: 'Copy' })).status).toBe(200);
  expect((await api.delete(`${base}/dialler/campaigns/1002`).set(auth)).status).toBe(200);
  await api.post(`/__admin/sandboxes/${SANDBOX}/clock`).send({ advanceMs: 3 * 60_000 });
  return { base, auth };
}

async function finalState(sim: Simulator, base: string, auth: Record<string, string>) {
  const api = request(sim.app);
  await api.post(`/__admin/sandboxes/${SANDBOX}/clock`).send({ advanceMs: 2 * 86_400_000 });
  const events = await api.get(`${base}/acd/events`).set(auth);
  const contacts = await api.get(`${base}/dialler/contacts`).set(auth);
  const campaigns = await api.get(`${base}/dialler/campaigns`).set(auth);
  return { events: events.body, contacts: contacts.body, campaigns: campaigns.body };
}

it('restores a half-way sandbox that then continues exactly like one never saved', async () => {
  const control = await start(false);
  const c = await halfWay(control);
  const expected = await finalState(control, c.base, c.auth);

  const first = await start(true);
  const p = await halfWay(first);
  const before = await request(first.app).get(`${p.base}/acd/events`).set(p.auth);
  await stop(first);

  const second = await start(true);
  const restored = await request(second.app).get(`${p.base}/acd/events`).set(p.auth);
  expect(restored.body).toEqual(before.body);
  expect(new Set(restored.body.records.map((e: { AcdEventStatusID: number }) => e.AcdEventStatusID))).toEqual(
    new Set([99, 20, 40]),
  );
  expect(await finalState(second, p.base, p.auth)).toEqual(expected);
  expect(expected.events.records.every((e: { AcdEventStatusID: number }) => e.AcdEventStatusID === 99)).toBe(true);
});

it('refuses a corrupt saved section', async () => {
  const { restoreJtel } = await import('../../simulators/jtel/snapshot.ts');
  expect(() => restoreJtel({ clientsId: 'x' })).toThrow(/vendors\.jtel/);
});
