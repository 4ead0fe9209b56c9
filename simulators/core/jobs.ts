import type { Reply } from './reply.ts';

/**
 * Long admin work (seeding millions of records, saving big sandboxes) runs in slices that yield to the event loop, so
 * health checks and other sandboxes' vendor calls keep answering meanwhile; and it can run as a job: `202` with a
 * job resource (`GET /__admin/jobs/{id}`: state, done/total) instead of holding the request open.
 */

/**
 * How long one slice may hold the event loop before yielding. Short: a request that arrives meanwhile waits for the
 * rest of the slice plus any garbage collection that lands in it (a scavenge of a sandbox being filled with records
 * costs 15-25 ms by itself), so the budget is kept well below the 50 ms an answer may take during a seed.
 */
export const SLICE_BUDGET_MS = 4;

/** What long-running backdoor work reports to, and yields through. */
export interface WorkContext {
  /**
   * Records progress (`done` of `total` units) and returns a promise when the current slice's time is used up: await
   * it then (and only then — awaiting on every item of a million would cost more than the work).
   */
  step(done: number, total: number): Promise<void> | undefined;
}

/** Slices by elapsed time; performance.now() is checked only every `CHECK_EVERY` steps (it costs ~40 ns). */
const CHECK_EVERY = 64;

export class Slicer implements WorkContext {
  private sliceStarted = performance.now();
  private sinceCheck = 0;
  done = 0;
  total = 0;
  /**
   * Slices run so far and the longest one: what the event loop was held for at most. A slice far over the budget
   * was held up inside one step (a garbage collection, a hash table of a million entries growing), not by slicing.
   */
  slices = 0;
  longestSliceMs = 0;

  constructor(private readonly budgetMs = SLICE_BUDGET_MS) {}

  step(done: number, total: number): Promise<void> | undefined {
    this.done = done;
    this.total = total;
    if (++this.sinceCheck < CHECK_EVERY) return undefined;
    this.sinceCheck = 0;
    if (performance.now() - this.sliceStarted < this.budgetMs) return undefined;
    this.endSlice();
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.sliceStarted = performance.now();
    });
  }

  /** Closes the current slice (the work yields, or is over). */
  endSlice(): void {
    this.slices++;
    this.longestSliceMs = Math.max(this.longestSliceMs, performance.now() - this.sliceStarted);
  }
}

export type JobState = 'running' | 'done' | 'failed';

export interface JobView {
  id: string;
  /** What runs, e.g. `POST /sandboxes/default/vendors/symbee/records` or `save`. */
  kind: string;
  sandbox?: string;
  state: JobState;
  done: number;
  total: number;
  /** How the work held the event loop: slices run and the longest, in ms (see Slicer). */
  slices: { count: number; longestMs: number };
  startedAt: string;
  finishedAt?: string;
  /** The answer the work would have given synchronously (status and JSON body). */
  result?: { status: number; body: unknown };
  error?: { status: number; message: string };
}

interface JobRecord {
  id: string;
  kind: string;
  sandbox?: string;
  slicer: Slicer;
  state: JobState;
  startedAt: number;
  finishedAt?: number;
  result?: { status: number; body: unknown };
  error?: { status: number; message: string };
}

/** Finished jobs are kept this long for their owner to read, then forgotten (a process may run for weeks). */
const KEEP_FINISHED_MS = 60 * 60 * 1000;
const MAX_FINISHED = 200;

/** The JSON a Reply carries (backdoors answer JSON; anything else is kept as text). */
function replyBody(out: Reply): unknown {
  const body = out.body;
  if (!body) return null;
  if (body.format === 'json') return body.value;
  return body.format === 'stream' ? null : body.value;
}

export class JobRegistry {
  private readonly jobs = new Map<string, JobRecord>();
  private nextId = 1;

  /** `statusOf`: the admin status of an error, as the admin plane answers it inline (500 for a bug). */
  constructor(private readonly statusOf: (err: unknown) => number) {}

  /** Starts `run` now (it yields through the slicer it is given); returns at once. */
  start(kind: string, sandbox: string | undefined, run: (work: WorkContext) => Promise<Reply | void>): JobView {
    this.prune();
    const job: JobRecord = {
      id: `job-${this.nextId++}`,
      kind,
      sandbox,
      slicer: new Slicer(),
      state: 'running',
      startedAt: Date.now(),
    };
    this.jobs.set(job.id, job);
    void run(job.slicer).then(
      (out) => {
        job.slicer.endSlice();
        job.state = 'done';
        job.finishedAt = Date.now();
        job.slicer.done = job.slicer.total;
        if (out) job.result = { status: out.status, body: replyBody(out) };
      },
      (err: unknown) => {
        job.state = 'failed';
        job.finishedAt = Date.now();
        const status = this.statusOf(err);
        if (status >= 500) console.error(`[admin] job ${job.id} (${kind}) failed:`, err);
        job.error = { status, message: status >= 500 ? 'Internal simulator error' : (err as Error).message };
      },
    );
    return this.view(job);
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job && this.view(job);
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((job) => this.view(job));
  }

  private view(job: JobRecord): JobView {
    return {
      id: job.id,
      kind: job.kind,
      ...(job.sandbox === undefined ? {} : { sandbox: job.sandbox }),
      state: job.state,
      done: job.slicer.done,
      total: job.slicer.total,
      slices: { count: job.slicer.slices, longestMs: Math.round(job.slicer.longestSliceMs * 10) / 10 },
      startedAt: new Date(job.startedAt).toISOString(),
      ...(job.finishedAt === undefined ? {} : { finishedAt: new Date(job.finishedAt).toISOString() }),
      ...(job.result ? { result: job.result } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== undefined);
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    finished.forEach((job, index) => {
      if ((job.finishedAt as number) < cutoff || finished.length - index > MAX_FINISHED) this.jobs.delete(job.id);
    });
  }
}

/** `Prefer: respond-async` (RFC 7240) or `?async=true`: the caller wants a job instead of waiting. */
export function wantsJob(headers: Record<string, string | string[] | undefined>, query: unknown): boolean {
  const prefer = String(headers.prefer ?? '');
  const flag = (query as Record<string, unknown> | undefined)?.async;
  return /\brespond-async\b/i.test(prefer) || flag === 'true' || flag === '1';
}
