import { expectJson, round, sampleLatency, type LatencyStats } from './lib/http.ts';
import { cpuSeconds, freePort, rssBytes, simulatorCommand, startServer } from './lib/processes.ts';
import { actionUrl, seedGenerated, symbeeTarget, type SymbeeTarget } from './lib/symbee.ts';

export interface ScaleSettings {
  bigRecords: number;
  smallRecords: number;
  /** Sequential requests per clientId lookup measurement. */
  lookupSamples: number;
  /** Sequential requests per criteria search (each scans the whole campaign). */
  scanSamples: number;
}

export const DEFAULT_SCALE: ScaleSettings = {
  bigRecords: 1_000_000,
  smallRecords: 1_000,
  lookupSamples: 500,
  scanSamples: 15,
};

export interface ScaleReport {
  settings: ScaleSettings;
  seedMs: number;
  bigCampaignTotal: number;
  smallCampaignTotal: number;
  lookup: { small: LatencyStats; big: LatencyStats; medianRatio: number };
  criteria: {
    name: string;
    criteria: unknown;
    maxRecords?: number;
    matched: number;
    /** Wall time seen by the client (includes waiting for a core on a busy machine). */
    latency: LatencyStats;
    /** Server CPU time per search (user + system): the work itself, whatever else the machine runs. */
    serverCpuMs?: number;
  }[];
  criteriaTargetMs: number;
  rssBytes: { afterStart?: number; afterSeed?: number; afterSearches?: number };
}

interface SearchResponse {
  previewResult: { previewResultStatus: string; error: string | null };
  previewRecordClientData: { clientId: string }[];
}

/**
 * One campaign of `bigRecords` and one of `smallRecords` in the same sandbox: a clientId lookup must cost the same
 * in both (O(1)), and a criteria search that scans every record must stay under the target.
 */
export async function runScale(settings: ScaleSettings = DEFAULT_SCALE): Promise<ScaleReport> {
  const port = await freePort();
  const sim = await startServer(simulatorCommand(port), port, '/__admin/health');
  try {
    const target = await symbeeTarget(sim.url);
    const [bigCampaign, smallCampaign] = target.campaigns as [string, string];
    const afterStart = rssBytes(sim.child.pid);

    const seedStarted = performance.now();
    const bigTotal = await seedGenerated(sim.url, target, bigCampaign, settings.bigRecords);
    const smallTotal = await seedGenerated(sim.url, target, smallCampaign, settings.smallRecords);
    const seedMs = Math.round(performance.now() - seedStarted);
    const afterSeed = rssBytes(sim.child.pid);

    const search = (body: Record<string, unknown>) => searchOnce(target, body);
    // Look up records spread over the campaign (generated clientIds are gen-<index>), late ones included.
    const lookup = (campaignName: string, total: number) => {
      let i = 0;
      return sampleLatency(settings.lookupSamples, async () => {
        const clientId = `gen-${total - 1 - ((i++ * 7919) % Math.min(total, settings.smallRecords))}`;
        const out = await search({ campaignName, clientId });
        if (out.previewRecordClientData[0]?.clientId !== clientId) throw new Error(`lookup of ${clientId} failed`);
      });
    };
    // Warm both paths up before measuring, so the first measured one is not penalized by JIT compilation.
    await lookup(smallCampaign, smallTotal);
    const small = await lookup(smallCampaign, smallTotal);
    const big = await lookup(bigCampaign, bigTotal);

    const lastName = `Customer ${bigTotal - 1}`;
    const scans: { name: string; criteria: unknown[]; maxRecords?: number; expect: number }[] = [
      {
        name: 'custom key EQUALS, matches nothing',
        criteria: [{ key: 'name', condition: 'EQUALS', value: 'Nobody' }],
        expect: 0,
      },
      {
        name: 'numeric GREATERTHAN, matches nothing',
        criteria: [{ key: 'Account Number', condition: 'GREATERTHAN', value: '99999999' }],
        expect: 0,
      },
      {
        name: 'sys_worked_state EQUALS COMPLETED, matches nothing',
        criteria: [{ key: 'sys_worked_state', condition: 'EQUALS', value: 'COMPLETED' }],
        expect: 0,
      },
      {
        name: 'custom key EQUALS, matches the last record',
        criteria: [{ key: 'Name', condition: 'EQUALS', value: lastName }],
        maxRecords: 1,
        expect: 1,
      },
      {
        name: 'two criteria (CONTAINS + BEGINSWITH), match the last record',
        criteria: [
          { key: 'Name', condition: 'CONTAINS', value: String(bigTotal - 1) },
          { key: 'Home Phone', condition: 'BEGINSWITH', value: '+1555' },
        ],
        expect: 1,
      },
    ];
    const criteria: ScaleReport['criteria'] = [];
    for (const scan of scans) {
      const body = {
        campaignName: bigCampaign,
        previewRecordData: scan.criteria,
        ...(scan.maxRecords ? { maxRecords: scan.maxRecords } : {}),
      };
      let matched = -1;
      await search(body);
      const cpuBefore = cpuSeconds(sim.child.pid);
      const latency = await sampleLatency(settings.scanSamples, async () => {
        matched = (await search(body)).previewRecordClientData.length;
      });
      const cpuAfter = cpuSeconds(sim.child.pid);
      const serverCpuMs =
        cpuBefore === undefined || cpuAfter === undefined
          ? undefined
          : round(((cpuAfter - cpuBefore) * 1000) / settings.scanSamples, 1);
      if (matched !== scan.expect) throw new Error(`${scan.name}: matched ${matched}, expected ${scan.expect}`);
      criteria.push({
        name: scan.name,
        criteria: scan.criteria,
        maxRecords: scan.maxRecords,
        matched,
        latency,
        serverCpuMs,
      });
    }

    return {
      settings,
      seedMs,
      bigCampaignTotal: bigTotal,
      smallCampaignTotal: smallTotal,
      lookup: { small, big, medianRatio: round(big.medianMs / small.medianMs, 2) },
      criteria,
      criteriaTargetMs: 200,
      rssBytes: { afterStart, afterSeed, afterSearches: rssBytes(sim.child.pid) },
    };
  } finally {
    await sim.stop();
  }
}

async function searchOnce(target: SymbeeTarget, body: Record<string, unknown>): Promise<SearchResponse> {
  const out = (await expectJson(
    200,
    actionUrl(target, 'searchPreviewCampaign'),
    { ...target.envelope, ...body },
    target.headers,
  )) as SearchResponse;
  if (out.previewResult.previewResultStatus !== 'SUCCESS') {
    throw new Error(`search failed: ${out.previewResult.previewResultStatus} ${out.previewResult.error}`);
  }
  return out;
}
