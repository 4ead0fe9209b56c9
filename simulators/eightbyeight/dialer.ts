import {
  CAMPAIGN_STATUS,
  type CampaignStatusName,
  DISPOSITION,
  RECORD_STATUS,
  STATUS_CODE,
} from '../../contracts/eightbyeight/schemas.ts';
import {
  type CampaignModel,
  type EightByEightState,
  isDialing,
  isPurged,
  isStopped,
  isValidPhone,
  mix,
  phoneOf,
} from './models.ts';
import { type ForcedOutcome, holdsLine, isPending } from './records.ts';

/**
 * The dialer of a campaign, driven by the sandbox's virtual clock. A running campaign takes New records in order
 * (due schedules and retries first) up to its number of lines: New → Queued → (an agent accepts) Accepted → (the
 * call ends) Completed, or Scheduled again for a "Try Again" retry. Only in-flight rows and scheduled rows sit in
 * the TimedQueue, so a campaign of millions costs O(lines + scheduled) queue entries.
 *
 * Outcomes are drawn per (seed, record-id = ACCOUNTNUM, attempt), never from request order, so a seed replays exactly.
 */
const R = RECORD_STATUS;

/** Share of call attempts per outcome (the vendor publishes none: assumed). */
export const OUTCOME_SHARES = { skipped: 0.05, answered: 0.6, callBack: 0.1, tryAgain: 0.25 } as const;

const ANSWERED: ForcedOutcome = { statusCode: STATUS_CODE.DEFAULT, dispositionCode: DISPOSITION.NONE };
const CALL_BACK: ForcedOutcome = { statusCode: STATUS_CODE.DEFAULT, dispositionCode: DISPOSITION.SCHEDULED_CALL_BACK };
const TRY_AGAIN: ForcedOutcome = { statusCode: STATUS_CODE.DEFAULT, dispositionCode: DISPOSITION.TRY_AGAIN };

function attemptDraw(state: EightByEightState, c: CampaignModel, row: number): number {
  return mix(state.seed, c.records.customer[row] as number, c.records.attempts[row]) / 2 ** 32;
}

function drawnOutcome(u: number): ForcedOutcome {
  const { skipped, answered, callBack } = OUTCOME_SHARES;
  if (u < skipped + answered) return ANSWERED;
  if (u < skipped + answered + callBack) return CALL_BACK;
  return TRY_AGAIN;
}

function talkMs(state: EightByEightState, c: CampaignModel, row: number): number {
  const { talkMinMs, talkMaxMs } = state.dialer;
  const h = mix(state.seed, c.records.customer[row] as number, 1000 + (c.records.attempts[row] as number));
  return talkMinMs + (h % (talkMaxMs - talkMinMs + 1));
}

// ---- Row transitions -------------------------------------------------------------------------------------------

function release(c: CampaignModel, row: number): void {
  if (holdsLine(c.records.status[row] as number)) c.busy--;
}

function finish(c: CampaignModel, row: number, outcome: ForcedOutcome): void {
  const rs = c.records;
  release(c, row);
  rs.status[row] = R.COMPLETED;
  rs.code[row] = outcome.statusCode;
  rs.setDisposition(row, outcome.dispositionCode);
  rs.eventAt[row] = Number.NaN;
  if (outcome.extTransData !== undefined) rs.setExtData(row, outcome.extTransData);
}

function schedule(c: CampaignModel, row: number, status: number, at: number): void {
  c.records.status[row] = status;
  c.records.eventAt[row] = at;
  c.events.schedule(at, row);
}

/** "Try Again" becomes a Scheduled retry after `retry-interval`, until `max-retry` retries are used up. */
function settle(c: CampaignModel, row: number, outcome: ForcedOutcome, at: number): void {
  const tryAgain = outcome.statusCode === STATUS_CODE.DEFAULT && outcome.dispositionCode === DISPOSITION.TRY_AGAIN;
  if (!tryAgain) return finish(c, row, outcome);
  if ((c.records.attempts[row] as number) > c.maxRetry) {
    return finish(c, row, { ...outcome, statusCode: STATUS_CODE.MAX_ATTEMPT_REACHED });
  }
  release(c, row);
  c.records.code[row] = STATUS_CODE.DEFAULT;
  c.records.setDisposition(row, DISPOSITION.TRY_AGAIN);
  if (outcome.extTransData !== undefined) c.records.setExtData(row, outcome.extTransData);
  schedule(c, row, R.SCHEDULED, at + c.retryIntervalMinutes * 60_000);
}

/** The dialer picks a row: a missing or invalid phone ends it at once, otherwise it is queued for an agent. */
function dial(state: EightByEightState, c: CampaignModel, row: number, at: number): void {
  const rs = c.records;
  rs.attempts[row] = Math.min(255, (rs.attempts[row] as number) + 1);
  if (!rs.forced.has(row)) {
    const phone = phoneOf(state, rs.customer[row] as number) ?? '';
    if (phone === '')
      return finish(c, row, { statusCode: STATUS_CODE.NO_PHONE_NUMBER, dispositionCode: DISPOSITION.NONE });
    if (!isValidPhone(phone)) {
      return finish(c, row, { statusCode: STATUS_CODE.INVALID_PHONE_NUMBER, dispositionCode: DISPOSITION.NONE });
    }
  }
  c.busy++;
  schedule(c, row, R.QUEUED, at + state.dialer.acceptDelayMs);
}

function accept(state: EightByEightState, c: CampaignModel, row: number, at: number): void {
  if (!c.records.forced.has(row) && attemptDraw(state, c, row) < OUTCOME_SHARES.skipped) {
    return finish(c, row, { statusCode: STATUS_CODE.SKIPPED, dispositionCode: DISPOSITION.NONE });
  }
  schedule(c, row, R.ACCEPTED, at + talkMs(state, c, row));
}

function endCall(state: EightByEightState, c: CampaignModel, row: number, at: number): void {
  const forced = c.records.forced.get(row);
  c.records.forced.delete(row);
  settle(c, row, forced ?? drawnOutcome(attemptDraw(state, c, row)), at);
}

function onEvent(state: EightByEightState, c: CampaignModel, row: number, at: number): void {
  const rs = c.records;
  if (rs.eventAt[row] !== at) return; // superseded since it was queued
  const status = rs.status[row];
  // A stopped campaign dials nothing more; calls already in progress still end.
  if (isStopped(c.status) && status !== R.ACCEPTED) return;
  if (status === R.QUEUED) accept(state, c, row, at);
  else if (status === R.ACCEPTED) endCall(state, c, row, at);
  else if (status === R.SCHEDULED) {
    rs.status[row] = R.NEW;
    rs.eventAt[row] = Number.NaN;
    c.ready.push(row);
  }
  fill(state, c, at);
}

function nextNew(c: CampaignModel): number {
  const rs = c.records;
  while (c.readyHead < c.ready.length) {
    const row = c.ready[c.readyHead++] as number;
    if (rs.status[row] === R.NEW) return row;
  }
  if (c.readyHead > 0) {
    c.ready = [];
    c.readyHead = 0;
  }
  while (c.cursor < rs.size) {
    const row = c.cursor++;
    if (rs.status[row] === R.NEW) return row;
  }
  return -1;
}

/** Starts work on New rows while the campaign runs and has free lines. */
export function fill(state: EightByEightState, c: CampaignModel, at: number): void {
  if (!isDialing(c.status) || !c.enabled) return;
  while (c.busy < state.dialer.lines) {
    const row = nextNew(c);
    if (row < 0) return;
    dial(state, c, row, at);
  }
}

// ---- Campaign-level moves --------------------------------------------------------------------------------------

/**
 * Purge flushes every record not yet in a call (New, Queued, Scheduled): status page "records that are in the queues
 * have been flushed"; rendered as Completed with status-code Skipped (assumed). Calls in progress finish.
 */
function purge(c: CampaignModel): void {
  const rs = c.records;
  for (let row = 0; row < rs.size; row++) {
    if (isPending(rs.status[row] as number))
      finish(c, row, { statusCode: STATUS_CODE.SKIPPED, dispositionCode: DISPOSITION.NONE });
  }
  c.ready = [];
  c.readyHead = 0;
  c.cursor = rs.size;
}

/** Re-queues events a stopped campaign left untouched, when QA brings it back through the admin API. */
function rearm(c: CampaignModel, at: number): void {
  const rs = c.records;
  for (let row = 0; row < rs.size; row++) {
    const status = rs.status[row] as number;
    if ((status === R.QUEUED || status === R.SCHEDULED) && (rs.eventAt[row] as number) <= at)
      schedule(c, row, status, at);
  }
}

export function moveCampaign(state: EightByEightState, c: CampaignModel, target: CampaignStatusName, at: number): void {
  const next = CAMPAIGN_STATUS[target];
  const wasDialing = isDialing(c.status);
  const wasStopped = isStopped(c.status);
  c.status = next;
  if (isDialing(next) && !wasDialing) c.actualRunTime = at;
  if (isStopped(next) && !wasStopped) c.actualStopTime = at;
  // The diagram's Stop is "Pause + Purge": entering it flushes like a purge.
  if (isPurged(next) || (isStopped(next) && !wasStopped)) purge(c);
  if (wasStopped && !isStopped(next)) rearm(c, at);
  fill(state, c, at);
}

/** Scheduled campaigns start at their start time; schedule-run ones stop at their end time. */
function scheduleMove(c: CampaignModel): { at: number; target: CampaignStatusName } | undefined {
  const S = CAMPAIGN_STATUS;
  if (c.status === S.SCHEDULED) return { at: c.startTime, target: 'SCHEDULE_RUNNING' };
  if (c.status === S.SCHEDULE_RUNNING || c.status === S.SCHEDULE_PAUSED || c.status === S.SCHEDULE_PURGED) {
    return { at: c.endTime, target: 'SCHEDULE_STOPPED' };
  }
  return undefined;
}

/** Plays every due event and schedule move of one campaign, in time order, up to `now`. */
export function advanceCampaign(state: EightByEightState, c: CampaignModel, now: number): void {
  for (;;) {
    const eventAt = c.events.peekTime() ?? Number.POSITIVE_INFINITY;
    const move = scheduleMove(c);
    const moveAt = move?.at ?? Number.POSITIVE_INFINITY;
    if (Math.min(eventAt, moveAt) > now) return;
    if (move && moveAt <= eventAt) {
      moveCampaign(state, c, move.target, moveAt);
      continue;
    }
    const entry = c.events.popDue(now);
    if (!entry) return;
    onEvent(state, c, entry.key, entry.at);
  }
}

export function advanceAll(state: EightByEightState, now: number): void {
  for (const c of state.campaigns.values()) advanceCampaign(state, c, now);
}

// ---- Record-level operations used by the handlers and the admin API ---------------------------------------------

/** Appends a record: Scheduled when its schedule-date-time is still ahead, New otherwise. Call `fill` after. */
export function addRecord(
  state: EightByEightState,
  c: CampaignModel,
  customerId: number,
  scheduleAt: number | undefined,
  now: number,
): number {
  const scheduled = scheduleAt !== undefined && scheduleAt > now;
  const row = c.records.append(customerId, scheduled ? R.SCHEDULED : R.NEW, scheduled ? scheduleAt : Number.NaN);
  if (scheduled) c.events.schedule(scheduleAt, row);
  return row;
}

export function deleteRecord(state: EightByEightState, c: CampaignModel, row: number, now: number): void {
  release(c, row);
  c.records.remove(row);
  fill(state, c, now);
}

/** QA backdoor: the outcome of the record's next call end, or (immediate) right now. */
export function forceOutcome(
  state: EightByEightState,
  c: CampaignModel,
  row: number,
  outcome: ForcedOutcome,
  immediate: boolean,
  now: number,
): void {
  if (!immediate) {
    c.records.forced.set(row, outcome);
    return;
  }
  c.records.forced.delete(row);
  settle(c, row, outcome, now);
  fill(state, c, now);
}
