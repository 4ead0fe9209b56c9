import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import { describeIssues } from './errors.ts';
import { FaultsSnapshotSchema } from './faults.ts';
import { JsonLinesReader, type LineReviver, jsonLines } from './json-lines.ts';
import type { SandboxRegistry, SandboxSnapshot } from './sandbox.ts';
import type { AnyVendor } from './vendor.ts';

/** The kernel's part of a saved sandbox (vendors check their own sections when they restore them). */
const SnapshotShape = z.object({
  id: z.string(),
  seed: z.number().int(),
  createdAt: z.number(),
  clock: z.object({ now: z.number().min(-8.64e15).max(8.64e15), frozen: z.boolean() }),
  journal: z.object({ enabled: z.boolean(), limit: z.number().int().min(1) }),
  rngs: z.record(z.string(), z.number().int()),
  faults: FaultsSnapshotSchema.optional(),
  options: z.record(z.string(), z.record(z.string(), z.unknown())),
  vendors: z.record(z.string(), z.unknown()),
});

/** A file that parses but is not a sandbox must be refused at load, not restored into one that fails later. */
function checkSnapshot(data: unknown, fileId: string): SandboxSnapshot {
  // `null` is what an emptied lowdb file held: refused like any other non-sandbox, never silently dropped.
  if (data === null || typeof data !== 'object') {
    throw new Error(`holds ${String(JSON.stringify(data)).slice(0, 40)}, not a sandbox snapshot`);
  }
  const result = SnapshotShape.safeParse(data);
  if (!result.success) throw new Error(`not a sandbox snapshot: ${describeIssues(result.error)}`);
  if (result.data.id !== fileId) throw new Error(`holds sandbox "${result.data.id}", not "${fileId}"`);
  return data as SandboxSnapshot;
}

/**
 * Characters gathered before a write; the loop also stops gathering after `SLICE_MS` of work and lets requests run.
 * Small enough for V8's young generation: megabyte chunks land in the old one and, with a heap of millions of records,
 * brought full collections pausing every sandbox for hundreds of ms.
 */
const WRITE_CHUNK_CHARS = 64 * 1024;
const READ_CHUNK_BYTES = 1 << 20;
const SLICE_MS = 8;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes `value` as JSON lines to `file` atomically: into `.<name>.tmp` beside it, fsync, then rename over the old
 * file (a crash mid-save leaves the previous complete file). Never one string for the whole value, and never more
 * than ~`SLICE_MS` of work without letting other requests run.
 */
async function writeAtomically(dir: string, name: string, value: unknown): Promise<void> {
  const temp = join(dir, `.${name}.tmp`);
  const handle = await open(temp, 'w');
  try {
    let chunk = '';
    let sliceStarted = performance.now();
    let lines = 0;
    for (const line of jsonLines(value)) {
      chunk += `${line}\n`;
      // Time is read every 64 lines only: a record line takes microseconds.
      if (chunk.length >= WRITE_CHUNK_CHARS || (++lines % 64 === 0 && performance.now() - sliceStarted > SLICE_MS)) {
        await handle.write(chunk);
        chunk = '';
        await yieldToEventLoop();
        sliceStarted = performance.now();
      }
    }
    await handle.write(chunk);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await handle.close();
  await rename(temp, join(dir, name));
}

/** Reads a file `writeAtomically` wrote — or an older single-line JSON file — one line at a time. */
async function readLines(file: string, revive?: LineReviver): Promise<unknown> {
  const reader = new JsonLinesReader(revive);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES })) {
    const text = carry + decoder.write(chunk as Buffer);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      reader.push(text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
  }
  reader.push(carry + decoder.end());
  return reader.value();
}

/** Hands each value under `vendors.<id>` to that vendor's `reviveSaved`, if it has one. */
function vendorRevivers(vendors: readonly AnyVendor[]): LineReviver | undefined {
  const byId = new Map(vendors.flatMap((v) => (v.reviveSaved ? [[v.id as string, v] as const] : [])));
  if (byId.size === 0) return undefined;
  return (path, value) => {
    const vendor = path[0] === 'vendors' && path.length > 2 ? byId.get(path[1] as string) : undefined;
    return vendor ? (vendor.reviveSaved as NonNullable<AnyVendor['reviveSaved']>)(path, value) : value;
  };
}

/**
 * Saves each sandbox to `<dataDir>/sandboxes/<id>.json`: JSON laid out in lines (see `json-lines.ts`), streamed to
 * disk in slices so a sandbox of millions of records neither needs one huge string nor stalls the other sandboxes'
 * requests while it is written. A save holds which records there were, with their ids and unique keys, as when it
 * began (`EntityStore.snapshot`: a file never has two records sharing a key, so it always restores); other fields
 * are written as they stand when their line is written. A request that changes the sandbox meanwhile marks it for the
 * next save, and the save on stop runs after the last request.
 */
export class SandboxStore {
  private readonly dir: string;
  private running?: Promise<void>;
  /** At most one save waits behind the running one; later requests join it. */
  private queued?: { all: boolean; promise: Promise<void> };

  constructor(
    dataDir: string,
    private readonly registry: SandboxRegistry,
  ) {
    this.dir = join(dataDir, 'sandboxes');
  }

  /** Restores every saved sandbox. A file that cannot be restored is reported and moved aside, never deleted. */
  async loadAll(): Promise<{ loaded: string[]; failed: { file: string; error: string }[] }> {
    await mkdir(this.dir, { recursive: true });
    const loaded: string[] = [];
    const failed: { file: string; error: string }[] = [];
    for (const file of (await readdir(this.dir)).filter((f) => f.endsWith('.json')).sort()) {
      const id = file.slice(0, -'.json'.length);
      try {
        const saved = await readLines(join(this.dir, file), vendorRevivers(this.registry.vendors));
        this.registry.restore(checkSnapshot(saved, id));
        loaded.push(id);
      } catch (err) {
        // Moved aside, not left in place: the next save deletes every .json file no live sandbox owns.
        const aside = `${file}.corrupt-${Date.now()}`;
        await rename(join(this.dir, file), join(this.dir, aside)).catch(() => undefined);
        failed.push({ file, error: `${(err as Error).message} (kept as ${aside})` });
      }
    }
    return { loaded, failed };
  }

  /**
   * Saves the sandboxes changed since the last save (all of them with `all`); removes files of deleted ones. Saves
   * never overlap: one asked for while another runs starts after it (one for all such requests).
   */
  save(all = false): Promise<void> {
    if (!this.running) return this.start(all);
    if (this.queued) {
      this.queued.all ||= all;
      return this.queued.promise;
    }
    const queued = { all, promise: Promise.resolve() };
    queued.promise = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start(queued.all);
      });
    this.queued = queued;
    return queued.promise;
  }

  private start(all: boolean): Promise<void> {
    const run = this.saveSandboxes(all).finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** One sandbox's failure (disk full, a vendor snapshot that throws) never keeps the others from being saved. */
  private async saveSandboxes(all: boolean): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const failures: string[] = [];
    for (const sandbox of this.registry.list()) {
      if (!all && !sandbox.dirty) continue;
      if (this.registry.get(sandbox.id) !== sandbox) continue; // deleted while earlier ones were written
      sandbox.dirty = false;
      try {
        await writeAtomically(this.dir, `${sandbox.id}.json`, sandbox.snapshot(this.registry.vendors));
      } catch (err) {
        sandbox.dirty = true; // not saved: the next save retries it
        failures.push(`${sandbox.id}: ${(err as Error).message}`);
      }
    }
    // Whoever is live now: a sandbox deleted during the save loses its file, one created meanwhile keeps it.
    const live = new Set(this.registry.list().map((s) => s.id));
    for (const file of await readdir(this.dir)) {
      const id = file.endsWith('.json') ? file.slice(0, -'.json'.length) : undefined;
      if (id && !live.has(id)) await rm(join(this.dir, file), { force: true });
    }
    if (failures.length > 0) throw new Error(`could not save ${failures.join('; ')}`);
  }
}
