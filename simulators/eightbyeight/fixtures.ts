import { z } from 'zod';
import {
  CAMPAIGN_STATUS,
  type CampaignStatusId,
  DISPOSITION,
  RECORD_STATUS,
  STATUS_CODE,
} from '../../contracts/eightbyeight/schemas.ts';
import { parseAdmin } from '../core/errors.ts';
import type { SeedContext } from '../core/vendor.ts';
import { addRecord, fill } from './dialer.ts';
import { type CampaignModel, type EightByEightState, isValidPhone, newCampaign, phoneOf } from './models.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Fixed, documented credentials and campaigns of the default sandbox (docs/vendors/eightbyeight.md). */
export const DEFAULT_SANDBOX = {
  username: 'bocdemo',
  platform: 'na12',
  actionToken: 'demo-action-request-token',
  dataToken: 'demo-data-request-token',
  campaignNames: ['BOC Admin Demo', 'Renewals Call List', 'Spring Promo', 'Winback Q3', 'Satisfaction Survey'],
} as const;

/** ACCOUNTNUMs of the generated CRM start here (8 digits, like the document's 10003629). */
export const CRM_BASE = 10_000_000;
export const DEFAULT_CRM_SIZE = 5_000_000;

/**
 * The fixture campaigns, in `describe` order: a running dynamic one, a running list (non-dynamic) one, a stopped
 * one, one that has not started and a disabled one — so every whole-request message is reachable.
 */
const CAMPAIGN_SHAPES: { id: number; dynamic: boolean; enabled: boolean; status: CampaignStatusId }[] = [
  { id: 125, dynamic: true, enabled: true, status: CAMPAIGN_STATUS.MANUAL_RUNNING },
  { id: 126, dynamic: false, enabled: true, status: CAMPAIGN_STATUS.MANUAL_RUNNING },
  { id: 127, dynamic: true, enabled: true, status: CAMPAIGN_STATUS.MANUAL_STOPPED },
  { id: 128, dynamic: true, enabled: true, status: CAMPAIGN_STATUS.NEW },
  { id: 129, dynamic: true, enabled: false, status: CAMPAIGN_STATUS.NEW },
];

/** One platform per documented prefix: North America, Europe, Canada, Asia Pacific, Australia, Bell Canada, Sandbox. */
const PLATFORMS = ['na11', 'na12', 'eu3', 'ca1', 'ap1', 'au1', 'bc1', 'sb1'] as const;

const TokenChoiceSchema = z.enum(['action', 'data', 'either']).default('either');

/** `options.eightbyeight` of `POST /__admin/sandboxes`. */
export const EightByEightOptionsSchema = z
  .strictObject({
    username: z
      .string()
      .regex(/^[A-Za-z0-9._@-]{1,64}$/)
      .optional(),
    platform: z
      .string()
      .regex(/^[A-Za-z]{2}[0-9]{1,3}$/, 'a platform such as na12')
      .optional(),
    actionToken: z.string().min(1).max(200).optional(),
    dataToken: z.string().min(1).max(200).optional(),
    /**
     * Tokens of the calls 8x8's sources disagree on (DELETE; status change): `either` by default, so a client built
     * from any source works; `data` or `action` demands the one a source names (docs/vendors/eightbyeight.md).
     */
    deleteToken: TokenChoiceSchema,
    statusToken: TokenChoiceSchema,
    phoneLabel: z
      .string()
      .regex(/^[^|<>&"]{1,40}$/)
      .default('Phone Number'),
    crmSize: z.number().int().min(0).max(10_000_000).default(DEFAULT_CRM_SIZE),
    lines: z.number().int().min(1).max(1000).default(5),
    acceptDelayMs: z.number().int().min(0).max(DAY_MS).default(10_000),
    talkMinMs: z.number().int().min(0).max(DAY_MS).default(30_000),
    talkMaxMs: z.number().int().min(0).max(DAY_MS).default(180_000),
  })
  .refine((o) => o.talkMaxMs >= o.talkMinMs, 'talkMaxMs must be at least talkMinMs')
  .refine((o) => o.actionToken === undefined || o.actionToken !== o.dataToken, 'the two tokens must differ');

const startOfUtcDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * Completed records of the stopped fixture campaign, one per documented status-code (0 Default, 1 Max Attempt
 * Reached, 2 Skipped, 3 No Phone Number, 4 Invalid Phone Number), each with the disposition the dialer gives it.
 */
const FINISHED = [
  { code: STATUS_CODE.DEFAULT, disposition: DISPOSITION.SCHEDULED_CALL_BACK },
  { code: STATUS_CODE.MAX_ATTEMPT_REACHED, disposition: DISPOSITION.TRY_AGAIN },
  { code: STATUS_CODE.SKIPPED, disposition: DISPOSITION.NONE },
  { code: STATUS_CODE.NO_PHONE_NUMBER, disposition: DISPOSITION.NONE },
  { code: STATUS_CODE.INVALID_PHONE_NUMBER, disposition: DISPOSITION.NONE },
];

/**
 * A phone consistent with a finished record's status-code: none for 3 No Phone Number, one that is not 10–15 digits
 * for 4 Invalid Phone Number, a valid one for the others (they were dialed). The generated phone when it already
 * fits, so most fixture customers keep theirs.
 */
function phoneFitting(code: number, generated: string, customerId: number): string {
  if (code === STATUS_CODE.NO_PHONE_NUMBER) return '';
  if (code === STATUS_CODE.INVALID_PHONE_NUMBER) {
    return generated !== '' && !isValidPhone(generated)
      ? generated
      : `555${String(customerId % 1000).padStart(3, '0')}`;
  }
  return isValidPhone(generated) ? generated : `555${String(customerId % 10_000_000).padStart(7, '0')}`;
}

export function createEightByEightState(ctx: SeedContext): EightByEightState {
  const options = parseAdmin(EightByEightOptionsSchema, ctx.options);
  const { faker } = ctx;
  const fixed = ctx.isDefault;
  const actionToken = options.actionToken ?? (fixed ? DEFAULT_SANDBOX.actionToken : faker.string.alphanumeric(32));
  let dataToken = options.dataToken ?? (fixed ? DEFAULT_SANDBOX.dataToken : faker.string.alphanumeric(32));
  if (dataToken === actionToken) dataToken = `${dataToken}-data`;
  const state: EightByEightState = {
    seed: ctx.seed,
    username:
      options.username ??
      (fixed
        ? DEFAULT_SANDBOX.username
        : `${faker.internet
            .username()
            .toLowerCase()
            .replace(/[^a-z0-9]/g, '')}-${ctx.sandboxId}`),
    platform: (
      options.platform ?? (fixed ? DEFAULT_SANDBOX.platform : faker.helpers.arrayElement(PLATFORMS))
    ).toLowerCase(),
    actionToken,
    dataToken,
    deleteToken: options.deleteToken,
    statusToken: options.statusToken,
    phoneLabel: options.phoneLabel,
    crm: { base: CRM_BASE, size: options.crmSize, extra: new Map() },
    campaigns: new Map(),
    dialer: {
      lines: options.lines,
      acceptDelayMs: options.acceptDelayMs,
      talkMinMs: options.talkMinMs,
      talkMaxMs: options.talkMaxMs,
    },
  };

  const day = startOfUtcDay(ctx.now);
  CAMPAIGN_SHAPES.forEach((shape, i) => {
    const running = shape.status === CAMPAIGN_STATUS.MANUAL_RUNNING;
    const stopped = shape.status === CAMPAIGN_STATUS.MANUAL_STOPPED;
    const startTime = day - DAY_MS;
    state.campaigns.set(
      shape.id,
      newCampaign({
        ...shape,
        name: fixed
          ? (DEFAULT_SANDBOX.campaignNames[i] as string)
          : `${faker.commerce.productAdjective()} ${faker.company.buzzNoun()}`,
        startTime,
        endTime: day + 5 * DAY_MS,
        actualRunTime: running || stopped ? startTime : null,
        actualStopTime: stopped ? day : null,
        callerId: fixed ? 5550100125 : Number(`555${faker.string.numeric(7)}`),
        queueId: 100 + i,
        integrationType: shape.dynamic ? 'Dynamic' : 'File Upload',
      }),
    );
  });
  seedRecords(state, ctx.now);
  for (const c of state.campaigns.values()) fill(state, c, ctx.now);
  return state;
}

/** A few records so lists are not empty: finished ones in the stopped campaign, fresh ones in the list campaign. */
function seedRecords(state: EightByEightState, now: number): void {
  let customer = CRM_BASE;
  const stopped = state.campaigns.get(127) as CampaignModel;
  for (const { code, disposition } of FINISHED) {
    if (customer >= CRM_BASE + state.crm.size) return;
    const generated = phoneOf(state, customer) as string;
    const phone = phoneFitting(code, generated, customer);
    // Pinned as an explicit CRM phone only where the generated one would contradict the status-code.
    if (phone !== generated) state.crm.extra.set(customer, phone);
    const row = addRecord(state, stopped, customer++, undefined, now);
    stopped.records.status[row] = RECORD_STATUS.COMPLETED;
    stopped.records.code[row] = code;
    stopped.records.setDisposition(row, disposition);
    stopped.records.attempts[row] = code === STATUS_CODE.MAX_ATTEMPT_REACHED ? stopped.maxRetry + 1 : 1;
  }
  const list = state.campaigns.get(126) as CampaignModel;
  for (let i = 0; i < 3 && customer < CRM_BASE + state.crm.size; i++)
    addRecord(state, list, customer++, undefined, now);
}
