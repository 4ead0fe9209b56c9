import type { JobView } from '../simulators/core/jobs.ts';
import { createSandboxSection, expectJson, getJson, postJson, round, type LatencyStats } from './lib/http.ts';
import { freePort, simulatorCommand, startServer } from './lib/processes.ts';
import { actionUrl, symbeeTarget } from './lib/symbee.ts';

export interface NonBlockingSettings {
  records: number;
  /** Pause between probe rounds (health + vendor call). */
  probeEveryMs: number;
  /** Probe rounds on the idle server first, as the reference. */
  idleRounds: number;
}

export const DEFAULT_NON_BLOCKING: NonBlockingSettings = { records: 1_000_000, probeEveryMs: 10, idleRounds: 200 };

export interface NonBlockingReport {
  settings: NonBlockingSettings;
  seedMs: number;
  seeded: number;
  idle: { health: LatencyStats; vendorCall: LatencyStats };
  duringSeed: { health: LatencyStats; vendorCall: LatencyStats };
  /** The seed job's own account of how it held the event loop (JobView.slices). */
  seedSlices: JobView['slices'];
  targetP99Ms: number;
}

function stats(times: number[]): LatencyStats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    samples: sorted.length,
    medianMs: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}

async function timed(call: () => Promise<{ status: number }>, expected: number): Promise<number> {
  const started = performance.now();
  const res = await call();
  if (res.status !== expected) throw new Error(`probe answered ${res.status}`);
  return performance.now() - started;
}

/**
 * A 1,000,000-record Symbee seed runs as a job in one sandbox while the bench keeps probing `GET /__admin/health`
 * and a Symbee search in another sandbox: with the seed sliced, both must stay answered (p99 under the target).
 */
export async function runNonBlocking(settings = DEFAULT_NON_BLOCKING): Promise<NonBlockingReport> {
  const port = await freePort();
  const sim = await startServer(simulatorCommand(port), port, '/__admin/health');
  try {
    const seeded = await createSandboxSection<{ campaigns: string[] }>(sim.url, 'symbee', { id: 'seeded' });
    const other = await symbeeTarget(sim.url, 'default', true);
    const health = () => getJson(`${sim.url}/__admin/health`);
    const search = () =>
      postJson(
        actionUrl(other, 'searchPreviewCampaign'),
        { ...other.envelope, campaignName: other.campaigns[0], clientId: 'nobody' },
        other.headers,
      );
    const probe = async (into: { health: number[]; vendorCall: number[] }) => {
      into.health.push(await timed(health, 200));
      into.vendorCall.push(await timed(search, 200));
      await new Promise((r) => setTimeout(r, settings.probeEveryMs));
    };

    const idle = { health: [] as number[], vendorCall: [] as number[] };
    for (let i = 0; i < settings.idleRounds; i++) await probe(idle);

    const during = { health: [] as number[], vendorCall: [] as number[] };
    const seedStarted = performance.now();
    const job = (await expectJson(
      202,
      `${sim.url}/__admin/sandboxes/seeded/vendors/symbee/records`,
      { campaignName: seeded.campaigns[0], generate: settings.records },
      { prefer: 'respond-async' },
    )) as JobView;
    let state: JobView = job;
    for (let round = 0; state.state === 'running'; round++) {
      await probe(during);
      if (round % 10 === 0) state = (await expectJson(200, `${sim.url}/__admin/jobs/${job.id}`)) as JobView;
    }
    const seedMs = Math.round(performance.now() - seedStarted);
    if (state.state !== 'done') throw new Error(`seed job ${state.state}: ${JSON.stringify(state.error)}`);
    return {
      settings,
      seedMs,
      seeded: (state.result?.body as { total: number }).total,
      idle: { health: stats(idle.health), vendorCall: stats(idle.vendorCall) },
      duringSeed: { health: stats(during.health), vendorCall: stats(during.vendorCall) },
      seedSlices: state.slices,
      targetP99Ms: 50,
    };
  } finally {
    await sim.stop();
  }
}
