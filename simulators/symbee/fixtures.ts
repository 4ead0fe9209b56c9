import { z } from 'zod';
import { REGIONS } from '../../contracts/symbee/schemas.ts';
import { TimedQueue } from '../core/scheduler.ts';
import type { SeedContext } from '../core/vendor.ts';
import { type SymbeeState, deriveApiKey, newCampaign, normalizeRecordData, upsertRecord } from './models.ts';

/** Fixed, documented credentials of the default sandbox (they mirror the vendor document's examples). */
export const DEFAULT_SANDBOX = {
  companyCode: 'abc-gadgets',
  environment: 'prod',
  region: 'us-east-1',
  secretsRegion: 'us-east-1',
  apiKey: 'symbee-default-api-key',
  campaigns: [
    { name: 'WebsiteVisitReachouts', defaultSkillQueue: 'WebsiteVisits', defaultTimeZone: 'America/New_York' },
    { name: 'WebsitVisitFollowups', defaultSkillQueue: 'WebsiteFollowups', defaultTimeZone: 'America/New_York' },
  ],
  skillQueues: ['WebsiteVisits', 'WebsiteFollowups', 'Collections'],
  agents: ['jtester@abc-gadgets.com', 'kdelaney@abc-gadgets.com', 'mmars@abc-gadgets.com'],
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** `options.symbee` of `POST /__admin/sandboxes`. */
export const SymbeeOptionsSchema = z.strictObject({
  companyCode: z.string().min(1).max(100).optional(),
  environment: z.string().min(1).max(100).optional(),
  region: z.enum(REGIONS).optional(),
  /** The API key to start with (e.g. the one a consumer's pact sends); derived from the sandbox otherwise. */
  apiKey: z.string().min(1).max(200).optional(),
  /** Key rotation period on the virtual clock; 0 = only when the admin asks. Default: 24 h (default sandbox: 0). */
  keyRotationMinutes: z.number().int().min(0).optional(),
  /** Seeded records per campaign (default 5). */
  recordsPerCampaign: z.number().int().min(0).max(10_000).optional(),
  /**
   * `document`: the names of the vendor document's examples (campaigns, queues, agents, environment "prod", region
   * "us-east-1", as in the default sandbox), so scenarios can replay those examples verbatim; the company code stays
   * unique per sandbox. `seeded` (default): faker-generated names.
   */
  fixtures: z.enum(['seeded', 'document']).optional(),
});

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24);
}

function pascal(words: string[]): string {
  return words
    .map((w) => w.replace(/[^A-Za-z0-9]/g, ''))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function emptyState(base: Omit<SymbeeState, 'campaigns' | 'expiries' | 'dueQueue' | 'pool'>): SymbeeState {
  return {
    ...base,
    campaigns: new Map(),
    pool: { enabled: false, agents: [], handleTimeMs: 5 * 60 * 1000, outcomes: [], campaigns: [] },
    expiries: new TimedQueue(),
    dueQueue: new TimedQueue(),
  };
}

export function createSymbeeState(ctx: SeedContext): SymbeeState {
  const options = SymbeeOptionsSchema.parse(ctx.options);
  const { faker } = ctx;
  const secret = `${ctx.sandboxId}:${ctx.seed}`;
  const rotationMinutes = options.keyRotationMinutes ?? (ctx.isDefault ? 0 : DAY_MS / 60_000);
  const apiKey = {
    secret,
    generation: 0,
    current: options.apiKey ?? (ctx.isDefault ? DEFAULT_SANDBOX.apiKey : deriveApiKey(secret, 0)),
    rotatedAt: ctx.now,
    intervalMs: rotationMinutes === 0 ? null : rotationMinutes * 60_000,
  };

  let state: SymbeeState;
  if (ctx.isDefault || options.fixtures === 'document') {
    // Tenant keys are unique across sandboxes: only the default sandbox owns the document's own company code.
    const companyCode = ctx.isDefault ? DEFAULT_SANDBOX.companyCode : `${DEFAULT_SANDBOX.companyCode}-${ctx.sandboxId}`;
    state = emptyState({
      platform: 'AWS Connect',
      companyCode: options.companyCode ?? companyCode,
      environment: options.environment ?? DEFAULT_SANDBOX.environment,
      region: options.region ?? DEFAULT_SANDBOX.region,
      secretsRegion: options.region ?? DEFAULT_SANDBOX.secretsRegion,
      apiKey,
      skillQueues: [...DEFAULT_SANDBOX.skillQueues],
      agents: [...DEFAULT_SANDBOX.agents],
    });
    for (const c of DEFAULT_SANDBOX.campaigns)
      state.campaigns.set(c.name, newCampaign(c.name, c.defaultSkillQueue, c.defaultTimeZone));
  } else {
    const company = slug(faker.company.name());
    const region = options.region ?? faker.helpers.arrayElement(REGIONS);
    const domain = `${company}.example.com`;
    const queues = faker.helpers.uniqueArray(() => pascal([faker.word.adjective(), faker.word.noun()]), 3);
    state = emptyState({
      platform: 'AWS Connect',
      companyCode: options.companyCode ?? `${company}-${ctx.sandboxId}`,
      environment: options.environment ?? faker.helpers.arrayElement(['prod', 'uat', 'dev']),
      region,
      secretsRegion: region,
      apiKey,
      skillQueues: queues,
      agents: Array.from(
        { length: 3 },
        () =>
          `${faker.internet
            .username()
            .toLowerCase()
            .replace(/[^a-z0-9._-]/g, '')}@${domain}`,
      ),
    });
    const zone = faker.helpers.arrayElement(['America/New_York', 'America/Chicago', 'Europe/Berlin', 'Europe/London']);
    for (const [i, suffix] of ['Reachouts', 'Followups'].entries()) {
      const name = `${pascal([faker.word.noun()])}${suffix}`;
      state.campaigns.set(name, newCampaign(name, queues[i] as string, zone));
    }
  }
  seedRecords(state, ctx, options.recordsPerCampaign ?? 5);
  return state;
}

/** Realistic tasks so a fresh sandbox can be searched at once. */
function seedRecords(state: SymbeeState, ctx: SeedContext, perCampaign: number): void {
  const { faker } = ctx;
  let next = 1000;
  for (const campaign of state.campaigns.values()) {
    for (let i = 0; i < perCampaign; i++) {
      const clientId = String(++next);
      const data = normalizeRecordData(
        state,
        [
          { key: 'Name', value: faker.person.fullName(), displayOrder: 1 },
          { key: 'Company Name', value: faker.company.name(), displayOrder: 2 },
          { key: 'Account Number', value: faker.string.numeric(7), displayOrder: 3 },
          { key: 'Open Invoice Total', value: `$${faker.finance.amount({ min: 10, max: 5000 })}`, displayOrder: 4 },
          { key: 'Home Phone', value: `+1555${faker.string.numeric(7)}`, displayOrder: 5 },
          { key: 'Highlight', value: 'Open Invoice Total', displayOrder: 6 },
        ],
        'Id',
      );
      upsertRecord(state, { campaign, locator: {}, clientId, clientIdFieldName: 'Id', data }, ctx.now, ctx.rng);
    }
  }
}
