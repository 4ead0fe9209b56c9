import { COMPLIANCE_RULE_TYPES, type ComplianceRule, type Org } from '../../../contracts/engage/entities.ts';
import { type ComplianceRuleModel, type EngageState, nextId, orgRef, ownedName } from '../models.ts';
import { resolveOrg } from '../orgs.ts';
import { type Call, checkedAttributes, fault, isBlank, mergeAttributes, within } from './common.ts';

/** Documented: at most 1,000 rules at once, lists of at most 1,000. Elements per rule: at most 366 (assumed). */
export const COMPLIANCE_LIMITS = { rules: 1000, listed: 1000, elements: 366 } as const;

type RuleType = (typeof COMPLIANCE_RULE_TYPES)[number];

export function complianceRuleView(state: EngageState, rule: ComplianceRuleModel) {
  return {
    internalId: rule.internalId,
    externalId: rule.externalId,
    attributes: rule.attributes,
    owner: orgRef(state, rule.ownerId),
    type: rule.type,
    description: rule.description,
    elements: rule.elements,
  };
}

const yearOf = (now: number) => new Date(now).getUTCFullYear();

/**
 * Why a rule's elements are refused, or undefined. Documented: a Date rule's dates all in one year, none after the
 * end of the next calendar year (virtual clock). Assumed: dates are `yyyy-MM-dd` and real, elements non-empty.
 */
function invalidElements(type: RuleType, elements: readonly string[], now: number): string | undefined {
  if (elements.length === 0 || elements.some((e) => isBlank(e))) return 'elements must be non-empty';
  if (elements.length > COMPLIANCE_LIMITS.elements) return `at most ${COMPLIANCE_LIMITS.elements} elements`;
  if (type === 'Region') return undefined;
  const dates = elements.map((e) => e.trim());
  for (const date of dates) {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
      return `${date} is not a date (yyyy-MM-dd)`;
    }
  }
  if (new Set(dates.map((d) => d.slice(0, 4))).size > 1) return 'all dates must be in the same year';
  const latest = `${yearOf(now) + 1}-12-31`;
  if (dates.some((d) => d > latest)) return `dates must not be later than ${latest}`;
  return undefined;
}

export function createComplianceRule(call: Call) {
  const { state } = call;
  const [rule, orgArg] = call.args as [ComplianceRule, Org];
  const org = resolveOrg(state, call.operation.name, orgArg);
  if (isBlank(rule.type)) throw fault(call, 'ATTRIBUTE_NULL', 'type');
  const type = rule.type.trim() as RuleType;
  if (!COMPLIANCE_RULE_TYPES.includes(type)) throw fault(call, 'ARG_INVALID_TYPE', rule.type);
  // Documented: Region compliance only at the Enterprise (the code is assumed).
  if (type === 'Region' && org.type !== 'Enterprise') throw fault(call, 'ARG_INVALID_TYPE', 'org');
  if (!rule.elements || rule.elements.length === 0) throw fault(call, 'ATTRIBUTE_NULL', 'elements');
  // The create lists no ARG_INVALID: invalid elements are an argument of invalid type (assumed).
  if (invalidElements(type, rule.elements, call.now())) throw fault(call, 'ARG_INVALID_TYPE', 'elements');
  const attributes = checkedAttributes(call, rule.attributes);
  const externalId = isBlank(rule.externalId) ? undefined : rule.externalId;
  if (externalId !== undefined && state.complianceRules.by('name', ownedName(org.internalId, externalId))) {
    throw fault(call, 'OBJECT_EXISTS', externalId);
  }
  if (state.complianceRules.size >= COMPLIANCE_LIMITS.rules) {
    throw fault(call, 'SYSTEM_LIMIT_EXCEEDED', 'active compliance rules');
  }
  const model: ComplianceRuleModel = {
    internalId: nextId(state),
    ...(externalId === undefined ? {} : { externalId }),
    ownerId: org.internalId,
    type,
    description: rule.description,
    elements: rule.elements.map((e) => e.trim()),
    attributes,
  };
  state.complianceRules.insert(model);
  return [complianceRuleView(state, model)];
}

function byInternalId(call: Call, rule: ComplianceRule, missing: 'ARG_NULL' | 'ATTRIBUTE_NULL'): ComplianceRuleModel {
  if (isBlank(rule.internalId)) throw fault(call, missing, 'internalId');
  const found = call.state.complianceRules.get(rule.internalId.trim());
  if (!found) throw fault(call, 'OBJECT_NOT_EXISTS', `ComplianceRule ${rule.internalId.trim()}`);
  return found;
}

export function deleteComplianceRule(call: Call) {
  const [rule] = call.args as [ComplianceRule];
  call.state.complianceRules.delete(byInternalId(call, rule, 'ARG_NULL'));
}

export function showComplianceRule(call: Call) {
  const [rule] = call.args as [ComplianceRule];
  return [complianceRuleView(call.state, byInternalId(call, rule, 'ATTRIBUTE_NULL'))];
}

export function listComplianceRules(call: Call) {
  const { state } = call;
  const [orgArg] = call.args as [Org];
  const org = resolveOrg(state, call.operation.name, orgArg);
  // Documented: Date rules from the beginning of the prior calendar year on (a rule's dates share one year).
  const earliest = String(yearOf(call.now()) - 1);
  const found = [...state.complianceRules.values()].filter(
    (r) => r.ownerId === org.internalId && (r.type !== 'Date' || (r.elements[0] ?? '').slice(0, 4) >= earliest),
  );
  return within(call, found, COMPLIANCE_LIMITS.listed).map((r) => complianceRuleView(state, r));
}

export function changeComplianceRule(call: Call) {
  const { state } = call;
  const [change] = call.args as [ComplianceRule];
  const target = byInternalId(call, change, 'ARG_NULL');
  if (change.type !== undefined && change.type.trim() !== target.type) {
    throw fault(call, 'ARG_INVALID', 'the type of a rule cannot be changed');
  }
  const elements = change.elements ?? target.elements;
  const reason = invalidElements(target.type, elements, call.now());
  if (change.elements !== undefined && reason) throw fault(call, 'ARG_INVALID', reason);
  const externalId = isBlank(change.externalId) ? undefined : change.externalId;
  if (externalId !== undefined) {
    const holder = state.complianceRules.by('name', ownedName(target.ownerId, externalId));
    if (holder && holder !== target) throw fault(call, 'ARG_INVALID', `externalId ${externalId} is taken`);
  }
  const attributes = checkedAttributes(call, change.attributes);
  state.complianceRules.update(target, () => {
    if (externalId !== undefined) target.externalId = externalId;
    if (change.description !== undefined) target.description = change.description;
    if (change.elements !== undefined) target.elements = elements.map((e) => e.trim());
    target.attributes = mergeAttributes(target.attributes, attributes);
  });
  return [complianceRuleView(state, target)];
}
