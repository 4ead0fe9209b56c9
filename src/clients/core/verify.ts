import { adminAuthorization } from './admin-token.ts';
import type { JournalEntry } from '../../../simulators/core/journal.ts';
import type { RequestPattern } from '../../../simulators/core/verify.ts';

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

export class VerificationError extends Error {
  constructor(
    readonly pattern: RequestPattern,
    readonly times: Times,
    readonly count: number,
    /** The newest journaled requests of the sandbox, to see what did arrive. */
    readonly recent: Pick<JournalEntry, 'method' | 'path' | 'status'>[],
  ) {
    const seen = recent.map((r) => `  ${r.method} ${r.path} → ${r.status}`).join('\n');
    super(
      `expected ${describeTimes(times)} request(s) matching ${JSON.stringify(pattern)}, found ${count}` +
        (seen ? `\nnewest requests of the sandbox:\n${seen}` : '\nthe sandbox journaled no requests'),
    );
    this.name = 'VerificationError';
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

async function adminPost<T>(target: VerifyTarget, path: string, body: unknown): Promise<T> {
  const url = `${target.origin.replace(/\/+$/, '')}/__admin/sandboxes/${encodeURIComponent(target.sandbox)}${path}`;
  const response = await (target.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...adminAuthorization(target.adminToken) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function countRequests(target: VerifyTarget, pattern: RequestPattern): Promise<number> {
  return (await adminPost<{ count: number }>(target, '/requests/count', pattern)).count;
}

export async function findRequests(target: VerifyTarget, pattern: RequestPattern): Promise<JournalEntry[]> {
  return (await adminPost<{ requests: JournalEntry[] }>(target, '/requests/find', pattern)).requests;
}

/** Resolves with the count when it is what `times` allows (default: at least one); throws VerificationError otherwise. */
export async function verify(
  target: VerifyTarget,
  pattern: RequestPattern,
  times: Times = { atLeast: 1 },
): Promise<number> {
  const count = await countRequests(target, pattern);
  if (timesAccept(times, count)) return count;
  const recent = (await findRequests(target, {})).slice(0, 10).map(({ method, path, status }) => ({
    method,
    path,
    status,
  }));
  throw new VerificationError(pattern, times, count, recent);
}
