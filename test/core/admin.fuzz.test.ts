import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENDORS } from '../../simulators/index.ts';
import { type TestSim, createSandbox, newSim } from './helpers.ts';

/**
 * No malformed admin input may crash the control plane: every answer is < 500, and every refusal uses the admin
 * error shape. Bodies are random JSON, biased towards the keys the schemas know so the fuzz gets past the first check.
 */
let t: TestSim;
let sandboxId: string;
beforeAll(async () => {
  t = await newSim();
  sandboxId = (await createSandbox(t.api, { clock: { now: '2021-11-03T05:00:00Z', frozen: true } })).id;
});
afterAll(() => t.close());

const KEYS = [
  'id',
  'seed',
  'clock',
  'now',
  'frozen',
  'advanceMs',
  'journal',
  'enabled',
  'limit',
  'options',
  'symbee',
  'vendor',
  'method',
  'path',
  'action',
  'type',
  'status',
  'body',
  'ms',
  'windowMs',
  'times',
  'probability',
  'retryAfterSeconds',
  'contentType',
  'region',
  'companyCode',
  'keyRotationMinutes',
  'recordsPerCampaign',
  '__proto__',
];
const scalar = fc.oneof(
  fc.constantFrom('status', 'latency', 'drop', 'rateLimit', 'symbee', '2021-11-03T05:00:00Z', '/(x/', 'default'),
  fc.integer({ min: -5, max: 2 ** 53 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
);
const { value: schemaish } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
}));
const body = fc.oneof(schemaish, fc.jsonValue());

function expectNoCrash(res: { status: number; body: unknown }, what: string): void {
  expect(res.status, `${what} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
  if (res.status >= 400) expect(res.body, what).toEqual({ error: { status: res.status, message: expect.any(String) } });
}

describe('admin fuzz', () => {
  const endpoints = () => [
    '/__admin/sandboxes',
    `/__admin/sandboxes/${sandboxId}/clock`,
    `/__admin/sandboxes/${sandboxId}/journal`,
    `/__admin/sandboxes/${sandboxId}/faults`,
    `/__admin/sandboxes/${sandboxId}/reset`,
  ];

  it('random JSON bodies never cause a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints()), body, async (path, value) => {
        const res = await t.api.post(path).set('content-type', 'application/json').send(JSON.stringify(value));
        expectNoCrash(res, `POST ${path} ${JSON.stringify(value)}`);
      }),
      { numRuns: 150 },
    );
  });

  it('raw, non-JSON and oddly typed bodies never cause a 5xx', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/xml',
      'application/json; charset=latin1',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints()),
        contentType,
        fc.string({ maxLength: 40 }),
        async (path, type, text) => {
          const res = await t.api.post(path).set('content-type', type).send(text);
          expectNoCrash(res, `POST ${path} (${type}) ${JSON.stringify(text)}`);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('random journal queries and sandbox ids never cause a 5xx', async () => {
    const query = fc.dictionary(
      fc.constantFrom('vendor', 'path', 'method', 'status', 'limit', 'x'),
      fc.string({ maxLength: 8 }),
      {
        maxKeys: 4,
      },
    );
    await fc.assert(
      fc.asyncProperty(query, fc.string({ minLength: 1, maxLength: 20 }), async (q, id) => {
        expectNoCrash(
          await t.api.get(`/__admin/sandboxes/${sandboxId}/requests`).query(q),
          `GET requests ${JSON.stringify(q)}`,
        );
        const encoded = encodeURIComponent(id);
        expectNoCrash(await t.api.get(`/__admin/sandboxes/${encoded}/clock`), `GET clock of ${id}`);
        expectNoCrash(await t.api.delete(`/__admin/sandboxes/${encoded}/faults/${encoded}`), `DELETE fault ${id}`);
      }),
      { numRuns: 60 },
    );
  });

  it('vendor backdoors (mounted by the kernel) never answer 5xx to random JSON either', async () => {
    const backdoors = VENDORS.flatMap((v) =>
      (v.adminRoutes ?? [])
        .filter((r) => r.method !== 'GET' && !r.path.includes(':'))
        .map((r) => ({
          method: r.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete',
          path: `/__admin/sandboxes/${sandboxId}/vendors/${v.id}${r.path}`,
        })),
    );
    expect(backdoors.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...backdoors), body, async (route, value) => {
        const res = await t.api[route.method](route.path)
          .set('content-type', 'application/json')
          .send(JSON.stringify(value));
        expectNoCrash(res, `${route.method} ${route.path} ${JSON.stringify(value)}`);
      }),
      { numRuns: 80 },
    );
  });

  it('a __proto__ key is refused (400) by every admin body parser, backdoors included', async () => {
    const proto = '{"__proto__": {"polluted": true}}';
    for (const path of [...endpoints(), `/__admin/sandboxes/${sandboxId}/vendors/symbee/work`]) {
      const res = await t.api.post(path).set('content-type', 'application/json').send(proto);
      expectNoCrash(res, path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.message).toMatch(/__proto__/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the control plane still answers normally afterwards', async () => {
    expect((await t.api.get('/__admin/health')).status).toBe(200);
    const list = await t.api.get('/__admin/sandboxes');
    expect(list.status).toBe(200);
    expect((await t.api.get(`/__admin/sandboxes/${sandboxId}`)).status).toBe(200);
  });
});
