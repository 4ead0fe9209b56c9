import request from 'supertest';
import { expect, it } from 'vitest';
import type { Simulator } from '../../simulators/core/app.ts';
import { useRestartableSimulators } from '../helpers/sim.ts';
import { MINUTE, NOW, NOW_MS, type SymbeeSection } from './harness.ts';

/**
 * A Symbee sandbox saved half-way (tasks in every state, a pending preferred-agent hold, a working agent pool, a
 * scheduled key rotation) and restored after a restart goes on exactly as one that never stopped.
 */
const { start, stop } = useRestartableSimulators('campaign-sim-symbee-');

const SANDBOX = 'persist-symbee';
const HOUR = 60 * MINUTE;

function client(sim: Simulator, section: SymbeeSection) {
  const api = request(sim.app);
  const base = new URL(section.baseUrl).pathname;
  const { platform, companyCode, environment, region } = section;
  const envelope = { platform, companyCode, environment, region, campaignName: section.campaigns[0] };
  return {
    post: (action: string, body: Record<string, unknown>) =>
      api
        .post(`${base}/${action}`)
        .set(section.headers)
        .send({ ...envelope, ...body }),
    admin: (path: string, body?: Record<string, unknown>) =>
      body === undefined
        ? api.get(`/__admin/sandboxes/${SANDBOX}${path}`)
        : api.post(`/__admin/sandboxes/${SANDBOX}${path}`).send(body),
  };
}

/** The same story on any simulator: a campaign left half-way. */
async function halfWay(sim: Simulator): Promise<SymbeeSection> {
  const created = await request(sim.app)
    .post('/__admin/sandboxes')
    .send({
      id: SANDBOX,
      seed: 21,
      clock: { now: NOW, frozen: true },
      options: { symbee: { keyRotationMinutes: 90 } },
    });
  expect(created.status).toBe(201);
  const section = created.body.vendors.symbee as SymbeeSection;
  const { post, admin } = client(sim, section);
  const [agentA, agentB] = section.agents;
  await post('addOrUpdateCampaignRecord', {
    clientId: 'P-1',
    preferredAgent: agentB,
    previewRecordData: [{ key: 'Name', value: 'Held for B' }],
  });
  await post('addOrUpdateCampaignRecord', {
    clientId: 'P-2',
    nextEarliestWorkTimeUTC: NOW_MS + 2 * HOUR,
    previewRecordData: [{ key: 'Name', value: 'Later' }],
  });
  await post('changeCampaignRecordStatus', { clientId: '1001', previewRecordStateEnum: 'REMOVED' });
  await admin('/vendors/symbee/agent-pool', {
    enabled: true,
    agents: [agentA],
    handleTimeMs: 20 * MINUTE,
    outcomes: [
      { outcome: 'COMPLETED', weight: 1, workCodes: [{ key: 'R', value: 'Sale' }] },
      { outcome: 'WORKED', weight: 1, retryAfterMs: HOUR },
    ],
  });
  await admin('/clock', { advanceMs: 25 * MINUTE });
  return section;
}

async function state(sim: Simulator, section: SymbeeSection) {
  const { admin } = client(sim, section);
  const records = await Promise.all(
    section.campaigns.map(async (c) => (await admin(`/vendors/symbee/records?campaignName=${c}`)).body.records),
  );
  const secret = (await admin('/vendors/symbee/secret')).body.SecretString;
  return { records, secret };
}

it('restores a half-way campaign that then plays out exactly like one that never stopped', async () => {
  const first = await start(true);
  const section = await halfWay(first);
  await stop(first);

  const restored = await start(true);
  const reference = await start(false);
  await halfWay(reference);

  expect(await state(restored, section)).toEqual(await state(reference, section));
  for (const sim of [restored, reference]) await client(sim, section).admin('/clock', { advanceMs: 3 * HOUR });
  const [after, expected] = [await state(restored, section), await state(reference, section)];
  expect(after).toEqual(expected);

  // The story really moved on: the hold lapsed, the pool worked, the key rotated.
  const p1 = expected.records[0].find((r: { clientId: string }) => r.clientId === 'P-1');
  expect(p1.workAttempts).toBeGreaterThan(0);
  expect(expected.secret).not.toBe(section.headers['X-sc-company-api-key']);
  // The restored sandbox still answers its (rotated) credentials.
  const rotated = { ...section, headers: { ...section.headers, 'X-sc-company-api-key': after.secret } };
  const res = await client(restored, rotated).post('searchPreviewCampaign', { clientId: 'P-2' });
  expect(res.body.previewResult.previewResultStatus).toBe('SUCCESS');
});
