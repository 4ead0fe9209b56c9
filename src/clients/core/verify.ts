import { adminAuthorization } from './admin-token.ts';
import type { JournalEntry } from '../../../simulators/core/journal.ts';
import type { NearMiss } from '../../../simulators/core/near-miss.ts';
import type { RequestNearMiss, RequestPattern } from '../../../simulators/core/verify.ts';

/**
 * WireMock-style verification against a running simulator, for the tests of an application built on a reference
 * client: "was searchPreviewCampaign called exactly twice with this clientId?". The simulator counts its journal
 * (`POST /__admin/sandboxes/{id}/requests/count`), so the pattern language is the scenario runner's matchers.
 */
export type { RequestPattern };

/** Exactly `n`, or a range (both ends inclusive). */
export type Times = number | { atLeast?: number; atMost?: number };

export interface VerifyTarget {
  /** The simulator's origin, e.g. `http://127.0.0.1:4010`. */
  origin: string;
  /** The sandbox whose journal is searched. */
  sandbox: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The simulator's admin token; default `$SIM_ADMIN_TOKEN`. */
  adminToken?: string;
}

type RequestLine = Pick<JournalEntry, 'method' | 'path' | 'status'>;

/** What a failed verification shows besides the count, like WireMock's near-misses. */
export interface VerificationContext {
  /** The journaled requests closest to the pattern, each with how it differs. */
  closest: RequestNearMiss[];
  /** Requests that matched no operation of any vendor, each with the closest operations and why they did not match. */
  unmatched: (RequestLine & { nearMisses?: NearMiss[] })[];
}

const line = (r: RequestLine) => `${r.method} ${r.path} → ${r.status}`;

function describeContext({ closest, unmatched }: VerificationContext): string {
  const out: string[] = [];
  if (closest.length > 0) out.push('closest requests (near misses of the pattern):');
  for (const { request, mismatches } of closest) {
    out.push(`  ${line(request)}`, ...mismatches.map((m) => `      ${m}`));
  }
  if (unmatched.length > 0) out.push('requests that matched no operation, with the closest operations:');
  for (const request of unmatched) {
    out.push(`  ${line(request)}`);
    for (const miss of request.nearMisses ?? []) {
      out.push(`    ≈ ${miss.operation} (${miss.method} ${miss.path}): ${miss.reasons.join('; ')}`);
    }
  }
  return out.map((l) => `\n${l}`).join('');
}

export class VerificationError extends Error {
  /** What did arrive (closest requests, unmatched ones with their near-miss operations, the newest), line by line. */
  readonly arrivals: string;

  constructor(
    readonly pattern: RequestPattern,
    readonly times: Times,
    readonly count: number,
    /** The newest journaled requests of the sandbox, to see what did arrive. */
    readonly recent: RequestLine[],
    readonly context: VerificationContext = { closest: [], unmatched: [] },
  ) {
    const seen = recent.map((r) => `  ${line(r)}`).join('\n');
    const arrivals =
      describeContext(context) +
      (seen ? `\nnewest requests of the sandbox:\n${seen}` : '\nthe sandbox journaled no requests');
    super(`expected ${describeTimes(times)} request(s) matching ${JSON.stringify(pattern)}, found ${count}${arrivals}`);
    this.name = 'VerificationError';
    this.arrivals = arrivals;
  }
}

export function timesAccept(times: Times, count: number): boolean {
  if (typeof times === 'number') return count === times;
  return count >= (times.atLeast ?? 0) && count <= (times.atMost ?? Infinity);
}

export function describeTimes(times: Times): string {
  if (typeof times === 'number') return `exactly ${times}`;
  if (times.atLeast !== undefined && times.atMost !== undefined) return `${times.atLeast} to ${times.atMost}`;
  if (times.atMost !== undefined) return `at most ${times.atMost}`;
  return `at least ${times.atLeast ?? 0}`;
}

async function admin<T>(target: VerifyTarget, path: string, body?: unknown): Promise<T> {
  const url = `${target.origin.replace(/\/+$/, '')}/__admin/sandboxes/${encodeURIComponent(target.sandbox)}${path}`;
  const method = body === undefined ? 'GET' : 'POST';
  const response = await (target.fetch ?? fetch)(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...adminAuthorization(target.adminToken),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function countRequests(target: VerifyTarget, pattern: RequestPattern): Promise<number> {
  return (await admin<{ count: number }>(target, '/requests/count', pattern)).count;
}

export async function findRequests(target: VerifyTarget, pattern: RequestPattern): Promise<JournalEntry[]> {
  return (await admin<{ requests: JournalEntry[] }>(target, '/requests/find', pattern)).requests;
}

/** Resolves with the count when it is what `times` allows (default: at least one); throws VerificationError otherwise. */
export async function verify(
  target: VerifyTarget,
  pattern: RequestPattern,
  times: Times = { atLeast: 1 },
): Promise<number> {
  const count = await countRequests(target, pattern);
  if (timesAccept(times, count)) return count;
  throw await verificationError(target, pattern, times, count);
}

/**
 * The VerificationError of a count that `times` does not allow, with what did arrive: the sandbox's newest requests,
 * the closest ones with how they differ, and the requests that matched no operation with their near-miss operations.
 * The scenario runner's `verify` step fails with the same text.
 */
export async function verificationError(
  target: VerifyTarget,
  pattern: RequestPattern,
  times: Times,
  count: number,
): Promise<VerificationError> {
  // A simulator without near-misses (older than the client) still gets its VerificationError.
  const [all, closest, unmatched] = await Promise.all([
    findRequests(target, {}),
    admin<{ nearMisses: RequestNearMiss[] }>(target, '/requests/near-misses', pattern).catch(() => ({
      nearMisses: [],
    })),
    admin<{ requests: JournalEntry[] }>(target, '/requests/unmatched?limit=5').catch(() => ({ requests: [] })),
  ]);
  const recent = all.slice(0, 10).map(({ method, path, status }) => ({ method, path, status }));
  const context = {
    closest: closest.nearMisses,
    unmatched: unmatched.requests.map(({ method, path, status, nearMisses }) => ({ method, path, status, nearMisses })),
  };
  return new VerificationError(pattern, times, count, recent, context);
}
