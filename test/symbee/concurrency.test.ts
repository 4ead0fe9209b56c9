import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { perFile, startTestServer } from '../helpers/sim.ts';
import type { PreviewRecord } from '../../contracts/symbee/schemas.ts';
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
