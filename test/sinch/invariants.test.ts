import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALL_RESULTS } from '../../contracts/sinch/schemas.ts';
import type { CampaignCounters } from '../../simulators/sinch/models.ts';
import { MINUTE, type SinchSandbox, type TestSimulator, newCustomer, startSinch } from './harness.ts';

/**
 * Whatever happens to a campaign — forced outcomes, status changes, new and deleted customers, RetryCount changes,
 * jumps of the virtual clock — its counters, its statistics and /statistics stay consistent with its customers.
 */
let t: TestSimulator;
beforeAll(async () => {
  t = await startSinch();
});

type Customer = { id: string; result: string; callCount: number; date: string };
type Stats = { numberOfCalls: number; numberOfHandledCustomers: number };

async function checkInvariants(sb: SinchSandbox, campaign: string, now: number): Promise<void> {
  const view = (await sb.campaignView(campaign, { statistics: 'true' })) as unknown as CampaignCounters & {
    status: string;
    dialerStatus: string;
    stats?: { total?: Stats };
  };
  const customers = (await sb.get(`/campaigns/${campaign}/customers`, { query: { limit: '1000' } })).body as Customer[];
  const count = (pred: (c: Customer) => boolean) => customers.filter(pred).length;
  expect(view.total).toBe(customers.length);
  expect(view.handled + view.notHandled).toBe(view.total);
  expect(view.maxCalls).toBe(count((c) => c.result === 'MAXCALLS'));
  expect(view.filtered).toBe(count((c) => c.result === 'FILTERED'));
  expect(view.handled).toBe(count((c) => !['DIALING', 'MAXCALLS', 'FILTERED'].includes(c.result)));
  // Callable: waiting, due, and not in one of the calls in progress.
  const inspect = (await sb.admin('GET', `/vendors/sinch/campaigns/${campaign}`)).body as {
    callsInProgress: unknown[];
  };
  const due = count((c) => c.result === 'DIALING' && Date.parse(c.date) <= now);
  expect(view.callable).toBe(due - inspect.callsInProgress.length);
  for (const c of customers) {
    if (c.result === 'DIALING') expect(Date.parse(c.date)).toBeLessThan(Date.parse('9999-01-01T00:00:00Z'));
    else expect(c.date).toBe('9999-12-31T23:59:59Z');
    if (c.result === 'MAXCALLS') expect(c.callCount).toBeGreaterThanOrEqual(1);
  }
  if (view.status === 'Active') expect(['OPEN', 'CLOSED']).toContain(view.dialerStatus);
  if (view.status === 'Passive') expect(['PASSIVE', 'CLOSING']).toContain(view.dialerStatus);
  if (view.status === 'Handled') {
    expect(view.dialerStatus).toBe('COMPLETED');
    expect(count((c) => c.result === 'DIALING')).toBe(0);
  }
  const rows = (await sb.get('/statistics', { query: { campaignId: campaign } })).body as Stats[];
  const calls = rows.reduce((n, r) => n + r.numberOfCalls, 0);
  const handledByCalls = rows.reduce((n, r) => n + r.numberOfHandledCustomers, 0);
  expect(view.stats?.total?.numberOfCalls ?? 0).toBe(calls);
  expect(view.stats?.total?.numberOfHandledCustomers ?? 0).toBe(handledByCalls);
  // Deleted customers take their calls away from the list, never from the statistics.
  expect(customers.reduce((n, c) => n + c.callCount, 0)).toBeLessThanOrEqual(calls);
  expect(view.handled).toBeLessThanOrEqual(handledByCalls);
}

const action = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 600 }) }),
  fc.record({ kind: fc.constant('status' as const), to: fc.constantFrom('Active', 'Passive') }),
  fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('force' as const),
    pick: fc.nat(),
    outcomes: fc.array(fc.constantFrom(...CALL_RESULTS), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant('retryCount' as const), value: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('filter' as const), pick: fc.nat(), filtered: fc.boolean() }),
);

describe('campaign invariants', () => {
  it('hold after any sequence of API and admin actions', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom(0, 1, 2),
        fc.array(action, { minLength: 1, maxLength: 12 }),
        async (seed, index, actions) => {
          const sb = await t.sandbox({ seed, sinch: { customersPerCampaign: 4 } });
          const campaign = sb.campaign(index);
          let now = Date.parse('2024-05-16T08:00:00Z');
          const ids = async () =>
            ((await sb.get(`/campaigns/${campaign}/customers`, { query: { limit: '1000' } })).body as Customer[]).map(
              (c) => c.id,
            );
          for (const a of actions) {
            const all = await ids();
            const pick = (n: number) => all[n % Math.max(all.length, 1)];
            if (a.kind === 'advance') {
              await sb.advance(a.minutes * MINUTE);
              now += a.minutes * MINUTE;
            } else if (a.kind === 'status') {
              await sb.send('PUT', `/campaigns/${campaign}/status`, a.to);
            } else if (a.kind === 'add') {
              await sb.addCustomers(
                campaign,
                Array.from({ length: a.n }, () => newCustomer(serial++)),
              );
            } else if (a.kind === 'delete' && pick(a.pick)) {
              await sb.send('DELETE', `/campaigns/${campaign}/customers/${pick(a.pick)}`);
            } else if (a.kind === 'force' && pick(a.pick)) {
              await sb.admin('POST', `/vendors/sinch/campaigns/${campaign}/customers/${pick(a.pick)}/outcomes`, {
                outcomes: a.outcomes,
              });
            } else if (a.kind === 'retryCount') {
              await sb.admin('PATCH', `/vendors/sinch/campaigns/${campaign}`, { retryCount: a.value });
            } else if (a.kind === 'filter' && pick(a.pick)) {
              await sb.admin('PATCH', `/vendors/sinch/campaigns/${campaign}/customers/${pick(a.pick)}`, {
                filtered: a.filtered,
              });
            }
            await checkInvariants(sb, campaign, now);
          }
          await t.api.delete(`/__admin/sandboxes/${sb.id}`);
        },
      ),
      { numRuns: 40 },
    );
  });
});
