import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_CACHE, buildBundle, isStale, primeCodeCache } from '../../scripts/build.mjs';
import { READY_EVENT, runWithCodeCache } from '../../scripts/code-cache.mjs';
import { ROOT } from './spawn.ts';

/**
 * `npm start` runs the bundle from V8's code cache (scripts/code-cache.mjs). V8 itself only checks that the source
 * has the same length, so the cache must be keyed to the bundle: a rebuilt bundle of the same length must run its
 * own code, never the old bytecode.
 */
const dir = await mkdtemp(join(tmpdir(), 'code-cache-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const runs = globalThis as { codeCacheRuns?: number[] };
const bundle = (n: number) =>
  `#!/usr/bin/env node\n(globalThis.codeCacheRuns ??= []).push(${n} + require('node:path').sep.length);\n`;

async function runAndWaitForCache(file: string, cache: string): Promise<boolean> {
  const cached = runWithCodeCache(file, cache);
  (process as NodeJS.EventEmitter).emit(READY_EVENT);
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return cached;
}

describe('the code cache of the bundle', () => {
  it('is written once the CLI is ready, taken on the next start, and never taken for a rebuilt bundle', async () => {
    const file = join(dir, 'bundle.cjs');
    const cache = join(dir, 'bundle.cjs.cache');
    await writeFile(file, bundle(1));
    expect(await runAndWaitForCache(file, cache)).toBe(false);
    expect((await stat(cache)).size).toBeGreaterThan(0);
    expect(await runAndWaitForCache(file, cache)).toBe(true);
    // Same length, other code, a later mtime: compiled afresh (and its own result), then cached again.
    await writeFile(file, bundle(5));
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    expect(await runAndWaitForCache(file, cache)).toBe(false);
    expect(await runAndWaitForCache(file, cache)).toBe(true);
    expect(runs.codeCacheRuns).toEqual([2, 2, 6, 6]);
  });
});

describe('the bundled CLI from its code cache', () => {
  it('runs `verify`, which loads Pact (outside the bundle) on demand', async () => {
    const run = () =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = execFile(process.execPath, ['scripts/start.mjs', 'verify', 'test/verify/pacts/passing'], {
          cwd: ROOT,
          env: { ...process.env, SIM_DATA_DIR: '' },
        });
        let output = '';
        child.stdout?.on('data', (chunk: string) => (output += chunk));
        child.stderr?.on('data', (chunk: string) => (output += chunk));
        child.on('close', (code) => resolve({ code, output }));
      });
    // As `npm ci` leaves it: built, and the cache primed.
    if (isStale()) await buildBundle();
    if (!existsSync(CODE_CACHE)) await primeCodeCache();
    const { code, output } = await run();
    expect(output).toMatch(/\b[1-9]\d* passed, 0 failed/);
    expect(output).not.toMatch(/Warning/);
    expect(code).toBe(0);
  }, 180_000);
});
