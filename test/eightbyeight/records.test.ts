import { describe, expect, it } from 'vitest';
import { CampaignRecordSchema, RecordsResponseSchema } from '../../contracts/eightbyeight/schemas.ts';
import { parseXml } from '../../simulators/core/serializers/xml.ts';
import { isValidPhone } from '../../simulators/eightbyeight/models.ts';
import { CAMPAIGN, DAY, useEightByEight } from './harness.ts';

/** GET …/records.json and …/records (XML), the phone-list filter, and DELETE …/customers/{customerId}. */
const t = useEightByEight();

const KNOWN = [
  { 'customer-id': 20_000_001, phone: '5551234567' },
  { 'customer-id': 20_000_002, phone: '5557654321' },
  { 'customer-id': 20_000_003, phone: '' },
];

async function addKnownCustomers(campaignId = CAMPAIGN.running) {
  const crm = await t.sb.admin('POST', '/vendors/eightbyeight/crm/customers', { customers: KNOWN });
  expect(crm.status).toBe(200);
  await t.sb.addOk(
    campaignId,
    KNOWN.map((c) => ({ 'customer-id': c['customer-id'] })),
  );
}

function xmlRecords(text: string): Record<string, string>[] {
  const parsed = parseXml(text, { arrayPaths: ['records.record'] }) as {
    records: { record?: Record<string, string>[] } | '';
  };
  return parsed.records === '' ? [] : (parsed.records.record ?? []);
}

describe('GET /api/stats/campaigns/{campaignId}/records.json', () => {
  it('lists every record in the documented shape, in the order they were added', async () => {
    await addKnownCustomers();
    const res = await t.sb.recordsJson(CAMPAIGN.running);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { record } = RecordsResponseSchema.parse(res.body).records;
    const name = t.sb.section.campaigns[0]!.name;
    expect(record).toEqual([
      {
        'campaign-name': name,
        'campaign-id': CAMPAIGN.running,
        'record-id': 20_000_001, // the customer's ACCOUNTNUM (README, 8x8 facts)
        'phone-list': '*Phone Number|5551234567',
        status: 1, // the running campaign queued it at once
        'status-code': 0,
        'ext-trans-data': '',
        'disposition-code': 1000,
      },
      expect.objectContaining({ 'phone-list': '*Phone Number|5557654321', status: 1 }),
      // No phone number: the dialer completed it at once with status-code 3.
      expect.objectContaining({ 'phone-list': '', status: 3, 'status-code': 3 }),
    ]);
    expect(record.map((r) => r['record-id'])).toEqual(KNOWN.map((c) => c['customer-id']));
  });

  it("writes each record's keys in the document's order", async () => {
    await addKnownCustomers();
    const res = await t.sb.recordsJson(CAMPAIGN.running, { 'phone-list': '5551234567' });
    const [record] = RecordsResponseSchema.parse(res.body).records.record;
    expect(res.text).toBe(
      `{"records":{"record":[{"campaign-name":${JSON.stringify(record!['campaign-name'])},"campaign-id":125,` +
        `"record-id":${record!['record-id']},"phone-list":"*Phone Number|5551234567","status":1,"status-code":0,` +
        `"ext-trans-data":"","disposition-code":1000}]}}`,
    );
  });

  it('streams a large answer (chunked, no Content-Length)', async () => {
    const batch = Array.from({ length: 2000 }, (_, i) => ({ 'customer-id': 10_001_000 + i }));
    expect((await t.sb.addOk(CAMPAIGN.running, batch)).every((o) => o['http-status'] === 200)).toBe(true);
    const res = await t.sb.recordsJson(CAMPAIGN.running);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(RecordsResponseSchema.parse(res.body).records.record).toHaveLength(2000);
  });

  it('answers an empty list as {"records": {"record": []}}', async () => {
    const res = await t.sb.recordsJson(CAMPAIGN.running);
    expect(res.body).toEqual({ records: { record: [] } });
  });

  describe('the finished fixture records of the stopped campaign', () => {
    /**
     * One per documented status-code, with the disposition the dialer gives it, and a phone that fits the code:
     * dialed ones (0–2) have a valid phone, 3 No Phone Number has none, 4 Invalid Phone Number has an invalid one.
     */
    function expectConsistent(record: { 'phone-list': string; [field: string]: unknown }[]) {
      expect(record.map((r) => [r.status, r['status-code'], r['disposition-code']])).toEqual([
        [3, 0, 1002],
        [3, 1, 1001],
        [3, 2, 1000],
        [3, 3, 1000],
        [3, 4, 1000],
      ]);
      for (const r of record) {
        const list = r['phone-list'];
        const phone = list.slice(list.lastIndexOf('|') + 1);
        const code = r['status-code'];
        if (code === 3) expect(list, 'no phone number').toBe('');
        else if (code === 4) expect(phone !== '' && !isValidPhone(phone), `${list} is an invalid phone`).toBe(true);
        else expect(isValidPhone(phone), `${list} is a valid phone (status-code ${code})`).toBe(true);
      }
    }

    it.each([1, 2, 3, 5, 8, 13, 42, 2024])('agree with their status-codes (seed %i)', async (seed) => {
      t.sb = await t.sim.sandbox({ seed });
      expectConsistent((await t.sb.recordsJson(CAMPAIGN.stopped)).body.records.record);
    });

    it('agree with their status-codes in the default sandbox', async () => {
      const auth = `Basic ${Buffer.from('bocdemo:demo-data-request-token').toString('base64')}`;
      const res = await t.api
        .get(`/eightbyeight/vcc-na12/api/stats/campaigns/${CAMPAIGN.stopped}/records.json`)
        .set('authorization', auth);
      expect(res.status).toBe(200);
      expectConsistent(res.body.records.record);
    });
  });

  it.each([
    ['the Contact Number field name real clients send', '*Contact Number|5551234567'],
    ['the Phone Number field name the records show', '*Phone Number|5551234567'],
    ['the bare number', '5551234567'],
  ])('filters by phone-list with %s', async (_label, filter) => {
    await addKnownCustomers();
    const { record } = (await t.sb.recordsJson(CAMPAIGN.running, { 'phone-list': filter })).body.records;
    expect(record.map((r: { 'phone-list': string }) => r['phone-list'])).toEqual(['*Phone Number|5551234567']);
  });

  it.each([
    ['a filter without digits matches the records without a phone number', '*Contact Number|', ['']],
    ['an empty filter lists every record', '', ['*Phone Number|5551234567', '*Phone Number|5557654321', '']],
  ])('%s', async (_label, filter, phones) => {
    await addKnownCustomers();
    const { record } = (await t.sb.recordsJson(CAMPAIGN.running, { 'phone-list': filter })).body.records;
    expect(record.map((r: { 'phone-list': string }) => r['phone-list'])).toEqual(phones);
  });

  it('answers an empty list when no record has the filtered phone', async () => {
    await addKnownCustomers();
    const res = await t.sb.recordsJson(CAMPAIGN.running, { 'phone-list': '*Contact Number|5550000000' });
    expect(res.body).toEqual({ records: { record: [] } });
  });

  it('shows the CRM field name chosen for the sandbox (option phoneLabel)', async () => {
    t.sb = await t.sim.sandbox({ eightbyeight: { phoneLabel: 'Contact Number' } });
    await addKnownCustomers();
    const { record } = (await t.sb.recordsJson(CAMPAIGN.running)).body.records;
    expect(record[0]['phone-list']).toBe('*Contact Number|5551234567');
  });

  it('answers 404 for an unknown campaign', async () => {
    const res = await t.sb.recordsJson(4242);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ 'http-status': 404, message: 'The campaign cannot be found.' });
  });

  it('lists records of a non-dynamic campaign too', async () => {
    const res = await t.sb.recordsJson(CAMPAIGN.list);
    expect(res.status).toBe(200);
    expect(res.body.records.record).toHaveLength(3);
  });
});

describe('GET /api/stats/campaigns/{campaignId}/records (XML)', () => {
  it('answers the same records as XML <records><record>…', async () => {
    await addKnownCustomers();
    const json = (await t.sb.recordsJson(CAMPAIGN.running)).body.records.record;
    const res = await t.sb.recordsXml(CAMPAIGN.running);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const text = res.body as string;
    // README: `<records><record><record-id>…`: the record id is the first element of a record.
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><records><record><record-id>\d+<\/record-id>/);
    const xml = xmlRecords(text).map((r) => CampaignRecordSchema.parse(numbersOf(r)));
    expect(xml).toEqual(json);
  });

  it('applies the phone-list filter real clients use (?phone-list=*Contact%20Number%7C{phone})', async () => {
    await addKnownCustomers();
    const res = await t.sb.recordsXml(CAMPAIGN.running, { 'phone-list': '*Contact Number|5557654321' });
    const records = xmlRecords(res.body as string);
    expect(records.map((r) => r['phone-list'])).toEqual(['*Phone Number|5557654321']);
    expect(records[0]!['record-id']).toMatch(/^\d+$/);
  });

  it('answers <records></records> when nothing matches', async () => {
    const res = await t.sb.recordsXml(CAMPAIGN.running);
    expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><records></records>');
  });

  it('escapes text content', async () => {
    await t.sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}`, { name: 'Q&A <VIP> "calls"' });
    await addKnownCustomers();
    const records = xmlRecords((await t.sb.recordsXml(CAMPAIGN.running)).body as string);
    expect(records[0]!['campaign-name']).toBe('Q&A <VIP> "calls"');
  });
});

/** XML values are text; the record schema wants the documented numbers. */
function numbersOf(record: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = ['campaign-id', 'record-id', 'status', 'status-code', 'disposition-code'].includes(key)
      ? Number(value)
      : value;
  }
  return out;
}

describe('DELETE /api/tstats/campaigns/{campaignId}/customers/{customerId}', () => {
  it('answers 204 with no body and removes the record from the list and the count', async () => {
    await addKnownCustomers();
    const res = await t.sb.remove(CAMPAIGN.running, 20_000_002);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const phones = (await t.sb.records(CAMPAIGN.running)).map((r) => r['phone-list']);
    expect(phones).toEqual(['*Phone Number|5551234567', '']);
    expect((await t.sb.campaign(CAMPAIGN.running)).body.campaign['no-of-records']).toBe(2);
  });

  it('never dials a deleted record again, and frees its line for the next one', async () => {
    t.sb = await t.sim.sandbox({ eightbyeight: { lines: 1 } });
    const [a, b] = t.sb.section.crmCustomers;
    const when = new Date(Date.parse('2024-03-01T10:00:00.000Z') + 3_600_000).toISOString();
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }, { 'customer-id': b, 'schedule-date-time': when }]);
    expect((await t.sb.inspect(CAMPAIGN.running, a!))?.record.status).toBe(1);
    expect((await t.sb.remove(CAMPAIGN.running, a!)).status).toBe(204);
    expect((await t.sb.remove(CAMPAIGN.running, b!)).status).toBe(204);
    await t.sb.advance(DAY);
    expect(await t.sb.records(CAMPAIGN.running)).toEqual([]);
    const dialer = (await t.sb.admin('GET', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}`)).body.dialer;
    expect(dialer.busy).toBe(0);
  });

  it('lets a deleted customer be added again, under the same record-id (its ACCOUNTNUM)', async () => {
    const [a] = t.sb.section.crmCustomers;
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }]);
    await t.sb.remove(CAMPAIGN.running, a!);
    expect((await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }]))[0]!['http-status']).toBe(200);
    expect((await t.sb.inspect(CAMPAIGN.running, a!))!.record['record-id']).toBe(a);
  });

  it.each([
    ['a customer not in the campaign', CAMPAIGN.running, 10_000_050, 404, 'The customer has not been located.'],
    ['a customer deleted already', CAMPAIGN.running, 'deleted', 404, 'The customer has not been located.'],
    ['a non-numeric customer id', CAMPAIGN.running, 'abc', 404, 'The customer has not been located.'],
    ['an unknown campaign', 4242, 10_000_000, 404, 'The campaign cannot be found.'],
    // 8x8's OpenAPI, DELETE 400 examples (its words differ from add's: "This …").
    ['a non-dynamic campaign', CAMPAIGN.list, 10_000_005, 400, 'This is not a dynamic campaign.'],
    ['a disabled campaign', CAMPAIGN.disabled, 10_000_000, 400, 'This campaign is not enabled.'],
    ['a stopped campaign', CAMPAIGN.stopped, 10_000_000, 400, 'The campaign has stopped. No customers can be deleted.'],
    [
      'a stopped campaign, customer not in it',
      CAMPAIGN.stopped,
      1,
      400,
      'The campaign has stopped. No customers can be deleted.',
    ],
  ])('refuses %s', async (_label, campaignId, customer, status, message) => {
    let id = customer;
    if (customer === 'deleted') {
      id = t.sb.section.crmCustomers[0]!;
      await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': id }]);
      await t.sb.remove(CAMPAIGN.running, id);
    }
    const res = await t.sb.remove(campaignId, id);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ 'http-status': status, message });
  });

  it("refuses a record already offered to an agent (Accepted) or dialed (Completed): 8x8's OpenAPI", async () => {
    t.sb = await t.sim.sandbox({
      eightbyeight: { lines: 1, acceptDelayMs: 1000, talkMinMs: 60_000, talkMaxMs: 60_000 },
    });
    const [a, b] = t.sb.section.crmCustomers;
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }, { 'customer-id': b }]);
    const outcome = { 'status-code': 0, 'disposition-code': 1000 };
    await t.sb.admin('POST', `/vendors/eightbyeight/campaigns/${CAMPAIGN.running}/customers/${a}/outcome`, outcome);
    await t.sb.advance(1000);
    expect((await t.sb.inspect(CAMPAIGN.running, a!))!.record.status).toBe(2); // Accepted: in a call
    const refused = { 'http-status': 400, message: 'The customer is not available for deletion.' };
    let res = await t.sb.remove(CAMPAIGN.running, a!);
    expect([res.status, res.body]).toEqual([400, refused]);
    await t.sb.advance(60_000);
    expect((await t.sb.inspect(CAMPAIGN.running, a!))!.record.status).toBe(3); // Completed
    res = await t.sb.remove(CAMPAIGN.running, a!);
    expect([res.status, res.body]).toEqual([400, refused]);
    expect((await t.sb.records(CAMPAIGN.running)).map((r) => r['record-id'])).toEqual([a, b]);
    // New, Queued and Scheduled records can be removed.
    expect((await t.sb.inspect(CAMPAIGN.running, b!))!.record.status).toBe(1);
    expect((await t.sb.remove(CAMPAIGN.running, b!)).status).toBe(204);
  });

  it("leaves a stopped campaign's records in place", async () => {
    expect((await t.sb.remove(CAMPAIGN.stopped, 10_000_000)).status).toBe(400);
    expect(await t.sb.records(CAMPAIGN.stopped)).toHaveLength(5);
  });
});
