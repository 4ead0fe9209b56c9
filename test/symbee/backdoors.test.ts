import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { perFile } from '../helpers/sim.ts';
import { DEFAULT_SANDBOX } from '../../simulators/symbee/fixtures.ts';
import { startSymbee, statusOf, type TestSimulator } from './harness.ts';

/** Sandbox fixtures and the records backdoor (what QA and provider states build on). */
let sim: TestSimulator;

perFile(startSymbee, (v) => (sim = v));

describe('fixtures', () => {
  it('gives the same seed the same fixtures, and another seed other ones', async () => {
    const strip = (s: Awaited<ReturnType<typeof sim.sandbox>>) => ({
      ...s.section,
      baseUrl: undefined,
      headers: undefined,
      companyCode: s.section.companyCode.replace(s.id, ''),
    });
    const [a, b, c] = [await sim.sandbox({ seed: 9 }), await sim.sandbox({ seed: 9 }), await sim.sandbox({ seed: 10 })];
    expect(strip(a)).toEqual(strip(b));
    expect(strip(a)).not.toEqual(strip(c));
    const data = async (s: typeof a) =>
      (await s.records()).map(({ previewRecordID, clientId, previewRecordData }) => ({
        previewRecordID,
        clientId,
        previewRecordData,
      }));
    expect(await data(a)).toEqual(await data(b));
    expect(a.section.campaigns.length).toBeGreaterThanOrEqual(2);
    expect(a.section.skillQueues.length).toBeGreaterThanOrEqual(2);
    expect(a.section.agents.length).toBeGreaterThanOrEqual(1);
  });

  it('serves the default sandbox with the fixed, documented credentials', async () => {
    const res = await request(sim.server).get('/__admin/sandboxes/default');
    const section = res.body.vendors.symbee;
    expect(section).toMatchObject({
      headers: {
        'X-sc-platform-code': 'AWS Connect',
        'X-sc-company-code': DEFAULT_SANDBOX.companyCode,
        'X-sc-company-environment': DEFAULT_SANDBOX.environment,
        'X-sc-secrets-region': DEFAULT_SANDBOX.secretsRegion,
        'X-sc-company-api-key': DEFAULT_SANDBOX.apiKey,
      },
      companyCode: 'abc-gadgets',
      environment: 'prod',
      region: 'us-east-1',
      campaigns: ['WebsiteVisitReachouts', 'WebsitVisitFollowups'],
    });
    const search = await request(sim.server)
      .post(`${new URL(section.baseUrl).pathname}/searchPreviewCampaign`)
      .set(section.headers)
      .send({
        platform: 'AWS Connect',
        companyCode: 'abc-gadgets',
        environment: 'prod',
        region: 'us-east-1',
        campaignName: 'WebsiteVisitReachouts',
        clientId: '1001',
      });
    expect(statusOf(search)).toBe('SUCCESS');
  });

  it('offers the document names to any sandbox (fixtures: document) with its own company code', async () => {
    const sb = await sim.sandbox({ symbee: { fixtures: 'document' } });
    expect(sb.section).toMatchObject({
      companyCode: `abc-gadgets-${sb.id}`,
      environment: 'prod',
      region: 'us-east-1',
      campaigns: ['WebsiteVisitReachouts', 'WebsitVisitFollowups'],
      skillQueues: [...DEFAULT_SANDBOX.skillQueues],
      agents: [...DEFAULT_SANDBOX.agents],
    });
    expect(sb.headers['X-sc-company-api-key']).not.toBe(DEFAULT_SANDBOX.apiKey);
    expect(statusOf(await sb.add('1022'))).toBe('SUCCESS');
  });

  it('refuses unknown sandbox options', async () => {
    const res = await request(sim.server)
      .post('/__admin/sandboxes')
      .send({ options: { symbee: { fixtures: 'movie' } } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('records backdoor', () => {
  it('loads records under a given previewRecordID, like an intake file load', async () => {
    const sb = await sim.sandbox();
    const campaignName = sb.section.campaigns[0];
    const id = 'e94c0a8a-0b69-11ec-9a03-0242ac130003';
    const res = await sb.admin('POST', '/vendors/symbee/records', {
      campaignName,
      records: [{ previewRecordID: id, clientId: '1022', previewRecordData: [{ key: 'Name', value: 'Johnny' }] }],
    });
    expect(res.status).toBe(201);
    expect(res.body.records).toEqual([{ clientId: '1022', previewRecordID: id }]);
    const found = await sb.post('searchPreviewCampaign', { previewRecordID: id });
    expect(found.body.previewRecordClientData[0]).toMatchObject({ previewRecordID: id, clientId: '1022' });
    // The same id again updates that record; an id another campaign holds is refused.
    const again = await sb.admin('POST', '/vendors/symbee/records', {
      campaignName,
      records: [{ previewRecordID: id, clientId: '1022', previewRecordData: [{ key: 'Name', value: 'Jo' }] }],
    });
    expect(again.status).toBe(201);
    const clash = await sb.admin('POST', '/vendors/symbee/records', {
      campaignName: sb.section.campaigns[1],
      records: [{ previewRecordID: id, clientId: 'other' }],
    });
    expect(clash.status).toBe(400);
    expect(clash.body.error.message).toMatch(/already used/);
  });

  it('generates records after deletions without clashing with the numbers still present', async () => {
    const sb = await sim.sandbox({ symbee: { recordsPerCampaign: 0 } });
    const campaignName = sb.section.campaigns[0];
    await sb.admin('POST', '/vendors/symbee/records', { campaignName, generate: 3 });
    await sb.post('deleteRecordFromCampaign', { clientId: 'gen-0' });
    const res = await sb.admin('POST', '/vendors/symbee/records', { campaignName, generate: 3 });
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(5);
    expect(new Set((await sb.records()).map((r) => r.clientId)).size).toBe(5);
  });

  it.each([
    ['an unknown campaign', { campaignName: 'Nope', generate: 1 }, 400],
    ['an invalid phone', { records: [{ clientId: 'x', previewRecordData: [{ key: 'Phone', value: '1' }] }] }, 400],
    ['an unknown field', { generate: 1, color: 'red' }, 400],
  ])('answers the admin error shape for %s', async (_label, body, status) => {
    const sb = await sim.sandbox();
    const res = await sb.admin('POST', '/vendors/symbee/records', { campaignName: sb.section.campaigns[0], ...body });
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { status, message: expect.any(String) } });
  });
});
