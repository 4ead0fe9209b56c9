import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiPath } from '../../contracts/generate.ts';
import {
  BulkResultSchema,
  CampaignListSchema,
  CampaignSchema,
  CustomerListSchema,
  CustomerResultStatisticsSchema,
  CustomerSchema,
  ErrorSchema,
  StatisticsEntrySchema,
} from '../../contracts/sinch/schemas.ts';
import { MINUTE, type SinchSandbox, type TestSimulator, newCustomer, startSinch } from './harness.ts';

/**
 * Real simulator responses of every OBI operation — success and each failure it can answer — are checked against
 * the checked-in OpenAPI document: the status must be declared for the operation with the response's media type,
 * and JSON bodies must satisfy the zod contract exactly (the schemas are strict: no undeclared field).
 */
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

const document = JSON.parse(readFileSync(openApiPath('sinch'), 'utf8')) as Document;

const SUCCESS_SCHEMAS: Record<string, z.ZodType> = {
  listCampaigns: CampaignListSchema,
  getCampaign: CampaignSchema,
  getCustomerResultStatistics: CustomerResultStatisticsSchema,
  listCustomers: CustomerListSchema,
  getCustomer: CustomerSchema,
  createCustomerList: BulkResultSchema,
  listStatistics: z.array(StatisticsEntrySchema),
};

let t: TestSimulator;
let sb: SinchSandbox;
let customerId: string;
const seen = new Map<string, Set<string>>();

beforeAll(async () => {
  t = await startSinch();
  sb = await t.sandbox({ sinch: { customersPerCampaign: 3 } });
  [customerId] = (await sb.addCustomers(sb.campaign(0), [newCustomer(1)])) as [string];
});
afterAll(() => {
  // Every operation of the document was exercised.
  const operations = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  expect([...seen.keys()].sort()).toEqual(operations.sort());
});

function operationFor(method: string, path: string): Operation {
  for (const [template, item] of Object.entries(document.paths)) {
    const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (regex.test(path) && item[method.toLowerCase()]) return item[method.toLowerCase()] as Operation;
  }
  throw new Error(`no operation for ${method} ${path}`);
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function check(
  method: Method,
  path: string,
  body?: string | object,
  options: Parameters<SinchSandbox['send']>[3] = {},
) {
  const res = await sb.send(method, path, body, options);
  const op = operationFor(method, path.split('?')[0] as string);
  const declared = op.responses[String(res.status)];
  expect(declared, `${op.operationId} declares no HTTP ${res.status}: ${res.text}`).toBeDefined();
  const type = (res.headers['content-type'] as string | undefined)?.split(';')[0];
  if (res.status === 204) {
    expect(res.text).toBe('');
  } else {
    expect(Object.keys(declared?.content ?? {}), `${op.operationId} ${res.status}`).toContain(type);
  }
  if (type === 'application/json') {
    const schema = res.status < 300 ? SUCCESS_SCHEMAS[op.operationId] : ErrorSchema;
    const parsed = schema!.safeParse(res.body);
    expect(
      parsed.success,
      parsed.success ? '' : `${op.operationId} ${res.status}: ${z.prettifyError(parsed.error)}`,
    ).toBe(true);
  }
  if (!seen.has(op.operationId)) seen.set(op.operationId, new Set());
  seen.get(op.operationId)!.add(String(res.status));
  return res;
}

const BAD_ID = 'ABC';
const MISSING = '0'.repeat(32);

describe('OBI responses match the OpenAPI document', () => {
  it('campaigns: list, get, put, status', async () => {
    const c = sb.campaign(0);
    await check('GET', '/campaigns');
    await check('GET', '/campaigns', undefined, { accept: 'application/xml' });
    await check('GET', '/campaigns', undefined, { query: { statistics: 'true' } });
    await check('GET', '/campaigns', undefined, { query: { queueId: 'x' } });
    await check('GET', '/campaigns', undefined, { accept: 'text/csv' });
    await check('GET', '/campaigns', undefined, { auth: false });
    await check('GET', `/campaigns/${c}`);
    await check('GET', `/campaigns/${MISSING}`);
    await check('GET', `/campaigns/${BAD_ID}`);
    const view = (await sb.get(`/campaigns/${c}`)).body;
    expect((await check('PUT', `/campaigns/${c}`, view)).status).toBe(204);
    await check('PUT', `/campaigns/${c}`, { name: 'x' });
    await check('PUT', `/campaigns/${MISSING}`, view);
    await check('PUT', `/campaigns/${c}`, 'name=x', { contentType: 'text/plain' });
    expect((await check('PUT', `/campaigns/${c}/status`, 'Active')).status).toBe(204);
    await check('PUT', `/campaigns/${c}/status`, 'Paused');
    await check('PUT', `/campaigns/${c}/status`, { status: 'Active' });
    await check('PUT', `/campaigns/${MISSING}/status`, 'Active');
    await sb.advance(30 * MINUTE);
    const withStats = await check('GET', `/campaigns/${c}`, undefined, { query: { statistics: 'true' } });
    expect(withStats.body.stats.total.numberOfCalls).toBeGreaterThan(0);
  });

  it('customers: list, results, create, bulk, get, delete', async () => {
    const c = sb.campaign(0);
    await check('GET', `/campaigns/${c}/customerResultStatistics`);
    await check('GET', `/campaigns/${MISSING}/customerResultStatistics`);
    await check('GET', `/campaigns/${c}/customers`, undefined, { query: { includeScript: 'true' } });
    await check('GET', `/campaigns/${c}/customers`, undefined, { query: { attributeValue: 'x' } });
    await check('GET', `/campaigns/${MISSING}/customers`);
    expect((await check('POST', `/campaigns/${c}/customers`, newCustomer(2), { accept: 'text/html' })).status).toBe(
      201,
    );
    await check('POST', `/campaigns/${c}/customers`, { numbers: '+number;' });
    await check('POST', `/campaigns/${c}/customers`, newCustomer(3), { accept: 'application/json' });
    await check('POST', `/campaigns/${c}/customers`, 'x', { contentType: 'text/plain' });
    await check('POST', `/campaigns/${MISSING}/customers`, newCustomer(3));
    await check('POST', `/campaigns/${c}/customers/list`, [newCustomer(4), { numbers: 'x' }]);
    await check('POST', `/campaigns/${c}/customers/list`, { not: 'an array' });
    await check('POST', `/campaigns/${MISSING}/customers/list`, []);
    await check('POST', `/campaigns/${c}/customers/list`, '[]', { contentType: 'text/csv' });
    await check('GET', `/campaigns/${c}/customers/${customerId}`);
    await check('GET', `/campaigns/${c}/customers/${MISSING}`);
    await check('GET', `/campaigns/${c}/customers/${BAD_ID}`, undefined, { accept: 'application/xml' });
    expect((await check('DELETE', `/campaigns/${c}/customers/${customerId}`)).status).toBe(204);
    await check('DELETE', `/campaigns/${c}/customers/${customerId}`);
  });

  it('statistics', async () => {
    await check('GET', '/statistics');
    await check('GET', '/statistics', undefined, {
      query: { campaignId: sb.campaign(0), startDate: '2024-05-16T00:00:00Z' },
    });
    await check('GET', '/statistics', undefined, { query: { agentId: 'nobody' } });
    await check('GET', '/statistics', undefined, { accept: 'image/png' });
  });
});
