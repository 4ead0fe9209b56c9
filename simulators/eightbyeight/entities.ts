import { RECORD_STATUS_LABELS } from '../../contracts/eightbyeight/schemas.ts';
import { take } from '../core/iterate.ts';
import type { EntityCollection } from '../core/vendor.ts';
import { type EightByEightState, statusName } from './models.ts';

/** The dashboard's view: campaigns with their status, and each campaign's records with theirs. */
export function eightByEightEntities(state: EightByEightState, limit: number): EntityCollection[] {
  const campaigns = [...state.campaigns.values()];
  return [
    {
      title: 'Campaigns',
      total: campaigns.length,
      columns: ['id', 'name', 'status', 'enabled', 'dynamic', 'records', 'busyLines'],
      stateColumn: 'status',
      rows: campaigns
        .slice(0, limit)
        .map((c) => [c.id, c.name, statusName(c.status), c.enabled, c.dynamic, c.records.byCustomer.size, c.busy]),
    },
    ...campaigns.map((c) => {
      const rs = c.records;
      return {
        title: `Records of campaign ${c.id} ${c.name}`,
        total: rs.byCustomer.size,
        columns: ['customer-id', 'record-id', 'status', 'attempts', 'nextEventAt'],
        stateColumn: 'status',
        rows: take(rs.byCustomer.values(), limit).map((row) => {
          const eventAt = rs.eventAt[row] as number;
          return [
            rs.customer[row] as number,
            // A record's record-id is its customer's ACCOUNTNUM (vendor README).
            rs.customer[row] as number,
            RECORD_STATUS_LABELS[rs.status[row] as keyof typeof RECORD_STATUS_LABELS] ?? String(rs.status[row]),
            rs.attempts[row] as number,
            Number.isFinite(eventAt) ? new Date(eventAt).toISOString() : null,
          ];
        }),
      };
    }),
  ];
}
