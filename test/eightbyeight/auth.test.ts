import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN, useEightByEight, type EightByEightSandbox } from './harness.ts';

/**
 * Basic auth: username = tenant. Where every 8x8 source agrees the token is strict: reads take the Data Request
 * Token, the add the Action Request Token, and the other one is refused. Where they disagree (DELETE and the status
 * change: record page / status page tables say Data, 8x8's OpenAPI says Action) either is accepted by default. The
 * 401 body is not documented (assumed).
 */
const t = useEightByEight();

type Call = (token: string) => Promise<request.Response>;
type Need = 'action' | 'data' | 'either';

/** DELETE of a fresh record each time (a record can be removed once). */
function deleteFresh(sb: EightByEightSandbox): Call {
  let next = 0;
  return async (token) => {
    const id = sb.section.crmCustomers[next++]!;
    await sb.addOk(CAMPAIGN.running, [{ 'customer-id': id }]);
    return sb.remove(CAMPAIGN.running, id, token);
  };
}

/** Pause, then run again, and so on: every call is an allowed move (a refused call changes nothing). */
const toggleStatus =
  (method: 'POST' | 'PATCH') =>
  (sb: EightByEightSandbox): Call => {
    let paused = false;
    return async (token) => {
      const res = await sb.setStatus(CAMPAIGN.running, paused ? 'RUNNING' : 'PAUSED', token, method);
      if (res.status === 200) paused = !paused;
      return res;
    };
  };

const ENDPOINTS: { name: string; needs: Need; call: (sb: EightByEightSandbox) => Call }[] = [
  {
    name: 'POST customers',
    needs: 'action',
    call: (s) => (t) => s.add(CAMPAIGN.running, [{ 'customer-id': s.section.crmCustomers[0] }], t),
  },
  { name: 'DELETE customer', needs: 'either', call: deleteFresh },
  { name: 'GET records.json', needs: 'data', call: (s) => (t) => s.recordsJson(CAMPAIGN.stopped, {}, t) },
  { name: 'GET records (XML)', needs: 'data', call: (s) => (t) => s.recordsXml(CAMPAIGN.stopped, {}, t) },
  { name: 'GET campaign', needs: 'data', call: (s) => (t) => s.campaign(CAMPAIGN.running, t) },
  { name: 'POST campaign status', needs: 'either', call: toggleStatus('POST') },
  { name: 'PATCH campaign status', needs: 'either', call: toggleStatus('PATCH') },
];

const unauthorized = (res: request.Response, message = 'Unauthorized') => {
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toBe('Basic realm="8x8 Contact Center"');
  // The XML route's harness keeps bodies as text.
  const body: unknown = typeof res.body === 'string' ? JSON.parse(res.body) : res.body;
  expect(body).toEqual({ 'http-status': 401, message });
};

describe.each(ENDPOINTS.filter((e) => e.needs !== 'either'))('$name (every source agrees)', ({ needs, call }) => {
  const other = needs === 'action' ? 'data' : 'action';
  const label = needs === 'action' ? 'Action' : 'Data';

  it(`accepts the ${label} Request Token`, async () => {
    const res = await call(t.sb)(needs);
    expect(res.status).toBeLessThan(300);
  });

  it(`refuses the other token with 401 naming the ${label} Request Token`, async () => {
    unauthorized(await call(t.sb)(other), `This call requires the ${label} Request Token.`);
  });
});

describe.each(ENDPOINTS.filter((e) => e.needs === 'either'))('$name (8x8 sources disagree)', ({ call }) => {
  it('accepts either token by default', async () => {
    const send = call(t.sb);
    expect((await send('data')).status).toBeLessThan(300);
    expect((await send('action')).status).toBeLessThan(300);
  });
});

describe.each(ENDPOINTS)('$name', ({ call }) => {
  it('refuses a wrong password, and no credentials at all', async () => {
    unauthorized(await call(t.sb)('not-a-token'));
    unauthorized(await call(t.sb)('none'));
  });
});

describe('tenant resolution', () => {
  it('refuses an unknown tenant (username) with 401', async () => {
    const auth = `Basic ${Buffer.from(`nobody:${t.sb.section.dataToken}`).toString('base64')}`;
    unauthorized(await t.api.get(`${t.sb.base}/api/stats/campaigns/125.json`).set('authorization', auth));
  });

  it('refuses the right credentials on another platform (vcc-{platform} segment)', async () => {
    const other = t.sb.section.platform === 'eu3' ? 'na12' : 'eu3';
    const path = `/eightbyeight/vcc-${other}/api/stats/campaigns/125.json`;
    unauthorized(await t.api.get(path).set(t.sb.basic('data')));
  });

  it('treats the platform segment case-insensitively (the host name is)', async () => {
    const path = `/eightbyeight/vcc-${t.sb.section.platform.toUpperCase()}/api/stats/campaigns/125.json`;
    expect((await t.api.get(path).set(t.sb.basic('data'))).status).toBe(200);
  });

  it.each([['Bearer abc'], ['Basic'], ['Basic !!!'], [`Basic ${Buffer.from('no-colon').toString('base64')}`]])(
    'refuses a malformed Authorization header %j',
    async (header) => {
      unauthorized(await t.api.get(`${t.sb.base}/api/stats/campaigns/125.json`).set('authorization', header));
    },
  );

  it('answers an unknown endpoint with 404 in the same envelope', async () => {
    const res = await t.api.get(`${t.sb.base}/api/stats/nothing`).set(t.sb.basic('data'));
    expect(res.status).toBe(404);
    expect(res.body['http-status']).toBe(404);
  });
});

describe.each([
  ['deleteToken', 'DELETE customer'],
  ['statusToken', 'POST campaign status'],
  ['statusToken', 'PATCH campaign status'],
] as const)('sandbox option %s (%s)', (option, name) => {
  const { call } = ENDPOINTS.find((e) => e.name === name)!;
  it.each([
    ['data', 'data', 'action', 'Data'],
    ['action', 'action', 'data', 'Action'],
  ] as const)('%s: accepts the %s token only', async (choice, accepted, refused, label) => {
    t.sb = await t.sim.sandbox({ eightbyeight: { [option]: choice } });
    const send = call(t.sb);
    unauthorized(await send(refused), `This call requires the ${label} Request Token.`);
    expect((await send(accepted)).status).toBeLessThan(300);
  });

  it('refuses a value it does not know', async () => {
    const res = await t.api.post('/__admin/sandboxes').send({ options: { eightbyeight: { [option]: 'both' } } });
    expect(res.status).toBe(400);
  });
});

describe('the default sandbox', () => {
  it('has the fixed, documented credentials and fixture campaigns', async () => {
    const res = await t.api.get('/__admin/sandboxes/default');
    const section = res.body.vendors.eightbyeight;
    expect(section).toMatchObject({
      username: 'bocdemo',
      platform: 'na12',
      actionToken: 'demo-action-request-token',
      dataToken: 'demo-data-request-token',
    });
    expect(section.baseUrl).toMatch(/\/eightbyeight\/vcc-na12$/);
    expect(
      section.campaigns.map((c: { id: number; dynamic: boolean; status: number }) => [c.id, c.dynamic, c.status]),
    ).toEqual([
      [125, true, 3],
      [126, false, 3],
      [127, true, 5],
      [128, true, 0],
      [129, true, 0],
    ]);
    expect(section.crmCustomers[0]).toBe(10_000_008);
    const auth = `Basic ${Buffer.from('bocdemo:demo-data-request-token').toString('base64')}`;
    const campaign = await t.api.get('/eightbyeight/vcc-na12/api/stats/campaigns/125.json').set('authorization', auth);
    expect(campaign.body.campaign['campaign-name']).toBe('BOC Admin Demo');
  });

  it('refuses sandbox options it does not know, or bad ones, with 400', async () => {
    for (const options of [{ colour: 'red' }, { platform: 'x' }, { crmSize: -1 }, { talkMinMs: 10, talkMaxMs: 5 }]) {
      const res = await t.api.post('/__admin/sandboxes').send({ options: { eightbyeight: options } });
      expect(res.status).toBe(400);
    }
  });

  it('refuses a second sandbox with the same tenant on the same platform (409)', async () => {
    const taken = { username: t.sb.section.username, platform: t.sb.section.platform };
    const res = await t.api.post('/__admin/sandboxes').send({ options: { eightbyeight: taken } });
    expect(res.status).toBe(409);
  });
});
