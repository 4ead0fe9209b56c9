import { take } from '../core/iterate.ts';
import type { EntityCollection } from '../core/vendor.ts';
import { FAR_FUTURE, type SinchState } from './models.ts';

const iso = (ms: number) => (ms >= FAR_FUTURE || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

/** The dashboard's view: campaigns with their status, and each campaign's customers with their result. */
export function sinchEntities(state: SinchState, limit: number): EntityCollection[] {
  const campaigns = [...state.campaigns.values()];
  return [
    {
      title: 'Campaigns',
      total: campaigns.length,
      columns: ['id', 'name', 'dialingMode', 'status', 'dialerStatus', 'customers'],
      stateColumn: 'status',
      rows: campaigns
        .slice(0, limit)
        .map((c) => [c.id, c.name, c.dialingMode, c.status, c.dialerStatus, c.customers.size]),
    },
    ...campaigns.map((c) => ({
      title: `Customers of campaign ${c.name}`,
      total: c.customers.size,
      columns: ['id', 'externalId', 'result', 'callResult', 'callCount', 'nextCall'],
      stateColumn: 'result',
      rows: take(c.customers.values(), limit).map((u) => [
        u.id,
        u.externalId,
        u.result,
        u.callResult ?? null,
        u.callCount,
        iso(u.date),
      ]),
    })),
  ];
}
