import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../../simulators/core/app.ts';
import { VENDORS } from '../../simulators/index.ts';

/**
 * Every vendor's saved section is checked against its schema when a sandbox is restored: a file that parses but does
 * not hold what the vendor writes is refused (with the offending field named) and kept aside, never restored into a
 * sandbox that answers wrongly later (an API key of 5 would refuse every request with 401 forever).
 */
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'campaign-sim-snapshots-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function savedTemplate(): Promise<Json> {
  const sim = await createSimulator({ vendors: VENDORS, dataDir, autosaveMs: 3_600_000 });
  sim.registry.create({ id: 'template', seed: 3 });
  await sim.close();
  return JSON.parse(await readFile(join(dataDir, 'sandboxes', 'template.json'), 'utf8')) as Json;
}

const VARIANTS: Record<string, { change: (vendors: Json) => void; field: RegExp }> = {
  'symbee-key': { change: (v) => (v.symbee.apiKey.current = 5), field: /vendors\.symbee: apiKey\.current/ },
  'symbee-state': {
    change: (v) => (v.symbee.campaigns[0].records[0].workedState = 'DONE'),
    field: /vendors\.symbee: campaigns\.0\.records\.0\.workedState/,
  },
  'symbee-twice': {
    change: (v) => v.symbee.campaigns[0].records.push({ ...v.symbee.campaigns[0].records[0], id: 'other' }),
    field: /records clientId \d+ is already taken twice/,
  },
  'sinch-result': {
    change: (v) => (v.sinch.campaigns[0].customers[0].result = 'NOPE'),
    field: /vendors\.sinch: campaigns\.0\.customers\.0\.result/,
  },
  'sinch-stats': { change: (v) => (v.sinch.stats = {}), field: /vendors\.sinch: stats/ },
  'ebe-status': {
    change: (v) => (v.eightbyeight.campaigns[0].status = 42),
    field: /vendors\.eightbyeight: campaigns\.0\.status/,
  },
  'ebe-column': {
    change: (v) => (v.eightbyeight.campaigns[0].records.status = 'not base64!'),
    field: /vendors\.eightbyeight: campaigns\.0\.records\.status/,
  },
};

describe('restoring a vendor section', () => {
  it('refuses a section that is not what the vendor writes, names the field, and keeps the file aside', async () => {
    const template = await savedTemplate();
    for (const [id, { change }] of Object.entries(VARIANTS)) {
      const copy = JSON.parse(JSON.stringify(template)) as Json;
      copy.id = id;
      change(copy.vendors);
      await writeFile(join(dataDir, 'sandboxes', `${id}.json`), JSON.stringify(copy));
    }
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sim = await createSimulator({ vendors: VENDORS, dataDir, autosaveMs: 3_600_000 });
    const reported = logged.mock.calls.map((c) => String(c[0]));
    logged.mockRestore();
    expect(sim.registry.get('template')).toBeDefined();
    for (const [id, { field }] of Object.entries(VARIANTS)) {
      expect(sim.registry.get(id), id).toBeUndefined();
      const line = reported.find((r) => r.includes(`${id}.json`));
      expect(line, id).toMatch(field);
    }
    await sim.close();
    const aside = (await readdir(join(dataDir, 'sandboxes'))).filter((f) => f.includes('.corrupt-'));
    expect(aside).toHaveLength(Object.keys(VARIANTS).length);
  });

  it('restores an untouched section exactly (the schemas accept everything the vendors write)', async () => {
    const template = await savedTemplate();
    const sim = await createSimulator({ vendors: VENDORS, dataDir, autosaveMs: 3_600_000 });
    const restored = sim.registry.require('template').snapshot(VENDORS);
    expect(JSON.parse(JSON.stringify(restored)).vendors).toEqual(template.vendors);
    await sim.close();
  });
});
