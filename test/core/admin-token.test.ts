import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdminWarning } from '../../simulators/core/server.ts';
import { countRequests } from '../../src/clients/core/verify.ts';
import { simulatorSecretFetcher } from '../../src/clients/symbee/apiKey.ts';
import { runScenarios } from '../../src/scenarios/runner.ts';
import { AdminApiError, AdminClient, startTestSimulator } from '../../src/testing/index.ts';
import { cli } from '../cli/spawn.ts';
import { type TestServer, startTestServer } from '../helpers/sim.ts';

/**
 * The admin token (issue 15): with `adminToken` set, every `/__admin` route but health (and the dashboard's static
 * page) needs `Authorization: Bearer <token>`; every client of the admin API passes it.
 */
const TOKEN = 'tok-3f9a7c1e';
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ adminToken: TOKEN });
});
afterAll(() => t.close());

describe('the server', () => {
  it('refuses admin calls without the token or with a wrong one: 401, the admin error shape, a Bearer challenge', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
    ]) {
      const call = t.api.get('/__admin/sandboxes');
      const res = await (authorization ? call.set('authorization', authorization) : call);
      expect(res.status, authorization).toBe(401);
      expect(res.body).toEqual({ error: { status: 401, message: expect.any(String) } });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="campaign-sim admin"');
    }
    for (const [method, path] of [
      ['post', '/__admin/sandboxes'],
      ['delete', '/__admin/sandboxes/default'],
      ['post', '/__admin/sandboxes/default/faults'],
      ['get', '/__admin/requests'],
      ['get', '/__admin/sandboxes/default/vendors/symbee/secret'],
      ['get', '/__admin/vendors'],
      ['get', '/__admin/'],
    ] as const) {
      expect((await t.api[method](path).send({})).status, `${method} ${path}`).toBe(401);
    }
    expect((await t.api.get('/__admin/sandboxes/default')).status).toBe(401);
  });

  it('serves admin calls with the token; health and the dashboard page without it; vendor calls are not affected', async () => {
    const res = await t.api.get('/__admin/sandboxes').set('authorization', `bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect((await t.api.get('/__admin/health')).status).toBe(200);
    expect((await t.api.get('/__admin/ui')).status).toBe(200);
    const sinch = res.body.sandboxes[0].vendors.sinch as { username: string; password: string };
    const vendor = await t.api
      .get('/sinch/RI/obi/campaigns')
      .auth(sinch.username, sinch.password)
      .set('accept', 'application/json');
    expect(vendor.status).toBe(200);
  });

  it('warns loudly when bound to a non-loopback address without a token, and only then', () => {
    expect(openAdminWarning('0.0.0.0', 4010, undefined)).toMatch(
      /WARNING: listening on 0\.0\.0\.0:4010 .*WITHOUT an admin token/,
    );
    expect(openAdminWarning('192.168.1.5', 4010, undefined)).toMatch(/SIM_ADMIN_TOKEN/);
    expect(openAdminWarning('::', 4010, undefined)).toBeDefined();
    expect(openAdminWarning('0.0.0.0', 4010, TOKEN)).toBeUndefined();
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
      expect(openAdminWarning(host, 4010, undefined), host).toBeUndefined();
    }
  });
});

describe('the clients of the admin API pass the token', () => {
  it('AdminClient and campaign-sim/testing (explicitly, or from $SIM_ADMIN_TOKEN)', async () => {
    await expect(new AdminClient(t.sim.url).createSandbox()).rejects.toThrow(AdminApiError);
    const created = await new AdminClient(t.sim.url, TOKEN).createSandbox({ id: 'with-token' });
    expect(created.id).toBe('with-token');
    const attached = await startTestSimulator({ url: t.sim.url, adminToken: TOKEN });
    const sandbox = await attached.createSandbox();
    await sandbox.advanceClock(1000);
    await attached.close();
    process.env.SIM_ADMIN_TOKEN = TOKEN;
    try {
      expect((await new AdminClient(t.sim.url).describeSandbox('with-token')).id).toBe('with-token');
    } finally {
      delete process.env.SIM_ADMIN_TOKEN;
    }
    // In-process: the token the simulator was started with.
    const own = await startTestSimulator({ simulator: { adminToken: 'own' } });
    expect((await own.createSandbox()).id).toBeDefined();
    await own.close();
  });

  it('the verification client and the Symbee secret fetcher', async () => {
    const target = { origin: t.sim.url, sandbox: 'default' };
    await expect(countRequests(target, {})).rejects.toThrow(/401/);
    await expect(countRequests({ ...target, adminToken: TOKEN }, {})).resolves.toBeGreaterThanOrEqual(0);
    await expect(simulatorSecretFetcher(t.sim.url, 'default')()).rejects.toThrow(/401/);
    await expect(simulatorSecretFetcher(t.sim.url, 'default', fetch, TOKEN)()).resolves.toMatch(/\S/);
  });

  it('the scenario runner', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'admin-token-'));
    try {
      const file = join(dir, 'clock.yaml');
      await writeFile(
        file,
        [
          'name: clock moves',
          'clock: { now: "2030-01-01T00:00:00Z", frozen: true }',
          'steps:',
          '  - clock: { advanceMs: 1000 }',
          '  - verify: { times: 0 }',
          '',
        ].join('\n'),
      );
      const refused = await runScenarios([file], { url: t.sim.url });
      expect(refused.failed).toBe(1);
      expect(refused.files[0]!.scenarios[0]!.failure!.message).toMatch(/401/);
      const passed = await runScenarios([file], { url: t.sim.url, adminToken: TOKEN });
      expect(passed.files[0]!.scenarios[0]!.failure).toBeUndefined();
      expect(passed.passed).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('campaign-sim admin (--admin-token, or $SIM_ADMIN_TOKEN)', async () => {
    const refused = cli(['admin', 'GET', '/sandboxes/default/clock', '--url', t.sim.url]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/HTTP 401/);
    const flag = cli(['admin', 'GET', '/sandboxes/default/clock', '--url', t.sim.url, '--admin-token', TOKEN]);
    const env = cli(['admin', 'GET', '/sandboxes/default/clock', '--url', t.sim.url], { SIM_ADMIN_TOKEN: TOKEN });
    expect(await flag.exited, flag.output()).toBe(0);
    expect(await env.exited, env.output()).toBe(0);
    expect(JSON.parse(flag.output())).toMatchObject({ frozen: expect.any(Boolean) });
  });
});
