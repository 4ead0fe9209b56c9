import { describe, expect, it } from 'vitest';
import { perFile } from '../helpers/sim.ts';
import { VENDORS } from '../../simulators/index.ts';
import { DEFAULT_SANDBOX } from '../../simulators/symbee/fixtures.ts';
import {
  type SandboxDescription,
  type TestSim,
  addRecord,
  createSandbox,
  expectAdminError,
  findRecord,
  newSim,
  symbee,
} from './helpers.ts';

let t: TestSim;
perFile(newSim, (v) => (t = v));

/** Everything in a Symbee section that does not name the tenant (company code, API key, base URL origin). */
function fixtureData(sandbox: SandboxDescription) {
  const { campaigns, skillQueues, agents, environment, region, platform, clientIds } = sandbox.vendors.symbee;
  return { campaigns, skillQueues, agents, environment, region, platform, clientIds };
}

describe('health and vendors', () => {
  it('GET /__admin/health lists the served vendors', async () => {
    const res = await t.api.get('/__admin/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ status: 'ok', vendors: VENDORS.map((v) => v.id) });
    expect(res.body.vendors).toContain('symbee');
    expect(res.body.sandboxes).toBeGreaterThanOrEqual(1);
  });

  it('serves the vendor OpenAPI document', async () => {
    const res = await t.api.get('/__admin/vendors/symbee/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths).some((p) => p.endsWith('/addOrUpdateCampaignRecord'))).toBe(true);
    const list = await t.api.get('/__admin/vendors');
    expect(list.body.vendors).toContainEqual(
      expect.objectContaining({ id: 'symbee', openapi: '/__admin/vendors/symbee/openapi.json' }),
    );
  });

  it('an unserved vendor and unknown admin paths are 404 in the admin shape', async () => {
    expectAdminError(await t.api.get('/__admin/vendors/nope/openapi.json'), 404, /nope/);
    expectAdminError(await t.api.get('/__admin/no/such/thing'), 404, /No such admin endpoint/);
    expectAdminError(await t.api.put('/__admin/sandboxes'), 404);
    expectAdminError(await t.api.get('/__admin/sandboxes/missing'), 404, /missing/);
  });
});

describe('sandboxes', () => {
  it('the default sandbox exists from start-up with the fixed credentials', async () => {
    const res = await t.api.get('/__admin/sandboxes/default');
    expect(res.status).toBe(200);
    const s = (res.body as SandboxDescription).vendors.symbee;
    expect(res.body.default).toBe(true);
    expect(s.companyCode).toBe(DEFAULT_SANDBOX.companyCode);
    expect(s.headers['X-sc-company-api-key']).toBe(DEFAULT_SANDBOX.apiKey);
    expect(s.campaigns).toEqual(DEFAULT_SANDBOX.campaigns.map((c) => c.name));
  });

  it('POST creates (201) a sandbox whose description is enough to call the vendor', async () => {
    const sandbox = await createSandbox(t.api, {});
    expect(sandbox.id).toMatch(/^sbx-[0-9a-f]{10}$/);
    expect(sandbox.default).toBe(false);
    const s = sandbox.vendors.symbee;
    // Without a configured public origin, base URLs use the origin the request came in on.
    expect(s.baseUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/symbee\/symbee-previewcontact-service\/svc\/rs\/PreviewContactServiceExternal$/,
    );
    expect(Object.keys(s.headers).sort()).toEqual([
      'X-sc-company-api-key',
      'X-sc-company-code',
      'X-sc-company-environment',
      'X-sc-platform-code',
      'X-sc-secrets-region',
    ]);
    expect(s.campaigns.length).toBeGreaterThanOrEqual(2);
    expect(s.skillQueues.length).toBeGreaterThanOrEqual(2);
    expect(s.agents.length).toBeGreaterThanOrEqual(1);
    const res = await addRecord(t.api, sandbox, 'c-1');
    expect(res.status).toBe(200);
    expect(res.body.previewResult.previewResultStatus).toBe('SUCCESS');
  });

  it('the same seed gives the same fixtures (tenant ids aside); same id + seed gives identical ones', async () => {
    const a = await createSandbox(t.api, { seed: 4242 });
    const b = await createSandbox(t.api, { seed: 4242 });
    const c = await createSandbox(t.api, { seed: 4243 });
    expect(a.seed).toBe(4242);
    expect(fixtureData(a)).toEqual(fixtureData(b));
    expect(fixtureData(a)).not.toEqual(fixtureData(c));
    expect(a.vendors.symbee.companyCode).not.toBe(b.vendors.symbee.companyCode);

    const clock = { now: '2021-11-03T05:00:00Z', frozen: true };
    const first = await createSandbox(t.api, { id: 'same-seed-same-id', seed: 7, clock });
    const recordsFirst = await findRecord(
      t.api,
      first,
      first.vendors.symbee.clientIds[first.vendors.symbee.campaigns[0]!]![0]!,
    );
    expect((await t.api.delete('/__admin/sandboxes/same-seed-same-id')).status).toBe(204);
    const again = await createSandbox(t.api, { id: 'same-seed-same-id', seed: 7, clock });
    expect(again.vendors).toEqual(first.vendors);
    const recordsAgain = await findRecord(
      t.api,
      again,
      again.vendors.symbee.clientIds[again.vendors.symbee.campaigns[0]!]![0]!,
    );
    expect(recordsAgain.previewRecordClientData[0]!.previewRecordData).toEqual(
      recordsFirst.previewRecordClientData[0]!.previewRecordData,
    );
  });

  it('an explicit id is used; a duplicate id is 409; a bad id or body is 400', async () => {
    const sandbox = await createSandbox(t.api, { id: 'ci-job-7' });
    expect(sandbox.id).toBe('ci-job-7');
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ id: 'ci-job-7' }), 409, /already exists/);
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ id: 'default' }), 409);
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ id: 'has space' }), 400);
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ id: '../etc' }), 400);
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ seed: 'x' }), 400, /seed/);
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ seed: -1 }), 400, /seed/);
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ bogus: true }), 400, /bogus/);
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ clock: { now: 'yesterday' } }), 400, /clock/);
    expectAdminError(
      await t.api.post('/__admin/sandboxes').set('content-type', 'application/json').send('{"seed": 1,'),
      400,
    );
  });

  it('invalid vendor options are a 400 naming the option, not a 500', async () => {
    const res = await t.api.post('/__admin/sandboxes').send({ options: { symbee: { region: 'mars-1' } } });
    expectAdminError(res, 400, /symbee.*region/);
    const unknown = await t.api.post('/__admin/sandboxes').send({ options: { symbee: { nope: 1 } } });
    expectAdminError(unknown, 400, /nope/);
    expectAdminError(await t.api.post('/__admin/sandboxes').send({ options: { acme: {} } }), 400);
  });

  it('vendor options shape the sandbox; a company code already in use is 409', async () => {
    const sandbox = await createSandbox(t.api, {
      options: { symbee: { companyCode: 'acme-corp', region: 'eu-west-2' } },
    });
    expect(sandbox.vendors.symbee).toMatchObject({ companyCode: 'acme-corp', region: 'eu-west-2' });
    const clash = await t.api.post('/__admin/sandboxes').send({ options: { symbee: { companyCode: 'acme-corp' } } });
    expectAdminError(clash, 409, /acme-corp/);
    // The refused sandbox left nothing behind: the original still answers.
    expect((await addRecord(t.api, sandbox, 'still-mine')).body.previewResult.previewResultStatus).toBe('SUCCESS');
  });

  it('GET lists sandboxes; GET one describes it', async () => {
    const sandbox = await createSandbox(t.api, {
      id: 'listed-one',
      clock: { now: '2021-11-03T05:00:00Z', frozen: true },
    });
    const list = await t.api.get('/__admin/sandboxes');
    expect(list.status).toBe(200);
    const ids = (list.body.sandboxes as SandboxDescription[]).map((s) => s.id);
    expect(ids).toContain('default');
    expect(ids).toContain('listed-one');
    const one = await t.api.get('/__admin/sandboxes/listed-one');
    expect(one.body.vendors).toEqual(sandbox.vendors);
  });

  it('DELETE → 204, then 404, and its credentials stop working', async () => {
    const sandbox = await createSandbox(t.api, {});
    expect((await t.api.delete(`/__admin/sandboxes/${sandbox.id}`)).status).toBe(204);
    expectAdminError(await t.api.get(`/__admin/sandboxes/${sandbox.id}`), 404);
    expectAdminError(await t.api.delete(`/__admin/sandboxes/${sandbox.id}`), 404);
    const res = await addRecord(t.api, sandbox, 'ghost');
    expect(res.status).toBe(401);
  });

  it('the default sandbox cannot be deleted (409); a reset keeps its fixed credentials', async () => {
    expectAdminError(await t.api.delete('/__admin/sandboxes/default'), 409, /reset/);
    expect((await t.api.get('/__admin/sandboxes/default')).status).toBe(200);
    const reset = await t.api.post('/__admin/sandboxes/default/reset');
    expect(reset.status).toBe(200);
    expect(reset.body.default).toBe(true);
    expect(reset.body.vendors.symbee.companyCode).toBe(DEFAULT_SANDBOX.companyCode);
    expect(reset.body.vendors.symbee.headers['X-sc-company-api-key']).toBe(DEFAULT_SANDBOX.apiKey);
  });

  it('reset re-seeds in place: same id, seed and credentials, fresh fixtures, journal and faults', async () => {
    const sandbox = await createSandbox(t.api, { seed: 99, clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
    await addRecord(t.api, sandbox, 'added-before-reset');
    await t.api
      .post(`/__admin/sandboxes/${sandbox.id}/faults`)
      .send({ path: 'nothing-matches', action: { type: 'drop' } });
    const res = await t.api.post(`/__admin/sandboxes/${sandbox.id}/reset`).send({});
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(sandbox.id);
    expect(res.body.seed).toBe(99);
    expect(res.body.vendors).toEqual(sandbox.vendors);
    const found = await findRecord(t.api, sandbox, 'added-before-reset');
    expect(found.previewResult.previewResultStatus).toBe('NORECORDFOUND');
    expect((await t.api.get(`/__admin/sandboxes/${sandbox.id}/faults`)).body.faults).toEqual([]);
    const journal = await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests`);
    expect(journal.body.requests.map((r: { path: string }) => r.path)).toEqual([expect.stringMatching(/search/)]);
    expectAdminError(await t.api.post('/__admin/sandboxes/nope/reset').send({}), 404);
    expectAdminError(await t.api.post(`/__admin/sandboxes/${sandbox.id}/reset`).send({ clock: 5 }), 400);
  });

  it('sandboxes never see each other’s data', async () => {
    const a = await createSandbox(t.api, { seed: 1 });
    const b = await createSandbox(t.api, { seed: 1 });
    expect((await addRecord(t.api, a, 'only-in-a', 'Alice Only')).body.previewResult.previewResultStatus).toBe(
      'SUCCESS',
    );
    expect((await findRecord(t.api, a, 'only-in-a')).previewRecordClientData[0]!.clientId).toBe('only-in-a');
    expect((await findRecord(t.api, b, 'only-in-a')).previewResult.previewResultStatus).toBe('NORECORDFOUND');
    // Using A's company code with B's API key is not a way in.
    const crossed = await symbee(t.api, b, 'searchPreviewCampaign', { clientId: 'only-in-a' }).set(
      'X-sc-company-code',
      a.vendors.symbee.companyCode,
    );
    expect(crossed.status).toBe(401);
    const defaultSandbox = (await t.api.get('/__admin/sandboxes/default')).body as SandboxDescription;
    expect((await findRecord(t.api, defaultSandbox, 'only-in-a')).previewResult.previewResultStatus).toBe(
      'NORECORDFOUND',
    );
  });

  it('holds hundreds of sandboxes in one process, each answering with its own data', async () => {
    const created = await Promise.all(Array.from({ length: 300 }, (_, i) => createSandbox(t.api, { id: `many-${i}` })));
    expect(new Set(created.map((s) => s.vendors.symbee.companyCode)).size).toBe(300);
    await Promise.all(created.map((s, i) => addRecord(t.api, s, `mine-${i}`)));
    const answers = await Promise.all(created.map((s, i) => findRecord(t.api, s, `mine-${i}`)));
    expect(answers.every((a, i) => a.previewRecordClientData[0]?.clientId === `mine-${i}`)).toBe(true);
    // A neighbour's record stays invisible.
    expect((await findRecord(t.api, created[0]!, 'mine-1')).previewResult.previewResultStatus).toBe('NORECORDFOUND');
    expect((await t.api.get('/__admin/health')).body.sandboxes).toBeGreaterThanOrEqual(301);
  });
});

describe('virtual clock', () => {
  it('GET shows it; POST now / advanceMs / frozen moves it', async () => {
    const sandbox = await createSandbox(t.api, { clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
    const path = `/__admin/sandboxes/${sandbox.id}/clock`;
    expect((await t.api.get(path)).body).toEqual({ now: '2021-11-03T05:00:00.000Z', frozen: true });
    expect((await t.api.post(path).send({ advanceMs: 1_800_000 })).body).toEqual({
      now: '2021-11-03T05:30:00.000Z',
      frozen: true,
    });
    expect((await t.api.post(path).send({ now: '2021-11-04T00:00:00+02:00' })).body.now).toBe(
      '2021-11-03T22:00:00.000Z',
    );
    const unfrozen = await t.api.post(path).send({ frozen: false });
    expect(unfrozen.body.frozen).toBe(false);
    expect(Date.parse(unfrozen.body.now)).toBeGreaterThanOrEqual(Date.parse('2021-11-03T22:00:00.000Z'));
    const running = await t.api.get(path);
    expect(Date.parse(running.body.now)).toBeLessThan(Date.parse('2021-11-03T22:01:00.000Z'));
  });

  it('refuses to move backwards (400) and changes nothing', async () => {
    const sandbox = await createSandbox(t.api, { clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
    const path = `/__admin/sandboxes/${sandbox.id}/clock`;
    expectAdminError(await t.api.post(path).send({ now: '2021-11-03T04:59:59Z', frozen: false }), 400, /backwards/);
    expect((await t.api.get(path)).body).toEqual({ now: '2021-11-03T05:00:00.000Z', frozen: true });
  });

  it('refuses bad clock bodies (400) and an advance past the last representable date', async () => {
    const sandbox = await createSandbox(t.api, { clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
    const path = `/__admin/sandboxes/${sandbox.id}/clock`;
    expectAdminError(await t.api.post(path).send({ advanceMs: -1 }), 400);
    expectAdminError(await t.api.post(path).send({ advanceMs: 1.5 }), 400);
    expectAdminError(await t.api.post(path).send({ now: 'soon' }), 400);
    expectAdminError(await t.api.post(path).send({ now: '2022-01-01T00:00:00Z', advanceMs: 1 }), 400, /not both/);
    expectAdminError(await t.api.post(path).send({ advanceMs: Number.MAX_SAFE_INTEGER }), 400);
    expect((await t.api.get(path)).body.now).toBe('2021-11-03T05:00:00.000Z');
    expect((await t.api.get(`/__admin/sandboxes/${sandbox.id}`)).status).toBe(200);
    expectAdminError(await t.api.get('/__admin/sandboxes/nope/clock'), 404);
  });

  it('drives Symbee timestamps', async () => {
    const sandbox = await createSandbox(t.api, { clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
    await addRecord(t.api, sandbox, 'timed');
    const before = (await findRecord(t.api, sandbox, 'timed')).previewRecordClientData[0]!;
    expect(before.createdTime).toBe('2021-11-03 05:00:00.000');
    await t.api.post(`/__admin/sandboxes/${sandbox.id}/clock`).send({ advanceMs: 90 * 60_000 });
    await addRecord(t.api, sandbox, 'timed', 'Renamed Person');
    const after = (await findRecord(t.api, sandbox, 'timed')).previewRecordClientData[0]!;
    expect(after.createdTime).toBe('2021-11-03 05:00:00.000');
    expect(after.lastUpdatedTime).toBe('2021-11-03 06:30:00.000');
  });

  it('each sandbox has its own clock', async () => {
    const a = await createSandbox(t.api, { clock: { now: '2021-01-01T00:00:00Z', frozen: true } });
    const b = await createSandbox(t.api, { clock: { now: '2021-01-01T00:00:00Z', frozen: true } });
    await t.api.post(`/__admin/sandboxes/${a.id}/clock`).send({ advanceMs: 1000 });
    expect((await t.api.get(`/__admin/sandboxes/${b.id}/clock`)).body.now).toBe('2021-01-01T00:00:00.000Z');
  });
});
