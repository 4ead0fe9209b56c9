import type { EntityCollection } from '../core/vendor.ts';
import { type EngageState, dateTime } from './models.ts';

/** The dashboard's view of an Engage sandbox: orgs, scripts, campaigns, strategies, compliance rules, lists. */
export function engageEntities(state: EngageState, limit: number): EntityCollection[] {
  const table = <E>(
    title: string,
    columns: string[],
    items: readonly E[],
    row: (e: E) => (string | number | boolean | null)[],
  ) => ({
    title,
    total: items.length,
    columns,
    rows: items.slice(0, limit).map(row),
  });
  const orgName = (id: string) => state.orgs.get(id)?.externalId ?? id;
  return [
    table('Orgs', ['internalId', 'externalId', 'type', 'parent'], [...state.orgs.values()], (o) => [
      o.internalId,
      o.externalId,
      o.type,
      o.parentId ? orgName(o.parentId) : null,
    ]),
    table(
      'Scripts',
      ['internalId', 'externalId', 'owner', 'template', 'elements'],
      [...state.scripts.values()],
      (s) => [s.internalId, s.externalId, orgName(s.ownerId), s.template, s.elements.map((e) => e.name).join(', ')],
    ),
    table(
      'Campaigns',
      ['internalId', 'externalId', 'owner', 'created', 'startDate', 'endDate'],
      [...state.campaigns.values()],
      (c) => [
        c.internalId,
        c.externalId,
        orgName(c.ownerId),
        dateTime(c.createdAt),
        c.attributes.find((a) => a.name === 'startDate')?.value ?? null,
        c.attributes.find((a) => a.name === 'endDate')?.value ?? null,
      ],
    ),
    table(
      'Outreach strategies',
      ['internalId', 'externalId', 'owner', 'passes'],
      [...state.strategies.values()],
      (s) => [s.internalId, s.externalId, orgName(s.ownerId), s.passes.length],
    ),
    table(
      'Compliance rules',
      ['internalId', 'externalId', 'owner', 'type', 'elements'],
      [...state.complianceRules.values()],
      (r) => [r.internalId, r.externalId ?? null, orgName(r.ownerId), r.type, r.elements.join(', ')],
    ),
    table('Lists', ['internalId', 'externalId', 'owner', 'size'], state.lists, (l) => [
      l.internalId,
      l.externalId,
      orgName(l.ownerId),
      l.size ?? null,
    ]),
  ];
}
