import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { z } from 'zod';
import { describeIssues } from './errors.ts';
import { FaultsSnapshotSchema } from './faults.ts';
import type { SandboxRegistry, SandboxSnapshot } from './sandbox.ts';

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
function checkSnapshot(data: unknown, fileId: string): void {
  const result = SnapshotShape.safeParse(data);
  if (!result.success) throw new Error(`not a sandbox snapshot: ${describeIssues(result.error)}`);
  if (result.data.id !== fileId) throw new Error(`holds sandbox "${result.data.id}", not "${fileId}"`);
}

/**
 * Saves each sandbox to `<dataDir>/sandboxes/<id>.json` with lowdb. lowdb's writer (steno) writes a temp file and
 * renames it over the old one, so a crash mid-save leaves the previous complete file, never a half-written one.
 */
export class SandboxStore {
  private readonly dir: string;
  private readonly files = new Map<string, Low<SandboxSnapshot | null>>();
  private saving: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly registry: SandboxRegistry,
  ) {
    this.dir = join(dataDir, 'sandboxes');
  }

  private db(id: string): Low<SandboxSnapshot | null> {
    let db = this.files.get(id);
    if (!db) {
      // Compact JSON: a campaign with a million records must not triple in size through indentation.
      const adapter = new DataFile<SandboxSnapshot | null>(join(this.dir, `${id}.json`), {
        parse: JSON.parse,
        stringify: (data) => JSON.stringify(data),
      });
      db = new Low(adapter, null);
      this.files.set(id, db);
    }
    return db;
  }

  /** Restores every saved sandbox; returns how many were loaded. A corrupt file is reported and skipped. */
  async loadAll(): Promise<{ loaded: string[]; failed: { file: string; error: string }[] }> {
    await mkdir(this.dir, { recursive: true });
    const loaded: string[] = [];
    const failed: { file: string; error: string }[] = [];
    for (const file of (await readdir(this.dir)).filter((f) => f.endsWith('.json')).sort()) {
      const id = file.slice(0, -'.json'.length);
      try {
        const db = this.db(id);
        await db.read();
        if (!db.data) continue;
        checkSnapshot(db.data, id);
        this.registry.restore(db.data);
        loaded.push(id);
      } catch (err) {
        // Moved aside, not left in place: the next save deletes every .json file no live sandbox owns.
        this.files.delete(id);
        const aside = `${file}.corrupt-${Date.now()}`;
        await rename(join(this.dir, file), join(this.dir, aside)).catch(() => undefined);
        failed.push({ file, error: `${(err as Error).message} (kept as ${aside})` });
      }
    }
    return { loaded, failed };
  }

  /** Saves the sandboxes changed since the last save (all of them with `all`); removes files of deleted ones. */
  save(all = false): Promise<void> {
    // One failed save (disk full, ...) must not poison the chain: later saves still run.
    this.saving = this.saving.catch(() => undefined).then(() => this.doSave(all));
    return this.saving;
  }

  private async doSave(all: boolean): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const live = new Set<string>();
    for (const sandbox of this.registry.list()) {
      live.add(sandbox.id);
      if (!all && !sandbox.dirty) continue;
      sandbox.dirty = false;
      const db = this.db(sandbox.id);
      db.data = sandbox.snapshot(this.registry.vendors);
      try {
        await db.write();
      } catch (err) {
        sandbox.dirty = true; // not saved: the next save retries it
        throw err;
      }
    }
    for (const file of await readdir(this.dir)) {
      const id = file.endsWith('.json') ? file.slice(0, -'.json'.length) : undefined;
      if (id && !live.has(id)) {
        await rm(join(this.dir, file), { force: true });
        this.files.delete(id);
      }
    }
  }
}
