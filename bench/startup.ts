import { mkdtempSync, rmSync } from 'node:fs';

import { join } from 'node:path';
import { CLI, ROOT, freePort, simulatorCommand, startServer } from './lib/processes.ts';
import { round } from './lib/http.ts';

export interface StartupVariant {
  name: string;
  command: string;
  runsMs: number[];
  medianMs: number;
}

export interface StartupReport {
  targetMs: number;
  variants: StartupVariant[];
  notes: string[];
}

/**
 * Spawn → first 200 from GET /__admin/health, several times per way of starting (the first run also pays for a
 * cold tsx cache). Besides the CLI under tsx (what `npm start` runs), the same CLI bundled ahead of time with
 * esbuild shows how much of the time is the TypeScript loader.
 */
export async function runStartup(runs = 5): Promise<StartupReport> {
  const variants: StartupVariant[] = [];
  const notes: string[] = [];
  variants.push(await measure('CLI under tsx (node --import tsx)', (port) => simulatorCommand(port), runs));

  const bundle = await bundleCli();
  if (bundle) {
    try {
      variants.push(
        await measure(
          'CLI precompiled (esbuild bundle, plain node)',
          (port) => [bundle.file, 'serve', '--port', String(port), '--no-journal'],
          runs,
        ),
      );
    } finally {
      bundle.cleanup();
    }
  } else {
    notes.push('esbuild not importable: precompiled variant skipped');
  }
  variants.push(await measure('plain `node -e` (process start floor)', nodeFloor, runs));
  return { targetMs: 500, variants, notes };
}

/** The cost of starting Node at all: a process that serves the health path with node:http and nothing else. */
function nodeFloor(port: number): string[] {
  const code = `require('node:http').createServer((q,s)=>s.end('ok')).listen(${port},'127.0.0.1')`;
  return ['-e', code];
}

async function measure(name: string, args: (port: number) => string[], runs: number): Promise<StartupVariant> {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const server = await startServer(args(port), port, '/__admin/health');
    runsMs.push(Math.round(server.startupMs));
    await server.stop();
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return {
    name,
    command: `node ${args(0).join(' ')}`,
    runsMs,
    medianMs: round(sorted[Math.floor(sorted.length / 2)] as number, 0),
  };
}

/**
 * Bundles the CLI (dependencies stay external, resolved from the repository's node_modules) into a temporary
 * directory inside the repository, so bare `node` can run it without a TypeScript loader.
 */
async function bundleCli(): Promise<{ file: string; cleanup: () => void } | undefined> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.bench-startup-'));
  const file = join(dir, 'main.mjs');
  await esbuild.build({
    entryPoints: [join(ROOT, CLI)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: file,
    logLevel: 'error',
  });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
