import { describe, expect, it } from 'vitest';
import { perFile } from '../helpers/sim.ts';
import { DEFAULT_JOURNAL_LIMIT, type JournalEntry } from '../../simulators/core/journal.ts';
import { type TestSim, addRecord, createSandbox, expectAdminError, newSim, symbee } from './helpers.ts';

let t: TestSim;
perFile(newSim, (v) => (t = v));

const frozen = { now: '2021-11-03T05:00:00Z', frozen: true };

async function journal(id: string, query = ''): Promise<JournalEntry[]> {
  const res = await t.api.get(`/__admin/sandboxes/${id}/requests${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.requests as JournalEntry[];
}

describe('request journal over HTTP', () => {
  it('records method, vendor, path, query, status, timing, headers and bodies at virtual time', async () => {
    const sandbox = await createSandbox(t.api, { clock: frozen });
    const res = await addRecord(t.api, sandbox, 'journaled').query({ trace: '1' });
    expect(res.status).toBe(200);
    const [entry, ...rest] = await journal(sandbox.id);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      id: 1,
      time: '2021-11-03T05:00:00.000Z',
      method: 'POST',
      vendor: 'symbee',
      path: expect.stringMatching(/^\/symbee\/.*\/addOrUpdateCampaignRecord$/),
      query: 'trace=1',
      status: 200,
    });
    expect(entry!.durationMs).toBeGreaterThanOrEqual(0);
    expect(entry!.requestHeaders['x-sc-company-code']).toBe(sandbox.vendors.symbee.companyCode);
    expect(entry!.requestHeaders['x-sc-company-api-key']).toBe('[redacted]');
    expect(JSON.parse(entry!.requestBody)).toMatchObject({ clientId: 'journaled' });
    expect(JSON.parse(entry!.responseBody)).toEqual(res.body);
    expect(entry!.faultRuleId).toBeUndefined();
  });

  it('lists newest first and filters by vendor, path, method, status (code or class) and limit', async () => {
    const sandbox = await createSandbox(t.api, { clock: frozen });
    await addRecord(t.api, sandbox, 'one');
    await symbee(t.api, sandbox, 'searchPreviewCampaign', { clientId: 'one' });
    await symbee(t.api, sandbox, 'searchPreviewCampaign', { clientId: 'one' }).set('X-sc-company-api-key', 'wrong');
    await t.api
      .get('/symbee/symbee-previewcontact-service/svc/rs/PreviewContactServiceExternal/searchPreviewCampaign')
      .set(sandbox.vendors.symbee.headers);
    const all = await journal(sandbox.id);
    expect(all.map((e) => `${e.method} ${e.path.split('/').pop()} ${e.status}`)).toEqual([
      'GET searchPreviewCampaign 405',
      'POST searchPreviewCampaign 401',
      'POST searchPreviewCampaign 200',
      'POST addOrUpdateCampaignRecord 200',
    ]);
    expect(all.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect((await journal(sandbox.id, '?status=4xx')).map((e) => e.status)).toEqual([405, 401]);
    expect((await journal(sandbox.id, '?status=401')).map((e) => e.status)).toEqual([401]);
    expect((await journal(sandbox.id, '?status=2xx&path=addOrUpdate')).map((e) => e.id)).toEqual([1]);
    expect((await journal(sandbox.id, '?method=get')).map((e) => e.id)).toEqual([4]);
    expect((await journal(sandbox.id, '?vendor=symbee&limit=2')).map((e) => e.id)).toEqual([4, 3]);
    expect(await journal(sandbox.id, '?vendor=sinch')).toEqual([]);
  });

  it('refuses malformed filters with 400', async () => {
    const sandbox = await createSandbox(t.api);
    for (const q of ['?status=abc', '?status=6xx', '?limit=0', '?limit=x', '?status=4xx&status=5xx']) {
      expectAdminError(await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests${q}`), 400);
    }
  });

  it('is bounded to its limit', async () => {
    const sandbox = await createSandbox(t.api, { journal: { limit: 2 } });
    for (const id of ['a', 'b', 'c']) await addRecord(t.api, sandbox, id);
    const entries = await journal(sandbox.id);
    expect(entries.map((e) => JSON.parse(e.requestBody).clientId)).toEqual(['c', 'b']);
  });

  it('can be switched off (load tests) and on again; DELETE empties it', async () => {
    const sandbox = await createSandbox(t.api);
    const path = `/__admin/sandboxes/${sandbox.id}/journal`;
    await addRecord(t.api, sandbox, 'before');
    const off = await t.api.post(path).send({ enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ enabled: false, limit: DEFAULT_JOURNAL_LIMIT });
    await addRecord(t.api, sandbox, 'while-off');
    const res = await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests`);
    expect(res.body.settings).toEqual({ enabled: false, limit: DEFAULT_JOURNAL_LIMIT });
    expect(res.body.requests.map((e: JournalEntry) => JSON.parse(e.requestBody).clientId)).toEqual(['before']);
    await t.api.post(path).send({ enabled: true });
    await addRecord(t.api, sandbox, 'after');
    expect((await journal(sandbox.id)).length).toBe(2);
    expect((await t.api.delete(`/__admin/sandboxes/${sandbox.id}/requests`)).status).toBe(204);
    expect(await journal(sandbox.id)).toEqual([]);
    expectAdminError(await t.api.post(path).send({ enabled: 'no' }), 400);
    expectAdminError(await t.api.post(path).send({ limit: 0 }), 400);
  });

  it('each sandbox journals only its own requests', async () => {
    const a = await createSandbox(t.api);
    const b = await createSandbox(t.api);
    await addRecord(t.api, a, 'for-a');
    expect(await journal(b.id)).toEqual([]);
    expect((await journal(a.id)).length).toBe(1);
  });

  it('requests whose credentials name no sandbox land in the process-wide journal, with their answer', async () => {
    expect((await t.api.delete('/__admin/requests')).status).toBe(204);
    const a = await createSandbox(t.api);
    const wrongCompany = {
      ...a,
      vendors: {
        symbee: { ...a.vendors.symbee, headers: { ...a.vendors.symbee.headers, 'X-sc-company-code': 'nobody' } },
      },
    };
    const refused = await symbee(t.api, wrongCompany, 'searchPreviewCampaign', { clientId: 'x' });
    expect(refused.status).toBe(401);
    await addRecord(t.api, a, 'attributed');
    const sinch = await t.api.get('/sinch/RI/obi/campaigns').auth('stranger', 'secret');
    expect(sinch.status).toBe(401);

    const all = await t.api.get('/__admin/requests');
    expect(all.status).toBe(200);
    expect(all.body.requests).toEqual([
      expect.objectContaining({ vendor: 'sinch', method: 'GET', path: '/sinch/RI/obi/campaigns', status: 401 }),
      expect.objectContaining({
        vendor: 'symbee',
        status: 401,
        path: expect.stringMatching(/searchPreviewCampaign$/),
        responseBody: refused.text,
      }),
    ]);
    expect(all.body.requests[1].requestHeaders['x-sc-company-code']).toBe('nobody');
    // Credentials are not readable in the process-wide journal: a mistyped password or key is still a secret.
    expect(all.body.requests[0].requestHeaders.authorization).toBe('Basic [redacted] (user stranger)');
    expect(all.body.requests[1].requestHeaders['x-sc-company-api-key']).toBe('[redacted]');
    expect(JSON.stringify(all.body)).not.toContain(a.vendors.symbee.headers['X-sc-company-api-key']);
    expect(JSON.stringify(all.body)).not.toContain(Buffer.from('stranger:secret').toString('base64'));
    const onlySymbee = await t.api.get('/__admin/requests?vendor=symbee');
    expect(onlySymbee.body.requests).toHaveLength(1);
    expect((await journal(a.id)).map((e) => e.status)).toEqual([200]);
    expectAdminError(await t.api.get('/__admin/requests?status=abc'), 400);
    expect((await t.api.delete('/__admin/requests')).status).toBe(204);
    expect((await t.api.get('/__admin/requests')).body.requests).toEqual([]);
  });
});
