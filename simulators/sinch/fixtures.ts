import { z } from 'zod';
import type { Faker } from '@faker-js/faker';
import { parseAdmin } from '../core/errors.ts';
import { TimedQueue } from '../core/scheduler.ts';
import type { SeedContext } from '../core/vendor.ts';
import {
  type Agent,
  type CampaignSeed,
  type Dialer,
  type Queue,
  type ScriptTemplate,
  type SinchState,
  addCampaign,
  draftCustomer,
  insertCustomer,
  newId,
} from './models.ts';
import { DAY_MS, StatisticsStore, dayOf } from './statistics.ts';

/**
 * The default sandbox is fixed and documented (docs/vendors/sinch.md): its credentials are constant and its ids are
 * the ones of the vendor document's examples, so the document's requests work against it verbatim. Other sandboxes
 * get ids from their seed.
 */
export const DEFAULT_SANDBOX = {
  username: 'obi-admin',
  password: 'obi-secret',
  dialers: [
    { id: '88B8B41C99E6484A94F402EA5E465FC5', name: 'Queue Dialer', type: 'QueueDialer' },
    { id: '5D2C0A1E7B3F4E8C9A6B1D0F2E4C6A88', name: 'Campaign Dialer', type: 'CampaignDialer' },
  ],
  queues: [
    { id: '63AA93F493A54C5A8597FCFA670B2382', name: 'Test Queue' },
    { id: 'A1B2C3D4E5F60718293A4B5C6D7E8F90', name: 'Support Queue' },
  ],
  agents: [
    { id: '21A144F1824E4C768868D10201608E2E', name: 'Surname, First Name' },
    { id: '38FFAEA3C2B54CD6BCFBCCF2006C0800', name: 'Smith, Kathy' },
    { id: '6B818C08D6B543ED8A1FDB45D8BC173F', name: 'Jones, Bob' },
  ],
  campaigns: [
    '62718C7889CC44F7B944C1A6F6BE9B7F',
    '8A7C98EAF1164F2FAA93B98EECB95D76',
    'E49625CFDF58E311B764005056A7012B',
  ],
} as const satisfies {
  username: string;
  password: string;
  dialers: Dialer[];
  queues: Queue[];
  agents: Agent[];
  campaigns: readonly string[];
};

/** The script of the document's customer example, with the answers the simulated agents pick from. */
export const TENNIS_SCRIPT: ScriptTemplate = {
  name: 'Tennis Sales Script',
  questions: [
    {
      question: 'If you would now buy a new tennis racket, which of the following brands would you prefer?',
      answers: ['Wilson', 'Head', 'Babolat', 'Other'],
    },
    {
      question:
        'Would you be interested to visit our store so we can book an expert to introduce you these rackets in more details?',
      answers: ['yes', 'no'],
    },
    {
      question:
        'OK. When do you think you are going to update your racket so we can give you an call to discuss what we can offer at that time?',
      answers: ['Within 6 months', 'Within a year', 'Not planned'],
    },
  ],
};

/** `options.sinch` of `POST /__admin/sandboxes`. */
export const SinchOptionsSchema = z.strictObject({
  /** Basic-auth user and password (default sandbox: obi-admin / obi-secret; others: obi-<sandboxId> / seeded). */
  username: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[^:\s]+$/, 'no colon or whitespace')
    .optional(),
  password: z.string().min(1).max(200).optional(),
  /** Seeded customers per campaign (default 10). */
  customersPerCampaign: z.number().int().min(0).max(10_000).optional(),
  /** RetryCount of the seeded campaigns (default 3 → 4 attempts). */
  retryCount: z.number().int().min(0).max(50).optional(),
  /** `document`: the ids of the vendor document's examples (as in the default sandbox); `seeded` (default): from the seed. */
  fixtures: z.enum(['document', 'seeded']).optional(),
});

/**
 * Seeded customers' externalIds count from here: clear of the ids the document's examples post (`10`, `7`, `007`),
 * so those requests replay as printed, and of the integers generated for customers posted without one (from 1).
 */
export const SEEDED_EXTERNAL_IDS_FROM = 100_001;

const CITIES = ['New York', 'London', 'Helsinki', 'Berlin', 'Madrid'];
const CLASSIFICATIONS = ['Gold', 'Silver', 'Bronze'];

function seededIds(state: SinchState, n: number): string[] {
  return Array.from({ length: n }, () => newId(state));
}

function agentName(faker: Faker): string {
  return `${faker.person.lastName()}, ${faker.person.firstName()}`;
}

/** A seeded customer in the document's shape (City, Classification, First/Last Name; one or two numbers). */
export function fakeCustomerInput(faker: Faker) {
  const phone = () => `0${faker.string.numeric(9)}`;
  return {
    numbers: faker.datatype.boolean(0.3) ? `${phone()};${phone()}` : phone(),
    attributes: {
      attribute: [
        { name: 'City', value: faker.helpers.arrayElement(CITIES) },
        { name: 'Classification', value: faker.helpers.arrayElement(CLASSIFICATIONS) },
        { name: 'First Name', value: faker.person.firstName() },
        { name: 'Last Name', value: faker.person.lastName() },
      ],
    },
  };
}

export function createSinchState(ctx: SeedContext): SinchState {
  const options = parseAdmin(SinchOptionsSchema, ctx.options);
  const { faker, now } = ctx;
  const state: SinchState = {
    seed: ctx.seed,
    username: options.username ?? (ctx.isDefault ? DEFAULT_SANDBOX.username : `obi-${ctx.sandboxId}`),
    password: options.password ?? (ctx.isDefault ? DEFAULT_SANDBOX.password : faker.string.alphanumeric(20)),
    rng: ctx.rng,
    dialers: [],
    queues: [],
    agents: [],
    campaigns: new Map(),
    stats: new StatisticsStore(),
    events: new TimedQueue(),
    callSeq: 0,
  };
  const documentIds = ctx.isDefault || options.fixtures === 'document';
  if (documentIds) {
    state.dialers = DEFAULT_SANDBOX.dialers.map((d) => ({ ...d }));
    state.queues = DEFAULT_SANDBOX.queues.map((q) => ({ ...q }));
    state.agents = DEFAULT_SANDBOX.agents.map((a) => ({ ...a }));
  } else {
    const [queueDialer, campaignDialer] = seededIds(state, 2) as [string, string];
    state.dialers = [
      { id: queueDialer, name: 'Queue Dialer', type: 'QueueDialer' },
      { id: campaignDialer, name: 'Campaign Dialer', type: 'CampaignDialer' },
    ];
    state.queues = ['Sales Queue', 'Support Queue'].map((name) => ({ id: newId(state), name }));
    state.agents = Array.from({ length: 3 }, () => ({ id: newId(state), name: agentName(faker) }));
  }
  const campaignIds = documentIds ? [...DEFAULT_SANDBOX.campaigns] : seededIds(state, 3);
  const [agent0, agent1, agent2] = state.agents.map((a) => a.id) as [string, string, string];
  const [queue0, queue1] = state.queues.map((q) => q.id) as [string, string];
  const [queueDialer, campaignDialer] = state.dialers.map((d) => d.id) as [string, string];
  const today = dayOf(now);
  const common = {
    registered: now - 30 * DAY_MS + 243,
    startDate: today - 7 * DAY_MS,
    endDate: today + 365 * DAY_MS,
    retryCount: options.retryCount,
    script: TENNIS_SCRIPT,
  };
  const seeds: CampaignSeed[] = [
    {
      ...common,
      id: campaignIds[0] as string,
      name: 'Test Preview Campaign',
      dialerId: campaignDialer,
      dialingMode: 'PREVIEW',
      queueId: queue0,
      agentIds: [agent0],
    },
    {
      ...common,
      id: campaignIds[1] as string,
      name: 'Test Campaign',
      dialerId: queueDialer,
      dialingMode: 'PREDICTIVE',
      queueId: queue0,
      timeZone: 'Europe/Berlin',
      // No abandonRate / increasePredictiveRatio: the document's Test Campaign example prints neither (their
      // documented defaults 1.0 / 0.0 apply unprinted).
      agentIds: [agent1, agent2],
    },
    {
      ...common,
      id: campaignIds[2] as string,
      name: 'Training campaign',
      dialerId: campaignDialer,
      dialingMode: 'PROGRESSIVE',
      queueId: queue1,
      customIvrNumber: '+3581000200',
      agentIds: [agent0],
    },
  ];
  const perCampaign = options.customersPerCampaign ?? 10;
  for (const seed of seeds) {
    const campaign = addCampaign(state, seed, now);
    for (let i = 0; i < perCampaign; i++) {
      const externalId = String(SEEDED_EXTERNAL_IDS_FROM + i);
      insertCustomer(state, campaign, draftCustomer(state, { ...fakeCustomerInput(faker), externalId }), now);
    }
  }
  return state;
}
