import autocannon from 'autocannon';
import { cpuSeconds, freePort, simulatorCommand, startServer, type ServerProcess } from './lib/processes.ts';
import { round } from './lib/http.ts';
import { actionUrl, recordData, symbeeTarget, type SymbeeTarget } from './lib/symbee.ts';

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
}

export const DEFAULT_LOAD: LoadSettings = { connections: 20, durationS: 10, warmupS: 2 };

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
  target: number;
}

type Request = autocannon.Request;

/**
 * Load from this process, each server in its own child process so the client and the server do not share an event
 * loop. The bare baseline receives exactly the same request (headers and body) and ignores it.
 */
export async function runThroughput(load: LoadSettings = DEFAULT_LOAD): Promise<ThroughputReport> {
  const results: LoadResult[] = [];

  const barePort = await freePort();
  const bare = await startServer(['--import', 'tsx', 'bench/servers/bare.ts', String(barePort)], barePort, '/health');
  const simPort = await freePort();
  const sim = await startServer(simulatorCommand(simPort), simPort, '/__admin/health').catch(async (err: unknown) => {
    await bare.stop();
    throw err;
  });
  try {
    const target = await symbeeTarget(sim.url);
    const search = searchRequest(target);
    const add = addRequest(target);
    // Bare first, then each simulator action: only one server is busy at a time, each gets a core.
    results.push(await measure('bare express {"ok":true} (search body)', bare, [search], load));
    results.push(await measure('symbee searchPreviewCampaign by clientId', sim, [search], load));
    results.push(await measure('bare express {"ok":true} (add body)', bare, [add], load));
    results.push(await measure('symbee addOrUpdateCampaignRecord (unique)', sim, [add], load));
  } finally {
    await Promise.all([bare.stop(), sim.stop()]);
  }
  const [bareSearch, simSearch, bareAdd, simAdd] = results as [LoadResult, LoadResult, LoadResult, LoadResult];
  return {
    settings: load,
    results,
    ratios: {
      searchPreviewCampaign: round(simSearch.requestsPerSec / bareSearch.requestsPerSec, 3),
      addOrUpdateCampaignRecord: round(simAdd.requestsPerSec / bareAdd.requestsPerSec, 3),
    },
    cpuRatios: {
      searchPreviewCampaign: cpuRatio(bareSearch, simSearch),
      addOrUpdateCampaignRecord: cpuRatio(bareAdd, simAdd),
    },
    target: 0.8,
  };
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

async function measure(
  name: string,
  server: ServerProcess,
  requests: Request[],
  load: LoadSettings,
): Promise<LoadResult> {
  const base = { url: server.url, connections: load.connections, requests };
  if (load.warmupS > 0) await autocannon({ ...base, duration: load.warmupS });
  const cpuBefore = cpuSeconds(server.child.pid);
  const r = await autocannon({ ...base, duration: load.durationS });
  const cpuAfter = cpuSeconds(server.child.pid);
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return {
    name,
    requestsPerSec: round(r.requests.average, 0),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    serverCpuUsPerRequest:
      cpu === undefined || r.requests.total === 0 ? undefined : round((cpu * 1e6) / r.requests.total, 0),
  };
}
