import type { Faker } from '@faker-js/faker';
import { z } from 'zod';
import type { ResultCodeType } from '../../contracts/jtel/schemas.ts';
import { parseAdmin } from '../core/errors.ts';
import { SeededRandom, saltedSeed } from '../core/random.ts';
import { TimedQueue } from '../core/scheduler.ts';
import type { SeedContext } from '../core/vendor.ts';
import { addContact } from './dialler.ts';
import {
  type CampaignModel,
  type GroupModel,
  type JtelState,
  newCampaignStore,
  newContactStore,
  newEventStore,
  newGroupStore,
  newResultCodeStore,
  newUserStore,
} from './models.ts';

/** Fixed credentials and names of the default sandbox (docs/vendors/jtel.md); ClientsID 1 as in the document. */
export const DEFAULT_SANDBOX = {
  clientsId: 1,
  token: 'jtel-demo-token',
  department: 'Service',
  otherDepartment: 'Sales',
  users: ['Anna Schmidt', 'Max Mustermann'],
  serviceNumbers: ['+4989461495100', '+4989461495200'],
  campaigns: ['Campaign 1000', 'Winback Q3', 'Customer Survey'],
} as const;

export const FIRST_IDS = { event: 1001, campaign: 1000, resultCode: 2490, contact: 500001 } as const;

export const JtelOptionsSchema = z.strictObject({
  clientsId: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .optional(),
  token: z
    .string()
    .regex(/^[A-Za-z0-9\-._~+/]{8,200}$/, 'a Bearer token of 8–200 token characters')
    .optional(),
  contactsPerCampaign: z.number().int().min(0).max(1000).default(5),
  agentPool: z
    .strictObject({
      enabled: z.boolean().default(true),
      seenAfterMs: z.number().int().min(0).max(86_400_000).default(30_000),
      doneAfterMs: z.number().int().min(0).max(86_400_000).default(120_000),
    })
    .default({ enabled: true, seenAfterMs: 30_000, doneAfterMs: 120_000 }),
});

/** The result codes every fixture campaign starts with: English and German names, export key, type, delay. */
const RESULT_CODES: { en: string; de: string; key: string; type: ResultCodeType; agent: boolean; delay: number }[] = [
  { en: 'Successful', de: 'Erfolgreich', key: 'SUCCESS', type: 'DONE', agent: true, delay: 0 },
  { en: 'Not interested', de: 'Kein Interesse', key: 'NOT_INTERESTED', type: 'DONE', agent: true, delay: 0 },
  { en: 'No answer', de: 'Keine Antwort', key: 'NO_ANSWER', type: 'DELAY', agent: false, delay: 30 },
  { en: 'Busy', de: 'Besetzt', key: 'BUSY', type: 'DELAY', agent: false, delay: 10 },
  { en: 'Call back appointment', de: 'Rückruftermin', key: 'APPOINTMENT', type: 'APPOINTMENT', agent: true, delay: 0 },
  { en: 'Wrong number', de: 'Falsche Nummer', key: 'WRONG_NUMBER', type: 'ABORT', agent: true, delay: 0 },
  { en: 'No telephone number', de: 'Keine Telefonnummer', key: 'NO_NUMBER', type: 'ABORT', agent: false, delay: 0 },
  { en: 'Incoming call', de: 'Eingehender Anruf', key: 'INCOMING', type: 'DONE', agent: false, delay: 0 },
];

/** Other sandboxes get a ClientsID derived from the sandbox id (stable, and unique in practice: tenant keys must be). */
const clientsIdOf = (sandboxId: string) => 1000 + (saltedSeed(0x6a74656c, sandboxId) % 9_000_000);

/** A token of its own per sandbox (sandboxes of one seed must not accept each other's token). */
function tokenOf(seed: number, sandboxId: string): string {
  const rng = new SeededRandom(saltedSeed(seed, `jtel-token:${sandboxId}`));
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 40 }, () => chars[rng.int(chars.length)]).join('');
}

const germanNumber = (faker: Faker) =>
  `+49${faker.helpers.arrayElement(['30', '40', '89', '221'])}${faker.string.numeric(8)}`;

function group(
  id: number,
  name: string,
  cfg: number,
  agents: number,
  allowDuplicates: boolean,
  faker: Faker,
): GroupModel {
  return {
    ID: id,
    Name: name,
    ForeignSystemID: `FS-${id}`,
    AcdConfigurationGroupsID: cfg,
    AcdAgentGroupsID: agents,
    bAllowDuplicateEvents: allowDuplicates,
    DistributionAlgorithmID: faker.helpers.arrayElement([1, 2, 3]),
    QueueMusicID4Sec: faker.helpers.arrayElement([-1, 10]),
    QueueOffhookAnnouncementID: null,
    TarifAnnouncementWavesID: null,
    bPositionAnnouncement3: false,
    bCallRedirectionAfterNumberAnnouncement: false,
    SupervisorAggregationSkill1ID: null,
    SupervisorAggregationSkill2ID: null,
    SupervisorAggregationSkill3ID: null,
    SupervisorAggregationSkill4ID: null,
    SupervisorAggregationSkill5ID: null,
    nMaxQueueTime: 600,
    nServiceLevelSeconds: 20,
  };
}

export function createJtelState(ctx: SeedContext): JtelState {
  const options = parseAdmin(JtelOptionsSchema, ctx.options);
  const { faker } = ctx;
  const fixed = ctx.isDefault;
  const department = fixed ? DEFAULT_SANDBOX.department : faker.commerce.department();
  let other = fixed ? DEFAULT_SANDBOX.otherDepartment : faker.commerce.department();
  if (other === department) other = `${other} Team`;
  const state: JtelState = {
    seed: ctx.seed,
    clientsId: options.clientsId ?? (fixed ? DEFAULT_SANDBOX.clientsId : clientsIdOf(ctx.sandboxId)),
    token: options.token ?? (fixed ? DEFAULT_SANDBOX.token : tokenOf(ctx.seed, ctx.sandboxId)),
    serviceNumbers: fixed ? [...DEFAULT_SANDBOX.serviceNumbers] : [germanNumber(faker), germanNumber(faker)],
    configurationGroups: [
      { id: 11, name: `${department} Hotline configuration` },
      { id: 12, name: `${department} Callback configuration` },
      { id: 13, name: `${other} Email configuration` },
    ],
    agentGroups: [
      { id: 21, name: 'First level' },
      { id: 22, name: 'Second level' },
    ],
    // Two names share the department word (partial search finds both); Callback forbids duplicate events.
    groups: newGroupStore([
      group(101, `${department} Hotline`, 11, 21, true, faker),
      group(102, `${department} Callback`, 12, 21, false, faker),
      group(103, `${other} Email`, 13, 22, true, faker),
    ]),
    users: newUserStore(
      [0, 1].map((i) => ({
        id: 501 + i,
        name: fixed ? (DEFAULT_SANDBOX.users[i] as string) : faker.person.fullName(),
        agentGroups: i === 0 ? [21, 22] : [21],
        busyWith: null,
      })),
    ),
    events: newEventStore(),
    waiting: new Set(),
    eventTimers: new TimedQueue(),
    agentPool: { ...options.agentPool },
    campaigns: newCampaignStore(),
    resultCodes: newResultCodeStore(),
    contacts: newContactStore(),
    contactTimers: new TimedQueue(),
    nextIds: { ...FIRST_IDS },
  };
  const names = fixed
    ? DEFAULT_SANDBOX.campaigns
    : ['Campaign 1000', `${faker.commerce.productAdjective()} Winback`, `${faker.company.buzzNoun()} Survey`];
  names.forEach((name, i) => seedCampaign(state, name, i, options.contactsPerCampaign, ctx.now, faker));
  return state;
}

function seedCampaign(
  state: JtelState,
  name: string,
  index: number,
  contacts: number,
  now: number,
  faker: Faker,
): void {
  const id = state.nextIds.campaign++;
  const codeIds: Record<string, number> = {};
  for (const code of RESULT_CODES) {
    const codeId = state.nextIds.resultCode++;
    codeIds[code.key] = codeId;
    state.resultCodes.insert({
      id: codeId,
      campaignId: id,
      names: { en: code.en, de: code.de },
      exportKey: code.key,
      type: code.type,
      agentBound: code.agent,
      delayMinutes: code.delay,
    });
  }
  const campaign: CampaignModel = {
    ID: id,
    Name: name,
    Description: faker.company.catchPhrase(),
    UserData: null,
    LanguagesID: index === 0 ? 2 : 1,
    ContactPreviewTime: 5,
    nMaxParallelLines: null,
    nMaxAttempts: 5,
    bCloseContactsOnIncomingCallsMatchCallerID: true,
    bCallerIDActive: index !== 0,
    CallerID: state.serviceNumbers[0]!,
    AcdGroupsID: 101,
    AbortOnNoTelNumberResultCodesID: codeIds.NO_NUMBER ?? null,
    IncomingCallResultCodesID: codeIds.INCOMING ?? null,
    from: now - 7 * 86_400_000,
    to: null,
    createdAt: now - 7 * 86_400_000,
    modifiedAt: now - 7 * 86_400_000,
  };
  state.campaigns.insert(campaign);
  for (let i = 0; i < contacts; i++) {
    addContact(
      state,
      id,
      {
        telNumber: germanNumber(faker),
        firstName: faker.person.firstName(),
        lastName: faker.person.lastName(),
        company: faker.company.name(),
        email: faker.internet.email().toLowerCase(),
      },
      now,
    );
  }
}
