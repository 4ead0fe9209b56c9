import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import formats from 'ajv-formats';
import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openApiPath } from '../../contracts/generate.ts';
import { vendorDocPath } from '../helpers/vendor-docs.ts';
import { CAMPAIGN, type EightByEightSandbox, useEightByEight } from './harness.ts';

/**
 * The simulator against 8x8's official OpenAPI of the Dynamic Campaigns API (shared/vendor-docs/eightbyeight/),
 * a file we did not write: real answers are validated with its own schemas (ajv) and their messages must be the
 * ones it documents; the project's contracts/eightbyeight/openapi.json must declare all it declares. Where the file
 * contradicts its own example (see "the official file is wrong"), the test uses the corrected shape, named below.
 */
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: { $ref?: string; enum?: string[] } }> };
  responses: Record<
    string,
    {
      description: string;
      content?: Record<string, { schema: { $ref: string }; examples?: Record<string, { value: { message: string } }> }>;
    }
  >;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown> & { example?: unknown }> };
}

const official = JSON.parse(
  readFileSync(vendorDocPath('eightbyeight', '8x8_contact_center_dynamic_campaigns.openapi.json'), 'utf8'),
) as OpenApi;
const ours = JSON.parse(readFileSync(openApiPath('eightbyeight'), 'utf8')) as OpenApi;

/**
 * 8x8's file, corrected only where its own examples contradict it: `customer-id` and `http-status` are numbers in
 * every example (`"customer-id": 1000000`, `"http-status": 200`) and `null` for an invalid customer-id, yet declared
 * `type: string`; the 207 echoes a `schedule-date-time` that is not a date-time (`"2016-08-29T     09:00:00.000Z"`)
 * under `format: date-time`. The request's `customer-id` likewise is a number in its example.
 */
function corrected(doc: OpenApi): OpenApi {
  const copy = structuredClone(doc);
  const { schemas } = copy.components;
  const props = (name: string) => (schemas[name] as { properties: Record<string, unknown> }).properties;
  props('CustomerItem')['customer-id'] = { type: ['integer', 'string'] };
  props('CustomerItemResponse')['customer-id'] = { type: ['integer', 'string', 'null'] };
  props('CustomerItemResponse')['http-status'] = { type: 'integer' };
  props('CustomerItemResponse')['schedule-date-time'] = { type: 'string' };
  return copy;
}

const ajv = new Ajv({ strict: false, allErrors: true });
formats.default(ajv); // ajv-formats is CommonJS: its plugin is the `default` export
ajv.addSchema({ $id: 'official', components: official.components });
ajv.addSchema({ $id: 'corrected', components: corrected(official).components });
const schemaOf = (doc: 'official' | 'corrected', name: string) =>
  ajv.getSchema(`${doc}#/components/schemas/${name}`) ?? ajv.compile({ $ref: `${doc}#/components/schemas/${name}` });
const errorsOf = (doc: 'official' | 'corrected', name: string, value: unknown): ErrorObject[] => {
  const validate = schemaOf(doc, name);
  return validate(value) ? [] : (validate.errors ?? []);
};

/** Official path → the simulator's path below `/vcc-{ccPlatform}` (server URL `…/api/tstats/campaigns`). */
const OUR_PATH: Record<string, string> = {
  '/{campaign-id}': '/vcc-{ccPlatform}/api/tstats/campaigns/{campaignId}',
  '/{campaign-id}/customers': '/vcc-{ccPlatform}/api/tstats/campaigns/{campaignId}/customers',
  '/{campaign-id}/customers/{customer-id}':
    '/vcc-{ccPlatform}/api/tstats/campaigns/{campaignId}/customers/{customerId}',
};
const officialOperations = Object.entries(official.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op })),
);
const officialOp = (operationId: string): Operation =>
  officialOperations.find((o) => o.op.operationId === operationId)!.op;

/**
 * Every message 8x8's file gives for an error status: its examples, and the description unless that only points at
 * them ("Multiple errors - review examples"); a 404 has only the description.
 */
function documentedMessages(op: Operation, status: string): string[] {
  const response = op.responses[status];
  if (!response) return [];
  const examples = Object.values(response.content?.['application/json']?.examples ?? {}).map((e) => e.value.message);
  return response.description.startsWith('Multiple errors') ? examples : [...examples, response.description];
}

describe('the official file is wrong about its own examples', () => {
  it('its 207 example fails its CustomerItemResponseList schema (customer-id, http-status, echoed time)', () => {
    const errors = errorsOf(
      'official',
      'CustomerItemResponseList',
      official.components.schemas.CustomerItemResponseList!.example,
    );
    const kinds = new Set(errors.map((e) => `${e.instancePath.replace(/^\/\d+/, '')} ${e.keyword}`));
    expect([...kinds].sort()).toEqual(['/customer-id type', '/http-status type', '/schedule-date-time format']);
  });

  it('its request example fails its CustomerItemList schema (customer-id a number)', () => {
    const errors = errorsOf('official', 'CustomerItemList', official.components.schemas.CustomerItemList!.example);
    expect(new Set(errors.map((e) => `${e.instancePath.replace(/^\/\d+/, '')} ${e.keyword}`))).toEqual(
      new Set(['/customer-id type']),
    );
  });

  it('the corrected shape accepts both examples, and still refuses what the file rules out', () => {
    const { CustomerItemResponseList, CustomerItemList } = official.components.schemas;
    expect(errorsOf('corrected', 'CustomerItemResponseList', CustomerItemResponseList!.example)).toEqual([]);
    expect(errorsOf('corrected', 'CustomerItemList', CustomerItemList!.example)).toEqual([]);
    expect(errorsOf('corrected', 'CustomerItemResponseList', [{ 'customer-id': 1 }])).not.toEqual([]); // no http-status
    expect(errorsOf('corrected', 'CustomerItemResponseList', [{ 'customer-id': 1, 'http-status': '200' }])).not.toEqual(
      [],
    );
  });
});

const t = useEightByEight();

/** The official request example, with the sandbox's own CRM customers (its ids are not in every CRM). */
function officialExampleBatch(sb: EightByEightSandbox): Record<string, unknown>[] {
  const example = official.components.schemas.CustomerItemList!.example as Record<string, unknown>[];
  return example.map((entry, i) => ({ ...entry, 'customer-id': sb.section.crmCustomers[i] }));
}

describe('the simulator answers as the official file says (207 items against the corrected shape)', () => {
  it('a batch built from the official request example, plus every kind of refusal', async () => {
    const [a, b] = t.sb.section.crmCustomers.slice(10);
    const batch = [
      ...officialExampleBatch(t.sb).map((entry) => ({ ...entry, 'schedule-date-time': undefined })),
      { 'customer-id': a, 'schedule-date-time': '2024-03-02T09:00:00.000Z' },
      { 'customer-id': a },
      { 'customer-id': 9 },
      { 'customer-id': null },
      { 'customer-id': String(b) },
      { 'customer-id': b, 'schedule-date-time': '2016-08-29T     09:00:00.000Z' },
      { 'customer-id': b, 'schedule-date-time': '2016-08-29T09:00:00.000Z' },
    ];
    const res = await t.sb.add(CAMPAIGN.running, batch);
    expect(res.status).toBe(207);
    expect(errorsOf('corrected', 'CustomerItemResponseList', res.body)).toEqual([]);
    expect(errorsOf('official', 'CustomerItemResponseList', res.body)).not.toEqual([]); // the file's own flaw
    const statuses = (res.body as { 'http-status': number }[]).map((o) => o['http-status']);
    expect(new Set(statuses)).toEqual(new Set([200, 400, 404]));
  });

  it('the official request example itself, schedule included, is judged entry by entry', async () => {
    const res = await t.sb.add(CAMPAIGN.running, officialExampleBatch(t.sb));
    expect(res.status).toBe(207);
    expect(errorsOf('corrected', 'CustomerItemResponseList', res.body)).toEqual([]);
    // 2016-08-29T09:00:00.000Z is in the past on any clock after it: refused with the documented message.
    expect(res.body[0]).toMatchObject({
      'http-status': 400,
      message: 'The subject schedule-date-time is in the past.',
    });
  });
});

/** What the simulator answers beyond the official file, per operation (each labelled in the fidelity list). */
const EXTRA_STATUSES: Record<string, string[]> = {
  // 401: 8x8 documents no body (README); 404: the README's "The campaign cannot be found."; 413/415: assumed.
  addcustomer: ['401', '404', '413', '415'],
  deletecustomer: ['401'],
  changecampaignstatus: ['401', '415'],
};

async function expectDocumented(operationId: string, res: request.Response): Promise<string> {
  const op = officialOp(operationId);
  const status = String(res.status);
  expect(Object.keys(op.responses), `${operationId} answered ${status}`).toContain(status);
  const schema = op.responses[status]!.content?.['application/json']?.schema.$ref;
  if (schema) expect(errorsOf('official', schema.split('/').pop()!, res.body), `${operationId} ${status}`).toEqual([]);
  if (res.status >= 400) expect(documentedMessages(op, status)).toContain(res.body.message);
  return res.body.message as string;
}

describe('whole-request answers: statuses, schemas and messages of the official file', () => {
  it('addcustomer (POST …/customers)', async () => {
    const seen = [
      await expectDocumented('addcustomer', await t.sb.add(CAMPAIGN.stopped, [{ 'customer-id': 10_003_629 }])),
      await expectDocumented('addcustomer', await t.sb.add(CAMPAIGN.notStarted, [{ 'customer-id': 10_003_629 }])),
      await expectDocumented('addcustomer', await t.sb.add(CAMPAIGN.running, {})),
      await expectDocumented('addcustomer', await t.sb.add(CAMPAIGN.list, [{ 'customer-id': 10_003_629 }])),
      await expectDocumented('addcustomer', await t.sb.add(CAMPAIGN.disabled, [{ 'customer-id': 10_003_629 }])),
    ];
    expect(seen.sort()).toEqual(documentedMessages(officialOp('addcustomer'), '400').sort());
  });

  it('deletecustomer (DELETE …/customers/{customer-id})', async () => {
    t.sb = await t.sim.sandbox({ eightbyeight: { lines: 1, acceptDelayMs: 1000 } });
    const [a, b] = t.sb.section.crmCustomers;
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }, { 'customer-id': b }]);
    await t.sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}/customers/${a}/outcome`, {
      'status-code': 0,
      'disposition-code': 1000,
    });
    await t.sb.advance(1000); // a: Accepted (offered to an agent)
    const seen = [
      await expectDocumented('deletecustomer', await t.sb.remove(CAMPAIGN.stopped, 10_000_000)),
      await expectDocumented('deletecustomer', await t.sb.remove(CAMPAIGN.list, 10_000_005)),
      await expectDocumented('deletecustomer', await t.sb.remove(CAMPAIGN.disabled, 10_000_000)),
      await expectDocumented('deletecustomer', await t.sb.remove(CAMPAIGN.running, a!)),
    ];
    expect(seen.sort()).toEqual(documentedMessages(officialOp('deletecustomer'), '400').sort());
    await expectDocumented('deletecustomer', await t.sb.remove(CAMPAIGN.running, 10_009_999)); // 404
    const removed = await t.sb.remove(CAMPAIGN.running, b!);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
  });

  it.each(['PATCH', 'POST'] as const)('changecampaignstatus by %s (PATCH: the official method)', async (method) => {
    const set = (id: number, status: string) => t.sb.setStatus(id, status, 'action', method);
    const seen = [
      await expectDocumented('changecampaignstatus', await set(CAMPAIGN.stopped, 'RUNNING')),
      await expectDocumented('changecampaignstatus', await set(CAMPAIGN.list, 'PAUSED')),
      await expectDocumented('changecampaignstatus', await set(CAMPAIGN.disabled, 'RUNNING')),
    ];
    expect(seen.sort()).toEqual(documentedMessages(officialOp('changecampaignstatus'), '400').sort());
    await expectDocumented('changecampaignstatus', await set(4242, 'RUNNING')); // 404
    const enums = (official.components.schemas.CampaignStatus as { properties: { status: { enum: string[] } } })
      .properties.status.enum;
    expect(enums).toEqual(['RUNNING', 'STOPPED', 'PAUSED', 'PURGED']);
    for (const status of ['PAUSED', 'PURGED', 'RUNNING', 'STOPPED']) {
      const res = await set(CAMPAIGN.running, status);
      expect([status, res.status]).toEqual([status, 200]);
    }
  });
});

describe("the project's openapi.json declares everything 8x8's file declares", () => {
  it.each(officialOperations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))('%s', (_name, o) => {
    const mine = ours.paths[OUR_PATH[o.path]!]?.[o.method];
    expect(mine, 'the operation').toBeDefined();
    for (const status of Object.keys(o.op.responses)) {
      expect(Object.keys(mine!.responses), `status ${status}`).toContain(status);
      const description = mine!.responses[status]!.description;
      if (Number(status) >= 400) {
        for (const message of documentedMessages(o.op, status)) expect(description, status).toContain(message);
      }
    }
    for (const status of Object.keys(mine!.responses)) {
      const known = Object.keys(o.op.responses).includes(status) || EXTRA_STATUSES[o.op.operationId]!.includes(status);
      expect(known, `${o.op.operationId}: undeclared extra status ${status}`).toBe(true);
    }
  });

  it("declares what 8x8's pages add: records.json, records (XML), {id}.json and the status page's POST", () => {
    const base = '/vcc-{ccPlatform}/api';
    expect(ours.paths[`${base}/stats/campaigns/{campaignId}/records.json`]?.get).toBeDefined();
    expect(ours.paths[`${base}/stats/campaigns/{campaignId}/records`]?.get).toBeDefined();
    expect(ours.paths[`${base}/stats/campaigns/{campaignId}.json`]?.get).toBeDefined();
    expect(ours.paths[`${base}/tstats/campaigns/{campaignId}`]?.post).toBeDefined();
  });
});
