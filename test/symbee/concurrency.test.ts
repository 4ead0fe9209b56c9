import http from 'node:http';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { perFile, startTestServer } from '../helpers/sim.ts';
import type { PreviewRecord } from '../../contracts/symbee/schemas.ts';
import type { SandboxStore } from '../../simulators/core/persistence.ts';
import { createSandbox, startSymbee, statusOf, valueOf, type TestSimulator } from './harness.ts';

/**
 * What can interleave in one process: handlers run synchronously once their request is read, so two calls never
 * interleave *inside* a handler. They interleave around it — while bodies arrive (any order, any pace), while a
 * latency fault holds a request, and while a save writes the sandbox to disk. These tests drive exactly those.
 */
let sim: TestSimulator;

perFile(startSymbee, (v) => (sim = v));

it('50 adds of one clientId with bodies in flight at once leave exactly one record (check and insert are one step)', async () => {
  const sb = await sim.sandbox();
  const before = (await sb.records()).length;
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) => sb.add('SAME-1', [{ key: 'Name', value: `Writer ${i}` }])),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
  expect(responses.map(statusOf)).toEqual(Array(50).fill('SUCCESS'));

  const record = await sb.find('SAME-1');
  expect(valueOf(record, 'Name')).toMatch(/^Writer \d+$/);
  const search = await sb.post('searchPreviewCampaign', {
    previewRecordData: [{ key: 'Id', value: 'SAME-1', condition: 'EQUALS' }],
  });
  expect(search.body.previewRecordClientData).toHaveLength(1);
  expect((search.body.previewRecordClientData as PreviewRecord[])[0]!.previewRecordID).toBe(record!.previewRecordID);
  expect(await sb.records()).toHaveLength(before + 1);
});

/** Sends a request whose body arrives in two parts, `pauseMs` apart; resolves with the parsed JSON answer. */
function slowPost(url: string, headers: Record<string, string>, body: string, pauseMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    setTimeout(() => req.end(body.slice(half)), pauseMs);
  });
}

it('a call whose body is still arriving is applied after one that started later but arrived whole', async () => {
  const sb = await sim.sandbox();
  const body = (name: string) =>
    JSON.stringify({ ...sb.envelope(), clientId: 'RACE-1', previewRecordData: [{ key: 'Name', value: name }] });
  const slow = slowPost(`${sim.sim.url}${sb.actionPath('addOrUpdateCampaignRecord')}`, sb.headers, body('slow'), 300);
  await new Promise((r) => setTimeout(r, 50));
  const fast = await sb.add('RACE-1', [{ key: 'Name', value: 'fast' }]);
  expect(statusOf(fast)).toBe('SUCCESS');
  expect(valueOf(await sb.find('RACE-1'), 'Name')).toBe('fast');
  expect(await slow).toMatchObject({ previewResult: { previewResultStatus: 'SUCCESS' } });
  // Last body complete, last applied: one record, holding the slow writer's data.
  expect(valueOf(await sb.find('RACE-1'), 'Name')).toBe('slow');
  expect((await sb.records()).filter((r) => r.clientId === 'RACE-1')).toHaveLength(1);
});

it('a request held by a latency fault is overtaken, then applied on top of what overtook it', async () => {
  const sb = await sim.sandbox();
  await sb
    .admin('POST', '/faults', {
      operation: 'addOrUpdateCampaignRecord',
      times: 1,
      action: { type: 'latency', ms: 300 },
    })
    .then((r) => expect(r.status).toBe(201));
  const held = sb.add('HELD-1', [{ key: 'Name', value: 'held' }]);
  await new Promise((r) => setTimeout(r, 50));
  expect(statusOf(await sb.add('HELD-1', [{ key: 'Name', value: 'overtaker' }]))).toBe('SUCCESS');
  expect(valueOf(await sb.find('HELD-1'), 'Name')).toBe('overtaker');
  expect(statusOf(await held)).toBe('SUCCESS');
  expect(valueOf(await sb.find('HELD-1'), 'Name')).toBe('held');
  // The journal lists the held request after the one that overtook it (newest first).
  const journal = await sb.admin('GET', '/requests?operation=addOrUpdateCampaignRecord');
  const names = journal.body.requests.map(
    (r: { requestBody: string }) => JSON.parse(r.requestBody).previewRecordData[0].value,
  );
  expect(names).toEqual(['held', 'overtaker']);
});

it('writes during repeated saves are all on disk after a restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'campaign-sim-concurrent-save-'));
  try {
    const first = await startTestServer({ dataDir, autosaveMs: 3_600_000 });
    const sb = await createSandbox(first.api, { seed: 9 });
    const writes = Array.from({ length: 120 }, (_, i) => sb.add(`SAVED-${i}`, [{ key: 'Name', value: `n${i}` }]));
    const saves = Array.from({ length: 12 }, () => first.api.post('/__admin/save'));
    const answers = await Promise.all([...writes, ...saves]);
    expect(answers.map((r) => r.status)).toEqual(Array(answers.length).fill(200));
    await first.close();

    const second = await startTestServer({ dataDir, autosaveMs: 3_600_000 });
    const listed = await second.api
      .get(`/__admin/sandboxes/${sb.id}/vendors/symbee/records`)
      .query({ campaignName: sb.section.campaigns[0], limit: 1000 });
    const saved = (listed.body.records as PreviewRecord[]).filter((r) => r.clientId.startsWith('SAVED-'));
    expect(saved).toHaveLength(120);
    await second.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

it('a save that runs while tasks move and change clientId restores as the sandbox was when it began', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'campaign-sim-save-while-'));
  const copyDir = await mkdtemp(join(tmpdir(), 'campaign-sim-save-copy-'));
  try {
    const first = await startTestServer({ dataDir, autosaveMs: 3_600_000 });
    const sb = await createSandbox(first.api, { seed: 5 });
    const [one, two] = sb.section.campaigns as [string, string];
    // More tasks than one chunk of the store holds (32,768), written over many slices of the save.
    const seeded = await sb.admin('POST', '/vendors/symbee/records', { campaignName: one, generate: 34_000 });
    expect(seeded.status, seeded.text).toBe(201);
    const listed = (api: typeof first.api, campaignName: string, limit: number) =>
      api.get(`/__admin/sandboxes/${sb.id}/vendors/symbee/records`).query({ campaignName, limit });
    const firstOfOne = (await listed(first.api, one, 1)).body;
    const totals = { one: firstOfOne.total as number, two: (await listed(first.api, two, 1)).body.total as number };
    const moving = (firstOfOne.records as PreviewRecord[])[0]!;
    // The newest task: its line is among the last the save writes (generated clientIds count on from the tasks there).
    const rekeyed = (await sb.find(`gen-${totals.one - 1}`, one))!;
    expect(rekeyed).toBeDefined();

    // Requests change the sandbox only once the save has taken its snapshot, while it writes the lines.
    const sandbox = first.sim.registry.require(sb.id);
    const take = sandbox.snapshot.bind(sandbox);
    let taken!: () => void;
    const snapshotTaken = new Promise<void>((resolve) => (taken = resolve));
    sandbox.snapshot = (vendors) => {
      const snapshot = take(vendors);
      taken();
      return snapshot;
    };
    const saving = (first.sim.store as SandboxStore).save(true);
    await snapshotTaken;
    // The first task moves to the other campaign; the newest takes its clientId, free in the first campaign now.
    const moved = await sb.post('transferCampaignRecord', { clientId: moving.clientId, transferToCampaign: two });
    const renamed = await sb.post('addOrUpdateCampaignRecord', {
      previewRecordId: rekeyed.previewRecordID,
      clientId: moving.clientId,
      previewRecordData: [{ key: 'Name', value: 'renamed' }],
    });
    expect([statusOf(moved), statusOf(renamed)]).toEqual(['SUCCESS', 'SUCCESS']);
    await saving;
    delete (sandbox as Partial<typeof sandbox>).snapshot;
    await mkdir(join(copyDir, 'sandboxes'));
    await copyFile(join(dataDir, 'sandboxes', `${sb.id}.json`), join(copyDir, 'sandboxes', `${sb.id}.json`));
    await first.close();

    // That file restores (no two tasks share a clientId), holding every task where it was when the save began.
    const second = await startTestServer({ dataDir: copyDir, autosaveMs: 3_600_000 });
    const again = await listed(second.api, one, 100_000);
    expect(again.status, again.text).toBe(200);
    expect(again.body.total).toBe(totals.one);
    const restored = again.body.records as PreviewRecord[];
    expect(restored[0]).toMatchObject({ previewRecordID: moving.previewRecordID, clientId: moving.clientId });
    expect(restored.at(-1)).toMatchObject({ previewRecordID: rekeyed.previewRecordID, clientId: rekeyed.clientId });
    expect((await listed(second.api, two, 1)).body.total).toBe(totals.two);
    await second.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(copyDir, { recursive: true, force: true });
  }
});
