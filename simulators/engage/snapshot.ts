import { z } from 'zod';
import { Pass } from '../../contracts/engage/entities.ts';
import { parseSnapshot, type Saving } from '../core/store.ts';
import {
  AGENT_GROUP_REQUIREMENTS,
  AGENT_GROUP_TYPES,
  type ComplianceRuleModel,
  type EngageState,
  type OrgModel,
  newCampaignStore,
  newComplianceRuleStore,
  newScriptStore,
  newStrategyStore,
} from './models.ts';
import { DEFAULT_PAYLOAD_BLOCK_BYTES } from './outreach/batches.ts';
import { OutreachSnapshotSchema, restoreOutreach, snapshotOutreach } from './outreach/state.ts';

/** What a saved Engage section holds: credentials, orgs, the configuration entities and part 2's own section. */
const Id = z.string().regex(/^\d{1,18}$/);
const AttributeSchema = z.object({ name: z.string().optional(), value: z.string().optional() });
const Owned = { internalId: Id, externalId: z.string(), ownerId: Id };

const OrgSchema = z.object({
  internalId: Id,
  externalId: z.string(),
  type: z.enum(['Account', 'Enterprise']),
  parentId: Id.optional(),
  masterAccountId: Id.optional(),
  secure: z.boolean().optional(),
});
const ScriptSchema = z.object({
  ...Owned,
  description: z.string().optional(),
  template: z.boolean(),
  agentGroupRequirement: z.enum(AGENT_GROUP_REQUIREMENTS).optional(),
  elements: z.array(z.object({ name: z.string(), bytes: z.number().int().min(0) })),
  createdAt: z.number(),
});
const CampaignSchema = z.object({
  ...Owned,
  description: z.string().optional(),
  createdAt: z.number(),
  attributes: z.array(AttributeSchema),
});
const StrategySchema = z.object({
  ...Owned,
  description: z.string().optional(),
  passes: z.array(Pass),
  attributes: z.array(AttributeSchema),
});
const RuleSchema = z.object({
  ...Owned,
  externalId: z.string().optional(),
  type: z.enum(['Date', 'Region']),
  description: z.string().optional(),
  elements: z.array(z.string()),
  attributes: z.array(AttributeSchema),
});
const NamedSchema = z.object({
  ...Owned,
  size: z.number().int().optional(),
  role: z.string().optional(),
  type: z.enum(AGENT_GROUP_TYPES).optional(),
});

export const EngageSnapshotSchema = z.object({
  username: z.string(),
  password: z.string(),
  orgs: z.array(OrgSchema),
  accountId: Id,
  enterpriseId: Id,
  scripts: z.array(ScriptSchema),
  campaigns: z.array(CampaignSchema),
  strategies: z.array(StrategySchema),
  complianceRules: z.array(RuleSchema),
  lists: z.array(NamedSchema),
  agentGroups: z.array(NamedSchema),
  users: z.array(NamedSchema),
  payloadBlockBytes: z.number().int().positive().default(DEFAULT_PAYLOAD_BLOCK_BYTES),
  nextId: z.number().int(),
  outreach: OutreachSnapshotSchema,
});
export type EngageSnapshot = z.infer<typeof EngageSnapshotSchema>;

export function snapshotEngage(state: EngageState): Saving<EngageSnapshot> {
  return {
    username: state.username,
    password: state.password,
    orgs: [...state.orgs.values()],
    accountId: state.accountId,
    enterpriseId: state.enterpriseId,
    scripts: state.scripts.snapshot(),
    campaigns: state.campaigns.snapshot(),
    strategies: state.strategies.snapshot(),
    complianceRules: state.complianceRules.snapshot(),
    lists: state.lists,
    agentGroups: state.agentGroups,
    users: state.users,
    payloadBlockBytes: state.payloadBlockBytes,
    nextId: state.nextId,
    outreach: snapshotOutreach(state.outreach),
  };
}

/** Restores a saved section (schema-checked; indexes rebuilt, duplicate keys refused). */
export function restoreEngage(data: unknown): EngageState {
  const saved = parseSnapshot('engage', EngageSnapshotSchema, data);
  return {
    ...saved,
    orgs: new Map(saved.orgs.map((o: OrgModel) => [o.internalId, o])),
    scripts: newScriptStore(saved.scripts),
    campaigns: newCampaignStore(saved.campaigns),
    strategies: newStrategyStore(saved.strategies),
    complianceRules: newComplianceRuleStore(saved.complianceRules as ComplianceRuleModel[]),
    outreach: restoreOutreach(saved.outreach),
  };
}
