import { engageFault } from './faults.ts';

/** A time range [from, to] in epoch ms (inclusive); infinities where a side is open. */
export interface TimeRange {
  from: number;
  to: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The documented 24-hour window table (listContactBatchStates, listContactAttempts…): both null → the last 24 hours;
 * one side null → 24 hours from / to the other; both → as given, fromTime before toTime (else `code`: ARG_INVALID_TYPE,
 * or ATTRIBUTE_INVALID_DATA where the method lists no ARG_INVALID_TYPE — assumed codes). `maxMs` bounds a given range (listContactAttemptsUsingUser: assumed 2 days, the sentence is cut).
 */
export function dayWindow(
  from: number | null,
  to: number | null,
  now: number,
  maxMs?: number,
  code = 'ARG_INVALID_TYPE',
): TimeRange {
  if (from === null && to === null) return { from: now - DAY_MS, to: now };
  if (to === null) return { from: from as number, to: (from as number) + DAY_MS };
  if (from === null) return { from: to - DAY_MS, to };
  if (from >= to) throw engageFault(code, 'fromTime must be less than toTime');
  if (maxMs !== undefined && to - from > maxMs) throw engageFault(code, 'time range too long');
  return { from, to };
}

export const DAYS_MS = (days: number) => days * DAY_MS;

/** `[start, end]` (end null = still open) overlaps the range. */
export const overlaps = (range: TimeRange, start: number, end: number | null) =>
  start <= range.to && (end ?? Number.POSITIVE_INFINITY) >= range.from;

/** The sample's externalId match: case-insensitive, 'plugh' matches '*plugh*' (documented); `*` wildcards allowed. */
export function wildcardMatch(value: string, pattern: string): boolean {
  const parts = pattern.toLowerCase().split('*');
  const text = value.toLowerCase();
  let at = 0;
  for (const part of parts) {
    const found = text.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return true;
}

/** The first `limit` items, or RESULT_TOO_LARGE when there are more (documented for every list method). */
export function limited<T>(items: T[], limit: number): T[] {
  if (items.length > limit) throw engageFault('RESULT_TOO_LARGE');
  return items;
}
