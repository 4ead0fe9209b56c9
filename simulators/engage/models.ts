import type { Attribute, Pass } from '../../contracts/engage/entities.ts';
import { EntityStore } from '../core/store.ts';
import type { OutreachState } from './outreach/state.ts';

/**
 * An Engage sandbox: one Enterprise with its master Account (the API user's), and what the configuration methods
 * create in them. Ids are Engage-style numeric internalIds, handed out in order. Entities keep their wire names
 * (`externalId`, `attributes`), so views are plain copies.
 */
export type OrgType = 'Account' | 'Enterprise';

export interface OrgModel {
  internalId: string;
  externalId: string;
  type: OrgType;
  /** The Enterprise of an Account. */
  parentId?: string;
  /** An Enterprise's master account (where its scripts live). */
  masterAccountId?: string;
  /** A secure Enterprise: createContactBatchAsync measures its accounts' payloads encrypted (documented). */
  secure?: boolean;
}

/**
 * An agent group's kind and what a script needs of a sub-campaign's agent groups (assumed fields: the document's
 * createSubCampaignUsingInboundDevice codes INBOUND_SKILLGROUP_REQUIRED, INBOUND_SCRIPT_REQUIRES_PORTAL_AGENT_GROUP,
 * INBOUND_SCRIPT_REQUIRES_STANDARD_AGENT_GROUP and INBOUND_NOSKILLGROUP_REQUIRED imply Standard and Portal agent groups
 * and scripts that require one kind, or none at all). A script without a requirement takes any or none.
 */
export const AGENT_GROUP_TYPES = ['Standard', 'Portal'] as const;
export type AgentGroupType = (typeof AGENT_GROUP_TYPES)[number];
export const AGENT_GROUP_REQUIREMENTS = ['None', ...AGENT_GROUP_TYPES] as const;
export type AgentGroupRequirement = (typeof AGENT_GROUP_REQUIREMENTS)[number];

export interface ScriptModel {
  internalId: string;
  externalId: string;
  ownerId: string;
  description?: string;
  template: boolean;
  /** `None`: no agent group allowed; `Standard` / `Portal`: one of that kind required; absent: any or none. */
  agentGroupRequirement?: AgentGroupRequirement;
  /** Its content parts: name and size in bytes (the bytes themselves are not kept: no method returns them). */
  elements: { name: string; bytes: number }[];
  createdAt: number;
}

export interface CampaignModel {
  internalId: string;
  externalId: string;
  ownerId: string;
  description?: string;
  createdAt: number;
  /** `startDate`, `endDate` and whatever else a client set. */
  attributes: Attribute[];
}

export interface StrategyModel {
  internalId: string;
  externalId: string;
  ownerId: string;
  description?: string;
  passes: Pass[];
  attributes: Attribute[];
}

export interface ComplianceRuleModel {
  internalId: string;
  externalId?: string;
  ownerId: string;
  type: 'Date' | 'Region';
  description?: string;
  /** Dates (`yyyy-MM-dd`) of a Date rule, region codes of a Region rule. */
  elements: string[];
  attributes: Attribute[];
}

/** Contact lists, agent groups and users: seeded, read by the support methods and (part 2) sub-campaigns. */
export interface NamedModel {
  internalId: string;
  externalId: string;
  ownerId: string;
  size?: number;
  role?: string;
  /** An agent group's kind (absent on lists and users). */
  type?: AgentGroupType;
}

export interface EngageState {
  username: string;
  password: string;
  orgs: Map<string, OrgModel>;
  accountId: string;
  enterpriseId: string;
  scripts: EntityStore<ScriptModel, 'name'>;
  campaigns: EntityStore<CampaignModel, 'name'>;
  strategies: EntityStore<StrategyModel, 'name'>;
  complianceRules: EntityStore<ComplianceRuleModel, 'name'>;
  lists: NamedModel[];
  agentGroups: NamedModel[];
  users: NamedModel[];
  /** `api.contact.payload.block.size`: createContactBatchAsync's per-contact payload bound (96 kB by default). */
  payloadBlockBytes: number;
  /** The next internalId handed out (all entity kinds share one sequence, as ids never collide then). */
  nextId: number;
  /** Part 2: sub-campaigns, contact batches, contact attempts (simulators/engage/outreach). */
  outreach: OutreachState;
}

/** Names are unique per owning org (case-insensitive: assumed). */
const nameKey = (entity: { ownerId: string; externalId?: string }) =>
  entity.externalId === undefined ? undefined : `${entity.ownerId}/${entity.externalId.toLowerCase()}`;
export const ownedName = (ownerId: string, externalId: string) => `${ownerId}/${externalId.toLowerCase()}`;

const byId = (entity: { internalId: string }) => entity.internalId;
/** A store of owned entities by internalId, unique by name within their org (`items`: a restored snapshot). */
const ownedStore = <E extends { internalId: string; ownerId: string; externalId?: string }>(
  name: string,
  items: Iterable<E>,
) => EntityStore.restore(name, byId, { name: nameKey }, items);
export const newScriptStore = (items: Iterable<ScriptModel> = []) => ownedStore('scripts', items);
export const newCampaignStore = (items: Iterable<CampaignModel> = []) => ownedStore('campaigns', items);
export const newStrategyStore = (items: Iterable<StrategyModel> = []) => ownedStore('outreach strategies', items);
export const newComplianceRuleStore = (items: Iterable<ComplianceRuleModel> = []) =>
  ownedStore('compliance rules', items);

export function nextId(state: EngageState): string {
  return String(state.nextId++);
}

/** An org as entities reference it (`owner`, `parent`): its keys, not its children. */
export function orgRef(state: EngageState, id: string): { internalId: string; externalId: string; type: OrgType } {
  const org = state.orgs.get(id) as OrgModel;
  return { internalId: org.internalId, externalId: org.externalId, type: org.type };
}

export function orgView(state: EngageState, org: OrgModel) {
  return {
    internalId: org.internalId,
    externalId: org.externalId,
    type: org.type,
    ...(org.parentId ? { parent: orgRef(state, org.parentId) } : {}),
  };
}

/** `yyyy-MM-ddTHH:mm:ss.SSSZ` on the virtual clock (the wire form of every dateTime written). */
export const dateTime = (ms: number) => new Date(ms).toISOString();
