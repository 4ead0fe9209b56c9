import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CampaignSchema, CustomerSchema } from '../../contracts/sinch/schemas.ts';
import type { SinchState } from '../../simulators/sinch/models.ts';
import { SINCH_DOCUMENT, SINCH_FIXES } from '../helpers/document-fixes.ts';
import { compactJson, jsonExamples, vendorDocument } from '../helpers/vendor-docs.ts';
import { PREFIX, type TestSimulator, basic, startSinch } from './harness.ts';

/**
 * Every example of the OBI document (001), replayed as printed against the default sandbox (reset before each
 * test) with its documented credentials: the request examples are sent verbatim (only their invalid JSON fixed,
 * test/helpers/document-fixes.ts), and the answers compared with the response examples — exactly where the example
 * is about this sandbox's own objects, by shape where its values are another system's (generated ids, counters,
 * timestamps, the customers of someone else's campaign).
 */
const examples = jsonExamples(vendorDocument(SINCH_DOCUMENT), SINCH_FIXES).map((e) => e.value);
const [
  campaignsResponse,
  putRequest,
  campaignResponse,
  resultStatisticsResponse,
  customersResponse,
  postRequest,
  customerResponse,
  listRequest,
  listAddedResponse,
  listInvalidResponse,
  listStoppedResponse,
  statisticsResponse,
] = examples as [
  Record<string, unknown>[],
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>[],
  Record<string, unknown>[],
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>[],
  Record<string, unknown>[],
  Record<string, unknown>[],
  Record<string, unknown>[],
  Record<string, unknown>[],
];

const TEST_CAMPAIGN = '8A7C98EAF1164F2FAA93B98EECB95D76';
const PREVIEW_CAMPAIGN = '62718C7889CC44F7B944C1A6F6BE9B7F';
const TRAINING_CAMPAIGN = 'E49625CFDF58E311B764005056A7012B';
const AUTH = basic('obi-admin', 'obi-secret');

let t: TestSimulator;
beforeAll(async () => {
  t = await startSinch();
});
beforeEach(async () => {
  expect((await t.api.post('/__admin/sandboxes/default/reset').send({})).status).toBe(200);
});

const send = (method: 'get' | 'post' | 'put', path: string, body?: string | object, type = 'application/json') => {
  const req = t.api[method](`${PREFIX}${path}`).set('Authorization', AUTH);
  if (body === undefined) return req.set('Accept', 'application/json');
  return req.set('Content-Type', type).send(typeof body === 'string' ? body : JSON.stringify(body));
};

const keys = (value: object) => Object.keys(value).sort();

it('the document has the twelve JSON examples this test replays', () => {
  expect(examples).toHaveLength(12);
});

describe('campaigns', () => {
  it('GET /campaigns: Test Campaign prints exactly the example’s fields, the active Test Preview Campaign its shape', async () => {
    // The example's Test Preview Campaign is Active (the document's own status example) with statistics.
    expect((await send('put', `/campaigns/${PREVIEW_CAMPAIGN}/status`, 'Active', 'text/plain')).status).toBe(204);
    const res = await send('get', '/campaigns?statistics=true');
    expect(res.status).toBe(200);
    const got = new Map((res.body as Record<string, unknown>[]).map((c) => [c.id, c]));
    const [testCampaign, preview] = campaignsResponse as [Record<string, unknown>, Record<string, unknown>];
    expectTestCampaign(got.get(TEST_CAMPAIGN) as Record<string, unknown>, testCampaign);
    const active = CampaignSchema.parse(got.get(PREVIEW_CAMPAIGN));
    for (const field of [
      'id',
      'name',
      'dialerName',
      'dialerType',
      'dialingMode',
      'status',
      'dialerStatus',
      'queueId',
    ]) {
      expect(active[field as keyof typeof active], field).toEqual(preview[field]);
    }
    expect(keys(active)).toEqual(expect.arrayContaining(keys(preview)));
    const stats = preview.stats as { total: object; daily: object };
    expect(keys(active.stats?.total ?? {})).toEqual(keys(stats.total));
    expect(keys(active.stats?.daily ?? {})).toEqual(keys(stats.daily));
  });

  it('GET /campaigns/{id}: the Test Campaign example, field for field', async () => {
    const res = await send('get', `/campaigns/${TEST_CAMPAIGN}`);
    expect(res.status).toBe(200);
    expectTestCampaign(res.body, campaignResponse);
  });

  it('PUT /campaigns/{id} with the example body: 204, and the campaign shows what it set', async () => {
    const res = await send('put', `/campaigns/${TEST_CAMPAIGN}`, putRequest);
    expect(res.status, res.text).toBe(204);
    const view = (await send('get', `/campaigns/${TEST_CAMPAIGN}`)).body;
    expect(view).toMatchObject(putRequest);
  });

  it('PUT /campaigns/{id}/status with the example "Active": 204', async () => {
    expect((await send('put', `/campaigns/${TEST_CAMPAIGN}/status`, 'Active', 'text/plain')).status).toBe(204);
  });

  it('GET /customerResultStatistics: rows shaped as the example’s (absent callResult/classifier left out)', async () => {
    const res = await send('get', `/campaigns/${TEST_CAMPAIGN}/customerResultStatistics`);
    expect(res.status).toBe(200);
    const shapes = new Map(resultStatisticsResponse.map((row) => [row.result, Object.keys(row)]));
    expect(res.body.length).toBeGreaterThan(0);
    for (const row of res.body as Record<string, unknown>[]) expect(Object.keys(row)).toEqual(shapes.get(row.result));
  });
});

/** The sandbox's Test Campaign against the document's example: the same fields, the same fixed values. */
function expectTestCampaign(got: Record<string, unknown>, example: Record<string, unknown>): void {
  expect(keys(got)).toEqual(keys(example));
  const fixed = ['id', 'name', 'dialerId', 'dialer', 'dialerName', 'dialerType', 'dialingMode', 'queueId'];
  for (const field of [...fixed, 'queueName', 'timeZone', 'status', 'dialerStatus']) {
    expect(got[field], field).toEqual(example[field]);
  }
  CampaignSchema.parse(got);
}

describe('customers', () => {
  const customerFields = Object.keys(CustomerSchema.shape);
  const always = (items: Record<string, unknown>[]) =>
    Object.keys(items[0] as object).filter((key) => items.every((item) => key in item));

  it('POST /customers with the example (externalId "10"): 201, an id like the example’s, the customer stored', async () => {
    const res = await send('post', `/campaigns/${PREVIEW_CAMPAIGN}/customers`, postRequest).set('Accept', 'text/html');
    expect(res.status, res.text).toBe(201);
    expect(res.text).toMatch(/^[0-9A-F]{32}$/);
    const customer = (await send('get', `/campaigns/${PREVIEW_CAMPAIGN}/customers/${res.text}`)).body;
    // GET /customers/{id}: the example's fields that every customer has, nothing undocumented.
    expect(keys(customer)).toEqual(
      expect.arrayContaining(always([customerResponse]).filter((key) => key !== 'script' && key !== 'dialingMode')),
    );
    for (const key of Object.keys(customer)) expect(customerFields).toContain(key);
    expect(customer).toMatchObject({ externalId: '10', numbers: '0215428754;98521542', timeZone: 'Europe/Helsinki' });
  });

  it('GET /customers: items shaped as the example’s', async () => {
    const res = await send('get', `/campaigns/${PREVIEW_CAMPAIGN}/customers?includeScript=true`);
    expect(res.status).toBe(200);
    const required = always(customersResponse).filter((key) => key !== 'script');
    for (const customer of res.body as Record<string, unknown>[]) {
      expect(keys(customer)).toEqual(expect.arrayContaining(required));
      for (const key of Object.keys(customer)) expect(customerFields).toContain(key);
    }
  });

  it('POST /customers/list with the example: one {"statusCode": 201, "id"} per customer', async () => {
    const res = await send('post', `/campaigns/${PREVIEW_CAMPAIGN}/customers/list`, listRequest);
    expect(res.status).toBe(200);
    // The example answer lists ten ids for the five customers of the example request: compared item by item.
    expect(res.body).toHaveLength(listRequest.length);
    for (const [i, item] of (res.body as Record<string, unknown>[]).entries()) {
      expect(Object.keys(item)).toEqual(Object.keys(listAddedResponse[i] as object));
      expect(item).toEqual({ statusCode: 201, id: expect.stringMatching(/^[0-9A-F]{32}$/) });
    }
  });

  it('POST /customers/list with an invalid number: the example’s error item, byte for byte', async () => {
    const items = listRequest.map((item, i) => (i === 3 ? { ...item, numbers: '+number;' } : item));
    const res = await send('post', `/campaigns/${PREVIEW_CAMPAIGN}/customers/list`, items);
    const error = listInvalidResponse.find((item) => item.statusCode === 400);
    expect(JSON.stringify(res.body[3])).toBe(JSON.stringify(error));
    expect(res.body.filter((item: { statusCode: number }) => item.statusCode === 201)).toHaveLength(4);
  });

  it('POST /customers/list?stopProcessIfInvalidEntriesFound=true: the example answer, byte for byte', async () => {
    // Items 6 and 8 name externalId 007, which a customer of the campaign already has.
    await send('post', `/campaigns/${PREVIEW_CAMPAIGN}/customers`, { externalId: '007', numbers: '+52145299' });
    const items = listStoppedResponse.map((expected, i) => ({
      numbers: `+5214530${i}`,
      ...(expected.statusCode === 400 ? { externalId: '007' } : {}),
    }));
    const res = await send(
      'post',
      `/campaigns/${PREVIEW_CAMPAIGN}/customers/list?stopProcessIfInvalidEntriesFound=true`,
      items,
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(compactJson(JSON.stringify(listStoppedResponse)));
  });
});

describe('statistics', () => {
  it('GET /statistics prints the example row byte for byte (floats as Java prints them)', async () => {
    // The example's call, recorded as the dialer records a finished call (its durations cannot be drawn).
    const row = statisticsResponse[0] as Record<string, number>;
    const state = t.sim.registry.require('default').stateOf<SinchState>('sinch');
    state.stats.record({
      campaignId: TRAINING_CAMPAIGN,
      customerId: 'C'.repeat(32),
      agentId: '21A144F1824E4C768868D10201608E2E',
      endedAt: Date.parse('2020-07-01T10:00:00Z'),
      result: 'NOANSWER',
      handledNow: true,
      amount: row.amount as number,
      waitTime: row.waitTime as number,
      previewTime: row.previewTime as number,
      callTime: row.callTime as number,
      talkingTime: row.talkingTime as number,
      wrapTime: row.wrapTime as number,
    });
    const res = await send('get', '/statistics?startDate=2020-06-29T00:00:00.000Z&endDate=2020-07-29T00:00:00.000Z');
    expect(res.status).toBe(200);
    const printed = vendorDocument(SINCH_DOCUMENT);
    const example = printed.slice(printed.lastIndexOf('Example:\n[') + 'Example:\n'.length).trim();
    expect(res.text).toBe(compactJson(example));
  });
});
