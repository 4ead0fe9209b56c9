import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiPath } from '../../contracts/generate.ts';
import {
  ACTIONS,
  type Action,
  RESPONSE_SCHEMAS,
  type ResultStatus,
  TransportErrorSchema,
} from '../../contracts/symbee/schemas.ts';
import { createSimulator, type Simulator } from '../../simulators/core/app.ts';
import { symbee } from '../../simulators/symbee/index.ts';

/**
 * Real simulator responses of every Symbee action — success, each logical failure and each transport failure — are
 * checked against the checked-in OpenAPI document: the document must declare the returned status with a JSON
 * schema, that schema must be the one generated from the zod contract, and the body must satisfy the zod contract
 * exactly (no undeclared field: the document says additionalProperties false).
 */
interface OpenApiResponse {
  content?: Record<string, { schema?: unknown }>;
}
interface OpenApiDocument {
  servers: { url: string }[];
  paths: Record<string, { post?: { responses: Record<string, OpenApiResponse> } }>;
}

const document = JSON.parse(readFileSync(openApiPath('symbee'), 'utf8')) as OpenApiDocument;

/** The JSON Schema core/openapi.ts generates for a response. */
function jsonSchemaOf(schema: z.ZodType): unknown {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return out;
}

let sim: Simulator;
let sandboxId: string;
let section: {
  headers: Record<string, string>;
  companyCode: string;
  environment: string;
  region: string;
  campaigns: string[];
  agents: string[];
};

/** Statuses (HTTP, and previewResultStatus for HTTP 200) seen per action, for the coverage checks. */
const seen = new Map<Action, { http: Set<string>; result: Set<ResultStatus> }>(
  ACTIONS.map((a) => [a, { http: new Set(), result: new Set() }]),
);

beforeAll(async () => {
  sim = await createSimulator({ vendors: [symbee] });
  const created = await request(sim.app)
    .post('/__admin/sandboxes')
    .send({ seed: 11, clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
  sandboxId = created.body.id;
  section = created.body.vendors.symbee;
});
afterAll(async () => {
  await request(sim.app).delete(`/__admin/sandboxes/${sandboxId}`);
  await sim.close();
});

interface Send {
  body?: unknown;
  raw?: string;
  headers?: Record<string, string | undefined>;
  contentType?: string;
}

const envelope = () => ({
  platform: 'AWS Connect',
  companyCode: section.companyCode,
  environment: section.environment,
  region: section.region,
  campaignName: section.campaigns[0],
});

/** Sends one action and checks the response against the document; returns the parsed body. */
async function check(action: Action, send: Send = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  let req = request(sim.app).post(`${document.servers[0]!.url}/${action}`);
  for (const [name, value] of Object.entries({ ...section.headers, ...send.headers }))
    if (value !== undefined) req = req.set(name, value);
  req = req.set('content-type', send.contentType ?? 'application/json');
  const res = await req.send(send.raw ?? JSON.stringify({ ...envelope(), ...(send.body as object) }));

  const declared = document.paths[`/${action}`]?.post?.responses[String(res.status)];
  expect(declared, `the document declares no HTTP ${res.status} for ${action}: ${res.text}`).toBeDefined();
  const documented = declared?.content?.['application/json']?.schema;
  expect(documented, `HTTP ${res.status} of ${action} has no application/json schema`).toBeDefined();
  expect(res.headers['content-type']).toMatch(/^application\/json/);

  const contract = res.status === 200 ? RESPONSE_SCHEMAS[action] : TransportErrorSchema;
  expect(documented).toEqual(jsonSchemaOf(contract));
  const parsed = contract.safeParse(res.body);
  expect(parsed.success, parsed.success ? '' : `${action} HTTP ${res.status}: ${z.prettifyError(parsed.error)}`).toBe(
    true,
  );
  expect(parsed.data, 'the body has fields the document does not declare').toEqual(res.body);

  const tally = seen.get(action)!;
  tally.http.add(String(res.status));
  if (res.status === 200) tally.result.add(res.body.previewResult.previewResultStatus);
  return { status: res.status, body: res.body };
}

const resultOf = (r: { body: Record<string, unknown> }) =>
  (r.body.previewResult as { previewResultStatus: string }).previewResultStatus;

describe('Symbee responses match the OpenAPI document', () => {
  it('addOrUpdateCampaignRecord: SUCCESS, INVALIDCLIENTID, INVALIDRECORDDATAKEY, FAILED', async () => {
    const data = [{ key: 'Name', value: 'Kate Delaney', displayOrder: 1 }];
    expect(
      resultOf(await check('addOrUpdateCampaignRecord', { body: { clientId: 'oa-1', previewRecordData: data } })),
    ).toBe('SUCCESS');
    expect(
      resultOf(await check('addOrUpdateCampaignRecord', { body: { clientId: 'oa-1', previewRecordData: data } })),
    ).toBe('SUCCESS');
    expect(resultOf(await check('addOrUpdateCampaignRecord', { body: { previewRecordData: data } }))).toBe(
      'INVALIDCLIENTID',
    );
    expect(
      resultOf(
        await check('addOrUpdateCampaignRecord', {
          body: { clientId: 'oa-2', previewRecordData: [{ key: 'Id', value: 'x' }] },
        }),
      ),
    ).toBe('INVALIDRECORDDATAKEY');
    expect(
      resultOf(
        await check('addOrUpdateCampaignRecord', {
          body: { clientId: 'oa-3', previewRecordData: [{ key: 'Phone', value: '555' }] },
        }),
      ),
    ).toBe('FAILED');
  });

  it('searchPreviewCampaign: SUCCESS by clientId, previewRecordId and criteria; NORECORDFOUND; FAILED', async () => {
    const byClient = await check('searchPreviewCampaign', { body: { clientId: '1001' } });
    expect(resultOf(byClient)).toBe('SUCCESS');
    const [record] = byClient.body.previewRecordClientData as { previewRecordID: string }[];
    expect(resultOf(await check('searchPreviewCampaign', { body: { previewRecordID: record!.previewRecordID } }))).toBe(
      'SUCCESS',
    );
    const criteria = await check('searchPreviewCampaign', {
      body: {
        maxRecords: 3,
        previewRecordData: [{ key: 'sys_worked_state', value: 'NOTWORKED', condition: 'EQUALS' }],
      },
    });
    expect(criteria.body.previewRecordClientData).toHaveLength(3);
    expect(resultOf(await check('searchPreviewCampaign', { body: { clientId: 'nobody' } }))).toBe('NORECORDFOUND');
    expect(resultOf(await check('searchPreviewCampaign', { body: { campaignName: 'Nope', clientId: '1001' } }))).toBe(
      'FAILED',
    );
  });

  it('changeCampaignRecordStatus: SUCCESS, NORECORDFOUND, FAILED', async () => {
    const worked = {
      previewRecordStateEnum: 'WORKED',
      nextEarliestWorkTimeUTC: 1636121700000,
      timeZone: 'Europe/Berlin',
    };
    expect(resultOf(await check('changeCampaignRecordStatus', { body: { clientId: '1002', ...worked } }))).toBe(
      'SUCCESS',
    );
    expect(resultOf(await check('changeCampaignRecordStatus', { body: { clientId: 'nobody', ...worked } }))).toBe(
      'NORECORDFOUND',
    );
    expect(
      resultOf(
        await check('changeCampaignRecordStatus', { body: { clientId: '1002', previewRecordStateEnum: 'WORKED' } }),
      ),
    ).toBe('FAILED');
    const after = await check('searchPreviewCampaign', { body: { clientId: '1002' } });
    expect((after.body.previewRecordClientData as { workedState: string }[])[0]?.workedState).toBe('WORKED');
  });

  it('transferCampaignRecord: SUCCESS, NORECORDFOUND, FAILED', async () => {
    const to = { transferToCampaign: section.campaigns[1] };
    expect(resultOf(await check('transferCampaignRecord', { body: { clientId: '1003', ...to } }))).toBe('SUCCESS');
    expect(resultOf(await check('transferCampaignRecord', { body: { clientId: '1003', ...to } }))).toBe(
      'NORECORDFOUND',
    );
    expect(
      resultOf(await check('transferCampaignRecord', { body: { clientId: '1004', transferToCampaign: 'Nope' } })),
    ).toBe('FAILED');
  });

  it('deleteRecordFromCampaign: SUCCESS, NORECORDFOUND, FAILED', async () => {
    expect(resultOf(await check('deleteRecordFromCampaign', { body: { clientId: '1005' } }))).toBe('SUCCESS');
    expect(resultOf(await check('deleteRecordFromCampaign', { body: { clientId: '1005' } }))).toBe('NORECORDFOUND');
    expect(resultOf(await check('deleteRecordFromCampaign', { body: {} }))).toBe('FAILED');
  });

  it.each(ACTIONS)('%s: transport failures 400, 401, 403, 413 and 415', async (action) => {
    const cases: [number, Send][] = [
      [400, { raw: '{"platform": ' }],
      [400, { body: { colour: 'red' } }],
      [401, { headers: { 'X-sc-company-api-key': 'wrong' } }],
      [401, { headers: { 'X-sc-company-environment': undefined } }],
      [403, { body: { environment: 'somewhere-else' } }],
      [413, { raw: JSON.stringify({ ...envelope(), clientId: 'x'.repeat(1024 * 1024) }) }],
      [415, { contentType: 'text/plain' }],
    ];
    for (const [status, send] of cases) expect((await check(action, send)).status).toBe(status);
  });

  it('covers every documented outcome and every declared HTTP status of each action', () => {
    const documentedResults: Record<Action, ResultStatus[]> = {
      addOrUpdateCampaignRecord: ['SUCCESS', 'FAILED', 'INVALIDCLIENTID', 'INVALIDRECORDDATAKEY'],
      searchPreviewCampaign: ['SUCCESS', 'FAILED', 'NORECORDFOUND'],
      changeCampaignRecordStatus: ['SUCCESS', 'FAILED', 'NORECORDFOUND'],
      transferCampaignRecord: ['SUCCESS', 'FAILED', 'NORECORDFOUND'],
      deleteRecordFromCampaign: ['SUCCESS', 'FAILED', 'NORECORDFOUND'],
    };
    for (const action of ACTIONS) {
      const tally = seen.get(action)!;
      expect([...tally.result].sort(), action).toEqual([...documentedResults[action]].sort());
      expect([...tally.http].sort(), action).toEqual(Object.keys(document.paths[`/${action}`]!.post!.responses).sort());
    }
  });
});
