/**
 * Heap per Symbee record: seeds N generated records through the seeding backdoor (`POST
 * /__admin/sandboxes/{id}/vendors/symbee/records {generate: N}`, the same code path as the API's adds) into an
 * in-process simulator and prints the heap they hold, per record, plus the seed time; then stops it (saving the
 * sandbox to a temporary data dir), starts another on that dir and prints the heap the restored records hold. Run
 * with `--expose-gc`: `node --expose-gc --import tsx bench/record-memory.ts [N]` (default 200,000).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../simulators/core/server.ts';
import { VENDORS } from '../simulators/index.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage().heapUsed;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export interface RecordMemory {
  records: number;
  heapBytesPerRecord: number;
  heapMiB: number;
  seedMs: number;
  /** The same records read back from their saved file by a new simulator. */
  restoredHeapBytesPerRecord: number;
  restoredHeapMiB: number;
  restoreMs: number;
}

export async function measureRecordMemory(records: number): Promise<RecordMemory> {
  const dataDir = await mkdtemp(join(tmpdir(), 'campaign-sim-record-memory-'));
  const options = { vendors: VENDORS, port: 0, autosaveMs: 3_600_000, dataDir };
  try {
    const { before, held, seedMs } = await seedAndStop(options, records);
    // The new simulator holds the default sandbox and the restored one: its heap beyond the first's before seeding.
    const restoring = performance.now();
    const again = await startSimulator(options);
    const restoreMs = Math.round(performance.now() - restoring);
    const restored = heapUsed() - before;
    await again.stop();
    const perRecord = (bytes: number) => Math.round(bytes / records);
    return {
      records,
      heapBytesPerRecord: perRecord(held),
      heapMiB: Math.round(held / 2 ** 20),
      seedMs,
      restoredHeapBytesPerRecord: perRecord(restored),
      restoredHeapMiB: Math.round(restored / 2 ** 20),
      restoreMs,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Seeds a simulator and stops it (it saves); nothing of it stays reachable once this returns. */
async function seedAndStop(
  options: Parameters<typeof startSimulator>[0],
  records: number,
): Promise<{ before: number; held: number; seedMs: number }> {
  const sim = await startSimulator(options);
  const created = await post(`${sim.url}/__admin/sandboxes`, { id: 'memory', journal: { enabled: false } });
  const campaign = (created.json.vendors as { symbee: { campaigns: string[] } }).symbee.campaigns[0];
  const before = heapUsed();
  const started = performance.now();
  const seeded = await post(`${sim.url}/__admin/sandboxes/memory/vendors/symbee/records`, {
    campaignName: campaign,
    generate: records,
  });
  const seedMs = Math.round(performance.now() - started);
  if (seeded.status !== 201) throw new Error(`seeding answered ${seeded.status}: ${JSON.stringify(seeded.json)}`);
  const held = heapUsed() - before;
  await sim.stop();
  return { before, held, seedMs };
}

const n = Number(process.argv[2] ?? 200_000);
console.log(JSON.stringify(await measureRecordMemory(n)));
