import { describe, expect, it } from 'vitest';
import { CAMPAIGN, useEightByEight } from './harness.ts';

/** The 8x8 backdoors under /__admin/sandboxes/:id/vendors/eightbyeight and the sandbox description. */
const t = useEightByEight();

const V = '/vendors/eightbyeight';

describe('campaigns backdoor', () => {
  it('creates a campaign of any shape, which the API then serves', async () => {
    const res = await t.sb.admin('POST', `${V}/campaigns`, { id: 500, name: 'QA list', dynamic: false, status: 8 });
    expect(res.status).toBe(201);
    expect(res.body.campaign).toMatchObject({ 'campaign-id': 500, 'dynamic-campaign': 'N', status: 8 });
    expect((await t.sb.campaign(500)).body.campaign['campaign-name']).toBe('QA list');
    const again = await t.sb.admin('POST', `${V}/campaigns`, { id: 500, name: 'again' });
    expect(again.status).toBe(409);
  });

  it.each([
    [{ name: 'no id' }],
    [{ id: 0, name: 'zero' }],
    [{ id: 501, name: 'bad status', status: 12 }],
    [{ id: 502, name: 'bad date', scheduleFrom: 'tomorrow' }],
    [{ id: 503, name: 'unknown key', colour: 'red' }],
  ])('refuses a bad campaign %j with 400', async (body) => {
    const res = await t.sb.admin('POST', `${V}/campaigns`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.status).toBe(400);
  });

  it('updates fields and sets any status id; 404 for an unknown campaign', async () => {
    const res = await t.sb.admin('POST', `${V}/campaigns/${CAMPAIGN.stopped}`, { status: 6, enabled: false });
    expect(res.body.campaign).toMatchObject({ status: 6, enabled: 'N' });
    expect((await t.sb.admin('POST', `${V}/campaigns/4242`, { status: 3 })).status).toBe(404);
    expect((await t.sb.admin('GET', `${V}/campaigns/abc`)).status).toBe(404);
  });
});

describe('records backdoor', () => {
  it('seeds CRM customers into any campaign, even a stopped one', async () => {
    const res = await t.sb.admin('POST', `${V}/campaigns/${CAMPAIGN.stopped}/customers`, {
      customers: [{ 'customer-id': t.sb.section.crmCustomers[0] }],
    });
    expect(res.status).toBe(201);
    expect(res.body.records[0].record).toMatchObject({ status: 0, 'campaign-id': CAMPAIGN.stopped });
    expect(await t.sb.records(CAMPAIGN.stopped)).toHaveLength(6);
  });

  it('refuses customers not in the CRM (404), already in the campaign or repeated (409)', async () => {
    const [a] = t.sb.section.crmCustomers;
    const path = `${V}/campaigns/${CAMPAIGN.running}/customers`;
    expect((await t.sb.admin('POST', path, { customers: [{ 'customer-id': 9 }] })).status).toBe(404);
    expect((await t.sb.admin('POST', path, { customers: [{ 'customer-id': a }, { 'customer-id': a }] })).status).toBe(
      409,
    );
    expect(await t.sb.records(CAMPAIGN.running)).toEqual([]);
    expect((await t.sb.admin('POST', path, { customers: [{ 'customer-id': a }] })).status).toBe(201);
    expect((await t.sb.admin('POST', path, { customers: [{ 'customer-id': a }] })).status).toBe(409);
  });

  it('shows a record with its attempts and next event, 404 when absent', async () => {
    const [a] = t.sb.section.crmCustomers;
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }]);
    const seen = await t.sb.inspect(CAMPAIGN.running, a!);
    expect(seen).toMatchObject({ 'customer-id': a, attempts: 1, record: { status: 1 }, forcedOutcome: null });
    expect(seen!.nextEventAt).toMatch(/Z$/);
    expect(await t.sb.inspect(CAMPAIGN.running, 10_009_999)).toBeUndefined();
  });

  it('keeps a forced outcome until the call ends', async () => {
    const [a] = t.sb.section.crmCustomers;
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }]);
    const res = await t.sb.admin('POST', `${V}/campaigns/${CAMPAIGN.running}/customers/${a}/outcome`, {
      'status-code': 0,
      'disposition-code': 1002,
    });
    expect(res.body.forcedOutcome).toEqual({ 'status-code': 0, 'disposition-code': 1002 });
    await t.sb.advance(60 * 60 * 1000);
    const after = await t.sb.inspect(CAMPAIGN.running, a!);
    expect(after).toMatchObject({ record: { status: 3, 'disposition-code': 1002 }, forcedOutcome: null });
  });
});

describe('CRM backdoor', () => {
  it.each([[{ customers: [] }], [{ customers: [{ 'customer-id': 1, phone: 'abc' }] }], [{}]])(
    'refuses %j with 400',
    async (body) => {
      expect((await t.sb.admin('POST', `${V}/crm/customers`, body)).status).toBe(400);
    },
  );

  it('makes an explicit customer addable through the API', async () => {
    expect((await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': 99_000_001 }]))[0]!['http-status']).toBe(404);
    await t.sb.admin('POST', `${V}/crm/customers`, { customers: [{ 'customer-id': 99_000_001, phone: '5550001111' }] });
    expect((await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': 99_000_001 }]))[0]!['http-status']).toBe(200);
  });

  it('honours crmSize: customers past the generated range are not found', async () => {
    t.sb = await t.sim.sandbox({ eightbyeight: { crmSize: 10 } });
    expect(t.sb.section.crmCustomers).toEqual([10_000_008, 10_000_009]);
    const out = await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': 10_000_009 }, { 'customer-id': 10_000_010 }]);
    expect(out.map((o) => o['http-status'])).toEqual([200, 404]);
  });
});

describe('sandbox description', () => {
  it('lists the vendors.eightbyeight section exactly as specified', async () => {
    expect(Object.keys(t.sb.section)).toEqual([
      'baseUrl',
      'username',
      'actionToken',
      'dataToken',
      'platform',
      'campaigns',
      'crmCustomers',
    ]);
    expect(t.sb.section.baseUrl).toMatch(new RegExp(`/eightbyeight/vcc-${t.sb.section.platform}$`));
    for (const c of t.sb.section.campaigns) {
      expect(Object.keys(c)).toEqual(['id', 'name', 'dynamic', 'status', 'scheduleFrom', 'scheduleTo']);
    }
    expect(t.sb.section.crmCustomers).toHaveLength(20);
  });

  it('drops customers from crmCustomers once a campaign holds them', async () => {
    const [a, b] = t.sb.section.crmCustomers;
    await t.sb.addOk(CAMPAIGN.running, [{ 'customer-id': a }]);
    const res = await t.api.get(`/__admin/sandboxes/${t.sb.id}`);
    expect(res.body.vendors.eightbyeight.crmCustomers[0]).toBe(b);
  });

  it('derives credentials and names from the seed', async () => {
    const one = await t.sim.sandbox({ seed: 99 });
    const two = await t.sim.sandbox({ seed: 99 });
    const other = await t.sim.sandbox({ seed: 100 });
    expect(two.section.actionToken).toBe(one.section.actionToken);
    expect(two.section.campaigns).toEqual(one.section.campaigns);
    expect(other.section.actionToken).not.toBe(one.section.actionToken);
    expect(one.section.username).not.toBe(two.section.username); // the sandbox id keeps tenants unique
  });
});
