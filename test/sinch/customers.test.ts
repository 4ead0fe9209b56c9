import { MAX_LIST_ITEMS } from '../../simulators/sinch/limits.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { BulkResultSchema, CustomerListSchema, CustomerSchema } from '../../contracts/sinch/schemas.ts';
import { NOW, NOW_MS, MINUTE, POST_EXAMPLE, type TestSimulator, newCustomer, startSinch } from './harness.ts';

let t: TestSimulator;
beforeAll(async () => {
  t = await startSinch();
});

/** The five customers of the document's list example. */
const LIST_EXAMPLE = [
  ['New York', 'Gold', 'Kathy', '+52145200;'],
  ['New York', 'Silver', 'Bob', '+52145201;'],
  ['London', 'Gold', 'John', '+52145202;'],
  ['Helsinki', 'Gold', 'Keith', '+52145203;'],
  ['New York', 'Gold', 'Kate', '+52145204;'],
].map(([city, classification, first, numbers]) => ({
  attributes: {
    attribute: [
      { name: 'City', value: city },
      { name: 'Classification', value: classification },
      { name: 'First Name', value: first },
      { name: 'Last Name', value: 'Smith' },
    ],
  },
  numbers,
}));

const emptySandbox = () => t.sandbox({ sinch: { customersPerCampaign: 0 } });

describe('POST /campaigns/{id}/customers', () => {
  it('creates the documented example: 201, text/html id body, Location header, Phone attributes from numbers', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const res = await sb.send('POST', `/campaigns/${campaign}/customers`, POST_EXAMPLE, { accept: 'text/html' });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/^[0-9A-F]{32}$/);
    expect(res.headers.location).toMatch(new RegExp(`/sinch/RI/obi/campaigns/${campaign}/customers/${res.text}$`));
    const customer = CustomerSchema.parse(await sb.customer(campaign, res.text));
    expect(customer).toEqual({
      id: res.text,
      externalId: '10',
      numbers: '0215428754;98521542',
      result: 'DIALING',
      callCount: 0,
      lastBNumber: 0,
      date: '2024-05-16T08:00:00Z',
      modificationDate: '2024-05-16T08:00:00Z',
      timeZone: 'Europe/Helsinki',
      attributes: {
        attribute: [
          ...POST_EXAMPLE.attributes.attribute,
          { name: 'Phone1', value: '0215428754' },
          { name: 'Phone2', value: '98521542' },
        ],
      },
    });
    expect(customer.script).toBeUndefined();
  });

  it('answers 406 when the client refuses text/html; any Accept that allows it works', async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers`;
    expect((await sb.send('POST', path, newCustomer(1), { accept: 'application/json' })).status).toBe(406);
    expect((await sb.send('POST', path, newCustomer(2), { accept: 'text/*' })).status).toBe(201);
    expect((await sb.send('POST', path, newCustomer(3))).status).toBe(201);
  });

  it('generates a unique externalId when absent and refuses a duplicate one', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const path = `/campaigns/${campaign}/customers`;
    await sb.send('POST', path, newCustomer(1, { externalId: '1' }));
    const generated = await sb.send('POST', path, newCustomer(2));
    expect((await sb.customer(campaign, generated.text)).externalId).toBe('2');
    const dup = await sb.send('POST', path, newCustomer(3, { externalId: '2' }));
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({ statusCode: 400, error: 'Invalid externalId: 2 : Value is not unique' });
    // Unique per campaign, not across campaigns.
    expect(
      (await sb.send('POST', `/campaigns/${sb.campaign(1)}/customers`, newCustomer(3, { externalId: '2' }))).status,
    ).toBe(201);
  });

  it('takes numbers from Phone1..3 attributes when numbers is absent; one of them is required', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const path = `/campaigns/${campaign}/customers`;
    const attrs = (...list: [string, string][]) => ({
      attributes: { attribute: list.map(([name, value]) => ({ name, value })) },
    });
    const ok = await sb.send(
      'POST',
      path,
      attrs(['Phone1', '0401234567'], ['Phone2', '+358401234568'], ['City', 'Oulu']),
    );
    expect(ok.status).toBe(201);
    const customer = await sb.customer(campaign, ok.text);
    expect(customer.numbers).toBe('0401234567;+358401234568');
    // Without numbers the phone attributes are the numbers, kept under their own names.
    const gap = await sb.send(
      'POST',
      path,
      attrs(['Phone3', '0401234570'], ['City', 'Oulu'], ['Phone1', ' 0401234571 ']),
    );
    expect(gap.status, gap.text).toBe(201);
    expect(await sb.customer(campaign, gap.text)).toMatchObject({
      numbers: '0401234571;0401234570',
      attributes: {
        attribute: [
          { name: 'City', value: 'Oulu' },
          { name: 'Phone1', value: '0401234571' },
          { name: 'Phone3', value: '0401234570' },
        ],
      },
    });
    // Given numbers, the phone attributes are ignored and made from the numbers.
    const replaced = await sb.send('POST', path, { numbers: '0401234572', ...attrs(['Phone2', '0401234573']) });
    expect((await sb.customer(campaign, replaced.text)).attributes).toEqual({
      attribute: [{ name: 'Phone1', value: '0401234572' }],
    });
    // Bare array form of attributes is accepted too (the field list calls it an array).
    expect((await sb.send('POST', path, { attributes: [{ name: 'Phone1', value: '0401234569' }] })).status).toBe(201);
    const cases: [object, string][] = [
      [attrs(['City', 'Oulu']), 'Invalid numbers: numbers or attribute Phone1 is required'],
      [attrs(['Phone2', '0401234567']), 'Invalid numbers: numbers or attribute Phone1 is required'],
      [attrs(['Phone1', 'call me']), "Invalid numbers: 'call me'"],
      [attrs(['Phone1', ''], ['Phone2', '0401234567']), "Invalid numbers: ';0401234567'"],
      [{ numbers: '+number;' }, "Invalid numbers: '+number;'"],
      [{ numbers: '1;2;3;4' }, "Invalid numbers: '1;2;3;4'"],
      [{ numbers: ';' }, "Invalid numbers: ';'"],
      [{}, 'Invalid numbers: numbers or attribute Phone1 is required'],
    ];
    for (const [body, error] of cases) {
      const res = await sb.send('POST', path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error });
    }
  });

  it('validates every documented field and refuses unknown ones', async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers`;
    const agent = sb.section.agents[0] as string;
    const full = newCustomer(1, {
      externalId: 'A-1',
      date: '2024-05-17T09:00:00Z',
      agentId: agent.toLowerCase(),
      dialingMode: 'PREDICTIVE',
      previewTime: 30,
      priority: 5,
      timeZone: 'Europe/Helsinki',
    });
    const created = await sb.send('POST', path, full);
    expect(created.status, created.text).toBe(201);
    expect(await sb.customer(sb.campaign(0), created.text)).toMatchObject({
      externalId: 'A-1',
      date: '2024-05-17T09:00:00Z',
      agentId: agent,
      dialingMode: 'PREDICTIVE',
      previewTime: 30,
      priority: 5,
    });
    const cases: [object, string][] = [
      [newCustomer(2, { dialingMode: 'PROGRESSIVE' }), "Invalid dialingMode: 'PROGRESSIVE'"],
      // Jackson truncates 1.5 (tested in jackson.test.ts) but refuses the text "1.5" for an int.
      [newCustomer(2, { previewTime: '1.5' }), "Invalid previewTime: '1.5'"],
      [newCustomer(2, { previewTime: -1 }), "Invalid previewTime: '-1'"],
      // The document's integers are Java ints.
      [newCustomer(2, { previewTime: 2 ** 31 }), "Invalid previewTime: '2147483648'"],
      [newCustomer(2, { priority: -(2 ** 31) - 1 }), "Invalid priority: '-2147483649'"],
      [newCustomer(2, { priority: 'high' }), "Invalid priority: 'high'"],
      [newCustomer(2, { date: 'tomorrow' }), "Invalid date: 'tomorrow'"],
      [newCustomer(2, { agentId: 'bob' }), "Invalid agentId: 'bob'"],
      [newCustomer(2, { agentId: 'F'.repeat(32) }), `Invalid agentId: '${'F'.repeat(32)}' : Agent not found`],
      [newCustomer(2, { timeZone: 'Nowhere' }), "Invalid timeZone: 'Nowhere'"],
      [newCustomer(2, { colour: 'red' }), 'Unrecognized field "colour"'],
      [
        newCustomer(2, { attributes: { attribute: [{ name: 'City' }] } }),
        'Invalid attributes.attribute.0.value: Value is required',
      ],
    ];
    for (const [body, error] of cases) {
      const res = await sb.send('POST', path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error });
    }
    const extremes = newCustomer(3, { externalId: 'A-3', previewTime: 2 ** 31 - 1, priority: -(2 ** 31) });
    expect((await sb.send('POST', path, extremes)).status).toBe(201);
    // A customer read back can be posted again (read-only fields ignored) under a new externalId.
    const readBack = await sb.customer(sb.campaign(0), created.text);
    const again = await sb.send('POST', path, { ...readBack, externalId: 'A-2' });
    expect(again.status, again.text).toBe(201);
    expect(again.text).not.toBe(created.text);
  });

  it('404 for an unknown campaign, 415 for an unsupported body type', async () => {
    const sb = await emptySandbox();
    const missing = await sb.send('POST', `/campaigns/${'0'.repeat(32)}/customers`, newCustomer(1));
    expect(missing.status).toBe(404);
    const text = await sb.send('POST', `/campaigns/${sb.campaign(0)}/customers`, 'numbers=1', {
      contentType: 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(text.body.error).toBe("Unsupported Media Type: 'text/plain'; send application/json or application/xml");
  });
});

describe('GET and DELETE /campaigns/{id}/customers/{customerId}', () => {
  it('reads and deletes (204) a customer; 404 afterwards', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const [id] = (await sb.addCustomers(campaign, [newCustomer(1)])) as [string];
    expect((await sb.get(`/campaigns/${campaign}/customers/${id}`)).status).toBe(200);
    const del = await sb.send('DELETE', `/campaigns/${campaign}/customers/${id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const gone = await sb.get(`/campaigns/${campaign}/customers/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ statusCode: 404, error: `Customer not found: ${id}` });
    expect((await sb.send('DELETE', `/campaigns/${campaign}/customers/${id}`)).status).toBe(404);
    // `/customers/list` is its own resource (POST only), not a customer id.
    for (const method of ['GET', 'DELETE', 'PUT'] as const) {
      const res = await sb.send(method, `/campaigns/${campaign}/customers/list`);
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(res.body).toEqual({ statusCode: 405, error: `Method ${method} not allowed` });
    }
    // Its externalId is free again.
    expect(await sb.addCustomers(campaign, [newCustomer(1, { externalId: '1' })])).toHaveLength(1);
  });
});

describe('POST /campaigns/{id}/customers/list', () => {
  it('all customers added: one {statusCode: 201, id} per item, in order', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const res = await sb.send('POST', `/campaigns/${campaign}/customers/list`, LIST_EXAMPLE);
    expect(res.status).toBe(200);
    const results = BulkResultSchema.parse(res.body);
    expect(results).toHaveLength(5);
    for (const r of results) expect(Object.keys(r).sort()).toEqual(['id', 'statusCode']);
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const listed = await sb.get(`/campaigns/${campaign}/customers`);
    expect(listed.body.map((c: { id: string }) => c.id)).toEqual(results.map((r) => r.id));
    expect(listed.body.map((c: { numbers: string }) => c.numbers)).toEqual([
      '+52145200',
      '+52145201',
      '+52145202',
      '+52145203',
      '+52145204',
    ]);
  });

  it('validation failure with stopProcessIfInvalidEntriesFound=false: the valid ones are created', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const items = LIST_EXAMPLE.slice(0, 3).concat(
      [{ ...LIST_EXAMPLE[3]!, numbers: '+number;' }],
      LIST_EXAMPLE.slice(4),
    );
    const res = await sb.send('POST', `/campaigns/${campaign}/customers/list`, items, {
      query: { stopProcessIfInvalidEntriesFound: 'false' },
    });
    expect(res.status).toBe(200);
    expect(res.body.map((r: { statusCode: number }) => r.statusCode)).toEqual([201, 201, 201, 400, 201]);
    expect(res.body[3]).toEqual({ error: "Invalid numbers: '+number;'", statusCode: 400 });
    // Key order as the document prints the items.
    expect(res.text).toContain(
      `{"statusCode":201,"id":"${res.body[2].id}"},{"error":"Invalid numbers: '+number;'","statusCode":400},`,
    );
    expect((await sb.get(`/campaigns/${campaign}/customers`)).body).toHaveLength(4);
  });

  it('validation failure with stopProcessIfInvalidEntriesFound=true: 200 per valid item, nothing created', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    await sb.addCustomers(campaign, [newCustomer(0, { externalId: '007' })]);
    const items = Array.from({ length: 10 }, (_, i) =>
      newCustomer(i + 1, i === 5 || i === 7 ? { externalId: '007' } : {}),
    );
    const res = await sb.send('POST', `/campaigns/${campaign}/customers/list`, items, {
      query: { stopProcessIfInvalidEntriesFound: 'true' },
    });
    expect(res.status).toBe(200);
    const notUnique = { error: 'Invalid externalId: 007 : Value is not unique', statusCode: 400 };
    const ok = { statusCode: 200 };
    expect(res.body).toEqual([ok, ok, ok, ok, ok, notUnique, ok, notUnique, ok, ok]);
    expect(res.text).toBe(
      `[${[ok, ok, ok, ok, ok, notUnique, ok, notUnique, ok, ok].map((item) => JSON.stringify(item)).join(',')}]`,
    );
    expect((await sb.get(`/campaigns/${campaign}/customers`)).body).toHaveLength(1);
  });

  it('a client sending "Accept = text/html" as the document asks of every POST gets the JSON answer', async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers/list`;
    for (const accept of ['text/html', 'text/html, application/xml;q=0.5', '*/*']) {
      const res = await sb.send('POST', path, [newCustomer(1, { externalId: accept })], { accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual([{ statusCode: 201, id: expect.stringMatching(/^[0-9A-F]{32}$/) }]);
    }
    const refused = await sb.send('POST', path, [newCustomer(2)], { accept: 'image/png' });
    expect(refused.status).toBe(406);
    expect((await sb.get(`/campaigns/${sb.campaign(0)}/customers`)).body).toHaveLength(3);
  });

  it('stopProcessIfInvalidEntriesFound=true with every item valid creates them all', async () => {
    const sb = await emptySandbox();
    const res = await sb.send('POST', `/campaigns/${sb.campaign(0)}/customers/list`, LIST_EXAMPLE, {
      query: { stopProcessIfInvalidEntriesFound: 'true' },
    });
    expect(res.body.map((r: { statusCode: number }) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
  });

  it('a duplicate externalId inside one batch fails only from its second use; generated ids avoid explicit ones', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const res = await sb.send('POST', `/campaigns/${campaign}/customers/list`, [
      newCustomer(1),
      newCustomer(2, { externalId: 'X' }),
      newCustomer(3, { externalId: 'X' }),
      newCustomer(4, { externalId: '1' }),
    ]);
    expect(res.body.map((r: { statusCode: number }) => r.statusCode)).toEqual([201, 201, 400, 201]);
    const listed = await sb.get(`/campaigns/${campaign}/customers`);
    expect(listed.body.map((c: { externalId: string }) => c.externalId)).toEqual(['2', 'X', '1']);
  });

  it('refuses a body that is not an array, items that are not objects answer 400 each', async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers/list`;
    const notArray = await sb.send('POST', path, newCustomer(1));
    expect(notArray.status).toBe(400);
    const mixed = await sb.send('POST', path, [42, null, newCustomer(1)]);
    expect(mixed.status).toBe(200);
    expect(mixed.body.map((r: { statusCode: number }) => r.statusCode)).toEqual([400, 400, 201]);
    expect((await sb.send('POST', path, [])).body).toEqual([]);
  });

  it('adds 10,000 customers in lists of 1,000 (the bound of one request) and lists them all', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const items = Array.from({ length: 10_000 }, (_, i) => newCustomer(i));
    const results: { id: string; statusCode: number }[] = [];
    for (let i = 0; i < items.length; i += MAX_LIST_ITEMS) {
      const res = await sb.send('POST', `/campaigns/${campaign}/customers/list`, items.slice(i, i + MAX_LIST_ITEMS));
      expect(res.status).toBe(200);
      results.push(...res.body);
    }
    expect(results).toHaveLength(10_000);
    expect(new Set(results.map((r) => r.id)).size).toBe(10_000);
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect((await sb.campaignView(campaign)).total).toBe(10_000);
    const page = await sb.get(`/campaigns/${campaign}/customers`, { query: { offset: '9990', limit: '100' } });
    expect(page.body.map((c: { externalId: string }) => c.externalId)).toEqual(
      Array.from({ length: 10 }, (_, i) => String(9991 + i)),
    );
  });
});

describe('GET /campaigns/{id}/customers', () => {
  async function seeded() {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const [agentA, agentB] = sb.section.agents as [string, string];
    const ids = await sb.addCustomers(campaign, [
      newCustomer(1, {
        externalId: 'ext-1',
        priority: 1,
        agentId: agentA,
        attributes: { attribute: [{ name: 'Classification', value: 'Gold' }] },
      }),
      newCustomer(2, { externalId: 'ext-2', priority: 2, agentId: agentB, date: '2024-05-20T00:00:00Z' }),
      newCustomer(3, {
        externalId: 'other',
        dialingMode: 'PREVIEW',
        timeZone: 'Europe/Berlin',
        attributes: { attribute: [{ name: 'Classification', value: 'Silver' }] },
      }),
    ]);
    return { sb, campaign, ids, agentA, agentB };
  }

  it('defaults to offset 0 / limit 100 and pages with offset/limit', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    await sb.addCustomers(
      campaign,
      Array.from({ length: 150 }, (_, i) => newCustomer(i)),
    );
    const all = await sb.get(`/campaigns/${campaign}/customers`);
    expect(CustomerListSchema.parse(all.body)).toHaveLength(100);
    const tail = await sb.get(`/campaigns/${campaign}/customers`, { query: { offset: '20', limit: '5' } });
    expect(tail.body.map((c: { externalId: string }) => c.externalId)).toEqual(['21', '22', '23', '24', '25']);
    const page = async (query: Record<string, string>) => {
      const res = await sb.get(`/campaigns/${campaign}/customers`, { query });
      return res.status === 200 ? (res.body as unknown[]).length : res.status;
    };
    // The extremes of a (Java) integer parameter.
    expect(await page({ limit: '0' })).toBe(0);
    expect(await page({ limit: '2147483647' })).toBe(150);
    expect(await page({ offset: '2147483647' })).toBe(0);
    expect(await page({ offset: '149', limit: '05' })).toBe(1);
    for (const bad of ['-1', 'ten', '1.5', '', ' 5', '+5', '1e3', '0x10', '2147483648', '99999999999999999999']) {
      for (const field of ['offset', 'limit']) {
        const res = await sb.get(`/campaigns/${campaign}/customers`, { query: { [field]: bad } });
        expect(res.status, `${field}=${bad}`).toBe(400);
        expect(res.body).toEqual({ statusCode: 400, error: `Invalid ${field}: '${bad}'` });
      }
    }
  });

  it('filters on field patterns, agentId lists, date ranges and attributes', async () => {
    const { sb, campaign, ids, agentA, agentB } = await seeded();
    const found = async (query: Record<string, string>) => {
      const res = await sb.get(`/campaigns/${campaign}/customers`, { query });
      expect(res.status, res.text).toBe(200);
      return res.body.map((c: { id: string }) => ids.indexOf(c.id));
    };
    expect(await found({ externalId: 'ext-*' })).toEqual([0, 1]);
    expect(await found({ externalId: 'EXT-?' })).toEqual([0, 1]);
    expect(await found({ result: 'DIALING', callCount: '0', lastBNumber: '0' })).toEqual([0, 1, 2]);
    expect(await found({ callResult: 'SUCCESS*' })).toEqual([]);
    expect(await found({ priority: '2' })).toEqual([1]);
    expect(await found({ dialingMode: 'PREVIEW', timeZone: 'Europe/*' })).toEqual([2]);
    expect(await found({ numbers: '*5201' })).toEqual([0]);
    expect(await found({ agentId: agentA })).toEqual([0]);
    expect(await found({ agentId: `${agentA},${agentB.toLowerCase()}` })).toEqual([0, 1]);
    expect(await found({ date: '2024-05-19T00:00:00Z' })).toEqual([1]);
    expect(await found({ dateEnd: NOW })).toEqual([0, 2]);
    expect(await found({ modificationDate: NOW, modificationDateEnd: NOW })).toEqual([0, 1, 2]);
    expect(await found({ attributeName: 'classification' })).toEqual([0, 2]);
    expect(await found({ attributeName: 'classification', attributeValue: 'gold' })).toEqual([0]);
    expect(await found({ attributeName: 'phone?', attributeValue: '*5203' })).toEqual([2]);
  });

  it('refuses attributeValue without attributeName, bad agent ids and unknown fields', async () => {
    const { sb, campaign } = await seeded();
    const cases: [Record<string, string>, string][] = [
      [{ attributeValue: 'gold' }, 'attributeName parameter is mandatory in case attributeValue is given'],
      [{ agentId: 'abc' }, "Invalid agentId: 'abc'"],
      [{ name: 'x' }, 'Invalid search field: name'],
      [{ dateEnd: '2024-13-01T00:00:00Z' }, "Invalid dateEnd: '2024-13-01T00:00:00Z'"],
    ];
    for (const [query, error] of cases) {
      const res = await sb.get(`/campaigns/${campaign}/customers`, { query });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error });
    }
  });

  it('includes the script with includeScript=true in lists, by default for one customer', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const [id] = (await sb.addCustomers(campaign, [newCustomer(1)])) as [string];
    await sb.admin('POST', `/vendors/sinch/campaigns/${campaign}/customers/${id}/outcomes`, { outcomes: ['SUCCESS'] });
    await sb.activate(campaign);
    await sb.advance(30 * MINUTE);
    const plain = await sb.get(`/campaigns/${campaign}/customers`);
    expect(plain.body[0].script).toBeUndefined();
    const withScript = await sb.get(`/campaigns/${campaign}/customers`, { query: { includeScript: 'true' } });
    expect(withScript.body[0]).toMatchObject({ result: 'SUCCESS', script: { name: 'Tennis Sales Script' } });
    expect(withScript.body[0].script.answers).toHaveLength(3);
    const single = await sb.get(`/campaigns/${campaign}/customers/${id}`, { query: { includeScript: 'true' } });
    expect(single.body.script).toEqual(withScript.body[0].script);
    // The document's single-customer example carries the script with no parameter.
    expect((await sb.get(`/campaigns/${campaign}/customers/${id}`)).body.script).toEqual(single.body.script);
    const without = await sb.get(`/campaigns/${campaign}/customers/${id}`, { query: { includeScript: 'false' } });
    expect(without.body.script).toBeUndefined();
    expect(Date.parse(withScript.body[0].modificationDate)).toBeGreaterThan(NOW_MS);
  });
});

describe('GET /campaigns/{id}/customerResultStatistics', () => {
  it('groups customers by result, callResult and classifier', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const ids = await sb.addCustomers(
      campaign,
      [1, 2, 3, 4, 5].map((n) => newCustomer(n)),
    );
    const force = (id: string, outcomes: string[]) =>
      sb.admin('POST', `/vendors/sinch/campaigns/${campaign}/customers/${id}/outcomes`, { outcomes });
    await force(ids[0]!, ['SUCCESS']);
    await force(ids[1]!, ['SUCCESS']);
    await force(ids[2]!, ['REFUSAL']);
    await force(ids[3]!, ['AGENT_REJECTED']);
    await force(ids[4]!, ['BUSY', 'BUSY', 'BUSY', 'BUSY', 'BUSY']);
    const before = await sb.get(`/campaigns/${campaign}/customerResultStatistics`);
    expect(before.body).toEqual([{ result: 'DIALING', count: 5 }]);
    await sb.activate(campaign);
    await sb.advance(30 * MINUTE);
    const res = await sb.get(`/campaigns/${campaign}/customerResultStatistics`);
    expect(res.body).toEqual([
      { result: 'AGENT_REJECTED', callResult: 'AGENT_REJECTED', classifier: 'AGENT_REJECTED', count: 1 },
      { result: 'DIALING', callResult: 'BUSY', count: 1 },
      { result: 'REFUSAL', callResult: 'REFUSAL', classifier: 'Refusal', count: 1 },
      { result: 'SUCCESS', callResult: 'SUCCESS', classifier: 'Offer accepted', count: 2 },
    ]);
  });
});
