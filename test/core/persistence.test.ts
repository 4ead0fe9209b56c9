import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SandboxStore } from '../../simulators/core/persistence.ts';
import {
  type SandboxDescription,
  type TestSim,
  addRecord,
  createSandbox,
  expectAdminError,
  findRecord,
  newSim,
  symbee,
} from './helpers.ts';

let dataDir: string;
const open: TestSim[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'campaign-sim-persist-'));
});
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A persistent simulator on the test's data dir; autosave off so each test decides when state is written. */
async function persistentSim(): Promise<TestSim> {
  const t = await newSim({ dataDir, autosaveMs: 3_600_000, publicOrigin: 'http://sim.test' });
  open.push(t);
  return t;
}

async function closeSim(t: TestSim): Promise<void> {
  open.splice(open.indexOf(t), 1);
  await t.close();
}

const sandboxFiles = async () => (await readdir(join(dataDir, 'sandboxes'))).filter((f) => f.endsWith('.json')).sort();

describe('persistence', () => {
  it('restores sandboxes, vendor records, clocks and API key generations after a restart', async () => {
    const first = await persistentSim();
    const a = await createSandbox(first.api, {
      id: 'keep-a',
      seed: 5,
      clock: { now: '2021-11-03T05:00:00Z', frozen: true },
    });
    const b = await createSandbox(first.api, { id: 'keep-b', journal: { limit: 50 } });
    expect((await addRecord(first.api, a, 'persisted-1', 'Persisted Person')).status).toBe(200);
    await first.api.post('/__admin/sandboxes/keep-a/clock').send({ advanceMs: 60_000 });
    const rotated = await first.api.post('/__admin/sandboxes/keep-a/vendors/symbee/rotate-key');
    expect(rotated.status).toBe(200);
    const aBefore = (await first.api.get('/__admin/sandboxes/keep-a')).body as SandboxDescription;
    const recordBefore = await findRecord(first.api, aBefore, 'persisted-1');
    await closeSim(first);
    expect(await sandboxFiles()).toEqual(['default.json', 'keep-a.json', 'keep-b.json']);

    const second = await persistentSim();
    const aAfter = (await second.api.get('/__admin/sandboxes/keep-a')).body as SandboxDescription;
    expect(aAfter).toEqual(aBefore);
    expect(aAfter.clock).toEqual({ now: '2021-11-03T05:01:00.000Z', frozen: true });
    expect(aAfter.vendors.symbee.apiKeyRotation.generation).toBe(1);
    expect(aAfter.vendors.symbee.baseUrl).toMatch(/^http:\/\/sim\.test\/symbee\//); // the configured public origin
    expect(aAfter.vendors.symbee.headers['X-sc-company-api-key']).toBe(rotated.body.apiKey);
    expect(await findRecord(second.api, aAfter, 'persisted-1')).toEqual(recordBefore);
    const bAfter = (await second.api.get('/__admin/sandboxes/keep-b')).body as SandboxDescription;
    expect(bAfter.vendors).toEqual(b.vendors);
    expect(bAfter.journal).toEqual({ enabled: true, limit: 50 });
    // The restored sandbox answers to its credentials and keeps taking writes.
    expect((await addRecord(second.api, bAfter, 'after-restart')).body.previewResult.previewResultStatus).toBe(
      'SUCCESS',
    );
  });

  it('keeps fault rules across a restart: fired counts, used-up rules, rule ids and the seeded coin flips', async () => {
    const first = await persistentSim();
    const faulty = await createSandbox(first.api, { id: 'faulty', seed: 9 });
    const twin = await createSandbox(first.api, { id: 'twin', seed: 9 });
    const rules = [
      { vendor: 'symbee', path: 'addOrUpdateCampaignRecord', action: { type: 'status', status: 503 }, times: 3 },
      { vendor: 'symbee', path: 'searchPreviewCampaign', action: { type: 'status', status: 500 }, probability: 0.5 },
    ];
    for (const id of ['faulty', 'twin'])
      for (const rule of rules)
        expect((await first.api.post(`/__admin/sandboxes/${id}/faults`).send(rule)).status).toBe(201);
    const searches = async (sandbox: SandboxDescription, n: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++)
        statuses.push((await symbee(first.api, sandbox, 'searchPreviewCampaign', { clientId: 'x' })).status);
      return statuses;
    };
    // The twin never restarts: its ten coin flips are what the restarted sandbox must continue.
    const expected = await searches(twin, 10);
    expect(expected.slice(4)).not.toEqual(expected.slice(0, 6)); // a stream that restarted would be caught
    const before = await searches(faulty, 4);
    expect(before).toEqual(expected.slice(0, 4));
    expect((await addRecord(first.api, faulty, 'blocked')).status).toBe(503);
    await closeSim(first);

    const second = await persistentSim();
    const listed = (await second.api.get('/__admin/sandboxes/faulty/faults')).body.faults;
    expect(listed).toEqual([
      expect.objectContaining({ id: 'fault-1', times: 3, fired: 1, state: 'active' }),
      expect.objectContaining({ id: 'fault-2', probability: 0.5, fired: before.filter((s) => s === 500).length }),
    ]);
    const restored = (await second.api.get('/__admin/sandboxes/faulty')).body as SandboxDescription;
    const after: number[] = [];
    for (let i = 0; i < 6; i++) {
      after.push((await symbee(second.api, restored, 'searchPreviewCampaign', { clientId: 'x' })).status);
    }
    expect(after).toEqual(expected.slice(4));
    // Two of the three 503s are left; then the rule is used up, listed as exhausted.
    for (const status of [503, 503, 200]) expect((await addRecord(second.api, restored, 'later')).status).toBe(status);
    const exhausted = (await second.api.get('/__admin/sandboxes/faulty/faults')).body.faults[0];
    expect(exhausted).toMatchObject({ id: 'fault-1', fired: 3, state: 'exhausted' });
    const added = await second.api
      .post('/__admin/sandboxes/faulty/faults')
      .send({ vendor: 'symbee', action: { type: 'latency', ms: 0 } });
    expect(added.body.id).toBe('fault-3');
  });

  it('a deleted sandbox’s file disappears at the next save', async () => {
    const t = await persistentSim();
    await createSandbox(t.api, { id: 'short-lived' });
    expect((await t.api.post('/__admin/save')).body.saved).toBe(2);
    expect(await sandboxFiles()).toContain('short-lived.json');
    expect((await t.api.delete('/__admin/sandboxes/short-lived')).status).toBe(204);
    await t.api.post('/__admin/save');
    expect(await sandboxFiles()).toEqual(['default.json']);
    await closeSim(t);
    const again = await persistentSim();
    expectAdminError(await again.api.get('/__admin/sandboxes/short-lived'), 404);
  });

  it('a corrupt file is reported and skipped, the rest restored, and the file kept for inspection', async () => {
    const first = await persistentSim();
    await createSandbox(first.api, { id: 'healthy' });
    await closeSim(first);
    await writeFile(join(dataDir, 'sandboxes', 'broken.json'), '{"id":"broken","seed":');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = await persistentSim();
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/could not restore broken\.json/));
    logged.mockRestore();
    expect((await second.api.get('/__admin/sandboxes/healthy')).status).toBe(200);
    expectAdminError(await second.api.get('/__admin/sandboxes/broken'), 404);
    await second.api.post('/__admin/save');
    const kept = (await readdir(join(dataDir, 'sandboxes'))).filter((f) => f.startsWith('broken'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dataDir, 'sandboxes', kept[0]!), 'utf8')).toBe('{"id":"broken","seed":');
  });

  it('a well-formed file of the wrong shape is refused at load too, not restored into a broken sandbox', async () => {
    const first = await persistentSim();
    await createSandbox(first.api, { id: 'template' });
    await closeSim(first);
    const template = JSON.parse(await readFile(join(dataDir, 'sandboxes', 'template.json'), 'utf8'));
    const variants: Record<string, unknown> = {
      'bad-clock': { ...template, id: 'bad-clock', clock: { now: 'soon', frozen: false } },
      'no-vendors': { ...template, id: 'no-vendors', vendors: undefined },
      'wrong-name': { ...template, id: 'template-copy' },
      'bad-journal': { ...template, id: 'bad-journal', journal: { enabled: 'yes', limit: -1 } },
      'bad-faults': { ...template, id: 'bad-faults', faults: { rules: [{ id: 1 }], nextId: 0, rng: 'x' } },
      'bad-fault-pattern': {
        ...template,
        id: 'bad-fault-pattern',
        faults: { rules: [{ id: 'fault-1', fired: 0, path: '/(/', action: { type: 'drop' } }], nextId: 2, rng: 1 },
      },
    };
    for (const [name, snap] of Object.entries(variants)) {
      await writeFile(join(dataDir, 'sandboxes', `${name}.json`), JSON.stringify(snap));
    }
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = await persistentSim();
    const reported = logged.mock.calls.map((c) => String(c[0]));
    logged.mockRestore();
    for (const name of Object.keys(variants)) {
      expect(
        reported.some((m) => m.includes(`${name}.json`)),
        name,
      ).toBe(true);
      expectAdminError(await second.api.get(`/__admin/sandboxes/${name}`), 404);
    }
    expectAdminError(await second.api.get('/__admin/sandboxes/template-copy'), 404);
    const list = await second.api.get('/__admin/sandboxes');
    expect(list.status).toBe(200);
    expect(list.body.sandboxes.map((s: SandboxDescription) => s.id).sort()).toEqual(['default', 'template']);
  });

  it('writes atomically: a reader never sees a partial file while saves repeat', async () => {
    const t = await persistentSim();
    const sandbox = await createSandbox(t.api, { id: 'busy', options: { symbee: { recordsPerCampaign: 300 } } });
    const file = join(dataDir, 'sandboxes', 'busy.json');
    const store = t.sim.store as SandboxStore;
    await store.save(true);
    let reads = 0;
    const partial: string[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8');
        try {
          JSON.parse(text);
        } catch (err) {
          partial.push(`${(err as Error).message} (${text.length} chars)`);
        }
        reads++;
      }
    })();
    for (let i = 0; i < 20; i++) {
      await addRecord(t.api, sandbox, `burst-${i}`);
      await store.save(true);
    }
    writing = false;
    await reader;
    expect(partial).toEqual([]);
    expect(reads).toBeGreaterThan(5);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    const records = saved.vendors.symbee.campaigns[0].records as { clientId: string }[];
    expect(records.some((r) => r.clientId === 'burst-19')).toBe(true);
  });

  it('a failed save does not stop later saves, and the unsaved change is written next time', async () => {
    const t = await persistentSim();
    const sandbox = await createSandbox(t.api, { id: 'retry-me' });
    const store = t.sim.store as SandboxStore;
    await store.save(true);
    // Make this one file unwritable: a directory where the store puts its temp file `.<name>.tmp`.
    const dir = join(dataDir, 'sandboxes');
    const blocker = join(dir, '.retry-me.json.tmp');
    await mkdir(blocker);
    await addRecord(t.api, sandbox, 'written-later');
    await expect(store.save()).rejects.toThrow();
    await rm(blocker, { recursive: true });
    await store.save(); // not `all`: only dirty sandboxes, so the failed one must still count as dirty
    const saved = JSON.parse(await readFile(join(dir, 'retry-me.json'), 'utf8'));
    const clientIds = saved.vendors.symbee.campaigns[0].records.map((r: { clientId: string }) => r.clientId);
    expect(clientIds).toContain('written-later');
  });

  it('one sandbox that cannot be saved never keeps the others from being saved', async () => {
    const t = await persistentSim();
    await createSandbox(t.api, { id: 'a-too-big' });
    const later = await createSandbox(t.api, { id: 'b-later' });
    await addRecord(t.api, later, 'acknowledged');
    const tooBig = t.sim.registry.require('a-too-big');
    // What one JSON string per sandbox did above ~820,000 Symbee records.
    tooBig.snapshot = () => {
      throw new RangeError('Invalid string length');
    };
    await expect((t.sim.store as SandboxStore).save()).rejects.toThrow(/a-too-big: Invalid string length/);
    expect(await sandboxFiles()).toEqual(['b-later.json', 'default.json']);
    expect(tooBig.dirty).toBe(true); // retried by the next save
    const saved = JSON.parse(await readFile(join(dataDir, 'sandboxes', 'b-later.json'), 'utf8'));
    expect(JSON.stringify(saved)).toContain('acknowledged');
    delete (tooBig as Partial<typeof tooBig>).snapshot; // the prototype's again, for the save on close
  });

  it('saves a big sandbox a record per line, and restores it from those lines', async () => {
    const first = await persistentSim();
    const big = await createSandbox(first.api, { id: 'big', clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
    const campaignName = big.vendors.symbee.campaigns[0]!;
    const seeded = await first.api
      .post('/__admin/sandboxes/big/vendors/symbee/records')
      .send({ campaignName, generate: 30_000 });
    expect(seeded.status, JSON.stringify(seeded.body)).toBe(201);
    const before = await first.api.get(`/__admin/sandboxes/big/vendors/symbee/records?campaignName=${campaignName}`);
    await closeSim(first);

    const lines = (await readFile(join(dataDir, 'sandboxes', 'big.json'), 'utf8')).split('\n');
    expect(lines.filter((l) => l.startsWith('{"id":')).length).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(16_384);

    const second = await persistentSim();
    const after = await second.api.get(`/__admin/sandboxes/big/vendors/symbee/records?campaignName=${campaignName}`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(after.body.total).toBeGreaterThanOrEqual(30_000);
  });

  it('saves asked for while one runs are folded into one that follows it', async () => {
    const t = await persistentSim();
    await createSandbox(t.api, { id: 'counted' });
    const sandbox = t.sim.registry.require('counted');
    const snapshot = vi.spyOn(sandbox, 'snapshot');
    const store = t.sim.store as SandboxStore;
    await Promise.all(Array.from({ length: 5 }, () => store.save(true)));
    // The first save, then one for the four that asked while it ran (autosave every 2 s must not pile up saves
    // behind one that takes a minute).
    expect(snapshot).toHaveBeenCalledTimes(2);
  });

  it('a file holding null is refused and kept aside with a message, not deleted', async () => {
    const first = await persistentSim();
    await closeSim(first);
    await writeFile(join(dataDir, 'sandboxes', 'emptied.json'), 'null');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = await persistentSim();
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(/could not restore emptied\.json: holds null, not a sandbox/),
    );
    logged.mockRestore();
    await second.api.post('/__admin/save');
    const kept = (await readdir(join(dataDir, 'sandboxes'))).filter((f) => f.startsWith('emptied'));
    expect(kept).toEqual([expect.stringMatching(/^emptied\.json\.corrupt-\d+$/)]);
  });

  it('POST /__admin/save is a 409 without a data dir', async () => {
    const t = await newSim();
    expectAdminError(await t.api.post('/__admin/save'), 409, /persistence is off/);
    await t.close();
  });
});
