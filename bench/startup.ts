import { buildBundle, primeCodeCache } from '../scripts/build.mjs';
import { freePort, simulatorCommand, startServer } from './lib/processes.ts';
import { round } from './lib/http.ts';

export interface StartupVariant {
  name: string;
  command: string;
  runsMs: number[];
  medianMs: number;
}

export interface StartupReport {
  variants: StartupVariant[];
  /** The simulator's own entry point (`node scripts/start.mjs serve`) ÷ a bare node:http server started the same way. */
  entryRatio: number;
  entryTarget: number;
  /** What `npm start` adds over the entry point ÷ what npm adds over the bare server (`npm run bench:hello`). */
  /** entry ÷ bare within each round: the spread behind the median ratio. */
  entryRatioPerRound: number[];
  npmOverheadRatio: number;
  npmOverheadMs: { simulator: number; bare: number };
  /** The overheads as medians of per-round differences (npm start − entry, npm bare − bare). */
  pairedNpmOverheadMs: { simulator: number; bare: number };
  pairedNpmOverheadRatio: number;
  /**
   * The control: what npm adds to a bare server kept busy before listening as long as the entry point starts later
   * than the bare one (`--busy-ms`), against what `npm start` adds. npm keeps working while its child starts, and
   * on two cores a slower child pays more of that — a ratio above 1 against the fast bare server is npm's as well.
   */
  busyMs: number;
  npmOverheadMsSameStart: { simulator: number; bare: number };
  npmOverheadRatioSameStart: number;
  notes: string[];
}

interface Way {
  name: string;
  command: string;
  args: (port: number) => string[];
}

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Spawn → first 200 from GET /__admin/health (the bare server answers any path), in interleaved rounds so a busy
 * machine slows every way alike: the simulator's entry point against a bare node:http hello-world started the same
 * way, and `npm start` against `npm run bench:hello` (npm's own overhead). The bundle is built and its code cache
 * primed before timing, as `npm ci` leaves them, so no run pays for a rebuild. The bundle run directly (no code
 * cache) and the CLI under tsx are references.
 */
export async function runStartup(rounds = 7): Promise<StartupReport> {
  await buildBundle();
  await primeCodeCache();
  const node = process.execPath;
  const busyMs = await calibrateBusyMs(node);
  const ways: Way[] = [
    { name: 'bare node:http (node bench/servers/hello.mjs)', command: node, args: (p) => hello(p) },
    {
      name: 'entry point (node scripts/start.mjs serve)',
      command: node,
      args: (p) => serveArgs('scripts/start.mjs', p),
    },
    {
      name: 'npm run bench:hello (bare through npm)',
      command: NPM,
      args: (p) => ['run', 'bench:hello', '--', ...port(p)],
    },
    { name: '`npm start`', command: NPM, args: (p) => ['start', '--', ...port(p), '--no-journal'] },
    {
      name: 'bundle without code cache (node dist/campaign-sim.cjs serve)',
      command: node,
      args: (p) => serveArgs('dist/campaign-sim.cjs', p),
    },
    { name: 'CLI under tsx (node --import tsx src/cli/main.ts)', command: node, args: (p) => simulatorCommand(p) },
    {
      name: `bare node:http busy ${busyMs} ms first (the control)`,
      command: node,
      args: (p) => [...hello(p), '--busy-ms', String(busyMs)],
    },
    {
      name: `npm run bench:hello, busy ${busyMs} ms first (the control through npm)`,
      command: NPM,
      args: (p) => ['run', 'bench:hello', '--', ...port(p), '--busy-ms', String(busyMs)],
    },
  ];
  const runs = ways.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, way] of ways.entries()) {
      const p = await freePort();
      const server = await startServer(way.args(p), p, '/__admin/health', {}, way.command);
      (runs[i] as number[]).push(Math.round(server.startupMs));
      await server.stop();
    }
  }
  const variants = ways.map((way, i) => ({
    name: way.name,
    command: `${way.command === node ? 'node' : 'npm'} ${way.args(0).join(' ')}`,
    runsMs: runs[i] as number[],
    medianMs: median(runs[i] as number[]),
  }));
  const [bare, entry, npmBare, npmStart] = variants.map((v) => v.medianMs) as [number, number, number, number];
  const [busyBare, npmBusyBare] = variants.slice(-2).map((v) => v.medianMs) as [number, number];
  const npmOverheadMsSameStart = { simulator: npmStart - entry, bare: npmBusyBare - busyBare };
  const npmOverheadMs = { simulator: npmStart - entry, bare: npmBare - bare };
  // The same within each round (the four ways run back to back, so a busy spell hits both sides of a difference):
  // steadier than a difference of medians when other work loads the machine.
  const [bareRuns, entryRuns, npmBareRuns, npmStartRuns] = runs as [number[], number[], number[], number[]];
  const pairedOverheadMs = {
    simulator: median(npmStartRuns.map((ms, r) => ms - (entryRuns[r] as number))),
    bare: median(npmBareRuns.map((ms, r) => ms - (bareRuns[r] as number))),
  };
  return {
    variants,
    entryRatio: round(entry / bare),
    entryRatioPerRound: entryRuns.map((ms, r) => round(ms / (bareRuns[r] as number))),
    entryTarget: 2.5,
    npmOverheadRatio: round(npmOverheadMs.simulator / npmOverheadMs.bare),
    npmOverheadMs,
    pairedNpmOverheadMs: pairedOverheadMs,
    pairedNpmOverheadRatio: round(pairedOverheadMs.simulator / pairedOverheadMs.bare),
    busyMs,
    npmOverheadMsSameStart,
    npmOverheadRatioSameStart: round(npmOverheadMsSameStart.simulator / npmOverheadMsSameStart.bare),
    notes: [],
  };
}

/** How much later the entry point is healthy than the bare server: the median of three paired starts. */
async function calibrateBusyMs(node: string): Promise<number> {
  const gaps: number[] = [];
  for (let i = 0; i < 3; i++) {
    const times: number[] = [];
    for (const args of [hello, (p: number) => serveArgs('scripts/start.mjs', p)]) {
      const p = await freePort();
      const server = await startServer(args(p), p, '/__admin/health', {}, node);
      times.push(server.startupMs);
      await server.stop();
    }
    gaps.push(Math.max(0, (times[1] as number) - (times[0] as number)));
  }
  return median(gaps);
}

const port = (p: number) => ['--port', String(p)];
const hello = (p: number) => ['bench/servers/hello.mjs', ...port(p)];
const serveArgs = (file: string, p: number) => [file, 'serve', ...port(p), '--no-journal'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)] as number, 0);
}
