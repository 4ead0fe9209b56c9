/**
 * 8x8 scale bench: 5,000,000 records added to one dynamic campaign through the HTTP API in batches, then read back
 * (records.json, streamed). Reports wall time and the simulator process's peak RSS against the targets (< 60 s,
 * < 2.5 GB). `npm run bench` calls the default export; `npx tsx bench/eightbyeight.ts [records]` runs it alone.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CampaignRecordSchema } from '../contracts/eightbyeight/schemas.ts';
import { EightByEightClient } from '../src/clients/eightbyeight/index.ts';
import { createSandboxSection } from './lib/http.ts';
import { freePort, rssBytes, simulatorCommand, startServer } from './lib/processes.ts';

const RECORDS = 5_000_000;
const BATCH = 50_000;
/** Batches in flight at once: the client builds the next body while the simulator works on the current one. */
const IN_FLIGHT = 2;
const TARGET_MS = 60_000;
const TARGET_RSS_BYTES = 2.5 * 2 ** 30;
const CAMPAIGN_ID = 125;

/** Peak resident set size of a process (VmHWM, Linux). */
function peakRssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const gib = (bytes: number | undefined) =>
  bytes === undefined ? undefined : Math.round((bytes / 2 ** 30) * 1000) / 1000;

export default async function run(records = RECORDS): Promise<Record<string, unknown>> {
  const port = await freePort();
  const sim = await startServer(simulatorCommand(port), port, '/__admin/health');
  try {
    const section = await createSandboxSection<Record<string, string>>(sim.url, 'eightbyeight', {
      id: 'bench-8x8',
      seed: 1,
      clock: { now: '2024-03-01T10:00:00Z', frozen: true },
      journal: { enabled: false },
      options: { eightbyeight: { crmSize: Math.max(records, 1) } },
    });
    const client = new EightByEightClient({
      baseUrl: section.baseUrl as string,
      username: section.username as string,
      actionToken: section.actionToken as string,
      dataToken: section.dataToken as string,
      timeoutMs: 120_000,
    });
    const rssAtStart = rssBytes(sim.child.pid);
    const firstCustomer = 10_000_000;

    // ---- add ------------------------------------------------------------------------------------------------------
    const addStarted = performance.now();
    let next = 0;
    let added = 0;
    let refused = 0;
    const worker = async () => {
      while (next < records) {
        const from = next;
        const count = Math.min(BATCH, records - from);
        next += count;
        const batch = Array.from({ length: count }, (_, i) => ({ customerId: firstCustomer + from + i }));
        const result = await client.addRecords(CAMPAIGN_ID, batch);
        added += result.added.length;
        refused += result.refused.length;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const addMs = Math.round(performance.now() - addStarted);
    const rssAfterAdd = rssBytes(sim.child.pid);

    // ---- read back ------------------------------------------------------------------------------------------------
    const readStarted = performance.now();
    let read = 0;
    let lastRecordId = 0;
    let ordered = true;
    // The simulator is what is measured: the client skips its per-record contract check; a sample is checked here.
    for await (const batch of client.streamRecordBatches(CAMPAIGN_ID, {}, { validate: false })) {
      if (read === 0 && batch[0]) CampaignRecordSchema.parse(batch[0]);
      for (const record of batch) {
        if (record['record-id'] <= lastRecordId) ordered = false;
        lastRecordId = record['record-id'];
      }
      read += batch.length;
    }
    const readMs = Math.round(performance.now() - readStarted);
    const campaign = await client.getCampaign(CAMPAIGN_ID);
    const peak = peakRssBytes(sim.child.pid);
    const totalMs = addMs + readMs;

    return {
      records,
      batchSize: BATCH,
      batches: Math.ceil(records / BATCH),
      added,
      refused,
      noOfRecords: campaign['no-of-records'],
      readBack: read,
      readBackInOrder: ordered,
      addMs,
      addRecordsPerSec: Math.round(records / (addMs / 1000)),
      readMs,
      readRecordsPerSec: Math.round(read / (readMs / 1000)),
      totalMs,
      targetMs: TARGET_MS,
      withinTime: totalMs < TARGET_MS,
      rssGiB: { atStart: gib(rssAtStart), afterAdd: gib(rssAfterAdd), peak: gib(peak) },
      targetPeakRssGiB: gib(TARGET_RSS_BYTES),
      withinMemory: peak === undefined ? undefined : peak < TARGET_RSS_BYTES,
    };
  } finally {
    await sim.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const records = process.argv[2] ? Number(process.argv[2]) : RECORDS;
  console.log(JSON.stringify(await run(records), null, 2));
}
