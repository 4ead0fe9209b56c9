import {
  ASSUMED_MESSAGES,
  CUSTOMER_ID_DIGITS,
  MAX_RECORDS_PER_CAMPAIGN,
  MAX_RECORDS_PER_REQUEST,
  MAX_SCHEDULE_AHEAD_MS,
  MESSAGES,
} from '../../contracts/eightbyeight/schemas.ts';
import { type Reply, reply } from '../core/reply.ts';
import { JSON_CONTENT_TYPE } from '../core/serializers/json.ts';
import { addRecord, fill } from './dialer.ts';
import {
  type CampaignModel,
  type EightByEightState,
  type ScheduleTime,
  inCrm,
  isLaterThan,
  isoMillis,
  parseScheduleDateTime,
} from './models.ts';

/**
 * `POST …/customers`: one verdict per entry of the batch, checked and applied in request order, and the HTTP 207
 * answer built from them. Verdicts are shared objects (an array of references, not one outcome object per entry),
 * and a large answer is streamed, so a batch of millions neither exhausts memory nor overflows a string.
 */
export type BatchEntry = Record<string, unknown>;

interface Verdict {
  status: 200 | 400 | 404;
  /** `,"message":"…"` as it appears in the answer, or '' for an added record. */
  messageJson: string;
}

const verdict = (status: Verdict['status'], message?: string): Verdict => ({
  status,
  messageJson: message === undefined ? '' : `,"message":${JSON.stringify(message)}`,
});

const ADDED = verdict(200);
const REFUSED = {
  invalidCustomerId: verdict(400, MESSAGES.invalidCustomerId),
  invalidScheduleFormat: verdict(400, MESSAGES.invalidScheduleFormat),
  customerIdNotFound: verdict(404, MESSAGES.customerIdNotFound),
  duplicateCustomer: verdict(400, MESSAGES.duplicateCustomer),
  scheduleInPast: verdict(400, MESSAGES.scheduleInPast),
  scheduleTooFarAhead: verdict(400, MESSAGES.scheduleTooFarAhead),
  campaignFull: verdict(400, ASSUMED_MESSAGES.campaignFull),
};

/**
 * ACCOUNTNUM of an entry, or undefined: CustomerIdSchema's rule without zod, whose refusals cost microseconds each
 * (a batch of millions of bad entries would take tens of seconds).
 */
export function customerIdOf(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw > 0 ? raw : undefined;
  return typeof raw === 'string' && CUSTOMER_ID_DIGITS.test(raw) ? Number(raw) : undefined;
}

/** Judges the entries of one batch against one campaign at one instant. */
class BatchJudge {
  private readonly latest: number;
  /** Built once per batch: the campaign's schedule cannot change while the batch is judged. */
  private readonly outsideCampaign: Verdict;

  constructor(
    private readonly state: EightByEightState,
    private readonly c: CampaignModel,
    private readonly now: number,
  ) {
    this.latest = now + MAX_SCHEDULE_AHEAD_MS;
    this.outsideCampaign = verdict(400, MESSAGES.scheduleOutsideCampaign(isoMillis(c.startTime), isoMillis(c.endTime)));
  }

  /** Checks one entry in the documented order and adds it when every check passes. */
  judge(entry: BatchEntry): Verdict {
    const { state, c, now } = this;
    const customerId = customerIdOf(entry['customer-id']);
    if (customerId === undefined) return REFUSED.invalidCustomerId;
    const rawSchedule = entry['schedule-date-time'];
    let schedule: ScheduleTime | undefined;
    if (rawSchedule !== undefined && rawSchedule !== null) {
      schedule = typeof rawSchedule === 'string' ? parseScheduleDateTime(rawSchedule) : undefined;
      if (schedule === undefined) return REFUSED.invalidScheduleFormat;
    }
    if (!inCrm(state, customerId)) return REFUSED.customerIdNotFound;
    if (c.records.byCustomer.has(customerId)) return REFUSED.duplicateCustomer;
    if (schedule !== undefined) {
      if (schedule.at < now) return REFUSED.scheduleInPast;
      if (isLaterThan(schedule, this.latest)) return REFUSED.scheduleTooFarAhead;
      if (schedule.at < c.startTime || isLaterThan(schedule, c.endTime)) return this.outsideCampaign;
    }
    if (c.records.live >= MAX_RECORDS_PER_CAMPAIGN) return REFUSED.campaignFull;
    addRecord(state, c, customerId, schedule?.at, now);
    return ADDED;
  }
}

/**
 * One 207 entry in the document's key order: the customer-id as sent (null unless a number or string), the
 * schedule-date-time echoed when a string, the http-status, the message on a refusal.
 */
function outcomeJson(entry: BatchEntry, v: Verdict): string {
  const rawId = entry['customer-id'];
  const id = typeof rawId === 'number' || typeof rawId === 'string' ? JSON.stringify(rawId) : 'null';
  const rawSchedule = entry['schedule-date-time'];
  const schedule = typeof rawSchedule === 'string' ? `,"schedule-date-time":${JSON.stringify(rawSchedule)}` : '';
  return `{"customer-id":${id}${schedule},"http-status":${v.status}${v.messageJson}}`;
}

const CHUNK_CHARS = 64 * 1024;

function* outcomeChunks(entries: readonly BatchEntry[], verdicts: readonly Verdict[]): Generator<string> {
  let text = '[';
  for (let i = 0; i < entries.length; i++) {
    text += (i === 0 ? '' : ',') + outcomeJson(entries[i] as BatchEntry, verdicts[i] as Verdict);
    if (text.length >= CHUNK_CHARS) {
      yield text;
      text = '';
    }
  }
  yield `${text}]`;
}

/** Answers up to this many entries are sent whole (and kept in the request journal); larger ones are streamed. */
export const WHOLE_ANSWER_MAX_ENTRIES = 100_000;

const JSON_UTF8 = `${JSON_CONTENT_TYPE}; charset=utf-8`;

/** Judges and applies every entry in request order, then lets the dialer take the new records; the 207 answer. */
export function addBatch(
  state: EightByEightState,
  c: CampaignModel,
  entries: readonly BatchEntry[],
  now: number,
): Reply {
  const judge = new BatchJudge(state, c, now);
  const verdicts = entries.map((entry) => judge.judge(entry));
  fill(state, c, now);
  if (entries.length <= WHOLE_ANSWER_MAX_ENTRIES) {
    return reply.text(207, [...outcomeChunks(entries, verdicts)].join(''), JSON_UTF8);
  }
  return reply.stream(207, JSON_UTF8, () => outcomeChunks(entries, verdicts));
}

/**
 * Most structure tokens — `{`, `[` and `,` outside strings — one add body may hold: 4 per entry of the 5,000,000
 * (assumed; the document gives no such bound). An entry in the document's shape takes 3 (its object, the comma
 * between its two members, the comma after it), so any list of them fits, with room for a field more. JSON.parse
 * makes about one value per token: 20 million nested `{}` cost ~1.3 GB of heap, while the ~175 million of a body at
 * the 500 MiB limit exhaust it and end the process (measured) — hence a bound on the tokens, not only on the entries.
 */
export const MAX_STRUCTURE_TOKENS = 4 * MAX_RECORDS_PER_REQUEST;
