import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignListSchema, CampaignSchema } from '../../contracts/sinch/schemas.ts';
import { DEFAULT_SANDBOX } from '../../simulators/sinch/fixtures.ts';
import { DAY, NOW_MS, type TestSimulator, basic, newCustomer, startSinch } from './harness.ts';

let t: TestSimulator;
beforeAll(async () => {
  t = await startSinch();
});

const PUT_EXAMPLE = {
  endDate: '2021-02-20T22:00:00Z',
  startDate: '2020-12-20T22:00:00Z',
  dialingMode: 'PREDICTIVE',
  name: 'Test Campaign',
  timeZone: 'Europe/Berlin',
};

describe('GET /campaigns', () => {
  it('lists every campaign in the documented shape, with the id32 ids and the dialer duplicate', async () => {
    const sb = await t.sandbox();
    const res = await sb.get('/campaigns');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const campaigns = CampaignListSchema.parse(res.body);
    expect(campaigns.map((c) => c.id)).toEqual(sb.section.campaigns);
    expect(campaigns.map((c) => c.dialingMode)).toEqual(['PREVIEW', 'PREDICTIVE', 'PROGRESSIVE']);
    for (const c of campaigns) {
      expect(c.id).toMatch(/^[0-9A-F]{32}$/);
      expect(c.dialer).toBe(c.dialerId);
      expect(c).toMatchObject({ status: 'Passive', dialerStatus: 'PASSIVE', total: 10, handled: 0, notHandled: 10 });
      expect(c.loggedOn).toBeUndefined();
      expect(c.stats).toBeUndefined();
    }
    expect(campaigns[1]).toMatchObject({
      dialerType: 'QueueDialer',
      dialerName: 'Queue Dialer',
      timeZone: 'Europe/Berlin',
    });
  });

  it('the default sandbox answers the documented credentials with the document example ids', async () => {
    const res = await t.api
      .get('/sinch/RI/obi/campaigns')
      .set('Authorization', basic(DEFAULT_SANDBOX.username, DEFAULT_SANDBOX.password));
    expect(res.status).toBe(200);
    expect(res.body.map((c: { id: string }) => c.id)).toEqual([...DEFAULT_SANDBOX.campaigns]);
    expect(res.body[1]).toMatchObject({
      id: '8A7C98EAF1164F2FAA93B98EECB95D76',
      name: 'Test Campaign',
      dialerId: '88B8B41C99E6484A94F402EA5E465FC5',
      queueId: '63AA93F493A54C5A8597FCFA670B2382',
      queueName: 'Test Queue',
    });
  });

  it('searches with * and ? patterns, case-insensitively', async () => {
    const sb = await t.sandbox();
    const names = async (query: Record<string, string>) => {
      const res = await sb.get('/campaigns', { query });
      expect(res.status, res.text).toBe(200);
      return res.body.map((c: { name: string }) => c.name);
    };
    expect(await names({ name: 'Test*' })).toEqual(['Test Preview Campaign', 'Test Campaign']);
    expect(await names({ name: 'test campaign' })).toEqual(['Test Campaign']);
    expect(await names({ name: 'T?st*Campaign' })).toEqual(['Test Preview Campaign', 'Test Campaign']);
    expect(await names({ name: '*campaign', dialingMode: 'PRE*' })).toEqual(['Test Preview Campaign', 'Test Campaign']);
    expect(await names({ dialerName: 'Queue*' })).toEqual(['Test Campaign']);
    expect(await names({ total: '1?' })).toHaveLength(3);
    expect(await names({ handled: '1*' })).toEqual([]);
    expect(await names({ customIvrNumber: '*' })).toEqual(['Training campaign']);
    expect(await names({ timeZone: 'Europe/*' })).toEqual(['Test Campaign']);
    expect(await names({ queueName: 'Support*' })).toEqual(['Training campaign']);
    expect(await names({ maxCalls: '0', filtered: '0', dialerStatus: 'PASSIVE' })).toHaveLength(3);
  });

  it('takes a comma-separated status list', async () => {
    const sb = await t.sandbox();
    await sb.activate(sb.campaign(1));
    const statuses = async (status: string) =>
      (await sb.get('/campaigns', { query: { status } })).body.map((c: { status: string }) => c.status);
    expect(await statuses('Active')).toEqual(['Active']);
    expect(await statuses('Active,Passive')).toEqual(['Passive', 'Active', 'Passive']);
    expect(await statuses('Active, Pass*')).toEqual(['Passive', 'Active', 'Passive']);
    expect(await statuses('Handled,Expired')).toEqual([]);
  });

  it('ID fields take id32 or id36 GUIDs only (400 otherwise)', async () => {
    const sb = await t.sandbox();
    const [queue0] = sb.section.queues as [string];
    const id36 = `${queue0.slice(0, 8)}-${queue0.slice(8, 12)}-${queue0.slice(12, 16)}-${queue0.slice(16, 20)}-${queue0.slice(20)}`;
    for (const value of [queue0, queue0.toLowerCase(), id36]) {
      const res = await sb.get('/campaigns', { query: { queueId: value } });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(2);
    }
    for (const value of ['63AA93F4*', 'abc', `${queue0}0`]) {
      const res = await sb.get('/campaigns', { query: { queueId: value } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: `Invalid queueId: '${value}'` });
    }
    const dialer = (await sb.get('/campaigns')).body[1].dialerId as string;
    expect((await sb.get('/campaigns', { query: { dialerId: dialer } })).body).toHaveLength(1);
  });

  it('filters on the date range pairs (after / before the given UTC time)', async () => {
    const sb = await t.sandbox();
    const count = async (query: Record<string, string>) => {
      const res = await sb.get('/campaigns', { query });
      expect(res.status, res.text).toBe(200);
      return res.body.length as number;
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(await count({ startDate: iso(NOW_MS - 30 * DAY), startDateEnd: iso(NOW_MS) })).toBe(3);
    expect(await count({ startDate: iso(NOW_MS) })).toBe(0);
    expect(await count({ endDate: iso(NOW_MS + 300 * DAY), endDateEnd: iso(NOW_MS + 400 * DAY) })).toBe(3);
    expect(await count({ endDateEnd: iso(NOW_MS) })).toBe(0);
    expect(await count({ registered: iso(NOW_MS - 31 * DAY), registeredEnd: '2030-01-01T00:00:00Z' })).toBe(3);
    expect(await count({ registeredEnd: iso(NOW_MS - 31 * DAY) })).toBe(0);
    // Day boundaries: the campaigns start at midnight UTC, 7 days ago; "after"/"before" include the instant itself.
    const start = Date.parse((await sb.campaignView(sb.campaign(0))).startDate as string);
    expect(new Date(start).toISOString()).toMatch(/T00:00:00\.000Z$/);
    expect(await count({ startDate: iso(start), startDateEnd: iso(start) })).toBe(3);
    expect(await count({ startDate: iso(start + 1) })).toBe(0);
    expect(await count({ startDateEnd: iso(start - 1) })).toBe(0);
    expect(
      await count({ startDateEnd: new Date(start).toISOString().replace('T00:00:00.000Z', 'T02:00:00+02:00') }),
    ).toBe(3);
    // Dates that do not exist are refused rather than rolled over to the next day.
    for (const value of [
      'yesterday',
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2024-05-16T24:00:00Z',
      '2024-05-16',
    ]) {
      const bad = await sb.get('/campaigns', { query: { startDate: value } });
      expect(bad.status, value).toBe(400);
      expect(bad.body.error).toBe(`Invalid startDate: '${value}'`);
    }
  });

  it('refuses an unknown search field (400)', async () => {
    const sb = await t.sandbox();
    const res = await sb.get('/campaigns', { query: { colour: 'blue' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Invalid search field: colour' });
  });
});

describe('GET /campaigns/{id}', () => {
  it('answers one campaign, by id32 or id36; 404 for an unknown one, 400 for a malformed id', async () => {
    const sb = await t.sandbox();
    const id = sb.campaign(1);
    const res = await sb.get(`/campaigns/${id}`);
    expect(res.status).toBe(200);
    expect(CampaignSchema.parse(res.body)).toMatchObject({ id, name: 'Test Campaign', dialingMode: 'PREDICTIVE' });
    const id36 =
      `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`.toLowerCase();
    expect((await sb.get(`/campaigns/${id36}`)).body.id).toBe(id);
    const missing = await sb.get('/campaigns/00000000000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ statusCode: 404, error: 'Campaign not found: 00000000000000000000000000000000' });
    expect((await sb.get('/campaigns/not-an-id')).status).toBe(400);
    // Parameters the endpoint does not declare are ignored here (no "any fields" search on one campaign).
    const extra = await sb.get(`/campaigns/${id}`, { query: { colour: 'blue', name: 'Other*' } });
    expect(extra.status).toBe(200);
    expect(extra.body.id).toBe(id);
  });
});

describe('PUT /campaigns/{id}', () => {
  it('replaces every writable field (204); omitted optional fields are cleared', async () => {
    const sb = await t.sandbox();
    const id = sb.campaign(1);
    const queueId = sb.section.queues[1] as string;
    const res = await sb.send('PUT', `/campaigns/${id}`, { ...PUT_EXAMPLE, queueId, remarks: 'first' });
    expect(res.status, res.text).toBe(204);
    expect(res.text).toBe('');
    let view = await sb.campaignView(id);
    expect(view).toMatchObject({
      ...PUT_EXAMPLE,
      queueId,
      queueName: 'Support Queue',
      remarks: 'first',
      // endDate 2021 is long past: the campaign expired at once.
      status: 'Expired',
      dialerStatus: 'EXPIRED',
    });
    expect(view.abandonRate).toBeUndefined();
    const future = { name: 'Renamed', dialingMode: 'PREVIEW', queueId, endDate: '2030-01-01T00:00:00Z' };
    expect((await sb.send('PUT', `/campaigns/${id}`, future)).status).toBe(204);
    view = await sb.campaignView(id);
    expect(view).toMatchObject({ ...future, status: 'Passive', dialerStatus: 'PASSIVE' });
    for (const cleared of ['remarks', 'timeZone', 'startDate', 'customIvrNumber'])
      expect(view[cleared]).toBeUndefined();
  });

  it('accepts a GET body sent back (read-only fields ignored), refuses unknown fields', async () => {
    const sb = await t.sandbox();
    const id = sb.campaign(0);
    const view = await sb.campaignView(id);
    expect((await sb.send('PUT', `/campaigns/${id}`, { ...view, name: 'Round trip' })).status).toBe(204);
    expect((await sb.campaignView(id)).name).toBe('Round trip');
    const res = await sb.send('PUT', `/campaigns/${id}`, { ...view, colour: 'blue' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Unrecognized field "colour"');
  });

  it('enforces the required fields and value ranges without touching the campaign', async () => {
    const sb = await t.sandbox();
    const id = sb.campaign(1);
    const before = await sb.campaignView(id);
    const queueId = sb.section.queues[0] as string;
    const cases: [object, string][] = [
      [{ dialingMode: 'PREVIEW', queueId }, 'Invalid name: Value is required'],
      [{ name: 'x', queueId }, 'Invalid dialingMode: Value is required'],
      [{ name: 'x', dialingMode: 'PREVIEW' }, 'Invalid queueId: Value is required'],
      [{ name: 'x', dialingMode: 'MANUAL', queueId }, "Invalid dialingMode: 'MANUAL'"],
      [{ name: 'x', dialingMode: 'PREVIEW', queueId: 'short' }, "Invalid queueId: 'short'"],
      [
        { name: 'x', dialingMode: 'PREVIEW', queueId: 'F'.repeat(32) },
        `Invalid queueId: '${'F'.repeat(32)}' : Queue not found`,
      ],
      [{ name: 'x', dialingMode: 'PREVIEW', queueId, abandonRate: 2.5 }, "Invalid abandonRate: '2.5'"],
      [
        { name: 'x', dialingMode: 'PREVIEW', queueId, increasePredictiveRatio: -1 },
        "Invalid increasePredictiveRatio: '-1'",
      ],
      [{ name: 'x', dialingMode: 'PREVIEW', queueId, startDate: 'soon' }, "Invalid startDate: 'soon'"],
      [{ name: 'x', dialingMode: 'PREVIEW', queueId, timeZone: 'Mars/Olympus' }, "Invalid timeZone: 'Mars/Olympus'"],
      [
        {
          name: 'x',
          dialingMode: 'PREVIEW',
          queueId,
          startDate: '2030-01-02T00:00:00Z',
          endDate: '2030-01-01T00:00:00Z',
        },
        "Invalid endDate: '2030-01-01T00:00:00Z' : endDate is before startDate",
      ],
    ];
    for (const [body, error] of cases) {
      const res = await sb.send('PUT', `/campaigns/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error });
    }
    const malformed = await sb.send('PUT', `/campaigns/${id}`, '{"name": "x",}', { contentType: 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^Malformed JSON/);
    expect(await sb.campaignView(id)).toEqual(before);
  });
});

describe('PUT /campaigns/{id}/status', () => {
  it('switches Passive ↔ Active with a text/plain body (204)', async () => {
    const sb = await t.sandbox({ sinch: { customersPerCampaign: 0 } });
    const id = sb.campaign(0);
    // One customer to call later: the campaign has work (not Handled) but no call in progress (no CLOSING).
    await sb.addCustomers(id, [newCustomer(1, { date: '2030-01-01T00:00:00Z' })]);
    expect((await sb.send('PUT', `/campaigns/${id}/status`, 'Active')).status).toBe(204);
    expect(await sb.campaignView(id)).toMatchObject({ status: 'Active', dialerStatus: 'OPEN', loggedOn: 1 });
    expect((await sb.send('PUT', `/campaigns/${id}/status`, 'Passive\n')).status).toBe(204);
    expect(await sb.campaignView(id)).toMatchObject({ status: 'Passive', dialerStatus: 'PASSIVE' });
  });

  it('an Active campaign without customers has nothing to dial: Handled, Active again once customers arrive', async () => {
    const sb = await t.sandbox({ sinch: { customersPerCampaign: 0 } });
    const id = sb.campaign(0);
    expect((await sb.send('PUT', `/campaigns/${id}/status`, 'Active')).status).toBe(204);
    expect(await sb.campaignView(id)).toMatchObject({ status: 'Handled', dialerStatus: 'COMPLETED', total: 0 });
    await sb.addCustomers(id, [newCustomer(1)]);
    expect(await sb.campaignView(id)).toMatchObject({ status: 'Active', dialerStatus: 'OPEN', total: 1 });
  });

  it('refuses other values, other media types and an expired campaign', async () => {
    const sb = await t.sandbox();
    const id = sb.campaign(0);
    for (const value of ['Handled', 'active', '', '"Active"']) {
      const res = await sb.send('PUT', `/campaigns/${id}/status`, value);
      expect(res.status, value).toBe(400);
      expect(res.body.error).toBe(`Invalid status: '${value}' : Value can be one of Passive, Active`);
    }
    const json = await sb.send('PUT', `/campaigns/${id}/status`, { status: 'Active' });
    expect(json.status).toBe(415);
    await sb.send('PUT', `/campaigns/${id}`, {
      name: 'Old',
      dialingMode: 'PREVIEW',
      queueId: sb.section.queues[0],
      endDate: '2020-01-01T00:00:00Z',
    });
    const expired = await sb.send('PUT', `/campaigns/${id}/status`, 'Active');
    expect(expired.status).toBe(400);
    expect(expired.body.error).toBe('Campaign status cannot be changed from Expired to Active');
    expect((await sb.campaignView(id)).status).toBe('Expired');
  });
});
