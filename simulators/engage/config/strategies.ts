import type { Org, OutreachStrategy, Pass } from '../../../contracts/engage/entities.ts';
import { type EngageState, type StrategyModel, nextId, orgRef, ownedName } from '../models.ts';
import { accountOf, resolveOrg } from '../orgs.ts';
import {
  type Call,
  MAX_TEXT,
  checkedAttributes,
  fault,
  hasAttributes,
  hasInvalidChars,
  isBlank,
  mergeAttributes,
  within,
} from './common.ts';

/** Documented: lists of at most 100. Passes per strategy: at most 10 (assumed). */
export const STRATEGY_LIMITS = { listed: 100, passes: 10 } as const;

export function strategyView(state: EngageState, strategy: StrategyModel) {
  return {
    internalId: strategy.internalId,
    externalId: strategy.externalId,
    attributes: strategy.attributes,
    owner: orgRef(state, strategy.ownerId),
    description: strategy.description,
    passes: strategy.passes,
  };
}

/** Pass channels are 0–7 (README: 0 None … 7 Web). */
function checkedPasses(call: Call, passes: readonly Pass[] | undefined): Pass[] {
  if ((passes?.length ?? 0) > STRATEGY_LIMITS.passes) throw fault(call, 'ARG_TOO_LARGE', 'passes');
  return (passes ?? []).map((pass) => {
    const channel = pass.channel?.trim();
    if (channel !== undefined && !/^[0-7]$/.test(channel)) throw fault(call, 'ARG_INVALID_DATA', 'channel');
    return { ...pass, ...(channel === undefined ? {} : { channel }) };
  });
}

function checkName(call: Call, externalId: string) {
  if (hasInvalidChars(externalId)) throw fault(call, 'ARG_INVALID_CHAR', 'externalId');
  if (externalId.length > MAX_TEXT) throw fault(call, 'ARG_TOO_LARGE', 'externalId');
}

export function createOutreachStrategy(call: Call) {
  const { state } = call;
  const [strategy, orgArg] = call.args as [OutreachStrategy, Org];
  const account = accountOf(state, resolveOrg(state, call.operation.name, orgArg));
  if (isBlank(strategy.externalId)) throw fault(call, 'ARG_NULL', 'externalId');
  checkName(call, strategy.externalId);
  if ((strategy.description?.length ?? 0) > MAX_TEXT) throw fault(call, 'ARG_TOO_LARGE', 'description');
  const passes = checkedPasses(call, strategy.passes);
  const attributes = checkedAttributes(call, strategy.attributes);
  if (state.strategies.by('name', ownedName(account.internalId, strategy.externalId))) {
    throw fault(call, 'OBJECT_EXISTS', strategy.externalId);
  }
  const model: StrategyModel = {
    internalId: nextId(state),
    externalId: strategy.externalId,
    ownerId: account.internalId,
    description: strategy.description,
    passes,
    attributes,
  };
  state.strategies.insert(model);
  return [strategyView(state, model)];
}

function byInternalId(call: Call, strategy: OutreachStrategy): StrategyModel {
  if (isBlank(strategy.internalId)) throw fault(call, 'ARG_NULL', 'internalId');
  const found = call.state.strategies.get(strategy.internalId.trim());
  if (!found) throw fault(call, 'OBJECT_NOT_EXISTS', `OutreachStrategy ${strategy.internalId.trim()}`);
  return found;
}

export function deleteOutreachStrategy(call: Call) {
  const [strategy] = call.args as [OutreachStrategy];
  call.state.strategies.delete(byInternalId(call, strategy));
}

/** Documented key: externalId + owner (an internalId is accepted too: assumed). */
export function showOutreachStrategy(call: Call) {
  const { state } = call;
  const [strategy] = call.args as [OutreachStrategy];
  if (!isBlank(strategy.internalId)) return [strategyView(state, byInternalId(call, strategy))];
  if (isBlank(strategy.externalId)) throw fault(call, 'ARG_NULL', 'externalId');
  if (!strategy.owner) throw fault(call, 'ARG_NULL', 'owner');
  const owner = accountOf(state, resolveOrg(state, call.operation.name, strategy.owner));
  const found = state.strategies.by('name', ownedName(owner.internalId, strategy.externalId));
  if (!found) throw fault(call, 'OBJECT_NOT_EXISTS', `OutreachStrategy ${strategy.externalId}`);
  return [strategyView(state, found)];
}

export function listOutreachStrategy(call: Call) {
  const { state } = call;
  const [orgArg, sample] = call.args as [Org, OutreachStrategy | undefined];
  const account = accountOf(state, resolveOrg(state, call.operation.name, orgArg));
  if (sample?.attributes?.some((a) => isBlank(a.name))) throw fault(call, 'ATTRIBUTE_NULL', 'attributes.name');
  // Documented: a null sample lists all; otherwise every attribute the sample sets must match.
  const found = [...state.strategies.values()].filter(
    (s) =>
      s.ownerId === account.internalId &&
      (sample === undefined ||
        ((isBlank(sample.internalId) || s.internalId === sample.internalId.trim()) &&
          (sample.externalId === undefined || s.externalId === sample.externalId) &&
          (sample.description === undefined || s.description === sample.description) &&
          hasAttributes(s.attributes, sample.attributes))),
  );
  return within(call, found, STRATEGY_LIMITS.listed).map((s) => strategyView(state, s));
}

/** Marked "Future" in the document; served here (internalId + the fields to change). */
export function changeOutreachStrategy(call: Call) {
  const { state } = call;
  const [change] = call.args as [OutreachStrategy];
  const target = byInternalId(call, change);
  if (change.externalId !== undefined) {
    if (isBlank(change.externalId)) throw fault(call, 'ARG_NULL', 'externalId');
    checkName(call, change.externalId);
    const holder = state.strategies.by('name', ownedName(target.ownerId, change.externalId));
    // No OBJECT_EXISTS in this method's list: a taken name is invalid data (assumed).
    if (holder && holder !== target) throw fault(call, 'ARG_INVALID_DATA', change.externalId);
  }
  const passes = change.passes === undefined ? undefined : checkedPasses(call, change.passes);
  const attributes = checkedAttributes(call, change.attributes);
  state.strategies.update(target, () => {
    if (change.externalId !== undefined) target.externalId = change.externalId;
    if (change.description !== undefined) target.description = change.description;
    if (passes !== undefined) target.passes = passes;
    target.attributes = mergeAttributes(target.attributes, attributes);
  });
  return [strategyView(state, target)];
}
