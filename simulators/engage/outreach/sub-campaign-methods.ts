import type { z } from 'zod';
import type {
  BaseEntity,
  Campaign,
  ContactAttempt,
  Device,
  List,
  Org,
  Pass,
  Script,
  SubCampaign,
  SubCampaignState,
} from '../../../contracts/engage/entities.ts';
import { attributeValue, checkedAttributes, isBlank } from '../config/common.ts';
import { engageFault } from './faults.ts';
import { createInboundSubCampaign, findInboundSubCampaign } from './inbound.ts';
import type { Ref, SubCampaignModel, SubCampaignType } from './model.ts';
import { type PacingChanges, previewPacing as preview } from './pacing.ts';
import {
  type Call,
  DEFAULT_AGENT_GROUP_PACING,
  accountArg,
  accountsArg,
  agentGroupArg,
  boolOf,
  callerAccounts,
  campaignArg,
  directoryOf,
  inboundRulesOf,
  intOf,
  keyedArg,
  listArg,
  passInput,
  refOf,
  scriptArg,
  timeOf,
} from './resolve.ts';
import {
  type SubCampaignChanges,
  changeSubCampaign as change,
  changeSubCampaignState as changeState,
  createSubCampaign as create,
  findSubCampaign,
  listContacts,
  listSubCampaignStates as listStates,
  listSubCampaigns as list,
} from './subcampaigns.ts';
import { SYSTEM_SUB_CAMPAIGN_STATE, pacingInfoView, subCampaignStateView, subCampaignView } from './views.ts';

type SubCampaignArg = z.infer<typeof SubCampaign>;
type StateArg = z.infer<typeof SubCampaignState>;

/** A list's records are synthesized: at most this many per sub-campaign (assumed bound on a seeded list's size). */
export const MAX_LIST_CONTACTS = 1000;

/** The sub-campaign an argument names: internalId, or externalId and a uniquely identified campaign. */
export function subCampaignArg(call: Call, sub: SubCampaignArg | undefined): SubCampaignModel {
  // A sub-campaign named by externalId needs its campaign (documented: "uniquely identified Campaign").
  if (sub && isBlank(sub.internalId) && !sub.campaign && !isBlank(sub.externalId))
    throw engageFault('ARG_NULL', 'campaign');
  return keyedArg(call, sub, 'subCampaign', (key, campaign) => findSubCampaign(call.state.outreach, key, campaign));
}

/** The fields of a new sub-campaign common to both create methods (`valueCode`: an out-of-range intensity's). */
function newFields(
  call: Call,
  sub: SubCampaignArg,
  script: Script | undefined,
  accountId: string,
  valueCode = 'ARG_INVALID_TYPE',
) {
  const campaign = campaignArg(call, sub.campaign, accountId);
  const attributes = checkedAttributes(call, sub.attributes) as { name: string; value: string }[];
  return {
    externalId: isBlank(sub.externalId) ? `${campaign.externalId} ${call.state.outreach.nextId}` : sub.externalId,
    campaign: refOf(campaign),
    accountId,
    script: scriptArg(call, script),
    agentGroups: (sub.agentGroups ?? []).map((g) => refOf(agentGroupArg(call, g, accountId) as Ref)),
    intensity: intOf(sub.intensity, 'intensity', 0, 100, valueCode),
    passes: (sub.passes ?? []).map(passInput),
    // A later start travels as the `startTime` attribute (assumed: the SubCampaign type has no start field).
    startAt: timeOf(attributeValue(attributes, 'startTime'), 'startTime'),
    attributes: attributes.filter((a) => a.name !== 'startTime'),
  };
}

export function createSubCampaign(call: Call) {
  const [sub, listRef, script, org] = call.args as [SubCampaignArg, z.infer<typeof List>, Script, Org];
  const accountId = accountArg(call, org, 'org', true);
  const fields = newFields(call, sub, script, accountId);
  const found = listArg(call, listRef, accountId);
  if (!found) throw engageFault('ARG_NULL', 'list');
  const list = refOf(found);
  const type: SubCampaignType = sub.type === 'OnDemand' ? 'OnDemand' : 'Outbound';
  const { outreach } = call.state;
  const contacts = listContacts(outreach.seed, list, Math.min(found.size ?? 0, MAX_LIST_CONTACTS));
  const created = create(outreach, { ...fields, type, list, contacts }, call.now(), directoryOf(call.state).isFiltered);
  return [subCampaignView(call.state, created)];
}

export function createSubCampaignUsingInboundDevice(call: Call) {
  const [sub, script, org, device] = call.args as [SubCampaignArg, Script, Org, z.infer<typeof Device>];
  const accountId = accountArg(call, org, 'org', true);
  // The method's own attribute codes (assumed uses): another type is ATTRIBUTE_INVALID with the reason, an intensity
  // outside 0–100 ATTRIBUTE_INVALID_DATA.
  if (!isBlank(sub.type) && sub.type.trim() !== 'Inbound') {
    throw engageFault('ATTRIBUTE_INVALID', `type ${sub.type.trim()} is not Inbound`);
  }
  const fields = newFields(call, sub, script, accountId, 'ATTRIBUTE_INVALID_DATA');
  const account = call.state.orgs.get(accountId)?.externalId ?? accountId;
  const { outreach } = call.state;
  const created = createInboundSubCampaign(
    outreach,
    fields,
    device,
    inboundRulesOf(call.state, accountId, fields.script, fields.agentGroups),
    account,
    call.now(),
    directoryOf(call.state).isFiltered,
  );
  return [subCampaignView(call.state, created)];
}

export function listSubCampaigns(call: Call) {
  const [campaign, includeDeleted, fromTime, toTime] = call.args as [
    z.infer<typeof Campaign>,
    string | undefined,
    string | undefined,
    string | undefined,
  ];
  const found = campaignArg(call, campaign, call.state.accountId);
  const from = timeOf(fromTime, 'fromTime');
  const to = timeOf(toTime, 'toTime');
  const subs = list(call.state.outreach, refOf(found), boolOf(includeDeleted), from, to, call.now());
  return subs.map((s) => subCampaignView(call.state, s));
}

/** The fields changeSubCampaign may set, and the names of the others it was sent. */
const IDENTITY_FIELDS = new Set(['internalId', 'campaign']);
const CHANGEABLE = new Set(['externalId', 'intensity', 'agentGroups', 'passes']);

export function changeSubCampaign(call: Call) {
  const [arg] = call.args as [SubCampaignArg];
  const sub = subCampaignArg(call, arg);
  // Named by externalId (and campaign), the externalId is the key, not a change.
  const byName = isBlank(arg.internalId);
  const sent = Object.entries(arg)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  const changes: SubCampaignChanges = {
    externalId: byName ? null : (arg.externalId ?? null),
    intensity: intOf(arg.intensity, 'intensity', 0, 100, 'ATTRIBUTE_INVALID_DATA'),
    agentGroups: arg.agentGroups
      ? arg.agentGroups.map((g) => refOf(agentGroupArg(call, g, sub.accountId) as Ref))
      : null,
    passes: arg.passes ? arg.passes.map(passInput) : null,
    otherFields: sent.filter((k) => !IDENTITY_FIELDS.has(k) && !CHANGEABLE.has(k) && !(byName && k === 'externalId')),
  };
  if (changes.otherFields?.includes('attributes')) checkedAttributes(call, arg.attributes);
  return [subCampaignView(call.state, change(call.state.outreach, sub, changes, call.now()))];
}

export function showSubCampaignState(call: Call) {
  const [arg] = call.args as [SubCampaignArg];
  return [subCampaignStateView(call.state, subCampaignArg(call, arg))];
}

export function listSubCampaignStates(call: Call) {
  const [org, sample, fromTime, toTime] = call.args as [
    Org,
    StateArg | undefined,
    string | undefined,
    string | undefined,
  ];
  const accounts = accountsArg(call, org);
  const sub = sample?.subCampaign;
  const group = sub?.agentGroups?.[0];
  const subs = listStates(
    call.state.outreach,
    accounts,
    sample
      ? {
          // An empty state means none (README: the published client sends `<state></state>`).
          state: isBlank(sample.state) ? null : sample.state.trim(),
          type: sub?.type ?? null,
          internalId: isBlank(sub?.internalId) ? null : sub.internalId.trim(),
          externalId: isBlank(sub?.externalId) ? null : sub.externalId,
          campaign: sub?.campaign
            ? { internalId: sub.campaign.internalId?.trim(), externalId: sub.campaign.externalId }
            : null,
          agentGroup: group ? { internalId: group.internalId?.trim(), externalId: group.externalId } : null,
          channel: intOf(sub?.passes?.[0]?.channel, 'passes[0].channel', 0, 7),
        }
      : null,
    timeOf(fromTime, 'fromTime'),
    timeOf(toTime, 'toTime'),
    call.now(),
  );
  return subs.map((s) => subCampaignStateView(call.state, s));
}

export function changeSubCampaignState(call: Call) {
  const [arg] = call.args as [StateArg];
  const sub = subCampaignArg(call, arg.subCampaign);
  if (isBlank(arg.state)) throw engageFault('ARG_NULL', 'state');
  return [subCampaignStateView(call.state, changeState(call.state.outreach, sub, arg.state.trim(), call.now()))];
}

export function showSubCampaignStateUsingContactAttempt(call: Call) {
  const [attempt] = call.args as [z.infer<typeof ContactAttempt>];
  const device = attempt.secondaryDevice?.externalId;
  if (isBlank(device)) throw engageFault('ATTRIBUTE_NULL', 'secondaryDevice');
  const found = findInboundSubCampaign(
    call.state.outreach,
    callerAccounts(call.state),
    device.trim(),
    attempt.messageText ?? null,
  );
  return [found ? subCampaignStateView(call.state, found) : SYSTEM_SUB_CAMPAIGN_STATE];
}

/**
 * previewPacing: SubCampaigns (intensity; passes by name with pacing, contactsPerMinute, pacingPriority; passes
 * null → sub-campaign level) and AgentGroups (allocatedCount, intensity), told apart by their internalId. One
 * PacingInfo per pass of each sub-campaign named, or — for an agent group alone — of each active sub-campaign it works.
 */
export function previewPacing(call: Call) {
  const [entities] = call.args as [z.infer<typeof BaseEntity>[]];
  if (entities.length === 0) throw engageFault('ARG_NULL', 'entities');
  const { outreach } = call.state;
  const subs = new Map<SubCampaignModel, PacingChanges>();
  const groups = new Map<string, { allocatedCount?: number; intensity?: number }>();
  for (const entity of entities) {
    const id = entity.internalId?.trim();
    if (!id) throw engageFault('ATTRIBUTE_NULL', 'internalId');
    const sub = outreach.subCampaigns.get(id);
    if (sub && callerAccounts(call.state).has(sub.accountId)) {
      const passes = entity.passes?.map((p, i) => [previewPassName(sub, p, i), passInput(p, i)] as const);
      subs.set(sub, {
        intensity: intOf(entity.intensity, 'intensity', 0, 100, 'ATTRIBUTE_INVALID') ?? undefined,
        passes:
          passes &&
          new Map(
            passes.map(([name, p]) => [
              name,
              definedOf({ pacing: p.pacing, contactsPerMinute: p.contactsPerMinute, pacingPriority: p.pacingPriority }),
            ]),
          ),
      });
      continue;
    }
    if (!call.state.agentGroups.some((g) => g.internalId === id)) throw engageFault('OBJECT_NOT_EXISTS', id);
    groups.set(id, {
      allocatedCount: intOf(entity.allocatedCount, 'allocatedCount', 0, 100_000, 'ATTRIBUTE_INVALID') ?? undefined,
      intensity: intOf(entity.intensity, 'intensity', 0, 100, 'ATTRIBUTE_INVALID') ?? undefined,
    });
  }
  if (subs.size === 0) {
    for (const sub of outreach.subCampaigns.values()) {
      const group = sub.agentGroups[0]?.internalId;
      if (group && groups.has(group) && sub.state !== 'Done' && sub.state !== 'Cancelled') subs.set(sub, {});
    }
  }
  const infos = [...subs].flatMap(([sub, changes]) => {
    const groupId = sub.agentGroups[0]?.internalId;
    const group = groupId ? { ...DEFAULT_AGENT_GROUP_PACING, ...groups.get(groupId) } : undefined;
    return preview(sub, changes, group);
  });
  return infos.map((info) => pacingInfoView(call.state, info));
}

/** Pass attributes previewPacing takes (documented): pacing, contactsPerMinute, pacingPriority. */
const PREVIEW_PASS_FIELDS: ReadonlySet<string> = new Set(['name', 'pacing', 'contactsPerMinute', 'pacingPriority']);

/**
 * The sub-campaign's pass a preview pass names (by name, else by position): none → ARG_INVALID_DATA; an attribute
 * the document does not list for passes → ATTRIBUTE_INVALID_DATA (assumed uses of the method's codes).
 */
function previewPassName(sub: SubCampaignModel, pass: z.infer<typeof Pass>, index: number): string {
  const name = pass.name ?? sub.passes[index]?.name;
  if (name === undefined || !sub.passes.some((p) => p.name === name)) {
    throw engageFault('ARG_INVALID_DATA', `passes[${index}] is not a pass of ${sub.externalId}`);
  }
  const other = Object.keys(pass).find(
    (k) => !PREVIEW_PASS_FIELDS.has(k) && pass[k as keyof typeof pass] !== undefined,
  );
  if (other) throw engageFault('ATTRIBUTE_INVALID_DATA', `passes[${index}].${other}`);
  return name;
}

const definedOf = <T extends object>(value: T): Partial<{ [K in keyof T]: NonNullable<T[K]> }> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as never;
