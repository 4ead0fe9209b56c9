import { readFileSync } from 'node:fs';
import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openApiPath, renderOpenApi } from '../../contracts/generate.ts';
import { eightbyeight } from '../../simulators/eightbyeight/index.ts';
import {
  AddCustomersResponseSchema,
  CampaignResponseSchema,
  ErrorResponseSchema,
  MessageResponseSchema,
  RecordsResponseSchema,
} from '../../contracts/eightbyeight/schemas.ts';
import { CAMPAIGN, type Token, useEightByEight } from './harness.ts';

/**
 * Every status the simulator answers per operation is declared in the checked-in contracts/eightbyeight/openapi.json,
 * and each body satisfies the zod contract the document was generated from.
 */
interface OpenApiOperation {
  operationId: string;
  security: Record<string, string[]>[];
  responses: Record<string, unknown>;
}
interface OpenApiDocument {
  info: { description: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}
const document = JSON.parse(readFileSync(openApiPath('eightbyeight'), 'utf8')) as OpenApiDocument;

const operations = Object.values(document.paths).flatMap((item) => Object.values(item));

function operation(operationId: string): OpenApiOperation {
  const op = operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`operation ${operationId} is not in the document`);
  return op;
}

const declared = (operationId: string) => new Set(Object.keys(operation(operationId).responses));

const t = useEightByEight('perFile');

const SUCCESS: Record<string, z.ZodType | undefined> = {
  addCampaignRecords: AddCustomersResponseSchema,
  viewCampaignRecordsJson: RecordsResponseSchema,
  getCampaign: CampaignResponseSchema,
  changeCampaignStatus: MessageResponseSchema,
  patchCampaignStatus: MessageResponseSchema,
};

async function check(operationId: string, responses: Promise<request.Response>[]): Promise<Set<number>> {
  const statuses = new Set<number>();
  for (const res of await Promise.all(responses)) {
    statuses.add(res.status);
    expect(declared(operationId), `${operationId} answered an undeclared ${res.status}`).toContain(String(res.status));
    if (res.status >= 400) {
      const body: unknown = typeof res.body === 'string' ? JSON.parse(res.body) : res.body;
      ErrorResponseSchema.parse(body);
    } else if (SUCCESS[operationId]) SUCCESS[operationId].parse(res.body);
  }
  return statuses;
}

it('the checked-in openapi.json is what the contracts generate now (npm run openapi:generate)', () => {
  expect(readFileSync(openApiPath('eightbyeight'), 'utf8')).toBe(renderOpenApi(eightbyeight.openapi()));
});

it('is served by the admin plane as checked in', async () => {
  const res = await t.api.get('/__admin/vendors/eightbyeight/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body).toEqual(document);
});

it.each([
  ['record status', '0 New, 1 Queued, 2 Accepted, 3 Completed, 4 Scheduled'],
  ['status code', '0 Default, 1 Max Attempt Reached, 2 Skipped, 3 No Phone Number, 4 Invalid Phone Number'],
  ['disposition code', '1000 None, 1001 Try Again, 1002 Scheduled Call Back'],
  [
    'campaign status ids (README)',
    '0 New, 1 Manual Started, 2 Scheduled, 3 Manual Running, 4 Schedule Running, 5 Manual Stopped, ' +
      '6 Completed (Stopped), 7 Schedule Stopped, 8 Manual Paused, 9 Schedule Paused, 10 Manual Purged, ' +
      '11 Schedule Purged',
  ],
])('describes the documented %s values word for word', (_name, list) => {
  expect(readFileSync(openApiPath('eightbyeight'), 'utf8')).toContain(`"description": "${list}"`);
});

describe('security: the token each operation declares is the one the simulator enforces', () => {
  /** One call per operation; with the right token each answers something other than 401. */
  const calls: Record<string, (token: Token) => Promise<request.Response>> = {
    addCampaignRecords: (token) => t.sb.add(CAMPAIGN.running, [{ 'customer-id': 9 }], token),
    viewCampaignRecordsJson: (token) => t.sb.recordsJson(CAMPAIGN.stopped, {}, token),
    viewCampaignRecordsXml: (token) => t.sb.recordsXml(CAMPAIGN.stopped, {}, token),
    deleteCampaignRecord: (token) => t.sb.remove(CAMPAIGN.running, 1, token),
    getCampaign: (token) => t.sb.campaign(CAMPAIGN.stopped, token),
    changeCampaignStatus: (token) => t.sb.setStatus(CAMPAIGN.stopped, 'RUNNING', token),
    patchCampaignStatus: (token) => t.sb.setStatus(CAMPAIGN.stopped, 'RUNNING', token, 'PATCH'),
  };

  it('covers every operation of the document', () => {
    expect(Object.keys(calls).sort()).toEqual(operations.map((o) => o.operationId).sort());
  });

  it.each(Object.keys(calls))('%s', async (operationId) => {
    const schemes = operation(operationId).security.flatMap((requirement) => Object.keys(requirement));
    const call = calls[operationId]!;
    for (const token of ['data', 'action'] as const) {
      const declared = schemes.includes(`${token}Token`);
      const status = (await call(token)).status;
      if (declared) expect(status, `${operationId} with the declared ${token} token`).not.toBe(401);
      else expect(status, `${operationId} with the undeclared ${token} token`).toBe(401);
    }
  });

  it("DELETE and the status change declare either token (8x8's sources disagree), the others one", () => {
    const either = [{ actionToken: [] }, { dataToken: [] }];
    for (const id of ['deleteCampaignRecord', 'changeCampaignStatus', 'patchCampaignStatus']) {
      expect(operation(id).security, id).toEqual(either);
    }
    expect(operation('addCampaignRecords').security).toEqual([{ actionToken: [] }]);
    expect(operation('getCampaign').security).toEqual([{ dataToken: [] }]);
  });
});

describe('answers match the OpenAPI document', () => {
  it('addCampaignRecords', async () => {
    const seen = await check('addCampaignRecords', [
      t.sb.add(CAMPAIGN.running, [{ 'customer-id': t.sb.section.crmCustomers[0] }, { 'customer-id': 9 }]),
      t.sb.add(CAMPAIGN.list, [{ 'customer-id': 1 }]),
      t.sb.add(4242, [{ 'customer-id': 1 }]),
      t.sb.add(CAMPAIGN.running, [], 'data'),
    ]);
    expect([...seen].sort()).toEqual([207, 400, 401, 404]);
  });

  it('viewCampaignRecordsJson and viewCampaignRecordsXml', async () => {
    expect(
      await check('viewCampaignRecordsJson', [
        t.sb.recordsJson(CAMPAIGN.stopped),
        t.sb.recordsJson(4242),
        t.sb.recordsJson(CAMPAIGN.stopped, {}, 'action'),
      ]),
    ).toEqual(new Set([200, 404, 401]));
    expect(
      await check('viewCampaignRecordsXml', [
        t.sb.recordsXml(CAMPAIGN.stopped),
        t.sb.recordsXml(4242),
        t.sb.recordsXml(CAMPAIGN.stopped, {}, 'action'),
      ]),
    ).toEqual(new Set([200, 404, 401]));
  });

  it('deleteCampaignRecord', async () => {
    const [a] = t.sb.section.crmCustomers;
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }]);
    const seen = await check('deleteCampaignRecord', [
      t.sb.remove(CAMPAIGN.running, a!),
      t.sb.remove(CAMPAIGN.running, 1),
      t.sb.remove(CAMPAIGN.list, 10_000_004),
      t.sb.remove(CAMPAIGN.stopped, 10_000_002, 'not-a-token'),
    ]);
    expect(seen).toEqual(new Set([204, 404, 400, 401]));
  });

  it('getCampaign', async () => {
    expect(
      await check('getCampaign', [t.sb.campaign(CAMPAIGN.running), t.sb.campaign(1), t.sb.campaign(125, 'action')]),
    ).toEqual(new Set([200, 404, 401]));
  });

  it.each([
    ['changeCampaignStatus', 'POST'],
    ['patchCampaignStatus', 'PATCH'],
  ] as const)('%s', async (operationId, method) => {
    t.sb = await t.sim.sandbox(); // campaign 128 must still be New
    const seen = await check(operationId, [
      t.sb.setStatus(CAMPAIGN.notStarted, 'RUNNING', 'action', method),
      t.sb.setStatus(CAMPAIGN.stopped, 'RUNNING', 'action', method),
      t.sb.setStatus(1, 'RUNNING', 'action', method),
      t.sb.setStatus(CAMPAIGN.running, 'PAUSED', 'not-a-token', method),
      t.api[method === 'POST' ? 'post' : 'patch'](`${t.sb.base}/api/tstats/campaigns/${CAMPAIGN.running}`)
        .set({ ...t.sb.basic('action'), 'content-type': 'text/plain' })
        .send('{"status": "PAUSED"}'),
    ]);
    expect(seen).toEqual(new Set([200, 400, 404, 401, 415]));
  });
});
