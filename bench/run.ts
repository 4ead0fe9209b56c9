/**
 * `npm run bench`: throughput against bare express, Symbee at 1,000,000 records, start-up to healthy, and the vendor
 * benches that exist (bench/<vendor>.ts exporting `default async function run()`). Prints tables and writes
 * reports/bench.json. `--quick` runs a shorter version (3 s load, 100,000 records) for checking the bench itself;
 * `--only throughput,scale,startup,nonblocking,vendors,abuse` picks sections; `--records N` sets the abuse section's
 * big sandbox (default 500,000 Symbee records — the 3.9 s stall; `--records 5000000`, the backdoor's maximum,
 * runs in Node's default heap in about six minutes).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeAgent } from './lib/http.ts';
import { ROOT } from './lib/processes.ts';
import { mib, table, verdict } from './lib/table.ts';
import { DEFAULT_ABUSE_RECORDS, MAX_LOOP_DELAY_MS, SAVE_HEALTH_P99_MS, runAbuse, type AbuseReport } from './abuse.ts';
import { DEFAULT_SCALE, runScale, type ScaleReport } from './scale.ts';
import { DEFAULT_NON_BLOCKING, runNonBlocking, type NonBlockingReport } from './nonblocking.ts';
import { runStartup, type StartupReport } from './startup.ts';
import { DEFAULT_LOAD, runThroughput, type ThroughputReport } from './throughput.ts';

const SECTIONS = ['throughput', 'scale', 'startup', 'nonblocking', 'vendors', 'abuse'] as const;
type Section = (typeof SECTIONS)[number];
const VENDOR_BENCHES = ['eightbyeight', 'sinch', 'jtel', 'engage', 'engage-outreach'];

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, records: { type: 'string' } },
});
const only = new Set((values.only?.split(',') ?? SECTIONS) as Section[]);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; use ${SECTIONS.join(', ')}`);

interface Report {
  date: string;
  machine: { cpus: number; cpuModel?: string; memoryGiB: number; node: string };
  quick: boolean;
  throughput?: ThroughputReport;
  scale?: ScaleReport;
  startup?: StartupReport;
  nonblocking?: NonBlockingReport;
  vendors?: Record<string, unknown>;
  abuse?: AbuseReport;
}

const report: Report = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  quick: values.quick,
};

function section(title: string): void {
  console.log(`\n## ${title}\n`);
}

if (only.has('startup')) {
  section('Start-up to healthy (spawn → first 200 from GET /__admin/health), interleaved rounds');
  const startup = (report.startup = await runStartup(values.quick ? 3 : 7));
  console.log(
    table(
      ['how', 'median ms', 'runs (ms)'],
      startup.variants.map((v) => [v.name, v.medianMs, v.runsMs.join(', ')]),
    ),
  );
  console.log(
    `\nentry point ÷ bare node:http: ${startup.entryRatio} (target ≤ ${startup.entryTarget}) ${verdict(startup.entryRatio <= startup.entryTarget)}`,
  );
  console.log(
    `npm start adds ${startup.npmOverheadMs.simulator} ms over the entry point; npm adds ${startup.npmOverheadMs.bare} ms over the bare server: ratio ${startup.npmOverheadRatio} (reference: the bare server starts faster)`,
  );
  console.log(
    `npm adds ${startup.npmOverheadMsSameStart.bare} ms to the control (bare, busy ${startup.busyMs} ms first: as slow to start as the entry point): npm start's ${startup.npmOverheadMsSameStart.simulator} ms ÷ that = ${startup.npmOverheadRatioSameStart} (target ≤ 1) ${verdict(startup.npmOverheadRatioSameStart <= 1)}`,
  );
  console.log(
    `per round: entry ÷ bare ${startup.entryRatioPerRound.join(', ')}; npm overheads as medians of per-round differences: ${startup.pairedNpmOverheadMs.simulator} vs ${startup.pairedNpmOverheadMs.bare} ms, ratio ${startup.pairedNpmOverheadRatio}`,
  );
  for (const note of startup.notes) console.log(`note: ${note}`);
}

if (only.has('throughput')) {
  const load = values.quick ? { connections: 20, durationS: 4, warmupS: 1, rounds: 2 } : DEFAULT_LOAD;
  section(
    `Throughput (autocannon, ${load.connections} connections, ${load.durationS} s per target in ${load.rounds} interleaved rounds after a ${load.warmupS} s warm-up; journal off)`,
  );
  const tp = (report.throughput = await runThroughput(load));
  console.log(
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'requests', 'non-2xx', 'errors'],
      tp.results.map((r) => [
        r.name,
        r.requestsPerSec,
        r.p50Ms,
        r.p99Ms,
        r.serverCpuUsPerRequest,
        r.requests,
        r.non2xx,
        r.errors + r.timeouts,
      ]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['simulator ÷ bare express', 'req/s ratio', `target ≥ ${tp.target}`, 'CPU/req ratio (bare ÷ sim)'],
      Object.entries(tp.ratios).map(([action, ratio]) => [
        action,
        ratio,
        verdict(ratio >= tp.target),
        tp.cpuRatios[action],
      ]),
    ),
  );
  for (const [what, ratio] of Object.entries(tp.references)) console.log(`reference (not judged): ${what} = ${ratio}`);
}

if (only.has('scale')) {
  const settings = values.quick
    ? { ...DEFAULT_SCALE, bigRecords: 100_000, lookupSamples: 200, scanSamples: 5 }
    : DEFAULT_SCALE;
  section(`Scale (Symbee: ${settings.bigRecords.toLocaleString('en-US')} records in one campaign)`);
  const sc = (report.scale = await runScale(settings));
  console.log(
    `seeded ${sc.bigCampaignTotal.toLocaleString('en-US')} + ${sc.smallCampaignTotal.toLocaleString('en-US')} records in ${sc.seedMs} ms`,
  );
  console.log(
    `server RSS: ${mib(sc.rssBytes.afterStart)} at start, ${mib(sc.rssBytes.afterSeed)} after seeding, ${mib(sc.rssBytes.afterSearches)} after the searches\n`,
  );
  console.log(
    table(
      ['search by clientId', 'records', 'median ms', 'p99 ms', 'max ms'],
      [
        [
          'small campaign',
          sc.smallCampaignTotal,
          sc.lookup.small.medianMs,
          sc.lookup.small.p99Ms,
          sc.lookup.small.maxMs,
        ],
        ['big campaign', sc.bigCampaignTotal, sc.lookup.big.medianMs, sc.lookup.big.p99Ms, sc.lookup.big.maxMs],
      ],
    ),
  );
  console.log(`big ÷ small median: ${sc.lookup.medianRatio} (flat = O(1))\n`);
  console.log(
    table(
      [
        `criteria search over ${sc.bigCampaignTotal.toLocaleString('en-US')}`,
        'matched',
        'median ms',
        'max ms',
        'server CPU ms',
        `median < ${sc.criteriaTargetMs} ms`,
      ],
      sc.criteria.map((c) => [
        c.name,
        c.matched,
        c.latency.medianMs,
        c.latency.maxMs,
        c.serverCpuMs,
        verdict(c.latency.medianMs < sc.criteriaTargetMs),
      ]),
    ),
  );
  console.log(
    '(ms: wall time at the client; server CPU ms: the search itself, unaffected by other load on the machine)',
  );
}

if (only.has('nonblocking')) {
  const settings = values.quick ? { ...DEFAULT_NON_BLOCKING, records: 200_000, idleRounds: 50 } : DEFAULT_NON_BLOCKING;
  section(
    `Admin work never blocks: probes while ${settings.records.toLocaleString('en-US')} Symbee records are seeded as a job in another sandbox`,
  );
  const nb = (report.nonblocking = await runNonBlocking(settings));
  console.log(
    `seeded ${nb.seeded.toLocaleString('en-US')} records in ${nb.seedMs} ms (job, ${nb.seedSlices.count} slices, the longest ${nb.seedSlices.longestMs} ms)\n`,
  );
  console.log(
    table(
      ['probe', 'when', 'samples', 'median ms', 'p99 ms', 'max ms', `p99 < ${nb.targetP99Ms} ms`],
      [
        ['GET /__admin/health', 'idle', ...row(nb.idle.health), '(reference)'],
        [
          'GET /__admin/health',
          'during the seed',
          ...row(nb.duringSeed.health),
          verdict(nb.duringSeed.health.p99Ms < nb.targetP99Ms),
        ],
        ['Symbee search (default sandbox)', 'idle', ...row(nb.idle.vendorCall), '(reference)'],
        [
          'Symbee search (default sandbox)',
          'during the seed',
          ...row(nb.duringSeed.vendorCall),
          verdict(nb.duringSeed.vendorCall.p99Ms < nb.targetP99Ms),
        ],
      ],
    ),
  );
}

function row(s: { samples: number; medianMs: number; p99Ms: number; maxMs: number }): number[] {
  return [s.samples, s.medianMs, s.p99Ms, s.maxMs];
}

if (only.has('vendors')) {
  report.vendors = {};
  for (const vendor of VENDOR_BENCHES) {
    const file = join(ROOT, 'bench', `${vendor}.ts`);
    if (!existsSync(file)) continue;
    section(`Vendor bench: ${vendor} (bench/${vendor}.ts)`);
    const mod = (await import(file)) as { default?: unknown };
    if (typeof mod.default !== 'function') {
      console.log(`skipped: bench/${vendor}.ts has no default export function`);
      continue;
    }
    try {
      const result: unknown = await (mod.default as () => Promise<unknown>)();
      report.vendors[vendor] = result;
      console.log(JSON.stringify(result, null, 2));
    } catch (err) {
      report.vendors[vendor] = { error: (err as Error).message };
      console.log(`failed: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  }
  if (Object.keys(report.vendors).length === 0) console.log('\n(no vendor benches present)');
}

if (only.has('abuse')) {
  const records = Number(values.records ?? (values.quick ? 200_000 : DEFAULT_ABUSE_RECORDS));
  section(
    'Abuse (issue 15 attacks against one process, loopback; health probed every 20 ms; loop delay measured inside)',
  );
  const ab = (report.abuse = await runAbuse(records));
  console.log(
    table(
      [
        'attack',
        'requests',
        'answers',
        '5xx',
        'wall ms',
        'server CPU ms',
        'max loop delay ms',
        `< ${MAX_LOOP_DELAY_MS}`,
        'health p99 ms',
        'RSS',
        'note',
      ],
      ab.rows.map((r) => [
        r.attack,
        r.requests,
        r.answers || '—',
        r.fiveXx,
        r.wallMs,
        r.serverCpuMs,
        r.maxLoopDelayMs,
        verdict(r.maxLoopDelayMs < MAX_LOOP_DELAY_MS),
        r.healthP99Ms,
        `${r.rssMiB} MiB`,
        r.note ?? '',
      ]),
    ),
  );
  const sv = ab.save;
  console.log(
    `\nbig sandbox: ${sv.records.toLocaleString('en-US')} Symbee records seeded in ${sv.seedMs} ms; saved in ${sv.saveMs} ms (${sv.serverCpuMs} ms of server CPU; ${sv.fileMiB} MiB file)`,
  );
  console.log(
    `during the save: max loop delay ${sv.maxLoopDelayMs} ms (${verdict(sv.maxLoopDelayMs < MAX_LOOP_DELAY_MS)} < ${MAX_LOOP_DELAY_MS}), health p99 ${sv.healthP99Ms} ms over ${sv.healthSamples} probes (${verdict(sv.healthP99Ms < SAVE_HEALTH_P99_MS)} < ${SAVE_HEALTH_P99_MS}), max ${sv.healthMaxMs} ms; idle with the sandbox loaded (baseline, same run): p99 ${sv.idleHealthP99Ms} ms, max ${sv.idleHealthMaxMs} ms`,
  );
  console.log(
    `stop (SIGTERM, nothing changed since the save): ${sv.stopMs} ms; restart ready in ${sv.restartReadyMs} ms with ${sv.restoredRecords.toLocaleString('en-US')} records restored (peak RSS ${sv.restartPeakRssMiB} MiB); peak RSS ${ab.peakRssMiB} MiB; Node's default heap (limit ${sv.heapLimitMiB} MiB)`,
  );
}

closeAgent();
mkdirSync(join(ROOT, 'reports'), { recursive: true });
const out = join(ROOT, 'reports', 'bench.json');
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nreport: ${out}`);
