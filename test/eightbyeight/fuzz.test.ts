import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AddCustomersResponseSchema, ErrorResponseSchema } from '../../contracts/eightbyeight/schemas.ts';
import { CAMPAIGN, DAY, NOW_MS, iso, useEightByEight } from './harness.ts';

/**
 * Fuzzing every endpoint: no input gets a 5xx, every failure is the vendor envelope, and a mixed batch never
 * half-applies silently — each record's fate is exactly what its 207 entry says.
 */
const t = useEightByEight('perFile');

const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 60) };
const campaignIds = fc.oneof(
  fc.constantFrom(...Object.values(CAMPAIGN)),
  fc.integer({ min: -5, max: 10_000 }),
  fc.string({ maxLength: 12 }),
);
const segment = (value: unknown) => encodeURIComponent(String(value)) || '0';
const jsonish = fc.oneof(
  fc.jsonValue(),
  fc.array(fc.dictionary(fc.constantFrom('customer-id', 'schedule-date-time', 'x'), fc.jsonValue()), { maxLength: 5 }),
);
const bodies = fc.oneof(
  jsonish.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"__proto__": {"polluted": true}}'),
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/xml',
  '',
);
const tokens = fc.constantFrom('action', 'data', 'wrong', 'none');

function expectVendorAnswer(res: request.Response): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expect(ErrorResponseSchema.safeParse(res.body).success).toBe(true);
}

describe('no input gets a 5xx', () => {
  it('POST customers', async () => {
    await fc.assert(
      fc.asyncProperty(campaignIds, bodies, contentTypes, tokens, async (id, body, type, token) => {
        const res = await t.api
          .post(`${t.sb.base}/api/tstats/campaigns/${segment(id)}/customers`)
          .set({ ...t.sb.basic(token), ...(type ? { 'content-type': type } : {}) })
          .send(body);
        expectVendorAnswer(res);
        if (res.status === 207) AddCustomersResponseSchema.parse(res.body);
      }),
      RUNS,
    );
  });

  it('POST campaign status', async () => {
    const statuses = fc.oneof(fc.constantFrom('RUNNING', 'PAUSED', 'PURGED', 'STOPPED'), fc.jsonValue());
    await fc.assert(
      fc.asyncProperty(
        campaignIds,
        fc.oneof(
          statuses.map((s) => JSON.stringify({ status: s })),
          bodies,
        ),
        tokens,
        async (id, body, token) => {
          const res = await t.api
            .post(`${t.sb.base}/api/tstats/campaigns/${segment(id)}`)
            .set({ ...t.sb.basic(token), 'content-type': 'application/json' })
            .send(body);
          expectVendorAnswer(res);
        },
      ),
      RUNS,
    );
  });

  it('GET campaign, GET records (JSON and XML) with any phone-list filter, DELETE customer', async () => {
    const customerIds = fc.oneof(fc.integer({ min: -1, max: 20_000_000 }), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(
        campaignIds,
        customerIds,
        fc.string({ maxLength: 40 }),
        tokens,
        async (id, customer, filter, token) => {
          const base = `${t.sb.base}/api`;
          const calls = [
            t.api.get(`${base}/stats/campaigns/${segment(id)}.json`).set(t.sb.basic(token)),
            t.api
              .get(`${base}/stats/campaigns/${segment(id)}/records.json`)
              .query({ 'phone-list': filter })
              .set(t.sb.basic(token)),
            t.api
              .get(`${base}/stats/campaigns/${segment(id)}/records`)
              .query({ 'phone-list': filter })
              .set(t.sb.basic(token)),
            t.api
              .delete(`${base}/tstats/campaigns/${segment(id)}/customers/${segment(customer)}`)
              .set(t.sb.basic(token)),
          ];
          for (const res of await Promise.all(calls)) expect(res.status).toBeLessThan(500);
        },
      ),
      RUNS,
    );
  });
});

describe('a mixed batch never half-applies silently', () => {
  /** One entry of a batch: which customer (by role) and which schedule (by role). */
  const entry = fc.record({
    customer: fc.oneof(
      fc.integer({ min: 0, max: 7 }).map((i) => ({ kind: 'fresh' as const, i })),
      fc.constant({ kind: 'existing' as const, i: 0 }),
      fc.constantFrom(null, 'abc', -1, 0, 2.5, true).map((v) => ({ kind: 'invalid' as const, i: 0, v })),
      fc.constantFrom(9, 1_000_001, 99_999_999).map((v) => ({ kind: 'unknown' as const, i: 0, v })),
    ),
    schedule: fc.constantFrom('none', 'soon', 'past', 'far', 'outside', 'malformed', 'null'),
  });

  it('each 200 entry is in the campaign, each refused entry changed nothing, and the count moved by the 200s', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 25 }), async (entries) => {
        const box = await t.sim.sandbox();
        const pool = box.section.crmCustomers;
        const existing = pool[19]!;
        await box.addOk(CAMPAIGN.running, [{ 'customer-id': existing }]);
        const end = Date.parse(box.section.campaigns[0]!.scheduleTo);
        const schedules: Record<string, unknown> = {
          soon: iso(NOW_MS + 3_600_000),
          past: iso(NOW_MS - 1),
          far: iso(NOW_MS + 8 * DAY),
          outside: iso(end + 1),
          malformed: '2024-03-01T 12:00:00Z',
          null: null,
        };
        const body = entries.map(({ customer, schedule }) => {
          const id =
            customer.kind === 'fresh'
              ? pool[customer.i]
              : customer.kind === 'existing'
                ? existing
                : (customer as { v: unknown }).v;
          return { 'customer-id': id, ...(schedule === 'none' ? {} : { 'schedule-date-time': schedules[schedule] }) };
        });
        const before = (await box.campaign(CAMPAIGN.running)).body.campaign['no-of-records'] as number;
        const res = await box.add(CAMPAIGN.running, body);
        expect(res.status).toBe(207);
        const outcomes = AddCustomersResponseSchema.parse(res.body);
        expect(outcomes).toHaveLength(body.length);

        const accepted = new Set<number>();
        outcomes.forEach((o, i) => {
          const sent = body[i]!['customer-id'];
          expect(o['customer-id']).toEqual(typeof sent === 'number' || typeof sent === 'string' ? sent : null);
          if (o['http-status'] === 200) accepted.add(Number(sent));
        });
        const after = (await box.campaign(CAMPAIGN.running)).body.campaign['no-of-records'] as number;
        expect(after - before).toBe(outcomes.filter((o) => o['http-status'] === 200).length);
        for (const id of [...pool.slice(0, 8), existing]) {
          const present = (await box.inspect(CAMPAIGN.running, id)) !== undefined;
          expect(present).toBe(accepted.has(id) || id === existing);
        }
        await t.api.delete(`/__admin/sandboxes/${box.id}`);
      }),
      { numRuns: 25 },
    );
  });
});
