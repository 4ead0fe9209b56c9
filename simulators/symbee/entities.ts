import { take } from '../core/iterate.ts';
import type { EntityCollection } from '../core/vendor.ts';
import type { SymbeeState } from './models.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The dashboard's view: each campaign's records with their worked state (the task lifecycle). */
export function symbeeEntities(state: SymbeeState, limit: number): EntityCollection[] {
  return [...state.campaigns.values()].map((campaign) => ({
    title: `Records of campaign ${campaign.name}`,
    total: campaign.records.size,
    columns: ['clientId', 'previewRecordId', 'workedState', 'workAttempts', 'nextEarliestWorkTime', 'preferredAgent'],
    stateColumn: 'workedState',
    rows: take(campaign.records.values(), limit).map((r) => [
      r.clientId,
      r.id,
      r.workedState,
      r.workAttempts,
      iso(r.nextEarliestWorkTime),
      r.preferredAgent || null,
    ]),
  }));
}
