import type { z } from 'zod';
import type {
  AgentGroup as AgentGroupSchema,
  Campaign,
  Contact as ContactSchema,
  Org,
  OutreachStrategy,
  Pass,
  Script,
  User as UserSchema,
} from '../../../contracts/engage/entities.ts';
import type { SoapCall } from '../../core/soap.ts';
import { checkedAttributes, isBlank } from '../config/common.ts';
import { type CampaignModel, type EngageState, type NamedModel, ownedName } from '../models.ts';
import { accountOf, resolveOrg } from '../orgs.ts';
import { engageFault } from './faults.ts';
import type { OutreachDirectory } from './index.ts';
import type { InboundRules } from './inbound.ts';
import { CHANNELS, type ContactInput, type PassInput, type Ref } from './model.ts';

/**
 * From the wire to part 2's model: references to part 1's entities resolved (OBJECT_NOT_EXISTS naming what is
 * missing), text numbers and dates parsed, and the directory the lifecycle reads part 1 through.
 */
export type Call = SoapCall<EngageState>;
type AgentGroup = z.infer<typeof AgentGroupSchema>;
type User = z.infer<typeof UserSchema>;
export type Contact = z.infer<typeof ContactSchema>;

const refOf = (e: { internalId: string; externalId: string }): Ref => ({
  internalId: e.internalId,
  externalId: e.externalId,
});

/** The account an org argument names (Account only where the document says so). */
export function accountArg(call: Call, org: Org | undefined, name: string, accountOnly: boolean): string {
  if (!org) throw engageFault('ARG_NULL', name);
  const found = resolveOrg(call.state, call.operation.name, org, accountOnly ? ['Account'] : undefined);
  return accountOf(call.state, found).internalId;
}

/** The accounts an Account or Enterprise org covers (an Enterprise: all its accounts). */
export function accountsArg(call: Call, org: Org): Set<string> {
  const found = resolveOrg(call.state, call.operation.name, org);
  if (found.type === 'Account') return new Set([found.internalId]);
  return new Set([...call.state.orgs.values()].filter((o) => o.parentId === found.internalId).map((o) => o.internalId));
}

/** The caller's own accounts (the API user's account), for methods that take no org. */
export const callerAccounts = (state: EngageState) => new Set([state.accountId]);

/** A campaign by internalId, or by externalId in `accountId` (its owner, when given, names the account). */
export function campaignArg(call: Call, campaign: Campaign | undefined, accountId: string): CampaignModel {
  const { state } = call;
  if (!campaign || (isBlank(campaign.internalId) && isBlank(campaign.externalId))) {
    throw engageFault('ARG_NULL', 'campaign');
  }
  let found: CampaignModel | undefined;
  if (!isBlank(campaign.internalId)) found = state.campaigns.get(campaign.internalId.trim());
  else {
    const owner = campaign.owner ? accountArg(call, campaign.owner, 'campaign.owner', false) : accountId;
    found = state.campaigns.by('name', ownedName(owner, campaign.externalId as string));
  }
  if (!found) throw engageFault('OBJECT_NOT_EXISTS', `Campaign ${campaign.internalId ?? campaign.externalId}`);
  return found;
}

/** A named part 1 entity (list, agent group, user) by internalId or externalId within the account. */
function namedArg(
  items: readonly NamedModel[],
  kind: string,
  value: { internalId?: string; externalId?: string } | undefined,
  accountId: string | undefined,
): NamedModel | undefined {
  if (!value || (isBlank(value.internalId) && isBlank(value.externalId))) return undefined;
  const id = value.internalId?.trim();
  const found = items.find((i) =>
    id
      ? i.internalId === id
      : i.externalId.toLowerCase() === value.externalId?.toLowerCase() &&
        (accountId === undefined || i.ownerId === accountId),
  );
  if (!found) throw engageFault('OBJECT_NOT_EXISTS', `${kind} ${id ?? value.externalId}`);
  return found;
}

export const listArg = (call: Call, list: { internalId?: string } | undefined, accountId: string) =>
  namedArg(call.state.lists, 'List', list, accountId);
export const agentGroupArg = (call: Call, group: AgentGroup | undefined, accountId: string | undefined) =>
  namedArg(call.state.agentGroups, 'AgentGroup', group, accountId);
export const userArg = (call: Call, user: User | undefined, accountId: string | undefined) =>
  namedArg(call.state.users, 'User', user, accountId);

export function scriptArg(call: Call, script: Script | undefined): Ref | null {
  if (!script || (isBlank(script.internalId) && isBlank(script.externalId))) return null;
  const id = script.internalId?.trim();
  const found = id
    ? call.state.scripts.get(id)
    : [...call.state.scripts.values()].find((s) => s.externalId === script.externalId);
  if (!found) throw engageFault('OBJECT_NOT_EXISTS', `Script ${id ?? script.externalId}`);
  return refOf(found);
}

/** The account's default OnDemand strategy: its first (assumed: the document names no way to choose one). */
export const defaultStrategy = (state: EngageState, accountId: string) =>
  [...state.strategies.values()].find((s) => s.ownerId === accountId);

/** A strategy by internalId or externalId in the account; null → the account's default on-demand one. */
export function strategyArg(call: Call, strategy: OutreachStrategy | undefined, accountId: string) {
  if (!strategy || (isBlank(strategy.internalId) && isBlank(strategy.externalId))) {
    const fallback = defaultStrategy(call.state, accountId);
    if (!fallback) throw engageFault('OBJECT_NOT_EXISTS', 'OutreachStrategy (default OnDemand)');
    return fallback;
  }
  const id = strategy.internalId?.trim();
  const found = id
    ? call.state.strategies.get(id)
    : call.state.strategies.by('name', ownedName(accountId, strategy.externalId as string));
  if (!found) throw engageFault('OBJECT_NOT_EXISTS', `OutreachStrategy ${id ?? strategy.externalId}`);
  return found;
}

export { refOf };

/** What createSubCampaignUsingInboundDevice checks in part 1: the script's requirement, the groups' kinds, the
 * default OnDemand strategy's channels (a pass without a channel is Voice). */
export function inboundRulesOf(state: EngageState, accountId: string, script: Ref | null, groups: Ref[]): InboundRules {
  const strategy = defaultStrategy(state, accountId);
  return {
    scriptRequirement: (script && state.scripts.get(script.internalId)?.agentGroupRequirement) ?? null,
    agentGroupTypes: groups.map(
      (g) => state.agentGroups.find((a) => a.internalId === g.internalId)?.type ?? 'Standard',
    ),
    onDemandChannels: strategy
      ? new Set(strategy.passes.map((p) => (isBlank(p.channel) ? CHANNELS.Voice : Number(p.channel))))
      : null,
  };
}

// ---- values -----------------------------------------------------------------------------------------------------

/** A whole number in text (the schemas checked the form); out of [min, max] → `code` naming the field. */
export function intOf(text: string | undefined, field: string, min: number, max: number, code = 'ARG_INVALID_TYPE') {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < min || n > max) throw engageFault(code, field);
  return n;
}

/** An xs:dateTime (up to 9 fractional digits, any offset) as epoch ms; null when absent; no date → `code`. */
export function timeOf(text: string | undefined, field: string, code = 'ARG_INVALID_TYPE'): number | null {
  if (text === undefined || text.trim() === '') return null;
  const ms = Date.parse(text.trim().replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(ms)) throw engageFault(code, field);
  return ms;
}

export const boolOf = (text: string | undefined) => text !== undefined && /^\s*(true|1)\s*$/.test(text);

export function passInput(pass: Pass, index: number): PassInput {
  const at = `passes[${index}]`;
  return {
    name: isBlank(pass.name) ? null : pass.name,
    channel: intOf(pass.channel, `${at}.channel`, 0, 7),
    pacing: intOf(pass.pacing, `${at}.pacing`, 0, 1000),
    contactsPerMinute: intOf(pass.contactsPerMinute, `${at}.contactsPerMinute`, 0, 100_000),
    maxContactsPerMinute: intOf(pass.maxContactsPerMinute, `${at}.maxContactsPerMinute`, 0, 100_000),
    pacingPriority: intOf(pass.pacingPriority, `${at}.pacingPriority`, 0, 100),
    leaveMessage: pass.leaveMessage === undefined ? null : boolOf(pass.leaveMessage),
  };
}

/** Contacts as sent: each needs an externalId and a device (ARG_NULL naming what is missing). */
export function contactInputs(call: Call, contacts: readonly Contact[]): ContactInput[] {
  return contacts.map((c, i) => {
    if (isBlank(c.externalId)) throw engageFault('ARG_NULL', `contacts[${i}].externalId`);
    return {
      externalId: c.externalId,
      attributes: checkedAttributes(call, c.attributes) as ContactInput['attributes'],
      devices: (c.devices ?? []).map((d, j) => {
        if (isBlank(d.externalId)) throw engageFault('ARG_NULL', `contacts[${i}].devices[${j}].externalId`);
        return {
          externalId: d.externalId,
          attributes: checkedAttributes(call, d.attributes) as ContactInput['attributes'],
        };
      }),
    };
  });
}

// ---- the directory the lifecycle reads ----------------------------------------------------------------------------

/** An agent group's pace: the simulator keeps no allocation, so 10 agents at 100 % (assumed). */
export const DEFAULT_AGENT_GROUP_PACING = { allocatedCount: 10, intensity: 100 } as const;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Part 1 as the lifecycle sees it. A contact is filtered when one of its account's (or its enterprise's) Date rules
 * lists the day, or a Region rule lists the region its `region` / `state` attribute names (both honoured:
 * documented; the region's source is assumed).
 */
export function directoryOf(state: EngageState): OutreachDirectory {
  return {
    agentGroupPacing: (id) =>
      state.agentGroups.some((g) => g.internalId === id) ? DEFAULT_AGENT_GROUP_PACING : undefined,
    agentsOf: (id) => {
      const group = state.agentGroups.find((g) => g.internalId === id);
      return group
        ? state.users.filter((u) => u.ownerId === group.ownerId && u.role === 'Agent').map((u) => u.internalId)
        : [];
    },
    isFiltered(contact, accountId, at) {
      const account = state.orgs.get(accountId);
      const owners = new Set([accountId, account?.parentId]);
      const day = dayOf(at);
      const region = contact.attributes.find((a) => a.name === 'region' || a.name === 'state')?.value;
      for (const rule of state.complianceRules.values()) {
        if (!owners.has(rule.ownerId)) continue;
        if (rule.type === 'Date' && rule.elements.includes(day)) return true;
        if (rule.type === 'Region' && region !== undefined && rule.elements.includes(region)) return true;
      }
      return false;
    },
  };
}

/**
 * A part-2 entity an argument names by internalId, or by externalId within a uniquely identified campaign; one of
 * another account is as missing as an unknown one (OBJECT_NOT_EXISTS).
 */
export function keyedArg<E extends { accountId: string }>(
  call: Call,
  value: { internalId?: string; externalId?: string; campaign?: Campaign } | undefined,
  name: string,
  find: (key: { internalId?: string; externalId?: string }, campaign: Ref | null) => E,
): E {
  if (!value || (isBlank(value.internalId) && isBlank(value.externalId))) throw engageFault('ARG_NULL', name);
  const byName = isBlank(value.internalId);
  const campaign = byName && value.campaign ? refOf(campaignArg(call, value.campaign, call.state.accountId)) : null;
  const found = find({ internalId: value.internalId?.trim(), externalId: value.externalId }, campaign);
  if (!callerAccounts(call.state).has(found.accountId)) throw engageFault('OBJECT_NOT_EXISTS', value.internalId ?? '');
  return found;
}
