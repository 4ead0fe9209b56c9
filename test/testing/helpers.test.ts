import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SinchClient } from '../../src/clients/sinch/index.ts';
import { AdminApiError, startTestSimulator, useTestSimulator } from '../../src/testing/index.ts';
import { startSimulator } from '../../src/index.ts';

/** campaign-sim/testing from vitest's own hooks (the packed package runs it under vitest and node:test too). */
describe('useTestSimulator, a sandbox per test', () => {
  const t = useTestSimulator(
    { beforeAll, afterAll, beforeEach, afterEach },
    { sandbox: 'test', sandboxOptions: { seed: 3, clock: { now: '2024-05-16T08:00:00.000Z', frozen: true } } },
  );
  const ids: string[] = [];

  it('gives a sandbox whose credentials a typed client uses, and a journal of its requests', async () => {
    ids.push(t.sandbox.id);
    const client = new SinchClient(t.sandbox.sinchConfig());
    await client.listCampaigns();
    const [entry, ...rest] = await t.sandbox.journal({ vendor: 'sinch' });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ method: 'GET', path: '/sinch/RI/obi/campaigns', status: 200 });
    await t.sandbox.clearJournal();
    expect(await t.sandbox.journal()).toEqual([]);
  });

  it('a fresh sandbox in the next test: the previous one is deleted', async () => {
    ids.push(t.sandbox.id);
    expect(ids[0]).not.toBe(ids[1]);
    await expect(t.simulator.admin.describeSandbox(ids[0] as string)).rejects.toMatchObject({ status: 404 });
  });

  it('moves the virtual clock only when told', async () => {
    expect(await t.sandbox.clock()).toEqual({ now: '2024-05-16T08:00:00.000Z', frozen: true });
    await t.sandbox.advanceClock(3_600_000);
    expect((await t.sandbox.clock()).now).toBe('2024-05-16T09:00:00.000Z');
    await t.sandbox.setClock(new Date('2024-05-17T00:00:00.000Z'));
    expect((await t.sandbox.clock()).now).toBe('2024-05-17T00:00:00.000Z');
    await expect(t.sandbox.setClock('2024-01-01T00:00:00.000Z')).rejects.toBeInstanceOf(AdminApiError);
  });

  it('adds, lists and clears faults', async () => {
    const once = await t.sandbox.addFault({ vendor: 'sinch', times: 1, action: { type: 'status', status: 503 } });
    const slow = await t.sandbox.addFault({ vendor: 'symbee', action: { type: 'latency', ms: 10 } });
    expect((await t.sandbox.faults()).map((f) => f.id)).toEqual([once.id, slow.id]);
    const client = new SinchClient({ ...t.sandbox.sinchConfig(), retry: { retries: 0 } });
    await expect(client.listCampaigns()).rejects.toThrow();
    await expect(client.listCampaigns()).resolves.toBeDefined();
    await t.sandbox.clearFaults();
    expect(await t.sandbox.faults()).toEqual([]);
  });

  it('reaches vendor backdoors and resets', async () => {
    const campaign = t.sandbox.vendor('sinch').campaigns[0] as string;
    await t.sandbox.backdoor('sinch', 'PATCH', `/campaigns/${campaign}`, { status: 'Active' });
    const client = new SinchClient(t.sandbox.sinchConfig());
    expect((await client.getCampaign(campaign)).status).toBe('Active');
    await t.sandbox.reset();
    expect((await client.getCampaign(campaign)).status).not.toBe('Active');
  });
});

describe('startTestSimulator against a running simulator (url)', () => {
  it('uses it, deletes only the sandboxes it created on close, and leaves it running', async () => {
    const running = await startSimulator({ port: 0 });
    try {
      const attached = await startTestSimulator({ url: running.url });
      expect(attached.running).toBeUndefined();
      const sandbox = await attached.createSandbox();
      expect(running.registry.get(sandbox.id)).toBeDefined();
      await attached.close();
      expect(running.registry.list().map((s) => s.id)).toEqual(['default']);
      expect((await fetch(`${running.url}/__admin/health`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it('fails at once, clearly, when nothing answers there', async () => {
    await expect(startTestSimulator({ url: 'http://127.0.0.1:9' })).rejects.toThrow();
  });
});
