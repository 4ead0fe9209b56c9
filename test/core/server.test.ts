import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulators/core/server.ts';
import { VENDORS } from '../../simulators/index.ts';

describe('startSimulator', () => {
  it('listens on an ephemeral port, answers health over real HTTP, and stop() closes it', async () => {
    const running = await startSimulator({ vendors: VENDORS, port: 0 });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${running.url}/__admin/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', vendors: VENDORS.map((v) => v.id) });
    // A kept-alive connection must not hold the stop open.
    await fetch(`${running.url}/__admin/sandboxes/default`, { headers: { connection: 'keep-alive' } });
    await running.stop();
    expect(running.server.listening).toBe(false);
    await expect(fetch(`${running.url}/__admin/health`)).rejects.toThrow();
  });

  it('health before the admin app is loaded answers as the admin app does; the first other admin call loads it', async () => {
    const running = await startSimulator({ vendors: VENDORS, port: 0, adminToken: 'secret' });
    try {
      const quick = await fetch(`${running.url}/__admin/health`);
      // Express's route (a query string is not the quick path), reached once the admin app is loaded.
      const [viaApp, refused] = await Promise.all([
        fetch(`${running.url}/__admin/health?via=express`),
        fetch(`${running.url}/__admin/sandboxes`),
      ]);
      expect(quick.headers.get('content-type')).toBe(viaApp.headers.get('content-type'));
      expect(await quick.json()).toEqual(await viaApp.json());
      expect(refused.status).toBe(401);
      const listed = await fetch(`${running.url}/__admin/sandboxes`, { headers: { authorization: 'Bearer secret' } });
      expect(listed.status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it('a port already in use is an error, not a hang', async () => {
    const first = await startSimulator({ vendors: VENDORS, port: 0 });
    const port = Number(new URL(first.url).port);
    await expect(startSimulator({ vendors: VENDORS, port })).rejects.toThrow(/EADDRINUSE/);
    await first.stop();
  });
});
