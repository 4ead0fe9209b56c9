import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignSchema, CustomerSchema } from '../../contracts/sinch/schemas.ts';
import { MINUTE, PREFIX, type SinchSandbox, type TestSimulator, basic, newCustomer, startSinch } from './harness.ts';
import { toXml } from '../../src/clients/sinch/xml.ts';
import { MAX_JSON_TOKENS, MAX_LIST_ITEMS, MAX_XML_TAGS } from '../../simulators/sinch/limits.ts';

let t: TestSimulator;
beforeAll(async () => {
  t = await startSinch();
});

/** Parses an XML answer the way a client would (repeated elements → arrays, numbers kept as text). */
function xml(text: string, arrays: string[] = []): Record<string, unknown> {
  return new XMLParser({ parseTagValue: false, isArray: (_n, path) => arrays.includes(String(path)) }).parse(text);
}

const emptySandbox = () => t.sandbox({ sinch: { customersPerCampaign: 0 } });

const CUSTOMER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<customer>
  <externalId>x-1</externalId>
  <numbers>0215428754;98521542</numbers>
  <priority>3</priority>
  <previewTime>20</previewTime>
  <timeZone>Europe/Helsinki</timeZone>
  <attributes>
    <attribute><name>City</name><value>New York</value></attribute>
    <attribute><name>First Name</name><value>Kathy &amp; Co</value></attribute>
  </attributes>
</customer>`;

describe('XML both ways', () => {
  it('a customer posted as XML reads back identically as XML and JSON', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const created = await sb.send('POST', `/campaigns/${campaign}/customers`, CUSTOMER_XML, {
      contentType: 'application/xml',
      accept: 'text/html',
    });
    expect(created.status, created.text).toBe(201);
    const asJson = CustomerSchema.parse(await sb.customer(campaign, created.text));
    expect(asJson).toMatchObject({
      externalId: 'x-1',
      numbers: '0215428754;98521542',
      priority: 3,
      previewTime: 20,
      attributes: {
        attribute: [
          { name: 'City', value: 'New York' },
          { name: 'First Name', value: 'Kathy & Co' },
          { name: 'Phone1', value: '0215428754' },
          { name: 'Phone2', value: '98521542' },
        ],
      },
    });
    const asXml = await sb.get(`/campaigns/${campaign}/customers/${created.text}`, { accept: 'application/xml' });
    expect(asXml.status).toBe(200);
    expect(asXml.headers['content-type']).toMatch(/^application\/xml/);
    expect(asXml.text).toContain('<name>First Name</name><value>Kathy &amp; Co</value>');
    const parsed = xml(asXml.text, ['customer.attributes.attribute']).customer as Record<string, unknown>;
    expect(parsed).toMatchObject({ id: created.text, externalId: 'x-1', priority: '3', callCount: '0' });
    expect(parsed.attributes).toEqual({
      attribute: asJson.attributes!.attribute.map((a) => ({ name: a.name, value: a.value })),
    });
  });

  it('lists are <campaigns><campaign>…, <customers><customer>…, bulk answers <items><item>…', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(0);
    const list = await sb.get('/campaigns', { accept: 'application/xml' });
    const campaigns = (xml(list.text, ['campaigns.campaign']).campaigns as { campaign: Record<string, string>[] })
      .campaign;
    expect(campaigns.map((c) => c.id)).toEqual(sb.section.campaigns);
    expect(campaigns[0]).toMatchObject({ dialer: campaigns[0]!.dialerId, status: 'Passive', total: '0' });

    const bulkXml = `<customers>${[1, 2]
      .map((n) => `<customer><numbers>+5214520${n}</numbers></customer>`)
      .join('')}<customer><numbers>+number;</numbers></customer></customers>`;
    const bulk = await sb.send('POST', `/campaigns/${campaign}/customers/list`, bulkXml, {
      contentType: 'application/xml',
      accept: 'application/xml',
    });
    expect(bulk.status).toBe(200);
    const items = (xml(bulk.text, ['items.item']).items as { item: Record<string, string>[] }).item;
    expect(items.map((i) => i.statusCode)).toEqual(['201', '201', '400']);
    expect(items[2]!.error).toBe("Invalid numbers: '+number;'");

    const customers = await sb.get(`/campaigns/${campaign}/customers`, { accept: 'application/xml' });
    const parsed = xml(customers.text, ['customers.customer']).customers as { customer: Record<string, string>[] };
    expect(parsed.customer.map((c) => c.id)).toEqual([items[0]!.id, items[1]!.id]);
    // An empty list is an empty root element.
    const none = await sb.get(`/campaigns/${campaign}/customers`, {
      accept: 'application/xml',
      query: { externalId: 'none' },
    });
    expect(none.text).toBe('<?xml version="1.0" encoding="UTF-8"?><customers></customers>');
  });

  it('PUT campaign takes XML, numbers included; statistics and errors answer XML too', async () => {
    const sb = await emptySandbox();
    const campaign = sb.campaign(1);
    const body = `<campaign><name>XML Campaign</name><dialingMode>PREDICTIVE</dialingMode><queueId>${sb.section.queues[0]}</queueId><abandonRate>0.5</abandonRate><endDate>2030-01-01T00:00:00Z</endDate></campaign>`;
    const put = await sb.send('PUT', `/campaigns/${campaign}`, body, { contentType: 'application/xml' });
    expect(put.status, put.text).toBe(204);
    expect(CampaignSchema.parse(await sb.campaignView(campaign))).toMatchObject({
      name: 'XML Campaign',
      abandonRate: 0.5,
    });

    const [id] = (await sb.addCustomers(campaign, [newCustomer(1)])) as [string];
    await sb.admin('POST', `/vendors/sinch/campaigns/${campaign}/customers/${id}/outcomes`, { outcomes: ['NOANSWER'] });
    await sb.activate(campaign);
    await sb.advance(5 * MINUTE);
    const stats = await sb.get('/statistics', { accept: 'application/xml' });
    const row = (xml(stats.text, ['statistics.statistic']).statistics as { statistic: Record<string, string>[] })
      .statistic[0];
    // The dialer handled the NOANSWER alone: agentId is null in JSON and absent in XML.
    expect(row).toMatchObject({ campaignId: campaign, campaignName: 'XML Campaign', numberOfCalls: '1' });
    expect(row).not.toHaveProperty('agentId');
    const results = await sb.get(`/campaigns/${campaign}/customerResultStatistics`, { accept: 'application/xml' });
    expect(results.text).toContain(
      '<customerResultStatistics><customerResultStatistic><result>DIALING</result><callResult>NOANSWER</callResult><count>1</count></customerResultStatistic></customerResultStatistics>',
    );

    const wrongRoot = await sb.send('PUT', `/campaigns/${campaign}`, '<customer><name>x</name></customer>', {
      contentType: 'application/xml',
      accept: 'application/xml',
    });
    expect(wrongRoot.status).toBe(400);
    expect(xml(wrongRoot.text).error).toMatchObject({ statusCode: '400' });
    const malformed = await sb.send('PUT', `/campaigns/${campaign}`, '<campaign><name>x</campaign>', {
      contentType: 'application/xml; charset=utf-8',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^Malformed XML/);
    const notFound = await sb.get('/campaigns/0123456789ABCDEF0123456789ABCDEF', { accept: 'application/xml' });
    expect(notFound.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><error><statusCode>404</statusCode><error>Campaign not found: 0123456789ABCDEF0123456789ABCDEF</error></error>',
    );
  });
});

describe('hostile bodies', () => {
  /** Posts a body and checks the refusal: 400 in the error shape, nothing stored. */
  async function refused(sb: SinchSandbox, path: string, body: string, contentType: string, error: RegExp) {
    const res = await sb.send('POST', path, body, { contentType });
    expect(res.status, res.text).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: expect.stringMatching(error) });
    expect((await sb.get(`/campaigns/${sb.campaign(0)}/customers`)).body).toEqual([]);
  }

  it('a DOCTYPE is refused: no internal entity is expanded, no external one is fetched', async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers`;
    const doctypes = [
      // Expanded, this would be a valid number and the customer would be created.
      '<!DOCTYPE customer [<!ENTITY n "0215428754">]><customer><numbers>&n;</numbers></customer>',
      '<!DOCTYPE customer [<!ENTITY a "12"><!ENTITY b "&a;&a;">]><customer><numbers>&b;</numbers></customer>',
      '<!DOCTYPE customer [<!ENTITY x SYSTEM "file:///etc/passwd">]><customer><numbers>&x;</numbers></customer>',
      '<!DOCTYPE customer SYSTEM "http://127.0.0.1:1/customer.dtd"><customer><numbers>1</numbers></customer>',
      // Inside the root element too: fast-xml-parser reads a DOCTYPE there and expands what it declares.
      '<customer><!DOCTYPE customer [<!ENTITY n "0215428754">]><numbers>&n;</numbers></customer>',
      '<customer><numbers>1</numbers><!-- <!DOCTYPE x> --></customer>',
    ];
    for (const doctype of doctypes) {
      for (const prolog of ['', '<?xml version="1.0"?>', '\uFEFF<?xml version="1.0"?>\n<!-- c --><?pi x?> ']) {
        await refused(sb, path, `${prolog}${doctype}`, 'application/xml', /^Malformed XML: a DOCTYPE/);
      }
    }
    // The same words as text are only text.
    const text = '<customer><externalId>&lt;!DOCTYPE x&gt;</externalId><numbers>1</numbers></customer>';
    const created = await sb.send('POST', path, text, { contentType: 'application/xml' });
    expect(created.status, created.text).toBe(201);
    expect((await sb.customer(sb.campaign(0), created.text)).externalId).toBe('<!DOCTYPE x>');
  });

  it('deeply nested XML and JSON answer 400, whole requests and list items alike', async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers`;
    const depth = 9_000; // deeper ones pass the structure bounds (413, below)
    const deepXml = `<customer><numbers>1</numbers><attributes>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</attributes></customer>`;
    await refused(sb, path, deepXml, 'application/xml', /^Malformed XML/);
    const deepArray = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const deepObject = `${'{"numbers":'.repeat(depth)}1${'}'.repeat(depth)}`;
    await refused(sb, path, `{"numbers":${deepArray}}`, 'application/json', /^Invalid numbers: '\[/);
    await refused(sb, path, deepObject, 'application/json', /^Invalid numbers: '\{/);
    const list = await sb.send('POST', `${path}/list`, `[${deepObject},${deepArray}]`, {
      contentType: 'application/json',
    });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { statusCode: 400, error: expect.stringMatching(/^Invalid numbers: '\{/) },
      { statusCode: 400, error: expect.stringMatching(/^Invalid customer: '\[/) },
    ]);
  });
});

describe('bounded bodies (assumed limits, checked before parsing)', () => {
  /** Posts a body and checks the refusal: 413 in the error shape, nothing stored. */
  async function tooLarge(sb: SinchSandbox, path: string, body: string, contentType: string, error: RegExp) {
    const res = await sb.send('POST', path, body, { contentType });
    expect(res.status, res.text.slice(0, 200)).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, error: expect.stringMatching(error) });
    expect((await sb.get(`/campaigns/${sb.campaign(0)}/customers`)).body).toEqual([]);
  }

  it(`a list holds at most ${MAX_LIST_ITEMS} items, in JSON and in XML`, async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers/list`;
    const items = (n: number) => Array.from({ length: n }, (_, i) => newCustomer(i));
    const xml = (n: number) => toXml('customers', { customer: items(n) });
    await tooLarge(sb, path, JSON.stringify(items(MAX_LIST_ITEMS + 1)), 'application/json', /at most 1000 items/);
    await tooLarge(sb, path, xml(MAX_LIST_ITEMS + 1), 'application/xml', /at most 1000 items per request, got 1001/);
    // The attack that held every sandbox for 45 s: 3,000,000 empty items (9 MB).
    await tooLarge(sb, path, `[${'{},'.repeat(3_000_000)}{}]`, 'application/json', /exceeds 8388608 bytes/);
    await tooLarge(sb, path, `[${'{},'.repeat(2_000_000)}{}]`, 'application/json', /at most 1000 items/); // 6 MB
    const atLimit = await sb.send('POST', path, xml(MAX_LIST_ITEMS), { contentType: 'application/xml' });
    expect(atLimit.status).toBe(200);
    expect((await sb.get(`/campaigns/${sb.campaign(0)}/customers?limit=2000`)).body).toHaveLength(MAX_LIST_ITEMS);
  });

  it('structure is bounded too: JSON tokens and XML tags, whole requests and lists alike', async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers`;
    const attributes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `a${i}`, value: 'v' }));
    const oneCustomer = { numbers: '+358401234567', attributes: { attribute: attributes(MAX_JSON_TOKENS / 2) } };
    await tooLarge(sb, path, JSON.stringify(oneCustomer), 'application/json', /40000 JSON structure tokens/);
    // The attack that held every sandbox for 28 s, cut down: children of one element, far beyond the tag bound.
    const children = `<customers>${'<customer/>'.repeat(MAX_XML_TAGS + 1)}</customers>`;
    await tooLarge(sb, `${path}/list`, children, 'application/xml', /more than 40000 tags/);
    await tooLarge(sb, path, `<customer>${'<a/>'.repeat(MAX_XML_TAGS)}</customer>`, 'application/xml', /tags/);
  });
});

describe('content negotiation', () => {
  it('Accept picks JSON or XML (q-values honoured); no Accept means JSON; anything else is 406', async () => {
    const sb = await emptySandbox();
    const type = async (accept?: string) => {
      const res = await sb.get('/campaigns', accept === undefined ? {} : { accept });
      return res.status === 200 ? (res.headers['content-type'] as string).split(';')[0] : res.status;
    };
    expect(await type()).toBe('application/json');
    expect(await type('application/json')).toBe('application/json');
    expect(await type('application/xml')).toBe('application/xml');
    expect(await type('*/*')).toBe('application/json');
    expect(await type('application/*')).toBe('application/json');
    expect(await type('application/json;q=0.5, application/xml')).toBe('application/xml');
    expect(await type('text/html, application/xml;q=0.1')).toBe('application/xml');
    expect(await type('Application/XML; charset=UTF-8')).toBe('application/xml');
    expect(await type('application/json;Q=0.1 , Application/Xml;q=0.9')).toBe('application/xml');
    expect(await type('text/html, */*;q=0.1')).toBe('application/json');
    expect(await type('text/csv')).toBe(406);
    expect(await type('application/xml;q=0, application/json;q=0')).toBe(406);
    const refused = await sb.get('/campaigns', { accept: 'text/csv' });
    expect(refused.body).toEqual({
      statusCode: 406,
      error: "Not Acceptable: 'text/csv'; this resource produces application/json, application/xml",
    });
  });

  it('bodies need a documented Content-Type (415 otherwise, nothing stored)', async () => {
    const sb = await emptySandbox();
    const path = `/campaigns/${sb.campaign(0)}/customers/list`;
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'text/xml']) {
      const res = await sb.send('POST', path, JSON.stringify([newCustomer(1)]), { contentType });
      expect(res.status, contentType).toBe(415);
    }
    const missing = await t.api.post(`${PREFIX}${path}`).set('Authorization', sb.auth).send(Buffer.from('[]'));
    expect(missing.status).toBe(415);
    expect((await sb.get(`/campaigns/${sb.campaign(0)}/customers`)).body).toEqual([]);
  });
});

describe('authentication', () => {
  it('HTTP Basic with the sandbox user and password; 401 with WWW-Authenticate otherwise', async () => {
    const sb = await emptySandbox();
    const { username, password } = sb.section;
    const attempts: (string | false)[] = [
      false,
      basic(username, 'wrong'),
      basic('nobody', password),
      'Bearer abc',
      `Basic ${Buffer.from(username).toString('base64')}`,
      'Basic !!!',
    ];
    for (const auth of attempts) {
      const res = await sb.get('/campaigns', { auth });
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="OBI"');
      expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized' });
    }
    const xmlRefusal = await sb.get('/campaigns', { auth: false, accept: 'application/xml' });
    expect(xmlRefusal.text).toContain('<statusCode>401</statusCode>');
    expect((await sb.get('/campaigns')).status).toBe(200);
  });

  it('credentials isolate sandboxes; custom credentials come from options.sinch', async () => {
    const a = await t.sandbox({ sinch: { username: 'qa-user', password: 'p:w' } });
    const b = await t.sandbox({ seed: 43 });
    expect(a.section).toMatchObject({ username: 'qa-user', password: 'p:w' });
    const res = await t.api.get(`${PREFIX}/campaigns`).set('Authorization', basic('qa-user', 'p:w'));
    expect(res.body.map((c: { id: string }) => c.id)).toEqual(a.section.campaigns);
    expect(a.section.campaigns).not.toEqual(b.section.campaigns);
    const clash = await t.api.post('/__admin/sandboxes').send({ options: { sinch: { username: 'qa-user' } } });
    expect(clash.status).toBe(409);
    const invalid = await t.api.post('/__admin/sandboxes').send({ options: { sinch: { username: 'a:b' } } });
    expect(invalid.status).toBe(400);
  });

  it('describes the sandbox exactly as vendors.sinch: baseUrl, username, password, campaigns, queues, agents', async () => {
    const sb = await emptySandbox();
    expect(Object.keys(sb.section).sort()).toEqual([
      'agents',
      'baseUrl',
      'campaigns',
      'password',
      'queues',
      'username',
    ]);
    expect(new URL(sb.section.baseUrl).pathname).toBe('/sinch/RI/obi');
    for (const id of [...sb.section.campaigns, ...sb.section.queues, ...sb.section.agents])
      expect(id).toMatch(/^[0-9A-F]{32}$/);
  });
});

describe('unknown paths and methods', () => {
  it('405 with Allow for a wrong method on a known path, 404 for an unknown path', async () => {
    const sb = await emptySandbox();
    const res = await sb.send('DELETE', `/campaigns/${sb.campaign(0)}`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, PUT');
    const missing = await sb.get('/campaignz');
    expect(missing.status).toBe(404);
    expect(missing.body.statusCode).toBe(404);
    const malformed = await sb.get(`/campaigns/${sb.campaign(0)}/customers/%ZZ`);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ statusCode: 400, error: expect.stringMatching(/^Malformed URL/) });
  });
});
