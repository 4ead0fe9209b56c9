import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { cpuSeconds, freePort, simulatorCommand, startServer, type ServerProcess } from './lib/processes.ts';
import { expectJson, round } from './lib/http.ts';
import { actionUrl, recordData, symbeeTarget, type SymbeeTarget } from './lib/symbee.ts';

export interface LoadSettings {
  connections: number;
  /** Measured seconds per target, split evenly over the rounds. */
  durationS: number;
  warmupS: number;
  /**
   * Every target is measured once per round, in turn: on a shared machine a burst of someone else's work then hits
   * all targets alike instead of whichever ran at that moment.
   */
  rounds: number;
}

export const DEFAULT_LOAD: LoadSettings = { connections: 20, durationS: 10, warmupS: 2, rounds: 2 };

export interface LoadResult {
  name: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Server CPU time per request (user + system), in microseconds: less sensitive to other load than req/s. */
  serverCpuUsPerRequest?: number;
}

export interface ThroughputReport {
  settings: LoadSettings;
  results: LoadResult[];
  /** simulator req/s ÷ bare express req/s, per simulator action. */
  ratios: Record<string, number>;
  /** bare express CPU per request ÷ simulator CPU per request (1 = as cheap as bare express). */
  cpuRatios: Record<string, number | undefined>;
  /** Not judged: how far from plain node:http doing nothing, and what the (default) journal costs. */
  references: Record<string, number>;
  target: number;
}

type Request = autocannon.Request;

/**
 * Load from this process, each server in its own child process so the client and the server do not share an event
 * loop. The bare baseline receives exactly the same request (headers and body) and ignores it.
 */
export async function runThroughput(load: LoadSettings = DEFAULT_LOAD): Promise<ThroughputReport> {
  const results: LoadResult[] = [];
  const servers: ServerProcess[] = [];
  const bodyDir = mkdtempSync(join(tmpdir(), 'bench-body-'));
  try {
    const bare = await startBare(servers);
    const sim = await startSimulator(servers);
    const target = await symbeeTarget(sim.url);
    const journaling = await startSimulator(servers);
    const journalingAdd = addRequest(await symbeeTarget(journaling.url, 'default', true));
    const search = searchRequest(target);
    const add = addRequest(target);
    // The simulator's real search response, served by bare express too: separates the simulator's own cost from
    // the cost of sending the vendor's (much larger) response body.
    const searchBody = await expectJson(
      200,
      actionUrl(target, 'searchPreviewCampaign'),
      JSON.parse(search.body as string),
      target.headers,
    );
    const bodyFile = join(bodyDir, 'search-response.json');
    writeFileSync(bodyFile, JSON.stringify(searchBody));
    const bareSameBody = await startBare(servers, bodyFile);
    const bareNode = await startBare(servers, undefined, 'bench/servers/bare-node.ts');
    const bytes = Buffer.byteLength(JSON.stringify(searchBody));

    // One server busy at a time, each with a core of its own; each simulator run right after its baseline.
    const targets: Target[] = [
      { name: 'bare express {"ok":true} (search request)', server: bare, requests: [search] },
      { name: 'symbee searchPreviewCampaign by clientId', server: sim, requests: [search] },
      { name: 'bare express {"ok":true} (add request)', server: bare, requests: [add] },
      { name: 'symbee addOrUpdateCampaignRecord (unique)', server: sim, requests: [add] },
      { name: `bare express, the search response (${bytes} bytes)`, server: bareSameBody, requests: [search] },
      { name: 'bare node:http {"ok":true} (add request, not read)', server: bareNode, requests: [add] },
      { name: 'symbee addOrUpdateCampaignRecord, journal on', server: journaling, requests: [journalingAdd] },
    ];
    for (const target of targets) await warmUp(target, load);
    const rounds: Round[][] = targets.map(() => []);
    for (let r = 0; r < load.rounds; r++) {
      for (const [i, target] of targets.entries()) rounds[i]?.push(await measureRound(target, load));
    }
    const [bareSearch, simSearch, bareAdd, simAdd, bareSame, floor, journaled] = targets.map((t, i) =>
      summarize(t.name, rounds[i] as Round[], load),
    ) as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
    results.push(bareSearch, simSearch, bareAdd, simAdd, bareSame, floor, journaled);
    return {
      settings: load,
      results,
      ratios: {
        searchPreviewCampaign: ratio(simSearch, bareSearch),
        addOrUpdateCampaignRecord: ratio(simAdd, bareAdd),
        'searchPreviewCampaign vs bare sending the same body': ratio(simSearch, bareSame),
      },
      cpuRatios: {
        searchPreviewCampaign: cpuRatio(bareSearch, simSearch),
        addOrUpdateCampaignRecord: cpuRatio(bareAdd, simAdd),
        'searchPreviewCampaign vs bare sending the same body': cpuRatio(bareSame, simSearch),
      },
      references: {
        'addOrUpdateCampaignRecord vs bare node:http': ratio(simAdd, floor),
        'addOrUpdateCampaignRecord with the journal on vs bare express': ratio(journaled, bareAdd),
      },
      target: 0.8,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(bodyDir, { recursive: true, force: true });
  }
}

async function startBare(
  servers: ServerProcess[],
  bodyFile?: string,
  script = 'bench/servers/bare.ts',
): Promise<ServerProcess> {
  const port = await freePort();
  const args = ['--import', 'tsx', script, String(port), ...(bodyFile ? [bodyFile] : [])];
  const server = await startServer(args, port, '/health');
  servers.push(server);
  return server;
}

async function startSimulator(servers: ServerProcess[]): Promise<ServerProcess> {
  const port = await freePort();
  const server = await startServer(simulatorCommand(port), port, '/__admin/health');
  servers.push(server);
  return server;
}

function ratio(sim: LoadResult, bare: LoadResult): number {
  return round(sim.requestsPerSec / bare.requestsPerSec, 3);
}

function cpuRatio(bare: LoadResult, sim: LoadResult): number | undefined {
  if (!bare.serverCpuUsPerRequest || !sim.serverCpuUsPerRequest) return undefined;
  return round(bare.serverCpuUsPerRequest / sim.serverCpuUsPerRequest, 3);
}

function searchRequest(target: SymbeeTarget): Request {
  const url = new URL(actionUrl(target, 'searchPreviewCampaign'));
  return {
    method: 'POST',
    path: url.pathname,
    headers: target.headers,
    body: JSON.stringify({ ...target.envelope, campaignName: target.campaigns[0], clientId: '1001' }),
  };
}

/** Every request adds a new record: a unique clientId per request, set just before it is sent. */
function addRequest(target: SymbeeTarget): Request {
  const url = new URL(actionUrl(target, 'addOrUpdateCampaignRecord'));
  let n = 0;
  const bodyOf = (i: number) =>
    JSON.stringify({
      ...target.envelope,
      campaignName: target.campaigns[0],
      clientId: `bench-${i}`,
      previewRecordData: recordData(i),
    });
  return {
    method: 'POST',
    path: url.pathname,
    headers: target.headers,
    body: bodyOf(0),
    setupRequest: (req) => ({ ...req, body: bodyOf(n++) }),
  };
}

interface Target {
  name: string;
  server: ServerProcess;
  requests: Request[];
}

interface Round {
  result: autocannon.Result;
  cpuSeconds?: number;
}

async function warmUp(target: Target, load: LoadSettings): Promise<void> {
  if (load.warmupS > 0) {
    await autocannon({
      url: target.server.url,
      connections: load.connections,
      requests: target.requests,
      duration: load.warmupS,
    });
  }
}

async function measureRound(target: Target, load: LoadSettings): Promise<Round> {
  const pid = target.server.child.pid;
  const before = cpuSeconds(pid);
  const result = await autocannon({
    url: target.server.url,
    connections: load.connections,
    requests: target.requests,
    duration: load.durationS / load.rounds,
  });
  const after = cpuSeconds(pid);
  return { result, cpuSeconds: before === undefined || after === undefined ? undefined : after - before };
}

/** All rounds of one target as one run: requests over total time; latency percentiles are the worst round's. */
function summarize(name: string, rounds: Round[], load: LoadSettings): LoadResult {
  const sum = (pick: (r: Round) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  const requests = sum((r) => r.result.requests.total);
  const cpu = rounds.every((r) => r.cpuSeconds !== undefined) ? sum((r) => r.cpuSeconds as number) : undefined;
  return {
    name,
    requestsPerSec: round(requests / load.durationS, 0),
    p50Ms: Math.max(...rounds.map((r) => r.result.latency.p50)),
    p99Ms: Math.max(...rounds.map((r) => r.result.latency.p99)),
    requests,
    non2xx: sum((r) => r.result.non2xx),
    errors: sum((r) => r.result.errors),
    timeouts: sum((r) => r.result.timeouts),
    serverCpuUsPerRequest: cpu === undefined || requests === 0 ? undefined : round((cpu * 1e6) / requests, 0),
  };
}
