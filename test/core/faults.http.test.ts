import { describe, expect, it } from 'vitest';
import { perFile } from '../helpers/sim.ts';
import type { JournalEntry } from '../../simulators/core/journal.ts';
import {
  type SandboxDescription,
  type TestSim,
  addRecord,
  createSandbox,
  expectAdminError,
  newSim,
  symbee,
} from './helpers.ts';

let t: TestSim;
perFile(newSim, (v) => (t = v));

const frozen = { now: '2021-11-03T05:00:00Z', frozen: true };
const search = (sandbox: SandboxDescription) => symbee(t.api, sandbox, 'searchPreviewCampaign', { clientId: '1001' });

async function addFault(sandbox: SandboxDescription, rule: object) {
  const res = await t.api.post(`/__admin/sandboxes/${sandbox.id}/faults`).send(rule);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; fired: number };
}

describe('fault injection on vendor requests', () => {
  it('a status fault answers with its status, body and Retry-After, only where it matches', async () => {
    const sandbox = await createSandbox(t.api);
    const rule = await addFault(sandbox, {
      vendor: 'symbee',
      method: 'POST',
      path: 'searchPreviewCampaign',
      action: { type: 'status', status: 503, body: { oops: true }, retryAfterSeconds: 3 },
    });
    expect(rule.id).toMatch(/^fault-/);
    const res = await search(sandbox);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ oops: true });
    expect((await addRecord(t.api, sandbox, 'unaffected')).status).toBe(200);
    const [latest, previous] = (await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests`)).body
      .requests as JournalEntry[];
    expect(latest!.faultRuleId).toBeUndefined();
    expect(previous).toMatchObject({ status: 503, faultRuleId: rule.id, responseBody: '{"oops":true}' });
  });

  it('without a body, a status fault answers in the vendor’s own error shape', async () => {
    const sandbox = await createSandbox(t.api);
    await addFault(sandbox, { action: { type: 'status', status: 500 } });
    const res = await search(sandbox);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ previewResult: { previewResultStatus: 'FAILED', error: 'Injected fault' } });
  });

  it('a string body is sent as text with the given content type', async () => {
    const sandbox = await createSandbox(t.api);
    await addFault(sandbox, {
      action: { type: 'status', status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' },
    });
    const res = await search(sandbox);
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toBe('<html>Bad gateway</html>');
  });

  it('matches a /regular expression/ path', async () => {
    const sandbox = await createSandbox(t.api);
    await addFault(sandbox, { path: '/(add|delete)\\w+$/', action: { type: 'status', status: 409 } });
    expect((await addRecord(t.api, sandbox, 'x')).status).toBe(409);
    expect((await search(sandbox)).status).toBe(200);
  });

  it('times=N fails the next N matching requests, then the rule is listed as exhausted until removed', async () => {
    const sandbox = await createSandbox(t.api);
    await addFault(sandbox, { path: 'search', times: 2, action: { type: 'status', status: 503 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await search(sandbox)).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    const listed = (await t.api.get(`/__admin/sandboxes/${sandbox.id}/faults`)).body;
    expect(listed).toEqual({ faults: [expect.objectContaining({ fired: 2, times: 2, state: 'exhausted' })] });
    expect((await t.api.delete(`/__admin/sandboxes/${sandbox.id}/faults/${listed.faults[0].id}`)).status).toBe(204);
    expect((await t.api.get(`/__admin/sandboxes/${sandbox.id}/faults`)).body).toEqual({ faults: [] });
  });

  it('adds latency measurably', async () => {
    const sandbox = await createSandbox(t.api);
    await addFault(sandbox, { times: 1, action: { type: 'latency', ms: 250 } });
    const started = performance.now();
    const res = await search(sandbox);
    const slow = performance.now() - started;
    expect(res.status).toBe(200);
    expect(slow).toBeGreaterThanOrEqual(240);
    const journal = (await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests`)).body.requests as JournalEntry[];
    expect(journal[0]!.durationMs).toBeGreaterThanOrEqual(240);
  });

  it('a dropped connection is a socket error for the client', async () => {
    const sandbox = await createSandbox(t.api);
    await addFault(sandbox, { path: 'search', times: 1, action: { type: 'drop' } });
    const error = await search(sandbox).then(
      () => undefined,
      (err: NodeJS.ErrnoException) => err,
    );
    expect(error?.code ?? error?.message).toMatch(/ECONNRESET|socket hang up/);
    expect((await search(sandbox)).status).toBe(200);
    const journal = (await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests?limit=2`)).body
      .requests as JournalEntry[];
    expect(journal[1]).toMatchObject({ status: 0, faultRuleId: expect.stringMatching(/^fault-/) });
  });

  it('the rate limiter answers 429 with Retry-After beyond the limit, in a window of virtual time', async () => {
    const sandbox = await createSandbox(t.api, { clock: frozen });
    await addFault(sandbox, { vendor: 'symbee', action: { type: 'rateLimit', limit: 2, windowMs: 60_000 } });
    expect((await search(sandbox)).status).toBe(200);
    expect((await search(sandbox)).status).toBe(200);
    const limited = await search(sandbox);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    await t.api.post(`/__admin/sandboxes/${sandbox.id}/clock`).send({ advanceMs: 30_000 });
    expect((await search(sandbox)).headers['retry-after']).toBe('30');
    await t.api.post(`/__admin/sandboxes/${sandbox.id}/clock`).send({ advanceMs: 30_000 });
    expect((await search(sandbox)).status).toBe(200);
  });

  it('probability replays the same failures for the same seed', async () => {
    const run = async () => {
      const sandbox = await createSandbox(t.api, { seed: 31337, clock: frozen });
      await addFault(sandbox, { probability: 0.5, action: { type: 'status', status: 500 } });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await search(sandbox)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('GET lists rules with how often they fired; DELETE one or all restores normal answers', async () => {
    const sandbox = await createSandbox(t.api);
    const a = await addFault(sandbox, { path: 'search', action: { type: 'status', status: 500 } });
    const b = await addFault(sandbox, { path: 'addOrUpdate', action: { type: 'status', status: 501 } });
    await search(sandbox);
    const list = (await t.api.get(`/__admin/sandboxes/${sandbox.id}/faults`)).body.faults;
    expect(list).toEqual([
      expect.objectContaining({ id: a.id, fired: 1, path: 'search' }),
      expect.objectContaining({ id: b.id, fired: 0 }),
    ]);
    expect((await t.api.delete(`/__admin/sandboxes/${sandbox.id}/faults/${a.id}`)).status).toBe(204);
    expectAdminError(await t.api.delete(`/__admin/sandboxes/${sandbox.id}/faults/${a.id}`), 404);
    expect((await search(sandbox)).status).toBe(200);
    expect((await addRecord(t.api, sandbox, 'x')).status).toBe(501);
    expect((await t.api.delete(`/__admin/sandboxes/${sandbox.id}/faults`)).status).toBe(204);
    expect((await addRecord(t.api, sandbox, 'x')).status).toBe(200);
    expect((await t.api.get(`/__admin/sandboxes/${sandbox.id}/faults`)).body).toEqual({ faults: [] });
  });

  it('faults stay in their sandbox', async () => {
    const a = await createSandbox(t.api);
    const b = await createSandbox(t.api);
    await addFault(a, { action: { type: 'status', status: 500 } });
    expect((await search(b)).status).toBe(200);
  });

  it('refuses bad rules with 400 (unknown vendor, bad regex, bad action) and unknown sandboxes with 404', async () => {
    const sandbox = await createSandbox(t.api);
    const post = (rule: unknown) => t.api.post(`/__admin/sandboxes/${sandbox.id}/faults`).send(rule as object);
    expectAdminError(await post({ vendor: 'acme', action: { type: 'drop' } }), 400, /acme/);
    expectAdminError(await post({ path: '/(oops/', action: { type: 'drop' } }), 400, /pattern/);
    expectAdminError(await post({ path: '/a(?!b)/', action: { type: 'drop' } }), 400, /RE2 syntax/);
    expectAdminError(await post({ path: '/[a-z]{1000}[0-9]{1000}/', action: { type: 'drop' } }), 400, /too complex/);
    expectAdminError(await post({ action: { type: 'status', status: 150 } }), 400);
    expectAdminError(await post({ action: { type: 'rateLimit', limit: 10_000_000, windowMs: 1000 } }), 400);
    expectAdminError(await post({ action: { type: 'status', status: 42 } }), 400);
    expectAdminError(await post({ action: { type: 'latency', ms: 10_000_000 } }), 400);
    expectAdminError(await post({ action: { type: 'drop' }, times: 0 }), 400);
    expectAdminError(await post({}), 400);
    expectAdminError(await post([]), 400);
    expectAdminError(await t.api.post('/__admin/sandboxes/nope/faults').send({ action: { type: 'drop' } }), 404);
    expect((await t.api.get(`/__admin/sandboxes/${sandbox.id}/faults`)).body).toEqual({ faults: [] });
  });
});
