import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VENDORS } from '../../simulators/index.ts';
import { cli, type Cli } from './spawn.ts';

const running: Cli[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const proc of running.splice(0)) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Starts `serve` on a free port and returns its base URL once the banner is printed. */
async function start(args: string[], env: Record<string, string> = {}): Promise<{ proc: Cli; url: string }> {
  const proc = cli(['serve', '--port', '0', ...args], env);
  running.push(proc);
  await proc.waitFor(/Stop with Ctrl\+C/);
  const [, url] = proc.output().match(/base URL\s+(http:\/\/127\.0\.0\.1:\d+)/) ?? [];
  if (!url) throw new Error(`no base URL in:\n${proc.output()}`);
  return { proc, url };
}

async function stop(proc: Cli): Promise<number | null> {
  proc.child.kill('SIGTERM');
  return proc.exited;
}

describe('campaign-sim serve', () => {
  it('prints the banner, answers health, applies --seed/--no-journal and stops cleanly on SIGTERM', async () => {
    const { proc, url } = await start(['--seed', '77', '--no-journal']);
    const banner = proc.output();
    expect(banner).toMatch(/^campaign-sim ready in \d+ ms$/m);
    expect(banner).toContain(`admin URL    ${url}/__admin`);
    expect(banner).toContain('journal      off');
    for (const vendor of VENDORS)
      expect(banner).toMatch(new RegExp(`^  ${vendor.id}:\\n    baseUrl: ${url}/${vendor.id}`, 'm'));

    const health = await fetch(`${url}/__admin/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', vendors: VENDORS.map((v) => v.id) });
    const sandbox = (await (await fetch(`${url}/__admin/sandboxes/default`)).json()) as Record<string, unknown>;
    expect(sandbox).toMatchObject({ seed: 77, journal: { enabled: false } });

    expect(await stop(proc)).toBe(0);
    expect(proc.output()).toContain('SIGTERM: saving and stopping...\nstopped');
  });

  it('keeps sandboxes across a restart with --data-dir (and SIM_DATA_DIR)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sim-data-'));
    dirs.push(dataDir);
    const first = await start(['--data-dir', dataDir, '--autosave-ms', '60000']);
    expect(first.proc.output()).toContain(`persistence  ${dataDir} (autosave every 60000 ms`);
    const created = await fetch(`${first.url}/__admin/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'kept', seed: 9 }),
    });
    expect(created.status).toBe(201);
    // Autosave is a minute away: only the save on SIGTERM can have written it.
    expect(await stop(first.proc)).toBe(0);

    const second = await start([], { SIM_DATA_DIR: dataDir });
    const restored = await fetch(`${second.url}/__admin/sandboxes/kept`);
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ id: 'kept', seed: 9 });
    expect(await stop(second.proc)).toBe(0);
  });

  it('refuses a bad port before starting', async () => {
    const proc = cli(['serve', '--port', 'http']);
    expect(await proc.exited).not.toBe(0);
    expect(proc.output()).toContain('port must be an integer from 0 to 65535');
  });
});
