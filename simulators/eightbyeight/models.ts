import {
  CAMPAIGN_STATUS,
  type CampaignStatusId,
  ISO_8601_PATTERN,
  type CampaignStatusName,
  type StatusRequest,
} from '../../contracts/eightbyeight/schemas.ts';
import { Lifecycle } from '../core/lifecycle.ts';
import { SeededRandom } from '../core/random.ts';
import { TimedQueue } from '../core/scheduler.ts';
import { RecordStore } from './records.ts';

/**
 * Campaign states (status ids 0–11). Manual moves come from `POST /api/tstats/campaigns/{id}`; schedule moves from
 * the campaign's start/end time on the virtual clock. Stopped states are final (README: "a stopped campaign cannot
 * be restarted"). Which non-final moves exist is not documented: this table is the simulator's choice (assumed).
 */
const RUNNING_MOVES = ['MANUAL_PAUSED', 'MANUAL_PURGED', 'MANUAL_STOPPED'] as const;
export const campaignLifecycle = new Lifecycle<CampaignStatusName>('campaign status', {
  NEW: ['MANUAL_RUNNING', 'MANUAL_STOPPED'],
  MANUAL_STARTED: [...RUNNING_MOVES],
  SCHEDULED: ['SCHEDULE_RUNNING', 'MANUAL_RUNNING', 'MANUAL_STOPPED'],
  MANUAL_RUNNING: [...RUNNING_MOVES],
  SCHEDULE_RUNNING: [...RUNNING_MOVES, 'SCHEDULE_STOPPED'],
  MANUAL_STOPPED: [],
  COMPLETED: [],
  SCHEDULE_STOPPED: [],
  MANUAL_PAUSED: ['MANUAL_RUNNING', 'MANUAL_PURGED', 'MANUAL_STOPPED'],
  SCHEDULE_PAUSED: ['MANUAL_RUNNING', 'MANUAL_PURGED', 'MANUAL_STOPPED', 'SCHEDULE_STOPPED'],
  MANUAL_PURGED: ['MANUAL_RUNNING', 'MANUAL_STOPPED'],
  SCHEDULE_PURGED: ['MANUAL_RUNNING', 'MANUAL_STOPPED', 'SCHEDULE_STOPPED'],
});

/** The state each API status request moves a campaign to. */
export const REQUEST_TARGET: Readonly<Record<StatusRequest, CampaignStatusName>> = {
  RUNNING: 'MANUAL_RUNNING',
  PAUSED: 'MANUAL_PAUSED',
  PURGED: 'MANUAL_PURGED',
  STOPPED: 'MANUAL_STOPPED',
};

const NAME_OF = Object.fromEntries(Object.entries(CAMPAIGN_STATUS).map(([name, id]) => [id, name])) as Record<
  CampaignStatusId,
  CampaignStatusName
>;
export const statusName = (id: CampaignStatusId): CampaignStatusName => NAME_OF[id];

const S = CAMPAIGN_STATUS;
const inSet =
  (...ids: CampaignStatusId[]) =>
  (id: CampaignStatusId) =>
    ids.includes(id);
/** The dialer takes new records only while running. */
export const isDialing = inSet(S.MANUAL_STARTED, S.MANUAL_RUNNING, S.SCHEDULE_RUNNING);
export const isPaused = inSet(S.MANUAL_PAUSED, S.SCHEDULE_PAUSED);
export const isPurged = inSet(S.MANUAL_PURGED, S.SCHEDULE_PURGED);
export const isStopped = inSet(S.MANUAL_STOPPED, S.COMPLETED, S.SCHEDULE_STOPPED);
export const isNotStarted = inSet(S.NEW, S.SCHEDULED);

export interface DialerSettings {
  /** Records a campaign works at once (queued + accepted). */
  lines: number;
  /** Queued → Accepted: an agent takes the preview record. */
  acceptDelayMs: number;
  /** Accepted → Completed: call length, drawn per attempt between these bounds. */
  talkMinMs: number;
  talkMaxMs: number;
}

export interface CampaignModel {
  id: number;
  name: string;
  enabled: boolean;
  dynamic: boolean;
  status: CampaignStatusId;
  startTime: number;
  endTime: number;
  actualRunTime: number | null;
  actualStopTime: number | null;
  callerId: string;
  queueId: number;
  dailyStartTime: string;
  dailyEndTime: string;
  retryIntervalMinutes: number;
  maxRetry: number;
  abandonMaxRetry: number;
  maxRingTime: number;
  integrationType: string;
  callingWindow: string;
  scheduleName: string;
  timezone: string;
  sequential: boolean;
  records: RecordStore;
  /** Pending record events, keyed by row (lazy: a popped entry counts only if the row still expects it). */
  events: TimedQueue<number>;
  /** Rows queued or accepted right now (they hold a line). */
  busy: number;
  /** Next row the dialer looks at in insertion order. */
  cursor: number;
  /** Rows that became New again (due schedules, retries): dialed before the cursor's. */
  ready: number[];
  readyHead: number;
}

/**
 * The tenant's CC CRM: ACCOUNTNUMs `base … base+size-1` exist with a phone derived from the seed (so a CRM of
 * millions costs no memory), plus customers QA adds explicitly.
 */
export interface Crm {
  base: number;
  size: number;
  /** Explicit customers: ACCOUNTNUM → phone ('' = no phone number). */
  extra: Map<number, string>;
}

export type DeleteToken = 'action' | 'data' | 'either';

export interface EightByEightState {
  seed: number;
  username: string;
  platform: string;
  actionToken: string;
  dataToken: string;
  /** Which token DELETE needs: the document's table says Data, the README's rule says Action (writes). */
  deleteToken: DeleteToken;
  /** CRM field name shown in `phone-list` (`*Phone Number|…`). */
  phoneLabel: string;
  crm: Crm;
  campaigns: Map<number, CampaignModel>;
  nextRecordId: number;
  dialer: DialerSettings;
}

export const FIRST_RECORD_ID = 10_000_000;

// ---- CRM phones ---------------------------------------------------------------------------------------------------

/** A well-mixed 32-bit value for (seed, a, b): per-record randomness that does not depend on request order. */
export function mix(seed: number, a: number, b = 0): number {
  return Math.floor(
    new SeededRandom((seed ^ Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) >>> 0).next() * 2 ** 32,
  );
}

/** Phone of a CRM customer: '' none, otherwise digits (about 2% have none and 2% an invalid one, by seed). */
export function phoneOf(state: EightByEightState, customerId: number): string | undefined {
  const explicit = state.crm.extra.get(customerId);
  if (explicit !== undefined) return explicit;
  const { base, size } = state.crm;
  if (customerId < base || customerId >= base + size) return undefined;
  const h = mix(state.seed, customerId, 7);
  const bucket = h % 100;
  if (bucket < 2) return '';
  const digits = String(Math.floor(h / 100) % 10_000_000).padStart(7, '0');
  return bucket < 4 ? `555${digits.slice(0, 3)}` : `555${digits}`;
}

export const inCrm = (state: EightByEightState, customerId: number): boolean =>
  phoneOf(state, customerId) !== undefined;

export const isValidPhone = (phone: string): boolean => /^\+?[0-9]{10,15}$/.test(phone);

export function phoneList(state: EightByEightState, phone: string): string {
  return phone === '' ? '' : `*${state.phoneLabel}|${phone}`;
}

// ---- Campaigns ----------------------------------------------------------------------------------------------------

export type CampaignInit = Pick<
  CampaignModel,
  'id' | 'name' | 'enabled' | 'dynamic' | 'status' | 'startTime' | 'endTime'
> &
  Partial<Omit<CampaignModel, 'records' | 'events' | 'busy' | 'cursor' | 'ready' | 'readyHead'>>;

export function newCampaign(init: CampaignInit): CampaignModel {
  return {
    actualRunTime: null,
    actualStopTime: null,
    callerId: '5550100000',
    queueId: 100,
    dailyStartTime: '08:00',
    dailyEndTime: '20:00',
    retryIntervalMinutes: 60,
    maxRetry: 3,
    abandonMaxRetry: 1,
    maxRingTime: 30,
    integrationType: 'Dynamic',
    callingWindow: 'Campaign',
    scheduleName: 'Always',
    timezone: 'America/New_York',
    sequential: false,
    ...init,
    records: new RecordStore(),
    events: new TimedQueue<number>(),
    busy: 0,
    cursor: 0,
    ready: [],
    readyHead: 0,
  };
}

export const campaignOf = (state: EightByEightState, rawId: string | undefined): CampaignModel | undefined =>
  rawId !== undefined && /^[0-9]{1,10}$/.test(rawId) ? state.campaigns.get(Number(rawId)) : undefined;

/** ACCOUNTNUMs in the CRM that no campaign holds yet (first `limit`), for the sandbox description. */
export function unusedCustomers(state: EightByEightState, limit: number): number[] {
  const out: number[] = [];
  const { base, size } = state.crm;
  const campaigns = [...state.campaigns.values()];
  const used = (id: number) => campaigns.some((c) => c.records.byCustomer.has(id));
  for (let id = base; id < base + size && out.length < limit; id++) if (!used(id)) out.push(id);
  return out;
}

// ---- Formats ------------------------------------------------------------------------------------------------------

export const isoMillis = (ms: number): string => new Date(ms).toISOString();

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An ISO 8601 `schedule-date-time` on the clock: whole epoch ms, plus whether the text carried a non-zero fraction
 * beyond the millisecond (`…00.0000001Z` is after `…00.000Z`: it must not slip under an inclusive limit).
 */
export interface ScheduleTime {
  at: number;
  beyondMillis: boolean;
}

/** True when `time` is strictly later than epoch ms `limit`, sub-millisecond digits included. */
export const isLaterThan = (time: ScheduleTime, limit: number): boolean =>
  time.at > limit || (time.at === limit && time.beyondMillis);

/**
 * A `schedule-date-time`, or undefined when it is not ISO 8601 (wrong shape or an impossible calendar value such as
 * month 13 or February 30).
 */
export function parseScheduleDateTime(text: string): ScheduleTime | undefined {
  const m = ISO_8601_PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((v) => Number(v ?? 0)) as number[];
  const fraction = m[7] ?? '';
  const zone = m[8] as string;
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month! - 1] ?? 0);
  if (month! < 1 || month! > 12 || day! < 1 || day! > maxDay || hour! > 23 || minute! > 59 || second > 59) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone) as RegExpExecArray;
    const [hh, mm] = [Number(z[2]), Number(z[3])];
    if (hh > 23 || mm > 59) return undefined;
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (hh * 60 + mm);
  }
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return {
    at: Date.UTC(year!, month! - 1, day!, hour, minute, second, millis) - offsetMinutes * 60_000,
    beyondMillis: /[1-9]/.test(fraction.slice(3)),
  };
}
