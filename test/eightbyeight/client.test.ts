import { describe, expect, it } from 'vitest';
import {
  EightByEightClient,
  EightByEightHttpError,
  EightByEightResponseError,
  RecordStreamParser,
  eightByEightBaseUrl,
} from '../../src/clients/eightbyeight/index.ts';
import { CAMPAIGN, DAY, NOW_MS, iso, useEightByEight } from './harness.ts';

/** The reference client against the simulator: typed 207 outcomes, both tokens, typed errors, streaming. */
const t = useEightByEight();

function client(overrides: Partial<ConstructorParameters<typeof EightByEightClient>[0]> = {}) {
  return new EightByEightClient({
    baseUrl: t.sb.section.baseUrl,
    username: t.sb.section.username,
    actionToken: t.sb.section.actionToken,
    dataToken: t.sb.section.dataToken,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
}

/** CRM customers with known phones, added to the running campaign. */
async function addWithPhones(customers: [id: number, phone: string][]): Promise<void> {
  const crm = customers.map(([id, phone]) => ({ 'customer-id': id, phone }));
  expect((await t.sb.admin('POST', '/vendors/eightbyeight/crm/customers', { customers: crm })).status).toBe(200);
  await client().addRecords(
    CAMPAIGN.running,
    customers.map(([customerId]) => ({ customerId })),
  );
}

describe('addRecords', () => {
  it('returns one typed outcome per record, in request order', async () => {
    const [a, b, c] = t.sb.section.crmCustomers;
    const at = iso(NOW_MS + DAY);
    const result = await client().addRecords(CAMPAIGN.running, [
      { customerId: a!, scheduleDateTime: new Date(at) },
      { customerId: b! },
      { customerId: b! },
      { customerId: 9 },
      { customerId: c!, scheduleDateTime: '2016-08-29T 09:00:00.000Z' },
      { customerId: c!, scheduleDateTime: '2016-08-29T09:00:00.000Z' },
      { customerId: c!, scheduleDateTime: iso(NOW_MS + 8 * DAY) },
      { customerId: c!, scheduleDateTime: iso(Date.parse(t.sb.section.campaigns[0]!.scheduleTo) + 1) },
      { customerId: 'x' },
    ]);
    expect(result.outcomes.map((o) => [o.index, o.kind, o.httpStatus])).toEqual([
      [0, 'added', 200],
      [1, 'added', 200],
      [2, 'duplicate', 400],
      [3, 'customerNotFound', 404],
      [4, 'invalidScheduleFormat', 400],
      [5, 'scheduleInPast', 400],
      [6, 'scheduleTooFarAhead', 400],
      [7, 'outsideCampaignSchedule', 400],
      [8, 'invalidCustomerId', 400],
    ]);
    expect(result.outcomes[0]).toEqual({
      kind: 'added',
      index: 0,
      customerId: a,
      scheduleDateTime: at,
      httpStatus: 200,
    });
    expect(result.added.map((o) => o.customerId)).toEqual([a, b]);
    expect(result.refused).toHaveLength(7);
    expect(result.refused[0]!.message).toBe('Duplicate customer');
  });

  it.each([
    [CAMPAIGN.list, 400, 'notDynamic'],
    [CAMPAIGN.disabled, 400, 'notEnabled'],
    [CAMPAIGN.stopped, 400, 'campaignStopped'],
    [CAMPAIGN.notStarted, 400, 'notStarted'],
    [4242, 404, 'campaignNotFound'],
  ])('throws a typed error for a whole-request failure (campaign %s)', async (id, status, code) => {
    const err = await client()
      .addRecords(id, [{ customerId: 10_000_100 }])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EightByEightHttpError);
    expect(err).toMatchObject({ status, code });
  });

  it('throws invalidCustomerList for an empty list', async () => {
    await expect(client().addRecords(CAMPAIGN.running, [])).rejects.toMatchObject({ code: 'invalidCustomerList' });
  });

  it('sends the Action Request Token: a client holding only the data token is refused', async () => {
    const err = await client({ actionToken: t.sb.section.dataToken })
      .addRecords(CAMPAIGN.running, [{ customerId: 10_000_100 }])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 401,
      code: 'unauthorized',
      vendorMessage: 'This call requires the Action Request Token.',
    });
  });
});

describe('reads', () => {
  it('lists records from records.json and from the XML endpoint identically, with the phone filter', async () => {
    await addWithPhones([
      [60_000_001, '5551112222'],
      [60_000_002, '5553334444'],
    ]);
    const json = await client().listRecords(CAMPAIGN.running);
    expect(json).toHaveLength(2);
    expect(await client().listRecordsXml(CAMPAIGN.running)).toEqual(json);
    const filtered = await client().listRecordsXml(CAMPAIGN.running, { phone: '5553334444' });
    expect(filtered.map((r) => r['phone-list'])).toEqual(['*Phone Number|5553334444']);
    expect(await client().listRecords(CAMPAIGN.running, { phone: '5553334444' })).toEqual(filtered);
  });

  it('streams records in batches', async () => {
    const ids = t.sb.section.crmCustomers;
    await client().addRecords(
      CAMPAIGN.running,
      Array.from({ length: 3000 }, (_, i) => ({ customerId: ids[0]! + i })),
    );
    const streamed = [];
    for await (const record of client().streamRecords(CAMPAIGN.running)) streamed.push(record);
    expect(streamed).toEqual(await client().listRecords(CAMPAIGN.running));
    expect(streamed).toHaveLength(3000);
  });

  it('reads the campaign with the Data Request Token and refuses the action token', async () => {
    expect((await client().getCampaign(CAMPAIGN.running))['campaign-id']).toBe(125);
    await expect(client({ dataToken: t.sb.section.actionToken }).getCampaign(CAMPAIGN.running)).rejects.toMatchObject({
      status: 401,
      vendorMessage: 'This call requires the Data Request Token.',
    });
    await expect(
      client({ dataToken: t.sb.section.actionToken }).streamRecords(CAMPAIGN.running).next(),
    ).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('writes', () => {
  it('changes the campaign status and reports invalid transitions', async () => {
    expect(await client().setCampaignStatus(CAMPAIGN.running, 'PAUSED')).toBe('Campaign status changed.');
    expect((await client().getCampaign(CAMPAIGN.running)).status).toBe(8);
    await expect(client().setCampaignStatus(CAMPAIGN.stopped, 'RUNNING')).rejects.toMatchObject({
      code: 'invalidStateTransition',
    });
    await expect(client().setCampaignStatus(CAMPAIGN.list, 'PAUSED')).rejects.toMatchObject({ code: 'notDynamic' });
  });

  it("changes the status by PATCH with the Data token when configured as 8x8's other sources say", async () => {
    t.sb = await t.sim.sandbox({ eightbyeight: { statusToken: 'data' } });
    await expect(client().setCampaignStatus(CAMPAIGN.running, 'PAUSED')).rejects.toMatchObject({ status: 401 });
    const patching = client({ statusMethod: 'PATCH', statusToken: 'data' });
    expect(await patching.setCampaignStatus(CAMPAIGN.running, 'PAUSED')).toBe('Campaign status changed.');
    expect((await client().getCampaign(CAMPAIGN.running)).status).toBe(8);
    const journal = await t.sb.admin('GET', '/requests?vendor=eightbyeight&method=PATCH');
    expect(journal.body.requests).toHaveLength(1);
  });

  it('deletes the records of a phone number the way a published client does (XML lookup, DELETE by record-id)', async () => {
    await addWithPhones([
      [10_000_020, '5551110020'],
      [10_000_008, '5551110008'],
    ]);
    expect(await client().deleteRecordsByPhone(CAMPAIGN.running, '5551110020')).toEqual([10_000_020]);
    expect((await client().listRecords(CAMPAIGN.running)).map((r) => r['record-id'])).toEqual([10_000_008]);
  });

  it('deletes a record, and reports a customer not located', async () => {
    const [a] = t.sb.section.crmCustomers;
    await client().addRecords(CAMPAIGN.running, [{ customerId: a! }]);
    await client().deleteRecord(CAMPAIGN.running, a!);
    expect(await client().listRecords(CAMPAIGN.running)).toEqual([]);
    await expect(client().deleteRecord(CAMPAIGN.running, a!)).rejects.toMatchObject({ code: 'customerNotLocated' });
  });

  it('sends the Action Request Token for DELETE when configured so (deleteToken option of both)', async () => {
    const [b] = t.sb.section.crmCustomers;
    await client().addRecords(CAMPAIGN.running, [{ customerId: b! }]);
    await client({ deleteToken: 'action' }).deleteRecord(CAMPAIGN.running, b!); // either, by default
    t.sb = await t.sim.sandbox({ eightbyeight: { deleteToken: 'action' } });
    const [a] = t.sb.section.crmCustomers;
    await client().addRecords(CAMPAIGN.running, [{ customerId: a! }]);
    await expect(client().deleteRecord(CAMPAIGN.running, a!)).rejects.toMatchObject({ status: 401 });
    await client({ deleteToken: 'action' }).deleteRecord(CAMPAIGN.running, a!);
  });
});

describe('transport', () => {
  it('retries a 503 honouring Retry-After, then succeeds', async () => {
    const fault = await t.sb.admin('POST', '/faults', {
      vendor: 'eightbyeight',
      method: 'GET',
      action: { type: 'status', status: 503, retryAfterSeconds: 0 },
      times: 2,
    });
    expect(fault.status).toBe(201);
    expect((await client().getCampaign(CAMPAIGN.running))['campaign-id']).toBe(125);
  });

  it('gives up after the retries and surfaces the last error', async () => {
    await t.sb.admin('POST', '/faults', { vendor: 'eightbyeight', action: { type: 'status', status: 500 }, times: 5 });
    await expect(client().getCampaign(CAMPAIGN.running)).rejects.toMatchObject({ status: 500, attempts: 3 });
  });

  it('throws EightByEightResponseError when a 2xx body breaks the contract', async () => {
    await t.sb.admin('POST', '/faults', {
      vendor: 'eightbyeight',
      action: { type: 'status', status: 200, body: { campaign: { 'campaign-id': 'x' } } },
      times: 1,
    });
    await expect(client().getCampaign(CAMPAIGN.running)).rejects.toBeInstanceOf(EightByEightResponseError);
  });

  it('derives the vendor URL from the platform', () => {
    expect(eightByEightBaseUrl('NA12')).toBe('https://vcc-na12.8x8.com');
    expect(
      new EightByEightClient({ platform: 'eu3', username: 'u', actionToken: 'a', dataToken: 'd' }).config.platform,
    ).toBe('eu3');
  });
});

describe('RecordStreamParser', () => {
  const records = [
    { 'campaign-name': 'A {tricky} "name" ]}', 'record-id': 1, 'ext-trans-data': '\\"}{' },
    { 'campaign-name': 'B', 'record-id': 2, 'ext-trans-data': '' },
    { 'campaign-name': 'C, [x]', 'record-id': 3, 'ext-trans-data': 'π ✓' },
  ];
  const text = JSON.stringify({ records: { record: records } }, null, 1);

  it.each([1, 2, 3, 7, 64, text.length])('rebuilds every record whatever the chunking (%i chars)', (size) => {
    const parser = new RecordStreamParser();
    const out: unknown[] = [];
    for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
    parser.finish();
    expect(out).toEqual(records);
  });

  it('reports a list that never closes, and a body that is not a records list', () => {
    const parser = new RecordStreamParser();
    parser.push(text.slice(0, text.lastIndexOf('"record-id": 3')));
    expect(() => parser.finish()).toThrow(/ended early/);
    const other = new RecordStreamParser();
    expect(() => other.push('x'.repeat(2 * 1024 * 1024))).toThrow(/not a list/);
  });
});
