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
 * 8x8's campaign state diagram (`campaign-state-machine.png`, status page "Allowed Campaign Status Changes"), node
 * by node: New → Running; Running ⇄ Paused; Running → Stop; Paused → Purged; Paused → Stop; Purged → Running;
 * Purged → Stop. Stop is final ("Pause + Purge"). "No other transitions are allowed".
 */
export type DiagramState = 'New' | 'Running' | 'Paused' | 'Purged' | 'Stop';
export const campaignLifecycle = new Lifecycle<DiagramState>('campaign status (8x8 state diagram)', {
  New: ['Running'],
  Running: ['Paused', 'Stop'],
  Paused: ['Running', 'Purged', 'Stop'],
  Purged: ['Running', 'Stop'],
  Stop: [],
});

/**
 * The diagram node of each status id (0–11). 2 Scheduled ("started but start time has not been reached") is New:
 * it has not run yet (assumed; the diagram has no Scheduled node).
 */
export const DIAGRAM_STATE: Readonly<Record<CampaignStatusName, DiagramState>> = {
  NEW: 'New',
  SCHEDULED: 'New',
  MANUAL_STARTED: 'Running',
  MANUAL_RUNNING: 'Running',
  SCHEDULE_RUNNING: 'Running',
  MANUAL_PAUSED: 'Paused',
  SCHEDULE_PAUSED: 'Paused',
  MANUAL_PURGED: 'Purged',
  SCHEDULE_PURGED: 'Purged',
  MANUAL_STOPPED: 'Stop',
  COMPLETED: 'Stop',
  SCHEDULE_STOPPED: 'Stop',
};

/** Each API status request: the diagram node it asks for, and the (manual) status id it sets (assumed mapping). */
export const REQUEST_TARGET: Readonly<Record<StatusRequest, { node: DiagramState; status: CampaignStatusName }>> = {
  RUNNING: { node: 'Running', status: 'MANUAL_RUNNING' },
  PAUSED: { node: 'Paused', status: 'MANUAL_PAUSED' },
  PURGED: { node: 'Purged', status: 'MANUAL_PURGED' },
  STOPPED: { node: 'Stop', status: 'MANUAL_STOPPED' },
};

const NAME_OF = Object.fromEntries(Object.entries(CAMPAIGN_STATUS).map(([name, id]) => [id, name])) as Record<
  CampaignStatusId,
  CampaignStatusName
>;
export const statusName = (id: CampaignStatusId): CampaignStatusName => NAME_OF[id];
export const diagramStateOf = (id: CampaignStatusId): DiagramState => DIAGRAM_STATE[statusName(id)];

const inNode = (node: DiagramState) => (id: CampaignStatusId) => diagramStateOf(id) === node;
/** The dialer takes new records only while running. */
export const isDialing = inNode('Running');
export const isPurged = inNode('Purged');
export const isStopped = inNode('Stop');
export const isNotStarted = inNode('New');

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
  callerId: number;
  queueId: number;
  dailyStartTime: string;
  dailyEndTime: string;
  retryIntervalMinutes: number;
  maxRetry: number;
  /** null = unset (shown as `""`). */
  abandonMaxRetry: number | null;
  maxRingTime: number;
  integrationType: string;
  callingWindow: number;
  scheduleName: string;
  /** POSIX-style (`EST5EST`): its standard offset is the offset of the campaign's times. */
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

/** Which token a call whose sources disagree accepts: either (default) or only the one a source names. */
export type TokenChoice = 'action' | 'data' | 'either';

export interface EightByEightState {
  seed: number;
  username: string;
  platform: string;
  actionToken: string;
  dataToken: string;
  /** Token DELETE takes: the record page's DELETE table says Data, 8x8's OpenAPI and the write rule Action. */
  deleteToken: TokenChoice;
  /** Token the status change takes: the status page's POST table says Data, 8x8's OpenAPI and its prose Action. */
  statusToken: TokenChoice;
  /** CRM field name shown in `phone-list` (`*Phone Number|…`). */
  phoneLabel: string;
  crm: Crm;
  campaigns: Map<number, CampaignModel>;
  dialer: DialerSettings;
}

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

/** The status page example's `calling-window` (its meaning is not documented). */
export const DEFAULT_CALLING_WINDOW = 2;

export type CampaignInit = Pick<
  CampaignModel,
  'id' | 'name' | 'enabled' | 'dynamic' | 'status' | 'startTime' | 'endTime'
> &
  Partial<Omit<CampaignModel, 'records' | 'events' | 'busy' | 'cursor' | 'ready' | 'readyHead'>>;

export function newCampaign(init: CampaignInit): CampaignModel {
  return {
    actualRunTime: null,
    actualStopTime: null,
    callerId: 5550100000,
    queueId: 100,
    dailyStartTime: '08:00',
    dailyEndTime: '20:00',
    retryIntervalMinutes: 60,
    maxRetry: 3,
    abandonMaxRetry: null,
    maxRingTime: 30,
    integrationType: 'Dynamic',
    callingWindow: DEFAULT_CALLING_WINDOW,
    scheduleName: 'Always',
    timezone: 'EST5EST',
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

/**
 * Minutes east of UTC of a POSIX-style zone's standard time (`EST5EST` → −300: POSIX counts hours west); 0 when the
 * text has no offset. Daylight saving time is not applied (assumed).
 */
export function posixOffsetMinutes(zone: string): number {
  const m = /^[A-Za-z]{3,}([+-]?)(\d{1,2})(?::(\d{2}))?/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? minutes : -minutes;
}

/** `2022-10-17T22:31:02+01:00`: whole seconds in the zone `offsetMinutes` east of UTC, as 8x8's status page shows. */
export function offsetSeconds(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${hhmm}`;
}

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
