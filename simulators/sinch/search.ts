import { DateTimeSchema, toId32 } from '../../contracts/sinch/schemas.ts';
import { obiError, MESSAGES } from './errors.ts';

/**
 * The OBI search language: `field=value` where the value may contain `*` (any run) and `?` (one character), matched
 * case-insensitively; ID fields take an id32/id36 GUID instead of a pattern. Date fields come in pairs
 * (`x` = on or after, `xEnd` = on or before).
 *
 * Patterns are never compiled to RegExps: the matcher below is the classic greedy two-pointer glob algorithm that
 * backtracks only to the last `*`, so any pattern costs at most O(pattern × value) — a crafted `*a*a*a*…b` cannot
 * make it exponential.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  let pi = 0;
  let vi = 0;
  let starPi = -1;
  let starVi = 0;
  while (vi < v.length) {
    const pc = p[pi];
    if (pc === '*') {
      starPi = pi++;
      starVi = vi;
    } else if (pc !== undefined && (pc === '?' || pc === v[vi])) {
      pi++;
      vi++;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      vi = ++starVi;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/** A compiled predicate over one record. */
export type Filter<T> = (item: T) => boolean;

export interface FieldSpec<T> {
  /** Plain searchable fields (patterns): their value as text, or undefined when absent (never matches). */
  text: Record<string, (item: T) => string | undefined>;
  /** ID fields: GUIDs only. */
  ids?: Record<string, (item: T) => string | undefined>;
  /** Date fields: `name` (on or after) and `nameEnd` (on or before). */
  dates?: Record<string, (item: T) => number | undefined>;
  /** Fields whose value may be a comma-separated list of patterns (any matches). */
  lists?: readonly string[];
}

/** Parses a GUID query value; 400 otherwise. */
export function requireGuid(field: string, value: string): string {
  const id = toId32(value.trim());
  if (!id) throw obiError(400, MESSAGES.invalidValue(field, value));
  return id;
}

/** Parses a comma-separated list of GUIDs; 400 when any is not one. */
export function requireGuidList(field: string, value: string): Set<string> {
  return new Set(value.split(',').map((part) => requireGuid(field, part)));
}

/**
 * Parses a query date-time by the same rule as body dates (ISO 8601 with `Z` or an offset); 400 otherwise. A date
 * that does not exist (`2023-02-29`, `T24:00`) is refused, not rolled over to the next day as Date.parse would.
 */
export function requireDate(field: string, value: string): number {
  const ms = DateTimeSchema.safeParse(value).success ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw obiError(400, MESSAGES.invalidValue(field, value));
  return ms;
}

/**
 * Builds one filter from the query parameters that name fields of `spec`. Parameters in `reserved` are left to the
 * caller; any other parameter is an unknown search field (400).
 */
export function compileFilters<T>(
  query: Record<string, string | undefined>,
  spec: FieldSpec<T>,
  reserved: readonly string[],
): Filter<T> {
  const filters: Filter<T>[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined || reserved.includes(name)) continue;
    filters.push(fieldFilter(name, raw, spec));
  }
  return (item) => filters.every((f) => f(item));
}

function fieldFilter<T>(name: string, raw: string, spec: FieldSpec<T>): Filter<T> {
  const id = spec.ids && Object.hasOwn(spec.ids, name) ? spec.ids[name] : undefined;
  if (id) {
    const wanted = requireGuid(name, raw);
    return (item) => id(item) === wanted;
  }
  const text = Object.hasOwn(spec.text, name) ? spec.text[name] : undefined;
  if (text) {
    const patterns = spec.lists?.includes(name) ? raw.split(',').map((p) => p.trim()) : [raw];
    return (item) => {
      const value = text(item);
      return value !== undefined && patterns.some((p) => wildcardMatch(p, value));
    };
  }
  const isEnd = name.endsWith('End');
  const dateField = isEnd ? name.slice(0, -'End'.length) : name;
  const date = spec.dates && Object.hasOwn(spec.dates, dateField) ? spec.dates[dateField] : undefined;
  if (date) {
    const bound = requireDate(name, raw);
    return (item) => {
      const value = date(item);
      return value !== undefined && (isEnd ? value <= bound : value >= bound);
    };
  }
  throw obiError(400, MESSAGES.unknownSearchField(name));
}
