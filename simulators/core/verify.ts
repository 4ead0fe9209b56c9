import { z } from 'zod';
import { AdminError } from './errors.ts';
import type { JournalEntry, RequestJournal } from './journal.ts';
import { type MatchMode, match, matcherErrors, resolveMatchers } from './match.ts';
import { parseXml } from './serializers/xml.ts';

/**
 * Request verification like WireMock's `/__admin/requests/count` and `/find`, on the journal: a pattern names what a
 * request must look like (vendor, operation, method, path, status, query, headers, request and response bodies) with
 * the scenario runner's matchers (`$regex:`, `$any`, partial objects…). Only journaled requests can be counted, and
 * bodies are matched as journaled (cut at 8 KiB: a longer JSON body no longer parses, so only `text` can match it).
 */
const BodyPatternSchema = {
  /** Expected tree against the body parsed as JSON. */
  json: z.unknown().optional(),
  /** Expected tree against the body parsed as XML (SOAP included): leaves compare as text. */
  xml: z.unknown().optional(),
  /** Expected value (exact, or a matcher such as `$regex:…`) against the body as text. */
  text: z.unknown().optional(),
};

export const RequestPatternSchema = z.strictObject({
  vendor: z.string().optional(),
  /** The vendor operation the request reached (as journaled, e.g. `searchPreviewCampaign`). */
  operation: z.string().optional(),
  method: z.string().optional(),
  /** The full path as journaled (`/symbee/…`): exact, or a matcher such as `$regex:search`. */
  path: z.unknown().optional(),
  /** A code (`503`), a class (`"5xx"`) or a matcher. */
  status: z.union([z.number().int(), z.string()]).optional(),
  /** Expected query parameters (a partial object; values compare as text). */
  query: z.record(z.string(), z.unknown()).optional(),
  /** Expected request headers (names case-insensitive; values compare as text). */
  headers: z.record(z.string(), z.unknown()).optional(),
  ...BodyPatternSchema,
  response: z.strictObject(BodyPatternSchema).optional(),
});

export type RequestPattern = z.infer<typeof RequestPatternSchema>;

function parsed(text: string, as: 'json' | 'xml'): unknown {
  try {
    return as === 'json' ? JSON.parse(text) : parseXml(text);
  } catch {
    return undefined;
  }
}

function bodyMismatches(
  pattern: { json?: unknown; xml?: unknown; text?: unknown },
  body: string,
  where: string,
): string[] {
  const out: string[] = [];
  const check = (expected: unknown, actual: unknown, path: string, mode: MatchMode) =>
    out.push(...match(resolveMatchers(expected), actual, path, mode));
  if (pattern.json !== undefined) check(pattern.json, parsed(body, 'json'), `${where}.json`, 'json');
  if (pattern.xml !== undefined) check(pattern.xml, parsed(body, 'xml'), `${where}.xml`, 'text');
  if (pattern.text !== undefined) check(pattern.text, body, `${where}.text`, 'text');
  return out;
}

function statusMismatch(expected: number | string, status: number): string[] {
  const cls = typeof expected === 'string' ? /^([1-5])xx$/i.exec(expected) : null;
  if (cls) return Math.floor(status / 100) === Number(cls[1]) ? [] : [`status: expected ${expected}, got ${status}`];
  return match(resolveMatchers(expected), status, 'status', 'text');
}

/** Every way the entry differs from the pattern; empty when it matches. */
export function mismatches(pattern: RequestPattern, entry: JournalEntry): string[] {
  const out: string[] = [];
  if (pattern.vendor !== undefined && pattern.vendor !== entry.vendor)
    out.push(`vendor: expected ${pattern.vendor}, got ${entry.vendor}`);
  if (pattern.operation !== undefined && pattern.operation !== entry.operation)
    out.push(`operation: expected ${pattern.operation}, got ${entry.operation ?? 'none'}`);
  if (pattern.method !== undefined && pattern.method.toUpperCase() !== entry.method)
    out.push(`method: expected ${pattern.method.toUpperCase()}, got ${entry.method}`);
  if (pattern.path !== undefined) out.push(...match(resolveMatchers(pattern.path), entry.path, 'path', 'text'));
  if (pattern.status !== undefined) out.push(...statusMismatch(pattern.status, entry.status));
  if (pattern.query !== undefined) {
    const query = Object.fromEntries(new URLSearchParams(entry.query));
    out.push(...match(resolveMatchers(pattern.query), query, 'query', 'text'));
  }
  for (const [name, expected] of Object.entries(pattern.headers ?? {})) {
    const lower = name.toLowerCase();
    const actual = Object.entries(entry.requestHeaders).find(([key]) => key.toLowerCase() === lower)?.[1];
    out.push(...match(resolveMatchers(expected), actual, `headers.${lower}`, 'text'));
  }
  out.push(...bodyMismatches(pattern, entry.requestBody, 'body'));
  if (pattern.response) out.push(...bodyMismatches(pattern.response, entry.responseBody, 'response'));
  return out;
}

/** A typo in a matcher (`$regx:`) is the caller's 400, not a pattern that silently never matches. */
export function checkPattern(pattern: RequestPattern): RequestPattern {
  const { vendor: _v, operation: _o, method: _m, ...trees } = pattern;
  const problems = matcherErrors(trees, 'pattern');
  if (problems.length > 0) throw new AdminError(400, problems.join('; '));
  return pattern;
}

/** The journaled requests matching the pattern, newest first. */
export function findRequests(journal: RequestJournal, pattern: RequestPattern): JournalEntry[] {
  return journal.list().filter((entry) => mismatches(pattern, entry).length === 0);
}

/** A journaled request close to a pattern, with every way it differs (WireMock's near-misses of a request pattern). */
export interface RequestNearMiss {
  request: JournalEntry;
  mismatches: string[];
}

/** At most this many closest requests are reported for a pattern. */
export const MAX_REQUEST_NEAR_MISSES = 3;

/**
 * The journaled requests that come closest to the pattern without matching it (fewest differences first, newest
 * first among equals): what a failed verification shows, so "expected 1, found 0" comes with why.
 */
export function nearestRequests(journal: RequestJournal, pattern: RequestPattern): RequestNearMiss[] {
  const scored: RequestNearMiss[] = [];
  for (const request of journal.list()) {
    const differences = mismatches(pattern, request);
    if (differences.length > 0) scored.push({ request, mismatches: differences });
  }
  return scored.sort((a, b) => a.mismatches.length - b.mismatches.length).slice(0, MAX_REQUEST_NEAR_MISSES);
}

/**
 * Every journaled request that matched no operation, one row per near operation (WireMock's
 * `/__admin/requests/unmatched/near-misses`), newest request first.
 */
export function unmatchedNearMisses(journal: RequestJournal) {
  return journal.list({ unmatched: true }).flatMap((entry) => {
    const { id, time, vendor, method, path, query, status } = entry;
    const request = { id, time, vendor, method, path, query, status };
    return (entry.nearMisses ?? []).map((miss) => ({ request, ...miss }));
  });
}
