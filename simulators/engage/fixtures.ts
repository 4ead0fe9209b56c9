import { z } from 'zod';
import { parseAdmin } from '../core/errors.ts';
import type { SeedContext } from '../core/vendor.ts';
import {
  type EngageState,
  type NamedModel,
  type OrgModel,
  dateTime,
  newCampaignStore,
  newComplianceRuleStore,
  newScriptStore,
  newStrategyStore,
  nextId,
} from './models.ts';
import { DEFAULT_PAYLOAD_BLOCK_BYTES } from './outreach/batches.ts';
import { seedOutreach } from './outreach/fixtures.ts';
import { createOutreach } from './outreach/state.ts';

/** Fixed credentials and names of the default sandbox (docs/vendors/engage.md). */
export const DEFAULT_SANDBOX = {
  username: 'engage-api',
  password: 'engage-demo-password',
  enterprise: 'Demo Enterprise',
  account: 'Demo Account',
} as const;

/** The largest payload block a sandbox may set: a request is at most 8 MiB (index.ts). */
const ENGAGE_PAYLOAD_BLOCK_MAX = 8 * 1024 * 1024;

export const EngageOptionsSchema = z.strictObject({
  username: z
    .string()
    .regex(/^[A-Za-z0-9._@-]{3,64}$/, '3–64 letters, digits or . _ @ -')
    .optional(),
  password: z.string().min(8).max(128).optional(),
  /** The sandbox's Enterprise is secure (default false: assumed). */
  secureEnterprise: z.boolean().optional(),
  /** `api.contact.payload.block.size` in bytes (default 96 kB: documented). */
  payloadBlockSize: z.number().int().min(1).max(ENGAGE_PAYLOAD_BLOCK_MAX).optional(),
  /** `document`: the default sandbox's names (Demo Account, Collections Q1, …) in another sandbox, as `campaign-sim
   * verify` needs for a pact written against them; `seeded` (default): names from the seed. */
  fixtures: z.enum(['document', 'seeded']).optional(),
});

/** The first internalId handed out: the Enterprise, then its master Account, then every fixture in order. */
export const FIRST_ID = 10001;

/**
 * The two templates: a voice one worked by a Standard agent group, a web one by a Portal agent group (their
 * requirements assumed, so a fresh sandbox reaches every INBOUND_*_AGENT_GROUP code).
 */
const TEMPLATES = [
  {
    agentGroupRequirement: 'Standard',
    elements: [
      { name: 'main.xml', bytes: 2048 },
      { name: 'greeting.wav', bytes: 48_000 },
    ],
  },
  {
    agentGroupRequirement: 'Portal',
    elements: [
      { name: 'interaction.xml', bytes: 4096 },
      { name: 'helpers.js', bytes: 1024 },
      { name: 'layout.xsl', bytes: 512 },
    ],
  },
] as const;

const unique = (names: string[]) => names.map((n, i) => (names.indexOf(n) === i ? n : `${n} ${i + 1}`));

export function createEngageState(ctx: SeedContext): EngageState {
  const options = parseAdmin(EngageOptionsSchema, ctx.options);
  const { faker } = ctx;
  const fixed = ctx.isDefault || options.fixtures === 'document';
  const state: EngageState = {
    username: options.username ?? (ctx.isDefault ? DEFAULT_SANDBOX.username : `engage-${ctx.sandboxId}`),
    password: options.password ?? (ctx.isDefault ? DEFAULT_SANDBOX.password : faker.string.alphanumeric(20)),
    orgs: new Map(),
    accountId: '',
    enterpriseId: '',
    scripts: newScriptStore(),
    campaigns: newCampaignStore(),
    strategies: newStrategyStore(),
    complianceRules: newComplianceRuleStore(),
    lists: [],
    agentGroups: [],
    users: [],
    payloadBlockBytes: options.payloadBlockSize ?? DEFAULT_PAYLOAD_BLOCK_BYTES,
    nextId: FIRST_ID,
    outreach: createOutreach(ctx),
  };
  const company = fixed ? DEFAULT_SANDBOX.enterprise : faker.company.name();
  const enterprise: OrgModel = {
    internalId: nextId(state),
    externalId: company,
    type: 'Enterprise',
    ...(options.secureEnterprise ? { secure: true } : {}),
  };
  const account: OrgModel = {
    internalId: nextId(state),
    externalId: fixed ? DEFAULT_SANDBOX.account : `${company} Collections`,
    type: 'Account',
    parentId: enterprise.internalId,
  };
  enterprise.masterAccountId = account.internalId;
  state.orgs.set(enterprise.internalId, enterprise).set(account.internalId, account);
  state.enterpriseId = enterprise.internalId;
  state.accountId = account.internalId;
  const owned = (externalId: string, extra: Partial<NamedModel> = {}): NamedModel => ({
    internalId: nextId(state),
    externalId,
    ownerId: account.internalId,
    ...extra,
  });

  const now = ctx.now;
  TEMPLATES.forEach(({ agentGroupRequirement, elements }, i) => {
    state.scripts.insert({
      ...owned(fixed ? `Template ${i + 1}` : `${faker.word.adjective()} template ${i + 1}`),
      template: true,
      agentGroupRequirement,
      elements: elements.map((e) => ({ ...e })),
      description: faker.lorem.sentence(),
      createdAt: now,
    });
  });
  state.scripts.insert({
    ...owned(fixed ? 'Payment Reminder' : `${faker.word.noun()} script`),
    template: false,
    // An automated reminder: no agent group may work it (assumed; reaches INBOUND_NOSKILLGROUP_REQUIRED).
    agentGroupRequirement: 'None',
    elements: [{ name: 'main.xml', bytes: 3072 }],
    createdAt: now,
  });
  const campaignNames = unique(
    fixed
      ? ['Collections Q1', 'Appointment Reminders', 'Customer Survey']
      : [1, 2, 3].map(() => faker.company.catchPhrase()),
  );
  for (const name of campaignNames) {
    state.campaigns.insert({
      ...owned(name.slice(0, 255)),
      description: fixed ? `${name} (demo campaign)` : faker.lorem.sentence(),
      createdAt: now,
      attributes: [
        { name: 'startDate', value: dateTime(now) },
        { name: 'endDate', value: dateTime(now + 90 * 86_400_000) },
      ],
    });
  }
  // The first is the account's default OnDemand strategy (assumed): its channels are the ones inbound sub-campaigns
  // may use (ONDEMAND_DEFAULT_STRATEGY_INVALID otherwise).
  for (const [name, channels] of [
    ['Voice then Text', ['1', '3']],
    ['Email only', ['2']],
  ] as const) {
    state.strategies.insert({
      ...owned(name),
      description: faker.lorem.sentence(),
      passes: channels.map((channel, i) => ({ name: `${name} pass ${i + 1}`, channel })),
      attributes: [],
    });
  }
  state.lists = unique(
    fixed ? ['Overdue Accounts', 'Survey Panel'] : [1, 2].map(() => `${faker.word.noun()} list`),
  ).map((name) => owned(name, { size: faker.number.int({ min: 50, max: 5000 }) }));
  state.agentGroups = (
    [
      ['Collections Agents', 'Standard'],
      ['Service Agents', 'Portal'],
    ] as const
  ).map(([name, type]) => owned(name, { type }));
  state.users = [1, 2].map(() => owned(faker.internet.username(), { role: 'Agent' }));
  seedOutreach(state, now);
  return state;
}
