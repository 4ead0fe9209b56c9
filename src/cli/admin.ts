import { adminAuthorization } from '../clients/core/admin-token.ts';
import type { JobView } from '../../simulators/core/jobs.ts';

/**
 * `campaign-sim admin <method> <path> [--data <json>]`: one call of a running simulator's admin API. Long work (bulk
 * seeding, saves, resets) is asked for as a job (`Prefer: respond-async`), followed with a progress line on stderr,
 * and its result printed on stdout as JSON — as if the call had answered inline.
 */
export interface AdminCommandOptions {
  url: string;
  /** The simulator's admin token; default `$SIM_ADMIN_TOKEN`. */
  adminToken?: string;
  data?: string;
  /** How often the job is polled. */
  pollMs?: number;
  /** Where the progress line goes (stderr); a TTY gets one line rewritten in place. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function adminCommand(method: string, path: string, options: AdminCommandOptions): Promise<number> {
  const origin = options.url.replace(/\/+$/, '');
  const target = `${origin}/__admin${path.startsWith('/') ? path : `/${path}`}`;
  const response = await fetch(target, {
    method: method.toUpperCase(),
    headers: {
      prefer: 'respond-async',
      ...adminAuthorization(options.adminToken),
      ...(options.data ? { 'content-type': 'application/json' } : {}),
    },
    body: options.data,
  });
  const text = await response.text();
  if (response.status !== 202) return printAnswer(response.status, text);
  const job = await follow(origin, response.headers.get('location') ?? '', JSON.parse(text) as JobView, options);
  if (job.state === 'failed') {
    console.error(`campaign-sim: ${job.kind} failed: ${job.error?.status} ${job.error?.message}`);
    return 1;
  }
  return printAnswer(job.result?.status ?? 200, JSON.stringify(job.result?.body ?? null));
}

function printAnswer(status: number, text: string): number {
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON: printed as it came.
  }
  if (status >= 400) {
    console.error(`campaign-sim: HTTP ${status}: ${shown}`);
    return 1;
  }
  if (shown) console.log(shown);
  return 0;
}

async function follow(
  origin: string,
  location: string,
  first: JobView,
  options: AdminCommandOptions,
): Promise<JobView> {
  const out = options.progress ?? process.stderr;
  const started = performance.now();
  let job = first;
  let lastPrinted = 0;
  for (;;) {
    const line = progressLine(job, performance.now() - started);
    if (out.isTTY) out.write(`\r${line}\u001b[K`);
    else if (job.state !== 'running' || performance.now() - lastPrinted > 2000) {
      out.write(`${line}\n`);
      lastPrinted = performance.now();
    }
    if (job.state !== 'running') break;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    const response = await fetch(`${origin}${location}`, { headers: adminAuthorization(options.adminToken) });
    if (response.status !== 200) throw new Error(`GET ${location} answered ${response.status}`);
    job = (await response.json()) as JobView;
  }
  if (out.isTTY) out.write('\n');
  return job;
}

/** `POST …/records: 430,000 / 1,000,000 (43%), 3.2 s` */
export function progressLine(job: JobView, elapsedMs: number): string {
  const percent = job.total > 0 ? ` (${Math.floor((job.done / job.total) * 100)}%)` : '';
  const count = job.total > 0 ? `${job.done.toLocaleString('en')} / ${job.total.toLocaleString('en')}${percent}` : '…';
  const state = job.state === 'running' ? '' : ` ${job.state}`;
  return `${job.kind}: ${count}, ${(elapsedMs / 1000).toFixed(1)} s${state}`;
}
