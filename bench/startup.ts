import { buildBundle } from '../scripts/build.mjs';
import { freePort, simulatorCommand, startServer } from './lib/processes.ts';
import { round } from './lib/http.ts';

export interface StartupVariant {
  name: string;
  command: string;
  runsMs: number[];
  medianMs: number;
  /** Whether the start-up target applies: only to `npm start`; the others are references. */
  targeted: boolean;
}

export interface StartupReport {
  targetMs: number;
  variants: StartupVariant[];
  notes: string[];
}

/**
 * Spawn → first 200 from GET /__admin/health, several times per way of starting: what `npm start` runs (the CLI
 * bundled by scripts/build.mjs, built before timing so no run pays for a rebuild), the same CLI under the tsx loader
 * (what tests and `npm run sim` under development use), and bare Node as the floor.
 */
export async function runStartup(runs = 5): Promise<StartupReport> {
  const notes: string[] = [];
  await buildBundle();
  const variants = [
    await measure(
      '`npm start` (node scripts/start.mjs serve: bundled CLI)',
      (port) => ['scripts/start.mjs', 'serve', '--port', String(port), '--no-journal'],
      runs,
      true,
    ),
    await measure('CLI under tsx (node --import tsx src/cli/main.ts)', (port) => simulatorCommand(port), runs, false),
    await measure('plain `node -e` (process start floor)', nodeFloor, runs, false),
  ];
  return { targetMs: 500, variants, notes };
}

/** The cost of starting Node at all: a process that serves the health path with node:http and nothing else. */
function nodeFloor(port: number): string[] {
  const code = `require('node:http').createServer((q,s)=>s.end('ok')).listen(${port},'127.0.0.1')`;
  return ['-e', code];
}

async function measure(
  name: string,
  args: (port: number) => string[],
  runs: number,
  targeted: boolean,
): Promise<StartupVariant> {
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
    targeted,
  };
}
