import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../contracts/symbee/operations.ts';
import { SearchResponseSchema } from '../../contracts/symbee/schemas.ts';
import { DEFAULT_SANDBOX } from '../../simulators/symbee/fixtures.ts';
import { SYMBEE_DOCUMENT, SYMBEE_FIXES } from '../helpers/document-fixes.ts';
import { jsonExamples, vendorDocument } from '../helpers/vendor-docs.ts';
import { type TestSimulator, startSymbee } from './harness.ts';

/**
 * Every example of the Symbee document (000), replayed as printed against the default sandbox (reset before each
 * test), whose credentials and names are the document's: each request example is sent verbatim (only its invalid
 * JSON fixed, test/helpers/document-fixes.ts) after the task it names is loaded through the records backdoor, and
 * the answer compared with the action's response example — exactly, except the search's records, whose values are
 * another campaign's (compared by shape: the same fields, in the same order, valid for the contract).
 */
const examples = jsonExamples(vendorDocument(SYMBEE_DOCUMENT), SYMBEE_FIXES).map(
  (e) => e.value as Record<string, unknown>,
);
const [
  addRequest,
  addResponse,
  searchByIdRequest,
  searchByClientIdRequest,
  searchByCriteriaRequest,
  searchResponse,
  changeRequest,
  changeResponse,
  transferRequest,
  transferResponse,
  deleteRequest,
  deleteResponse,
] = examples as [Record<string, unknown>, ...Record<string, unknown>[]];

const HEADERS = {
  'X-sc-platform-code': 'AWS Connect',
  'X-sc-company-code': DEFAULT_SANDBOX.companyCode,
  'X-sc-company-environment': DEFAULT_SANDBOX.environment,
  'X-sc-secrets-region': DEFAULT_SANDBOX.secretsRegion,
  'X-sc-company-api-key': DEFAULT_SANDBOX.apiKey,
};

let t: TestSimulator;
beforeAll(async () => {
  t = await startSymbee();
});
afterAll(() => t.close());
beforeEach(async () => {
  expect((await t.api.post('/__admin/sandboxes/default/reset').send({})).status).toBe(200);
});

/** Loads the tasks an example names into WebsiteVisitReachouts (the backdoor the scenarios use). */
async function load(records: { clientId: string; previewRecordID?: string; name?: string }[]): Promise<void> {
  const res = await t.api.post('/__admin/sandboxes/default/vendors/symbee/records').send({
    campaignName: 'WebsiteVisitReachouts',
    records: records.map((r) => ({
      clientId: r.clientId,
      ...(r.previewRecordID ? { previewRecordID: r.previewRecordID } : {}),
      previewRecordData: [{ key: 'Name', value: r.name ?? 'Mike Mars', displayOrder: 1 }],
    })),
  });
  expect(res.status, res.text).toBe(201);
}

const post = (action: string, body: object): request.Test =>
  t.api.post(`/symbee${API_PREFIX}/${action}`).set(HEADERS).send(body);

it('the document has the twelve JSON examples this test replays', () => {
  expect(examples).toHaveLength(12);
});

describe.each([
  ['addOrUpdateCampaignRecord', addRequest, addResponse, []],
  ['changeCampaignRecordStatus', changeRequest, changeResponse, [{ clientId: '1022' }]],
  ['transferCampaignRecord', transferRequest, transferResponse, [{ clientId: '111111' }]],
  ['deleteRecordFromCampaign', deleteRequest, deleteResponse, [{ clientId: '111111' }]],
] as const)('%s', (action, example, expected, tasks) => {
  it('answers the request example with the response example, exactly', async () => {
    await load([...tasks]);
    const res = await post(action, example as object);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(expected);
  });
});

describe.each([
  [
    'by previewRecordID',
    searchByIdRequest,
    [{ clientId: '1021', previewRecordID: 'e94c0a8a-0b69-11ec-9a03-0242ac130003' }],
  ],
  ['by clientId', searchByClientIdRequest, [{ clientId: '1022' }]],
  ['by criteria', searchByCriteriaRequest, [{ clientId: '1023', name: 'Johnny Tester' }]],
] as const)('searchPreviewCampaign %s', (_label, example, tasks) => {
  it('answers the request example in the shape of the response example', async () => {
    await load([...tasks]);
    const res = await post('searchPreviewCampaign', example as object);
    expect(res.status, res.text).toBe(200);
    const { previewRecordClientData: records, ...rest } = SearchResponseSchema.parse(res.body);
    const { previewRecordClientData: exampleRecords, ...exampleRest } = searchResponse as {
      previewRecordClientData: Record<string, unknown>[];
    };
    expect(rest).toEqual(exampleRest);
    expect(records.map((r) => r.clientId)).toEqual(tasks.map((task) => task.clientId));
    const exampleRecord = exampleRecords[0] as { previewRecordData: object[] };
    for (const record of res.body.previewRecordClientData as Record<string, unknown>[]) {
      expect(Object.keys(record)).toEqual(Object.keys(exampleRecord));
      const items = record.previewRecordData as object[];
      for (const item of items) expect(Object.keys(item)).toEqual(Object.keys(exampleRecord.previewRecordData[0]!));
    }
  });
});
