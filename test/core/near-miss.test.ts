import { describe, expect, it } from 'vitest';
import { VerificationError, verify } from '../../src/clients/core/verify.ts';
import { NearMissIndex } from '../../simulators/core/near-miss.ts';
import { VENDORS } from '../../simulators/index.ts';
import { perFile } from '../helpers/sim.ts';
import { type SandboxDescription, type TestSim, addRecord, createSandbox, newSim, symbeePath } from './helpers.ts';

let t: TestSim;
perFile(newSim, (v) => (t = v));

interface Sections {
  symbee: { baseUrl: string; headers: Record<string, string> };
  sinch: { baseUrl: string; username: string; password: string };
  eightbyeight: { baseUrl: string; username: string; actionToken: string; dataToken: string };
  jtel: { baseUrl: string; token: string };
}
const sections = (s: SandboxDescription) => s.vendors as unknown as Sections;
const pathOf = (url: string) => new URL(url).pathname;

interface Entry {
  method: string;
  path: string;
  status: number;
  operation?: string;
  nearMisses?: { operation: string; vendor: string; method: string; path: string; reasons: string[] }[];
}

async function journal(sandboxId: string, query = ''): Promise<Entry[]> {
  const res = await t.api.get(`/__admin/sandboxes/${sandboxId}/requests${query}`);
  expect(res.status).toBe(200);
  return res.body.requests as Entry[];
}

/** The one journaled entry for `path`, which must have matched no operation. */
async function unmatched(sandboxId: string, path: string): Promise<Entry> {
  const entries = (await journal(sandboxId)).filter((e) => e.path === path);
  expect(entries).toHaveLength(1);
  expect(entries[0]!.operation).toBeUndefined();
  return entries[0]!;
}

const SYMBEE = '/symbee/symbee-previewcontact-service/svc/rs/PreviewContactServiceExternal';

describe('near-misses of requests that matched no operation, on every served vendor', () => {
  it('Symbee: a misspelt action and an action under another vendor; the vendor’s own 404 unchanged', async () => {
    const sandbox = await createSandbox(t.api);
    const { symbee } = sections(sandbox);
    const typo = `${pathOf(symbee.baseUrl)}/addOrUpdateCampaignRecrd`;
    const res = await t.api.post(typo).set(symbee.headers).send({});
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      previewResult: {
        previewResultStatus: 'FAILED',
        error: `No such endpoint: POST ${typo.slice('/symbee'.length)}`,
      },
    });
    const entry = await unmatched(sandbox.id, typo);
    expect(entry.nearMisses![0]).toEqual({
      operation: 'addOrUpdateCampaignRecord',
      vendor: 'symbee',
      method: 'POST',
      path: `${SYMBEE}/addOrUpdateCampaignRecord`,
      reasons: ["path segment 6 'addOrUpdateCampaignRecrd' vs 'addOrUpdateCampaignRecord'"],
    });
  });

  it('Sinch: a misspelt collection, and Symbee’s path under /sinch (journaled in the Sinch tenant’s sandbox)', async () => {
    const sandbox = await createSandbox(t.api);
    const { sinch } = sections(sandbox);
    const typo = `${pathOf(sinch.baseUrl)}/campaing`;
    const res = await t.api.get(typo).auth(sinch.username, sinch.password);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'No such endpoint: GET /RI/obi/campaing' });
    expect((await unmatched(sandbox.id, typo)).nearMisses![0]).toEqual({
      operation: 'listCampaigns',
      vendor: 'sinch',
      method: 'GET',
      path: '/sinch/RI/obi/campaigns',
      reasons: ["path segment 4 'campaing' vs 'campaigns'"],
    });
    const foreign = `/sinch${SYMBEE.slice('/symbee'.length)}/searchPreviewCampaign`;
    await t.api.post(foreign).auth(sinch.username, sinch.password).send({}).expect(404);
    expect((await unmatched(sandbox.id, foreign)).nearMisses).toEqual([
      {
        operation: 'searchPreviewCampaign',
        vendor: 'symbee',
        method: 'POST',
        path: `${SYMBEE}/searchPreviewCampaign`,
        reasons: ['under /sinch, operation searchPreviewCampaign is served under /symbee'],
      },
    ]);
  });

  it('8x8: the wrong method on a campaign, a singular collection next to a `{id}.json` segment', async () => {
    const sandbox = await createSandbox(t.api);
    const e = sections(sandbox).eightbyeight;
    const campaigns = `${pathOf(e.baseUrl)}/api/stats/campaigns`;
    const res = await t.api.delete(`${campaigns}/1.json`).auth(e.username, e.dataToken);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      'http-status': 404,
      message: `No such endpoint: DELETE ${campaigns.slice('/eightbyeight'.length)}/1.json`,
    });
    const wrongMethod = (await unmatched(sandbox.id, `${campaigns}/1.json`)).nearMisses!;
    expect(wrongMethod[0]).toMatchObject({
      operation: 'getCampaign',
      method: 'GET',
      path: '/eightbyeight/vcc-:ccPlatform/api/stats/campaigns/:campaignId.json',
      reasons: ['method DELETE not allowed, operation getCampaign is GET'],
    });
    const singular = `${pathOf(e.baseUrl)}/api/stats/campaign/1.json`;
    await t.api.get(singular).auth(e.username, e.dataToken).expect(404);
    expect((await unmatched(sandbox.id, singular)).nearMisses![0]).toMatchObject({
      operation: 'getCampaign',
      reasons: ["path segment 5 'campaign' vs 'campaigns'"],
    });
  });

  it('jtel: a missing segment and a misspelt one; its unknown endpoint still answers 404 with an empty body', async () => {
    const sandbox = await createSandbox(t.api);
    const j = sections(sandbox).jtel;
    const auth = { authorization: `Bearer ${j.token}` };
    const typo = `${pathOf(j.baseUrl)}/acd/event/types`;
    const res = await t.api.get(typo).set(auth);
    expect(res.status).toBe(404);
    expect(res.text).toBe('');
    expect((await unmatched(sandbox.id, typo)).nearMisses![0]).toMatchObject({
      operation: 'listAcdEventTypes',
      path: '/jtel/rest/v1.0/:ClientsID/acd/events/types',
      reasons: ["path segment 6 'event' vs 'events'"],
    });
    const missing = `${pathOf(j.baseUrl)}/dialler/campaign`;
    await t.api.get(missing).set(auth).expect(404);
    expect((await unmatched(sandbox.id, missing)).nearMisses![0]).toMatchObject({
      operation: 'listDiallerCampaigns',
      reasons: ["path segment 6 'campaign' vs 'campaigns'"],
    });
  });

  it('without credentials naming a sandbox: the process-wide journal, also with its near-misses', async () => {
    await t.api.delete('/__admin/requests').expect(204);
    const path = `${SYMBEE}/searchPreviewCampain`;
    await t.api.post(path).send({}).expect(404);
    const res = await t.api.get('/__admin/requests/unmatched/near-misses').expect(200);
    expect(res.body.nearMisses[0]).toMatchObject({
      request: { method: 'POST', path, status: 404, vendor: 'symbee' },
      operation: 'searchPreviewCampaign',
      reasons: ["path segment 6 'searchPreviewCampain' vs 'searchPreviewCampaign'"],
    });
  });
});

describe('requests under no vendor’s mount', () => {
  it('a vendor’s own base path without the mount, or a misspelt mount: process-wide journal, 404 unchanged', async () => {
    await t.api.delete('/__admin/requests').expect(204);
    const withoutMount = `${SYMBEE.slice('/symbee'.length)}/searchPreviewCampaign`;
    const res = await t.api.post(withoutMount).send({}).expect(404);
    expect(res.body).toEqual({ error: { status: 404, message: `No such path: POST ${withoutMount}` } });
    await t.api.get('/sinsh/RI/obi/campaigns').expect(404);
    await t.api.get('/favicon.ico').expect(404);
    const unmatchedRes = await t.api.get('/__admin/requests/unmatched').expect(200);
    const entries = unmatchedRes.body.requests as (Entry & { vendor: string })[];
    expect(entries.map((e) => [e.vendor, e.method, e.path])).toEqual([
      ['', 'GET', '/sinsh/RI/obi/campaigns'],
      ['', 'POST', withoutMount],
    ]);
    expect(entries[0]!.nearMisses![0]).toMatchObject({
      operation: 'listCampaigns',
      reasons: ["path segment 1 'sinsh' vs 'sinch'"],
    });
    expect(entries[1]!.nearMisses).toEqual([
      {
        operation: 'searchPreviewCampaign',
        vendor: 'symbee',
        method: 'POST',
        path: `${SYMBEE}/searchPreviewCampaign`,
        reasons: ["path lacks segment 'symbee' at the start"],
      },
    ]);
  });
});

describe('querying near-misses (admin API)', () => {
  it('unmatched requests, their near operations, and the requests nearest a pattern', async () => {
    const sandbox = await createSandbox(t.api);
    const { symbee } = sections(sandbox);
    await addRecord(t.api, sandbox, 'N-1');
    await t.api.get(`${SYMBEE}/searchPreviewCampaign`).set(symbee.headers).expect(405);
    const base = `/__admin/sandboxes/${sandbox.id}/requests`;

    const only = await t.api.get(`${base}/unmatched`).expect(200);
    expect(only.body.requests.map((e: Entry) => e.method)).toEqual(['GET']);
    expect((await journal(sandbox.id, '?unmatched=true')).map((e) => e.method)).toEqual(['GET']);
    expect(await journal(sandbox.id, '?unmatched=false')).toHaveLength(2);

    const flat = await t.api.get(`${base}/unmatched/near-misses`).expect(200);
    expect(flat.body.nearMisses[0]).toMatchObject({
      request: { method: 'GET', status: 405 },
      operation: 'searchPreviewCampaign',
      reasons: ['method GET not allowed, operation searchPreviewCampaign is POST'],
    });

    const near = await t.api
      .post(`${base}/near-misses`)
      .send({ operation: 'addOrUpdateCampaignRecord', json: { clientId: 'N-2' } })
      .expect(200);
    expect(near.body.nearMisses[0].request.operation).toBe('addOrUpdateCampaignRecord');
    expect(near.body.nearMisses[0].mismatches).toEqual(['body.json.clientId: expected "N-2", got "N-1"']);
    await t.api.post(`${base}/near-misses`).send({ path: '$regx:a' }).expect(400);
  });

  it('a failed verify prints the nearest requests and the near operations of unmatched ones', async () => {
    const sandbox = await createSandbox(t.api);
    const { symbee } = sections(sandbox);
    await t.api.post(`${SYMBEE}/addOrUpdateCampaignRecrd`).set(symbee.headers).send({}).expect(404);
    const target = { origin: t.sim.url, sandbox: sandbox.id };
    const failed = await verify(target, { operation: 'addOrUpdateCampaignRecord' }, 1).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(VerificationError);
    const message = (failed as Error).message;
    expect(message).toContain('closest requests (near misses of the pattern):');
    expect(message).toContain('operation: expected addOrUpdateCampaignRecord, got none');
    expect(message).toContain(
      `≈ addOrUpdateCampaignRecord (POST ${symbeePath('addOrUpdateCampaignRecord')}): path segment 6 'addOrUpdateCampaignRecrd' vs 'addOrUpdateCampaignRecord'`,
    );
  });
});

describe('NearMissIndex (how near is near)', () => {
  const index = new NearMissIndex(VENDORS);
  const below = SYMBEE.slice('/symbee'.length);

  it('says a segment differs only in letter case, that a parameter does not decode, and HEAD as GET', () => {
    expect(index.find('sinch', 'GET', '/RI/obi/Campaigns')[0]!.reasons).toEqual([
      "path segment 4 'Campaigns' vs 'campaigns' (paths are case-sensitive)",
    ]);
    expect(index.find('sinch', 'HEAD', '/RI/obi/campaignz/')[0]).toMatchObject({
      operation: 'listCampaigns',
      reasons: ["path segment 4 'campaignz' vs 'campaigns'"],
    });
    expect(index.find('sinch', 'GET', '/RI/obi/campaigns/%ZZ')[0]).toMatchObject({
      operation: 'getCampaign',
      reasons: ["path segment 5 '%ZZ' does not percent-decode"],
    });
  });

  it('lists at most three, only those about as near as the nearest, and none for another API altogether', () => {
    expect(index.find('symbee', 'POST', `${below}/transferCampaignRecords`).map((m) => m.operation)).toEqual([
      'transferCampaignRecord',
    ]);
    expect(index.find('sinch', 'DELETE', '/RI/obi/campaigns/3/customers')).toMatchObject([
      { operation: 'listCustomers', reasons: ['method DELETE not allowed, operation listCustomers is GET'] },
      { operation: 'createCustomer', reasons: ['method DELETE not allowed, operation createCustomer is POST'] },
      { operation: 'deleteCustomer', reasons: ["path lacks segment ':customerId' after segment 6"] },
    ]);
    expect(index.find('symbee', 'GET', '/v2/users/42/avatar')).toEqual([]);
    // SOAP operations share their service's path: one candidate per service, not one per operation.
    const soap = index.find('engage', 'POST', '/SOAPAPI2/CampaignManagementService11');
    expect(soap[0]).toEqual({
      operation: 'CampaignManagementService110 (SOAP service)',
      vendor: 'engage',
      method: 'POST',
      path: '/engage/SOAPAPI2/CampaignManagementService110',
      reasons: ["path segment 3 'CampaignManagementService11' vs 'CampaignManagementService110'"],
    });
    expect(new Set(soap.map((m) => m.path)).size).toBe(soap.length);
    expect(index.find('jtel', 'POST', '/rest/v1.0/7/acd/events/create/extra')[0]!.reasons).toEqual([
      "path segment 8 'extra' is not in the operation's path",
    ]);
  });
});
