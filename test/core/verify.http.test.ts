import { describe, expect, it } from 'vitest';
import { perFile } from '../helpers/sim.ts';
import { type TestSim, addRecord, createSandbox, expectAdminError, newSim, symbee, symbeePath } from './helpers.ts';

let t: TestSim;
perFile(newSim, (v) => (t = v));

const count = async (sandboxId: string, pattern: object) => {
  const res = await t.api.post(`/__admin/sandboxes/${sandboxId}/requests/count`).send(pattern);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.count as number;
};

describe('request verification (requests/count, requests/find)', () => {
  it('counts journaled requests by vendor, method, path, status, headers and body matchers', async () => {
    const sandbox = await createSandbox(t.api);
    await addRecord(t.api, sandbox, 'A-1', 'Kate Delaney');
    await addRecord(t.api, sandbox, 'A-2', 'Ann Example');
    await symbee(t.api, sandbox, 'searchPreviewCampaign', { clientId: 'nope' });
    const id = sandbox.id;
    expect(await count(id, {})).toBe(3);
    expect(await count(id, { vendor: 'symbee', method: 'post' })).toBe(3);
    expect(await count(id, { vendor: 'sinch' })).toBe(0);
    expect(await count(id, { path: symbeePath('addOrUpdateCampaignRecord') })).toBe(2);
    expect(await count(id, { path: '$regex:search' })).toBe(1);
    expect(await count(id, { status: 200 })).toBe(3);
    expect(await count(id, { status: '2xx' })).toBe(3);
    expect(await count(id, { status: '4xx' })).toBe(0);
    expect(await count(id, { json: { clientId: 'A-1' } })).toBe(1);
    expect(await count(id, { json: { previewRecordData: [{ value: '$regex:^Kate' }] } })).toBe(1);
    expect(await count(id, { json: { clientId: '$any', previewRecordData: '$absent' } })).toBe(1);
    expect(await count(id, { response: { json: { previewResult: { previewResultStatus: 'NORECORDFOUND' } } } })).toBe(
      1,
    );
    expect(await count(id, { headers: { 'X-SC-COMPANY-CODE': sandbox.vendors.symbee.companyCode } })).toBe(3);
    expect(await count(id, { headers: { 'x-sc-company-code': 'someone-else' } })).toBe(0);
    expect(await count(id, { text: '$regex:"clientId":"A-2"' })).toBe(1);
  });

  it('find returns the matching entries newest first; another sandbox’s traffic never counts', async () => {
    const sandbox = await createSandbox(t.api);
    const other = await createSandbox(t.api);
    await addRecord(t.api, sandbox, 'B-1');
    await addRecord(t.api, sandbox, 'B-2');
    await addRecord(t.api, other, 'B-3');
    const res = await t.api
      .post(`/__admin/sandboxes/${sandbox.id}/requests/find`)
      .send({ json: { clientId: '$regex:^B-' } });
    expect(res.status).toBe(200);
    expect(res.body.requests.map((r: { requestBody: string }) => JSON.parse(r.requestBody).clientId)).toEqual([
      'B-2',
      'B-1',
    ]);
  });

  it('matches XML response bodies and query parameters (Sinch, XML negotiated)', async () => {
    const sandbox = await createSandbox(t.api);
    const sinch = (
      sandbox.vendors as unknown as Record<string, { baseUrl: string; username: string; password: string }>
    ).sinch!;
    const auth = `Basic ${Buffer.from(`${sinch.username}:${sinch.password}`).toString('base64')}`;
    const path = new URL(sinch.baseUrl).pathname;
    const res = await t.api.get(`${path}/campaigns?status=Active`).set('authorization', auth).accept('application/xml');
    expect(res.status).toBe(200);
    expect(await count(sandbox.id, { vendor: 'sinch', query: { status: 'Active' } })).toBe(1);
    expect(await count(sandbox.id, { vendor: 'sinch', query: { status: 'Passive' } })).toBe(0);
    expect(await count(sandbox.id, { response: { xml: { campaigns: '$any' } } })).toBe(1);
    expect(await count(sandbox.id, { response: { xml: { nothing: '$any' } } })).toBe(0);
  });

  it('unattributed requests (no sandbox credentials) are verified on /__admin/requests', async () => {
    await t.api.delete('/__admin/requests');
    await t.api.post(symbeePath('searchPreviewCampaign')).send({});
    const res = await t.api.post('/__admin/requests/count').send({ vendor: 'symbee', status: 401 });
    expect(res.body).toEqual({ count: 1 });
  });

  it('a bad pattern is a 400 in the admin error shape: unknown field, matcher typo, unknown sandbox is 404', async () => {
    const sandbox = await createSandbox(t.api);
    const post = (body: object, id = sandbox.id) => t.api.post(`/__admin/sandboxes/${id}/requests/count`).send(body);
    expectAdminError(await post({ vendr: 'symbee' }), 400, /vendr/);
    expectAdminError(await post({ json: { clientId: '$regx:A' } }), 400, /unknown matcher/);
    expectAdminError(await post({ path: '$regex:(' }), 400, /invalid regular expression/);
    expectAdminError(await post({}, 'no-such-sandbox'), 404);
  });
});
