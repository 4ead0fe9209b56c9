import request from 'supertest';
import { expect, it } from 'vitest';
import type { Simulator } from '../../simulators/core/app.ts';
import { useRestartableSimulators } from '../helpers/sim.ts';
import { NOW, envelope } from './harness.ts';

/**
 * An Engage sandbox saved mid-run (sub-campaigns running, paused and pending, an async batch still queued, forced
 * outcomes waiting) and restored after a restart goes on exactly like one that never stopped; the QA backdoors
 * force a state and an outcome.
 */
const { start, stop } = useRestartableSimulators('campaign-sim-engage-');
const SANDBOX = 'persist-engage';

function soap(sim: Simulator, section: { username: string; password: string }) {
  return (operation: string, args: string) =>
    request(sim.app)
      .post('/engage/SOAPAPI2/CampaignManagementService110')
      .set('Content-Type', 'text/xml; charset=utf-8')
      .send(envelope(operation, args, section));
}

async function halfWay(sim: Simulator) {
  const api = request(sim.app);
  const created = await api
    .post('/__admin/sandboxes')
    .send({ id: SANDBOX, seed: 5, clock: { now: NOW, frozen: true } });
  expect(created.status).toBe(201);
  const section = created.body.vendors.engage;
  const call = soap(sim, section);
  const owner = `<owner><internalId>${section.account.internalId}</internalId><type>Account</type></owner>`;
  const res = await call(
    'createContactBatchAsync',
    `<arg1><externalId>Queued</externalId>${owner}<maxDuration>90</maxDuration></arg1>` +
      ['+13035550001', '+13035550002', '+13035550003']
        .map((d, i) => `<arg2><externalId>Q${i}</externalId><devices><externalId>${d}</externalId></devices></arg2>`)
        .join(''),
  );
  expect(res.status, res.text).toBe(200);
  const states = await call(
    'listSubCampaignStates',
    `<arg1><internalId>${section.account.internalId}</internalId><type>Account</type></arg1><arg2><state>Active</state></arg2>`,
  );
  const running = /<internalId>(\d+)<\/internalId><externalId>Running Collections<\/externalId>/.exec(states.text)?.[1];
  expect(running).toBeDefined();
  const forced = await api
    .post(`/__admin/sandboxes/${SANDBOX}/vendors/engage/outreach/sub-campaigns/${running}/outcomes`)
    .send({ outcome: 'Busy' });
  expect(forced.status, forced.text).toBe(200);
  expect(forced.body.forced).toBeGreaterThan(0);
  await api.post(`/__admin/sandboxes/${SANDBOX}/clock`).send({ advanceMs: 30_000 });
  return { call, section, running: running as string };
}

async function finalState(
  sim: Simulator,
  section: { username: string; password: string; account: { internalId: string } },
) {
  const api = request(sim.app);
  await api.post(`/__admin/sandboxes/${SANDBOX}/clock`).send({ advanceMs: 12 * 3_600_000 });
  const call = soap(sim, section);
  const org = `<arg1><internalId>${section.account.internalId}</internalId><type>Account</type></arg1>`;
  const states = await call('listSubCampaignStates', `${org}<arg2><state>All</state></arg2>`);
  const attempts = await call(
    'listContactAttempts',
    `${org}<arg2/><arg3>2025-03-01T00:00:00Z</arg3><arg4>2025-03-02T00:00:00Z</arg4>`,
  );
  return { states: states.text, attempts: attempts.text.replace(/<ns2:listContactAttemptsResponse[^>]*>/, '') };
}

it('restores a half-way outreach that then continues exactly like one never saved', async () => {
  const control = await start(false);
  const c = await halfWay(control);
  const expected = await finalState(control, c.section);
  expect(expected.states).toContain('<state>Done</state>');
  expect(expected.attempts).toContain('<outcome>Busy</outcome>');

  const first = await start(true);
  const p = await halfWay(first);
  await stop(first);
  const second = await start(true);
  expect(await finalState(second, p.section)).toEqual(expected);
});

it('forces a sub-campaign state through the backdoor (any state; unknown ones refused)', async () => {
  const sim = await start(false);
  const { call, running } = await halfWay(sim);
  const api = request(sim.app);
  const path = `/__admin/sandboxes/${SANDBOX}/vendors/engage/outreach/sub-campaigns/${running}/state`;
  expect((await api.post(path).send({ state: 'Exploded' })).status).toBe(400);
  expect(
    (
      await api
        .post(`/__admin/sandboxes/${SANDBOX}/vendors/engage/outreach/sub-campaigns/1/state`)
        .send({ state: 'Done' })
    ).status,
  ).toBe(404);
  const forced = await api.post(path).send({ state: 'Awaiting' });
  expect(forced.status, forced.text).toBe(200);
  expect(forced.body.state).toBe('Awaiting');
  const shown = await call('showSubCampaignState', `<arg1><internalId>${running}</internalId></arg1>`);
  expect(shown.text).toContain('<state>Awaiting</state>');
});

it('keeps the payload block options and the agent-group fields across a restart', async () => {
  const first = await start(true);
  const created = await request(first.app)
    .post('/__admin/sandboxes')
    .send({ id: SANDBOX, seed: 5, options: { engage: { secureEnterprise: true, payloadBlockSize: 2048 } } });
  expect(created.status, created.text).toBe(201);
  await stop(first);
  const second = await start(true);
  const restored = await request(second.app).get(`/__admin/sandboxes/${SANDBOX}`);
  const section = restored.body.vendors.engage;
  expect(section).toMatchObject({ secureEnterprise: true, payloadBlockSize: 2048 });
  const org = `<arg1><internalId>${section.account.internalId}</internalId><type>Account</type></arg1>`;
  const scripts = await soap(second, section)('listScripts', org);
  expect(scripts.text).toContain('<agentGroupRequirement>Portal</agentGroupRequirement>');
  // Secure at 2,048 bytes: 1,519 plain bytes fill the block encrypted, 1,520 do not.
  const batch = (name: string, bytes: number) =>
    `<arg1><externalId>${name}</externalId><owner><internalId>${section.account.internalId}</internalId>` +
    `<type>Account</type></owner><maxDuration>60</maxDuration></arg1><arg2><externalId>C</externalId>` +
    `<devices><externalId>+13035550100</externalId></devices>` +
    `<attributes><name>note</name><value>${'x'.repeat(bytes - 4)}</value></attributes></arg2>`;
  expect((await soap(second, section)('createContactBatchAsync', batch('Fits', 1519))).status).toBe(200);
  expect((await soap(second, section)('createContactBatchAsync', batch('Too big', 1520))).text).toContain(
    '<errorCode>ARG_TOO_LARGE</errorCode>',
  );
});
