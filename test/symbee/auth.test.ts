import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { HEADER_NAMES, TransportErrorSchema } from '../../contracts/symbee/schemas.ts';
import { MINUTE, sandboxPerTest, statusOf, type SymbeeSandbox, type TestSimulator } from './harness.ts';

/** API Authentication (the five X-sc-* headers), key rotation, envelope checks and transport errors. */
let sim: TestSimulator;
let sb: SymbeeSandbox;

sandboxPerTest((s, b) => {
  sim = s;
  sb = b;
});

/** A transport failure: the given 4xx with `{previewResult: {FAILED, error}}` and nothing stored. */
function expectTransportError(res: request.Response, status: number, message: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(TransportErrorSchema.parse(res.body)).toEqual({
    previewResult: { previewResultStatus: 'FAILED', error: expect.stringMatching(message) },
  });
}

const addBody = { clientId: 'AUTH-1', previewRecordData: [{ key: 'Name', value: 'n' }] };

describe('the five X-sc-* headers', () => {
  it('accepts a request carrying all five', async () => {
    const res = await sb.post('addOrUpdateCampaignRecord', addBody);
    expect(statusOf(res)).toBe('SUCCESS');
  });

  it.each(Object.values(HEADER_NAMES))('answers 401 when %s is missing, and stores nothing', async (name) => {
    const headers = { ...sb.headers };
    delete headers[name];
    const res = await request(sim.server)
      .post(sb.actionPath('addOrUpdateCampaignRecord'))
      .set(headers)
      .send({ ...sb.envelope(), ...addBody });
    // Without the company code the tenant is unknown; otherwise the header is named.
    expectTransportError(res, 401, name === HEADER_NAMES.companyCode ? /tenant/ : new RegExp(name));
    expect(await sb.find('AUTH-1')).toBeUndefined();
  });

  it.each([
    [HEADER_NAMES.platform, 'AWS Lambda', /X-sc-platform-code/],
    [HEADER_NAMES.environment, 'staging', /X-sc-company-environment/],
    [HEADER_NAMES.secretsRegion, 'eu-west-2', /X-sc-secrets-region/],
    [HEADER_NAMES.apiKey, 'sck_wrong', /Invalid API key/],
    [HEADER_NAMES.companyCode, 'someone-else', /tenant/],
  ])('answers 401 when %s is wrong', async (name, value, message) => {
    const res = await sb.post('addOrUpdateCampaignRecord', addBody, { [name]: value });
    expectTransportError(res, 401, message);
    expect(await sb.find('AUTH-1')).toBeUndefined();
  });

  it('matches header names case-insensitively (HTTP)', async () => {
    const lower = Object.fromEntries(Object.entries(sb.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const res = await request(sim.server)
      .post(sb.actionPath('searchPreviewCampaign'))
      .set(lower)
      .send({ ...sb.envelope(), clientId: '1001' });
    expect(statusOf(res)).toBe('SUCCESS');
  });

  it.each([
    ['platform', 'AWS Lambda', HEADER_NAMES.platform],
    ['companyCode', 'someone-else', HEADER_NAMES.companyCode],
    ['environment', 'staging', HEADER_NAMES.environment],
  ])('answers 403 when the body %s does not match its header', async (field, value, header) => {
    const res = await sb.post('addOrUpdateCampaignRecord', { ...addBody, [field]: value });
    expectTransportError(res, 403, new RegExp(`does not match the ${header} header`));
    expect(await sb.find('AUTH-1')).toBeUndefined();
  });

  it('keeps sandboxes apart: credentials of one never reach another', async () => {
    const other = await sim.sandbox({ seed: 43 });
    await other.add('ONLY-OTHER');
    const res = await sb.post('searchPreviewCampaign', { clientId: 'ONLY-OTHER' });
    expect(statusOf(res)).toBe('NORECORDFOUND');
    const mixed = await sb.post(
      'searchPreviewCampaign',
      { clientId: '1001' },
      { [HEADER_NAMES.apiKey]: other.headers[HEADER_NAMES.apiKey]! },
    );
    expectTransportError(mixed, 401, /Invalid API key/);
  });
});

describe('envelope checks (FAILED inside HTTP 200)', () => {
  it.each(['platform', 'companyCode', 'environment', 'region', 'campaignName'])(
    'fails when %s is missing',
    async (field) => {
      const res = await sb.post('addOrUpdateCampaignRecord', { ...addBody, [field]: undefined });
      expect(res.status).toBe(200);
      expect(res.body.previewResult).toEqual({ previewResultStatus: 'FAILED', error: `${field} is required` });
      expect(res.body[field]).toBeNull();
      expect(await sb.find('AUTH-1')).toBeUndefined();
    },
  );

  it('fails for a region outside the documented list', async () => {
    const res = await sb.post('addOrUpdateCampaignRecord', { ...addBody, region: 'mars-north-1' });
    expect(res.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: expect.stringMatching(/Invalid region 'mars-north-1'/),
    });
  });

  it('fails for a documented region the environment does not reside in', async () => {
    const region = sb.section.region === 'af-south-1' ? 'us-east-1' : 'af-south-1';
    const res = await sb.post('addOrUpdateCampaignRecord', { ...addBody, region });
    expect(res.body.previewResult).toEqual({
      previewResultStatus: 'FAILED',
      error: expect.stringMatching(/does not reside in region/),
    });
  });

  it('checks the campaign name case-sensitively', async () => {
    const name = sb.section.campaigns[0]!;
    for (const wrong of [name.toLowerCase(), name.toUpperCase(), `${name} `, 'NoSuchCampaign']) {
      const res = await sb.post('addOrUpdateCampaignRecord', { ...addBody, campaignName: wrong });
      expect(res.body.previewResult).toEqual({
        previewResultStatus: 'FAILED',
        error: `Campaign '${wrong}' not found`,
      });
      expect(res.body.campaignName).toBe(wrong);
    }
    expect(await sb.find('AUTH-1')).toBeUndefined();
  });

  it('echoes the request envelope in every answer', async () => {
    const res = await sb.post('searchPreviewCampaign', { clientId: 'none' });
    expect(res.body).toMatchObject(sb.envelope());
  });
});

describe('API key rotation', () => {
  const secret = async (s: SymbeeSandbox) => (await s.admin('GET', '/vendors/symbee/secret')).body;

  it('serves the key in the shape of Secrets Manager GetSecretValue', async () => {
    expect(await secret(sb)).toMatchObject({
      Name: 'SYMBEE_CONNECT_API_KEY',
      SecretString: sb.headers[HEADER_NAMES.apiKey],
      VersionStages: ['AWSCURRENT'],
    });
  });

  it('admin rotate: the old key answers 401, the new key works', async () => {
    const old = sb.headers[HEADER_NAMES.apiKey]!;
    const rotated = await sb.admin('POST', '/vendors/symbee/rotate-key');
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.apiKey as string;
    expect(fresh).not.toBe(old);
    expect((await secret(sb)).SecretString).toBe(fresh);
    expectTransportError(await sb.post('searchPreviewCampaign', { clientId: '1001' }), 401, /Invalid API key/);
    const ok = await sb.post('searchPreviewCampaign', { clientId: '1001' }, { [HEADER_NAMES.apiKey]: fresh });
    expect(statusOf(ok)).toBe('SUCCESS');
  });

  it('rotates on the virtual clock every keyRotationMinutes', async () => {
    const timed = await sim.sandbox({ symbee: { keyRotationMinutes: 60 } });
    const first = timed.headers[HEADER_NAMES.apiKey]!;
    await timed.advance(59 * MINUTE);
    expect(statusOf(await timed.post('searchPreviewCampaign', { clientId: '1001' }))).toBe('SUCCESS');
    await timed.advance(1 * MINUTE);
    expectTransportError(await timed.post('searchPreviewCampaign', { clientId: '1001' }), 401, /Invalid API key/);
    const second = (await secret(timed)).SecretString as string;
    expect(second).not.toBe(first);
    const ok = await timed.post('searchPreviewCampaign', { clientId: '1001' }, { [HEADER_NAMES.apiKey]: second });
    expect(statusOf(ok)).toBe('SUCCESS');
    // Jumping several periods at once lands on the same key as stepping through them.
    await timed.advance(3 * 60 * MINUTE);
    const jumped = await secret(timed);
    expect(jumped.VersionId).toBe('v4');
  });

  it('rotates daily by default in a fresh sandbox', async () => {
    const before = (await secret(sb)).SecretString;
    await sb.advance(24 * 60 * MINUTE - 1);
    expect((await secret(sb)).SecretString).toBe(before);
    await sb.advance(1);
    expect((await secret(sb)).SecretString).not.toBe(before);
  });

  it('derives keys from the sandbox, so two sandboxes never share one', async () => {
    const other = await sim.sandbox();
    expect(other.headers[HEADER_NAMES.apiKey]).not.toBe(sb.headers[HEADER_NAMES.apiKey]);
  });
});

describe('transport errors (HTTP 4xx, same envelope)', () => {
  const json = JSON.stringify({ clientId: '1001' });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', ''])(
    'answers 415 for Content-Type "%s"',
    async (type) => {
      const res = await sb.raw('searchPreviewCampaign', json, { 'content-type': type });
      expectTransportError(res, 415, /Content-Type must be application\/json/);
    },
  );

  it('accepts application/json with a charset', async () => {
    const body = JSON.stringify({ ...sb.envelope(), clientId: '1001' });
    const res = await sb.raw('searchPreviewCampaign', body, { 'content-type': 'application/json; charset=utf-8' });
    expect(statusOf(res)).toBe('SUCCESS');
  });

  it.each(['{', '{"clientId": }', 'null', '[]', '"text"', '42', ' '])('answers 400 for the body %j', async (body) => {
    const res = await sb.raw('addOrUpdateCampaignRecord', body);
    expectTransportError(res, 400, /JSON|empty/);
  });

  it("answers 400 for the document's own missing-comma example JSON", async () => {
    const body = `{ "platform" : "AWS Connect", "maxRecords" : 50
      "previewRecordData" : [] }`;
    expectTransportError(await sb.raw('searchPreviewCampaign', body), 400, /Malformed JSON/);
  });

  it.each([
    ['an unknown field', { clientID: '1' }, /clientID/],
    ['an unknown field in a data item', { previewRecordData: [{ key: 'k', value: 'v', color: 'red' }] }, /color/],
    ['an array where a string belongs', { clientId: ['1022'] }, /clientId/],
    [
      'a date text where epoch milliseconds belong',
      { nextEarliestWorkTimeUTC: '2021-11-05' },
      /nextEarliestWorkTimeUTC/,
    ],
    ['a boolean displayOrder', { previewRecordData: [{ key: 'k', value: 'v', displayOrder: true }] }, /displayOrder/],
    ['a negative nextEarliestWorkTimeUTC', { nextEarliestWorkTimeUTC: -1 }, /nextEarliestWorkTimeUTC/],
    [
      'a nextEarliestWorkTimeUTC past year 9999',
      { nextEarliestWorkTimeUTC: 253402300800000 },
      /nextEarliestWorkTimeUTC/,
    ],
    ['previewRecordData not an array', { previewRecordData: { key: 'k' } }, /previewRecordData/],
  ])('answers 400 naming the field for %s', async (_label, extra, message) => {
    const res = await sb.post('addOrUpdateCampaignRecord', { clientId: 'T-400', previewRecordData: [], ...extra });
    expectTransportError(res, 400, message);
    expect(await sb.find('T-400')).toBeUndefined();
  });

  it('answers 400 for a __proto__ key and never pollutes prototypes', async () => {
    const body = `{"clientId":"P-1","previewRecordData":[],"__proto__":{"polluted":true}}`;
    expectTransportError(await sb.raw('addOrUpdateCampaignRecord', body), 400, /__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const huge = JSON.stringify({
      ...sb.envelope(),
      clientId: 'H-1',
      previewRecordData: [{ key: 'k', value: 'x'.repeat(1_100_000) }],
    });
    const res = await sb.raw('addOrUpdateCampaignRecord', huge);
    expectTransportError(res, 413, /exceeds/);
    expect(await sb.find('H-1')).toBeUndefined();
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'] as const)(
    'answers 405 with Allow: POST for %s on an action',
    async (method) => {
      const path = sb.actionPath('searchPreviewCampaign');
      const agent = request(sim.server);
      const req =
        method === 'GET'
          ? agent.get(path)
          : method === 'PUT'
            ? agent.put(path)
            : method === 'DELETE'
              ? agent.delete(path)
              : agent.patch(path);
      const res = await req.set(sb.headers);
      expectTransportError(res, 405, /not allowed/);
      expect(res.headers.allow).toBe('POST');
    },
  );

  it('answers 404 for an unknown action', async () => {
    const path = sb.actionPath('searchPreviewCampaign').replace('searchPreviewCampaign', 'searchEverything');
    const res = await request(sim.server).post(path).set(sb.headers).send({});
    expectTransportError(res, 404, /No such endpoint/);
  });
});
