import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../../simulators/core/app.ts';
import { symbee } from '../../simulators/symbee/index.ts';
import type { SymbeeState } from '../../simulators/symbee/models.ts';
import { toWire } from '../../simulators/symbee/models.ts';
import { SymbeeRecord } from '../../simulators/symbee/record.ts';

/**
 * Records are held compactly (simulators/symbee/record.ts) so 5,000,000 fit Node's default heap; what a sandbox
 * saves and answers is unchanged. The fixture was saved by the simulator before the change (plain record objects):
 * 31 generated records (one line each), a campaign small enough to be one line, worked records with and without
 * work codes, a transferred, a deleted and a re-queued record, odd keys, display orders and escapes.
 */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'saved-before-compact-records.json');
const ROOT = join(import.meta.dirname, '..', '..');

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'campaign-sim-compact-'));
  await mkdir(join(dataDir, 'sandboxes'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const saved = () => join(dataDir, 'sandboxes', 'compact.json');

describe('compact Symbee records', () => {
  it('load a file saved by the plain-object records and save it again byte for byte', async () => {
    await copyFile(FIXTURE, saved());
    const revive = vi.spyOn(symbee, 'reviveSaved');
    const sim = await createSimulator({ vendors: [symbee], dataDir, autosaveMs: 3_600_000 });
    // Each generated record is its own line: converted as it was read, never held as parsed JSON first.
    const revivedRecords = revive.mock.results.filter((r) => r.value instanceof SymbeeRecord);
    expect(revivedRecords.length).toBeGreaterThanOrEqual(30);
    revive.mockRestore();
    const state = sim.registry.require('compact').states.get('symbee') as SymbeeState;
    const [first, second] = [...state.campaigns.values()];
    expect(first!.records.size).toBe(33); // 5 seeded + 30 generated, one moved away, one deleted
    const worked = toWire(first!.records.by('clientId', 'gen-5')!);
    expect(worked.workCodes).toEqual([{ key: 'Disposition', value: 'Callback' }]);
    expect(worked.workedState).toBe('WORKED');
    const odd = toWire(second!.records.by('clientId', 'odd-1')!);
    expect(odd.previewRecordData).toEqual([
      { key: 'AccountId', value: 'odd-1', displayOrder: 0 },
      { key: 'Note', value: 'line\nbreak', displayOrder: 3 },
      { key: 'Name', value: 'Zoë "Quote" \\ Ünïcode', displayOrder: 7 },
      { key: 'Home Phone', value: '+17202321123', displayOrder: 8 },
    ]);
    expect(second!.records.by('clientId', 'gen-9')?.campaign).toBe(second!.name);
    const requeued = toWire(first!.records.by('clientId', 'gen-8')!);
    expect(requeued.previewRecordData.map((d) => d.key)).toEqual([
      'Id',
      'Name',
      'Home Phone',
      'Account Number',
      'SkillQueue',
      'ItemTimeZone',
    ]);
    await sim.store!.save(true);
    await sim.close();
    // The sandbox's clock runs with real time (not frozen): its line is the only one that may differ.
    const unclocked = async (file: string) => (await readFile(file, 'utf8')).replace(/^"clock":.*$/m, '"clock"');
    expect(await unclocked(saved())).toBe(await unclocked(FIXTURE));
  });

  it('refuse a record line that is not what Symbee writes, naming the field (checked as the line is read)', async () => {
    const lines = (await readFile(FIXTURE, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes('"clientId":"gen-12"'));
    lines[at] = lines[at]!.replace('"workedState":"NOTWORKED"', '"workedState":"DONE"');
    await writeFile(saved(), lines.join('\n'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sim = await createSimulator({ vendors: [symbee], dataDir, autosaveMs: 3_600_000 });
    const reported = logged.mock.calls.map((c) => String(c[0])).join('\n');
    logged.mockRestore();
    expect(sim.registry.get('compact')).toBeUndefined();
    expect(reported).toMatch(/vendors\.symbee: campaigns\.0\.records\.\d+\.workedState/);
    await sim.close();
  });

  it('fit 200,000 records in a 160 MB heap (the plain objects needed more than 224 MB)', () => {
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=160', '--import', 'tsx', 'bench/record-memory.ts', '200000'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const measured = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { heapBytesPerRecord: number };
    expect(measured.heapBytesPerRecord).toBeLessThan(600);
  }, 150_000);
});
