import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './spawn.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('npm start under a signal', () => {
  it('SIGTERM to npm’s own PID reaches the server, which saves and exits 0 (no orphan left running)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'npm-start-'));
    dirs.push(dir);
    const npm = spawn('npm', ['start', '--', '--port', '0', '--data-dir', dir], {
      cwd: ROOT,
      env: { ...process.env, SIM_HOST: '', SIM_PORT: '', SIM_DATA_DIR: '' },
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.on('close', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = /base URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (found && output.includes('Stop with Ctrl+C')) resolve(found[1] as string);
      };
      npm.stdout.on('data', check);
      void exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    // A change the autosave has not written yet: only the stop's save can keep it.
    const created = await fetch(`${url}/__admin/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'saved-on-stop' }),
    });
    expect(created.status).toBe(201);
    npm.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: saving and stopping\.\.\.\nstopped/);
    expect(await readdir(join(dir, 'sandboxes'))).toContain('saved-on-stop.json');
    // The server is gone with npm: its port no longer answers.
    await expect(fetch(`${url}/__admin/health`)).rejects.toThrow();
    expect(existsSync(join(dir, 'sandboxes', 'saved-on-stop.json'))).toBe(true);
  }, 120_000);
});
