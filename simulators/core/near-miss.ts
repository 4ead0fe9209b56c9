import type { RequestJournal } from './journal.ts';
import type { AnyVendor } from './vendor.ts';

/**
 * Near-misses, as WireMock reports them for unmatched requests: the declared operations closest to a request that
 * matched none (by vendor, method and path shape), each with why it did not match — "method GET not allowed,
 * operation addOrUpdateCampaignRecord is POST", "path segment 5 'campaing' vs 'campaigns'", "under /sinch, operation
 * … is served under /symbee". Journaled with the request, so a typo in a client's URL explains itself.
 */
export interface NearMiss {
  operation: string;
  vendor: string;
  /** The operation's method and full path (mount included, Express syntax: `/symbee/api/:companyCode/…`). */
  method: string;
  path: string;
  reasons: string[];
}

/** At most this many near-misses per request, closest first. */
export const MAX_NEAR_MISSES = 3;
/**
 * Farther than this (about two differences: a wrong method and a misspelt segment, or one missing segment and a
 * wrong vendor) an operation is not "near" any more: a path of another API altogether lists none.
 */
export const MAX_DISTANCE = 2.5;
/** Only operations about as near as the nearest: a misspelt action lists its operation, not every sibling action. */
export const MAX_BEHIND_NEAREST = 0.25;

interface Candidate {
  operation: string;
  vendor: string;
  method: string;
  path: string;
  /** Segments of the full path (the mount first): a literal, or a pattern when it holds a parameter (`:id.json`). */
  segments: (string | RegExp)[];
  /** The same as written (`:campaignId.json`), for reasons. */
  sources: string[];
}

interface Step {
  cost: number;
  reason?: string;
}

interface Shape {
  cost: number;
  reasons: string[];
}

/** Every REST binding (and SOAP endpoint: one POST path per service) of every vendor, as near-miss candidates. */
function candidatesOf(vendors: readonly AnyVendor[]): Candidate[] {
  const out: Candidate[] = [];
  for (const vendor of vendors) {
    const endpoints = new Map<string, { operation: string; method: string; path: string }>();
    for (const op of vendor.operations) {
      const b = op.binding;
      if (b.protocol === 'rest') {
        endpoints.set(`${b.method} ${b.path}`, { operation: op.name, method: b.method, path: b.path });
      } else {
        // A SOAP service's operations share one POST path (the operation is in the body): one candidate per service.
        const service = `${b.path.split('/').pop()} (SOAP service)`;
        endpoints.set(`soap ${b.path}`, { operation: service, method: 'POST', path: b.path });
      }
    }
    for (const e of endpoints.values()) {
      const path = `/${vendor.id}${e.path}`;
      const sources = segmentsOf(path);
      out.push({ ...e, vendor: vendor.id, path, segments: sources.map(pattern), sources });
    }
  }
  return out;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s, i, all) => s !== '' || (i > 0 && i < all.length - 1));
}

/** A segment with a parameter (`:id`, `:campaignId.json`) as a whole-segment pattern; a literal as itself. */
function pattern(segment: string): string | RegExp {
  if (!segment.includes(':')) return segment;
  const parts = segment
    .split(/(:\w+)/)
    .map((p) => (p.startsWith(':') ? '(.+)' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('')}$`);
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** Levenshtein distance ÷ the longer length (0 = same, 1 = nothing in common). */
function textDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return (row[b.length] as number) / Math.max(a.length, b.length, 1);
}

/** Comparing one request segment (1-based `n` in the full path) with one of the operation's. */
function compareSegment(actual: string, expected: string | RegExp, source: string, n: number): Step {
  if (typeof expected !== 'string') {
    if (!expected.test(actual)) return { cost: 1, reason: `path segment ${n} '${actual}' does not fit '${source}'` };
    if (!decodes(actual)) return { cost: 0.5, reason: `path segment ${n} '${actual}' does not percent-decode` };
    return { cost: 0 };
  }
  if (actual === expected) return { cost: 0 };
  const lower = textDistance(actual.toLowerCase(), expected.toLowerCase());
  const note = lower === 0 ? ' (paths are case-sensitive)' : '';
  // A near spelling (under half its letters differ) costs from half a difference up, an unrelated word a whole one.
  return { cost: Math.min(1, 0.5 + lower), reason: `path segment ${n} '${actual}' vs '${expected}'${note}` };
}

/**
 * Aligns the request's segments with the operation's (edit distance over segments: a segment differs, is extra or
 * is missing) and says what differs. `from` is the index of the operation's first segment compared (1: below the
 * mount, 0: the whole path); segments are numbered from 1 in the full path either way.
 */
function comparePath(actual: string[], candidate: Candidate, from: 0 | 1): Shape {
  const expected = candidate.segments.slice(from);
  const sources = candidate.sources.slice(from);
  const first = from + 1;
  const n = actual.length;
  const m = expected.length;
  const sub = (i: number, j: number) =>
    compareSegment(actual[i] as string, expected[j] as string | RegExp, sources[j] as string, first + i);
  // rest(i, j): the cost of aligning actual[i..] with expected[j..], filled from the ends.
  const table = new Float64Array((n + 1) * (m + 1));
  const rest = (i: number, j: number) => table[i * (m + 1) + j] as number;
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      table[i * (m + 1) + j] =
        i === n
          ? m - j
          : j === m
            ? n - i
            : Math.min(sub(i, j).cost + rest(i + 1, j + 1), 1 + rest(i + 1, j), 1 + rest(i, j + 1));
    }
  }
  const reasons: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const step = i < n && j < m ? sub(i, j) : undefined;
    if (step && rest(i, j) === step.cost + rest(i + 1, j + 1)) {
      if (step.reason) reasons.push(step.reason);
      i++;
      j++;
    } else if (i < n && (j === m || rest(i, j) === 1 + rest(i + 1, j))) {
      reasons.push(`path segment ${first + i} '${actual[i]}' is not in the operation's path`);
      i++;
    } else {
      const after =
        i > 0 ? `after segment ${first + i - 1}` : from === 1 ? `after /${candidate.vendor}` : 'at the start';
      reasons.push(`path lacks segment '${sources[j]}' ${after}`);
      j++;
    }
  }
  return { cost: rest(0, 0), reasons };
}

/** Near-misses of requests, against every vendor's operations (built once, on first use). */
export class NearMissIndex {
  private candidates?: Candidate[];

  constructor(private readonly vendors: readonly AnyVendor[]) {}

  /** A request below `vendorId`'s mount; `path` is the part below it. */
  find(vendorId: string, method: string, path: string): NearMiss[] {
    return this.rank(method, segmentsOf(path), vendorId);
  }

  /** A request under no vendor's mount (a misspelt mount, a vendor's own base path without it): the whole path. */
  findStray(method: string, path: string): NearMiss[] {
    return this.rank(method, segmentsOf(path));
  }

  private rank(method: string, actual: string[], vendorId?: string): NearMiss[] {
    this.candidates ??= candidatesOf(this.vendors);
    const wanted = method === 'HEAD' ? 'GET' : method;
    const scored: { distance: number; miss: NearMiss }[] = [];
    for (const c of this.candidates) {
      const reasons: string[] = [];
      let distance = 0;
      if (vendorId !== undefined && c.vendor !== vendorId) {
        distance += 1;
        reasons.push(`under /${vendorId}, operation ${c.operation} is served under /${c.vendor}`);
      }
      if (c.method !== wanted) {
        distance += 1;
        reasons.push(`method ${method} not allowed, operation ${c.operation} is ${c.method}`);
      }
      if (distance > MAX_DISTANCE) continue;
      const shape = comparePath(actual, c, vendorId === undefined ? 0 : 1);
      distance += shape.cost;
      if (distance > MAX_DISTANCE || distance === 0) continue;
      reasons.push(...shape.reasons);
      const miss = { operation: c.operation, vendor: c.vendor, method: c.method, path: c.path, reasons };
      scored.push({ distance, miss });
    }
    // Stable: at equal distance, in the order vendors and operations are declared.
    scored.sort((a, b) => a.distance - b.distance);
    const nearest = scored[0]?.distance ?? 0;
    return scored
      .filter((s) => s.distance <= nearest + MAX_BEHIND_NEAREST)
      .slice(0, MAX_NEAR_MISSES)
      .map((s) => s.miss);
  }
}

/** What the journal needs of a request that reached no vendor (Express's request has all of it). */
interface StrayRequest {
  method: string;
  path: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A request under no vendor's mount goes to the process-wide journal (no credentials of any vendor can name its
 * sandbox) when some operation is near — a misspelt mount, a vendor's own base path without the mount — and not
 * otherwise (a browser's `/favicon.ico` is nobody's near miss). Vendor: the empty string.
 */
export function journalStray(
  journal: RequestJournal,
  index: NearMissIndex,
  req: StrayRequest,
  status: number,
  responseBody: string,
): void {
  if (!journal.settings.enabled) return;
  const nearMisses = index.findStray(req.method, req.path);
  if (nearMisses.length === 0) return;
  const q = req.originalUrl.indexOf('?');
  const requestHeaders: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) requestHeaders[key] = String(value);
  journal.record({
    time: new Date().toISOString(),
    method: req.method,
    vendor: '',
    path: req.path,
    query: q >= 0 ? req.originalUrl.slice(q + 1) : '',
    status,
    durationMs: 0,
    requestHeaders,
    requestBody: '',
    responseBody,
    nearMisses,
  });
}
