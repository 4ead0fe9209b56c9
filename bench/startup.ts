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

  for (const [name, external] of [
    ['CLI precompiled: app bundled, dependencies from node_modules', true],
    ['CLI precompiled: one file, dependencies bundled too', false],
  ] as const) {
    const bundle = await bundleCli(external);
    if (!bundle) {
      notes.push('esbuild not importable: precompiled variants skipped');
      break;
    }
    try {
      variants.push(
        await measure(name, (port) => [bundle.file, 'serve', '--port', String(port), '--no-journal'], runs),
      );
    } finally {
      bundle.cleanup();
    }
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
 * Bundles the CLI with esbuild (tsx's own compiler) so bare `node` runs it without a TypeScript loader: either the
 * project's code only, its dependencies still resolved from the repository's node_modules (the temporary directory
 * sits inside it for that), or everything in one file.
 */
async function bundleCli(externalDependencies: boolean): Promise<{ file: string; cleanup: () => void } | undefined> {
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
    packages: externalDependencies ? 'external' : undefined,
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: externalDependencies
      ? undefined
      : {
          js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        },
    outfile: file,
    logLevel: 'error',
  });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
