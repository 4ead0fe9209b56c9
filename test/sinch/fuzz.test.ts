import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGN_SEARCH_FIELDS, CUSTOMER_SEARCH_FIELDS } from '../../contracts/sinch/schemas.ts';
import { sinch } from '../../simulators/sinch/index.ts';
import { type SinchSandbox, type TestSimulator, newCustomer, startSinch } from './harness.ts';

/**
 * Fuzzing every endpoint: whatever arrives, the answer is never a 5xx, and a refused request (4xx) leaves the
 * stored state exactly as it was.
 */
let t: TestSimulator;
let sb: SinchSandbox;
let customerId: string;
beforeAll(async () => {
  t = await startSinch();
  sb = await t.sandbox({ sinch: { customersPerCampaign: 5 } });
  [customerId] = (await sb.addCustomers(sb.campaign(0), [newCustomer(1)])) as [string];
});

/** The sandbox's whole Sinch state as persisted. */
function stateOf(): string {
  const sandbox = t.sim.registry.require(sb.id);
  return JSON.stringify(sinch.snapshot(sandbox.states.get('sinch') as never));
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '*', '?', '*a*a*a*b', '%', '\u0000', 'true', '-1', '1e9', 'Active', '9'.repeat(40)),
  fc.constantFrom('0215428754', '+number;', '1;2;3;4', '2024-05-16T00:00:00Z', 'not-a-date'),
);
const id = fc.oneof(
  fc.constant('CAMPAIGN'),
  fc.constant('CUSTOMER'),
  fc.stringMatching(/^[0-9A-F]{32}$/),
  fc.uuid(),
  text.map(encodeURIComponent),
  fc.constantFrom('%ZZ', '%E0%A4%A', '%', '..', '%2F'),
);

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      externalId: fc.oneof(text, fc.integer(), fc.constant(null)),
      numbers: fc.oneof(text, fc.integer()),
      date: text,
      agentId: text,
      dialingMode: fc.oneof(text, fc.constantFrom('PREVIEW', 'PREDICTIVE', 'PROGRESSIVE')),
      previewTime: fc.oneof(fc.integer(), fc.double(), text),
      priority: fc.oneof(fc.integer(), text),
      timeZone: text,
      attributes: fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({
          attribute: fc.array(fc.record({ name: text, value: fc.oneof(text, fc.integer()) }), { maxLength: 4 }),
        }),
      ),
      name: text,
      queueId: fc.oneof(text, fc.constant('63AA93F493A54C5A8597FCFA670B2382')),
      abandonRate: fc.oneof(fc.double(), text),
      __proto__: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
);
const xmlBody = fc.oneof(
  text,
  fc
    .tuple(
      fc.constantFrom('customer', 'customers', 'campaign', 'x'),
      fc.dictionary(fc.constantFrom('numbers', 'name', 'priority', 'attributes', 'customer', '@_a'), text),
    )
    .map(
      ([root, fields]) =>
        `<${root}>${Object.entries(fields)
          .map(([k, v]) => `<${k}>${v.replace(/[<&]/g, '')}</${k}>`)
          .join('')}</${root}>`,
    ),
);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: fc.oneof(
    fc.constant('/campaigns'),
    fc.constant('/statistics'),
    id.map((c) => `/campaigns/${c}`),
    id.map((c) => `/campaigns/${c}/status`),
    id.map((c) => `/campaigns/${c}/customerResultStatistics`),
    id.map((c) => `/campaigns/${c}/customers`),
    id.map((c) => `/campaigns/${c}/customers/list`),
    fc.tuple(id, id).map(([c, k]) => `/campaigns/${c}/customers/${k}`),
  ),
  query: fc.dictionary(
    fc.oneof(
      fc.constantFrom(...CAMPAIGN_SEARCH_FIELDS, ...CUSTOMER_SEARCH_FIELDS),
      fc.constantFrom('statistics', 'statisticsDate', 'agentId', 'includeScript', 'attributeName', 'attributeValue'),
      fc.constantFrom('offset', 'limit', 'stopProcessIfInvalidEntriesFound', 'startDate', 'endDateEnd', 'campaignId'),
      fc.string({ maxLength: 10 }),
    ),
    text,
    { maxKeys: 4 },
  ),
  body: fc.oneof(
    jsonBody.map((b) => ({ contentType: 'application/json', payload: JSON.stringify(b) ?? 'null' })),
    xmlBody.map((b) => ({ contentType: 'application/xml', payload: b })),
    text.map((b) => ({ contentType: 'text/plain', payload: b })),
    fc
      .tuple(
        fc.constantFrom('application/json', 'text/html', 'multipart/form-data', 'application/xml;charset=latin1'),
        text,
      )
      .map(([contentType, payload]) => ({ contentType, payload })),
    fc.constant(undefined),
  ),
  accept: fc.constantFrom(undefined, 'application/json', 'application/xml', 'text/html', '*/*', 'image/png', ';;,'),
});

describe('fuzzing every endpoint', () => {
  it('never answers 5xx; refused requests change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = r.path.replace('CAMPAIGN', sb.campaign(0)).replace('CUSTOMER', customerId);
        const before = stateOf();
        const res = await sb.send(r.method as never, path, r.body?.payload, {
          query: r.query,
          contentType: r.body?.contentType,
          accept: r.accept,
        });
        expect(res.status, `${r.method} ${path} → ${res.text}`).toBeLessThan(500);
        if (res.status >= 400) expect(stateOf()).toBe(before);
      }),
      { numRuns: 400 },
    );
  });

  it('new customers: every shape is either created (201) or refused (400) with nothing stored', async () => {
    const campaign = sb.campaign(1);
    await fc.assert(
      fc.asyncProperty(jsonBody, fc.boolean(), async (body, asList) => {
        const before = stateOf();
        const path = `/campaigns/${campaign}/customers${asList ? '/list' : ''}`;
        const res = await sb.send('POST', path, JSON.stringify(asList ? [body] : body), {
          contentType: 'application/json',
        });
        expect(res.status).toBeLessThan(500);
        const refused = asList ? res.status !== 200 || res.body[0]?.statusCode !== 201 : res.status !== 201;
        if (refused) expect(stateOf()).toBe(before);
        else expect(stateOf()).not.toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
