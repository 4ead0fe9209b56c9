/**
 * Heap per Symbee record: seeds N generated records through the seeding backdoor (`POST
 * /__admin/sandboxes/{id}/vendors/symbee/records {generate: N}`, the same code path as the API's adds) into an
 * in-process simulator and prints the heap they hold, per record, plus the seed time. Run with `--expose-gc`:
 * `node --expose-gc --import tsx bench/record-memory.ts [N]` (default 200,000).
 */
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
}

export async function measureRecordMemory(records: number): Promise<RecordMemory> {
  const sim = await startSimulator({ vendors: VENDORS, port: 0, autosaveMs: 3_600_000 });
  try {
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
    return {
      records,
      heapBytesPerRecord: Math.round(held / records),
      heapMiB: Math.round(held / 2 ** 20),
      seedMs,
    };
  } finally {
    await sim.stop();
  }
}

const n = Number(process.argv[2] ?? 200_000);
console.log(JSON.stringify(await measureRecordMemory(n)));
