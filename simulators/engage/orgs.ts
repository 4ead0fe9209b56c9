import { ENGAGE_METHODS } from '../../contracts/engage/operations.ts';
import type { Org } from '../../contracts/engage/entities.ts';
import { engageFault } from './errors.ts';
import type { EngageState, OrgModel, OrgType } from './models.ts';

/**
 * The org rule every method shares: `internalId`, or (`externalId`, `parent`, `type`). An org naming neither key is
 * a null attribute (or, where the method lists no ATTRIBUTE_NULL, a null argument); an unknown one is
 * OBJECT_NOT_EXISTS naming it; a type the method does not take is ARG_INVALID_TYPE.
 */
export function resolveOrg(
  state: EngageState,
  operation: string,
  org: Org,
  accepts: readonly OrgType[] = ['Account', 'Enterprise'],
): OrgModel {
  const internalId = org.internalId?.trim();
  const externalId = org.externalId;
  let found: OrgModel | undefined;
  if (internalId) {
    found = state.orgs.get(internalId);
    // A type sent with the id must be the org's (assumed: the published client sends both).
    if (found && org.type && org.type !== found.type) found = undefined;
    if (!found) throw engageFault(operation, 'OBJECT_NOT_EXISTS', `Org ${internalId}`);
  } else if (externalId !== undefined && externalId !== '') {
    if (!org.type) throw missingKey(operation, 'type');
    const parent = org.parent ? resolveOrg(state, operation, org.parent, ['Enterprise']) : undefined;
    found = [...state.orgs.values()].find(
      (o) =>
        o.type === org.type &&
        o.externalId.toLowerCase() === externalId.toLowerCase() &&
        (parent === undefined || o.parentId === parent.internalId),
    );
    if (!found) throw engageFault(operation, 'OBJECT_NOT_EXISTS', `Org ${externalId}`);
  } else {
    throw missingKey(operation, 'org');
  }
  if (!accepts.includes(found.type)) throw engageFault(operation, 'ARG_INVALID_TYPE', `org ${found.type}`);
  return found;
}

/** The account an org's entities live in: an Account itself, an Enterprise's master account (documented for scripts). */
export function accountOf(state: EngageState, org: OrgModel): OrgModel {
  return org.type === 'Account' ? org : (state.orgs.get(org.masterAccountId ?? '') ?? org);
}

/** A key attribute missing: ATTRIBUTE_NULL where the method lists it, its ARG_NULL otherwise. */
export function missingKey(operation: string, name: string) {
  const faults = ENGAGE_METHODS.get(operation)?.faults ?? {};
  return 'ATTRIBUTE_NULL' in faults || !('ARG_NULL' in faults)
    ? engageFault(operation, 'ATTRIBUTE_NULL', name)
    : engageFault(operation, 'ARG_NULL', name);
}
