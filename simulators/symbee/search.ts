import {
  CONDITIONS,
  SYSTEM_FIELDS,
  type Condition,
  type SearchCriterion,
  type SystemField,
} from '../../contracts/symbee/schemas.ts';
import { fail } from './errors.ts';
import type { Campaign, SymbeeRecord } from './models.ts';
import type { DataLayout } from './record.ts';

/**
 * Criteria search (searchPreviewCampaign without an id): each criterion compiled once per search into a field reader
 * and a predicate, then one pass over the campaign's records.
 */

type FieldReader = (record: SymbeeRecord) => string | undefined;

const SYSTEM_READERS: Record<SystemField, (campaign: Campaign) => FieldReader> = {
  sys_skill_queue: () => (r) => r.skillQueue,
  sys_worked_attempts: () => (r) => String(r.workAttempts),
  sys_item_time_zone: (c) => (r) => r.timeZone ?? c.defaultTimeZone,
  sys_worked_state: () => (r) => r.workedState,
  sys_preferred_agent: () => (r) => r.preferredAgent,
  sys_next_earliest_worktime_long: () => (r) =>
    r.nextEarliestWorkTime === null ? undefined : String(r.nextEarliestWorkTime),
};

/** System fields holding numbers (document: "the number of times", "UTC Unix Epoch based time value"). */
const NUMERIC_SYSTEM_FIELDS: ReadonlySet<SystemField> = new Set([
  'sys_worked_attempts',
  'sys_next_earliest_worktime_long',
]);
const INTEGER = /^-?\d+$/;

/**
 * Custom keys match case-insensitively: the document's example searches `name` for the `Name` field (assumed). The
 * position found is remembered per data layout (shared by the records of a campaign), so a scan of a million records
 * looks the key up once, not once per record.
 */
function customReader(key: string): FieldReader {
  const wanted = key.toLowerCase();
  let lastLayout: DataLayout | undefined;
  let lastAt = -1;
  return (record) => {
    if (record.layout !== lastLayout) {
      lastLayout = record.layout;
      // The exact spelling first: the usual case, and no lower-cased copy of a key per layout.
      lastAt = lastLayout.keys.findIndex(
        (k) => k === key || (k.length === wanted.length && k.toLowerCase() === wanted),
      );
    }
    return lastAt < 0 ? undefined : record.values[lastAt];
  };
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Numbers compare as numbers when both sides are numeric, otherwise as strings (assumed). */
function comparerTo(wanted: string): (actual: string) => number {
  const byText = (a: string) => (a < wanted ? -1 : a > wanted ? 1 : 0);
  if (!NUMERIC.test(wanted)) return byText;
  const wantedNumber = Number(wanted);
  return (a) => (NUMERIC.test(a) ? Number(a) - wantedNumber : byText(a));
}

/** Each condition, specialized once per search for its wanted value. */
const PREDICATES: Record<Condition, (wanted: string) => (actual: string) => boolean> = {
  EQUALS: (w) => (a) => a === w,
  NOTEQUALS: (w) => (a) => a !== w,
  GREATERTHAN: (w) => {
    const compare = comparerTo(w);
    return (a) => compare(a) > 0;
  },
  LESSTHAN: (w) => {
    const compare = comparerTo(w);
    return (a) => compare(a) < 0;
  },
  CONTAINS: (w) => (a) => a.includes(w),
  BEGINSWITH: (w) => (a) => a.startsWith(w),
};

export interface CompiledCriterion {
  read: FieldReader;
  matches: (actual: string) => boolean;
}

export function compileCriteria(campaign: Campaign, criteria: readonly SearchCriterion[]): CompiledCriterion[] {
  return criteria.map((c, i) => {
    if (c.key === undefined || c.key === '') throw fail(`previewRecordData[${i}].key is required`);
    if (c.value === undefined) throw fail(`previewRecordData[${i}].value is required`);
    if (c.condition === undefined) throw fail(`previewRecordData[${i}].condition is required`);
    if (!(CONDITIONS as readonly string[]).includes(c.condition)) {
      throw fail(`Invalid condition '${c.condition}'; expected one of ${CONDITIONS.join(', ')}`);
    }
    let read: FieldReader;
    // System keys resolve in any letter case, as custom keys match (`SYS_WORKED_STATE` is sys_worked_state).
    const lower = c.key.toLowerCase();
    if (lower.startsWith('sys_')) {
      if (!(SYSTEM_FIELDS as readonly string[]).includes(lower)) {
        throw fail(`Unknown system field '${c.key}'; expected one of ${SYSTEM_FIELDS.join(', ')}`);
      }
      const field = lower as SystemField;
      if (NUMERIC_SYSTEM_FIELDS.has(field) && !INTEGER.test(c.value)) {
        throw fail(
          `Invalid value '${c.value}' for ${field}: ${field === 'sys_worked_attempts' ? 'a whole number' : 'epoch milliseconds (a whole number)'} expected`,
        );
      }
      read = SYSTEM_READERS[field](campaign);
    } else {
      read = customReader(c.key);
    }
    return { read, matches: PREDICATES[c.condition as Condition](c.value) };
  });
}

/** All criteria must hold (AND); a record without the field never matches (assumed). Stops at maxRecords. */
export function searchRecords(campaign: Campaign, criteria: CompiledCriterion[], maxRecords: number): SymbeeRecord[] {
  const found: SymbeeRecord[] = [];
  if (maxRecords <= 0) return found;
  outer: for (const record of campaign.records.values()) {
    for (const c of criteria) {
      const actual = c.read(record);
      if (actual === undefined || !c.matches(actual)) continue outer;
    }
    found.push(record);
    if (found.length >= maxRecords) break;
  }
  return found;
}
