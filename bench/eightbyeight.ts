/**
 * 8x8 scale bench: 5,000,000 records added to one dynamic campaign through the HTTP API in batches, then read back
 * (records.json, streamed). Reports wall time and the simulator process's peak RSS against the targets (< 60 s,
 * < 2.5 GB). Then, unjudged, the document's "Uploads for a maximum of 5 million records" as one request: the same
 * number of entries, each with a `schedule-date-time`, in a single add to a fresh dynamic campaign (it must succeed).
 * `npm run bench` calls the default export; `npx tsx bench/eightbyeight.ts [records]` runs it alone.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CampaignRecordSchema } from '../contracts/eightbyeight/schemas.ts';
import { EightByEightClient } from '../src/clients/eightbyeight/index.ts';
import { createSandboxSection, expectJson } from './lib/http.ts';
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

const SANDBOX_ID = 'bench-8x8';
/** The fresh dynamic campaign of the single upload (created through the sandbox's admin backdoor). */
const SINGLE_UPLOAD_CAMPAIGN_ID = 900;
/** Within 7 days of the bench clock (2024-03-01T10:00:00Z) and inside the campaign's schedule (now−1 d … now+5 d). */
const SCHEDULE = '2024-03-02T09:00:00.000Z';
const STATUS_MARK = '"http-status":';
const ADDED_MARK = `${STATUS_MARK}200`;

/** The body of one add of `count` entries from `first`, as JSON.stringify would write it, in chunks. */
function* uploadChunks(first: number, count: number): Generator<string> {
  const PER_CHUNK = 50_000;
  for (let from = 0; from < count; from += PER_CHUNK) {
    let text = from === 0 ? '[' : ',';
    const to = Math.min(count, from + PER_CHUNK);
    for (let i = from; i < to; i++) {
      text += `${i === from ? '' : ','}{"customer-id":${first + i},"schedule-date-time":"${SCHEDULE}"}`;
    }
    yield to === count ? `${text}]` : text;
  }
}

/** Bytes of a body given in chunks (its Content-Length). */
function byteLengthOf(chunks: Iterable<string>): number {
  let bytes = 0;
  for (const chunk of chunks) bytes += Buffer.byteLength(chunk);
  return bytes;
}

/**
 * POSTs the chunks as one request of `requestBytes` (Content-Length given, so the simulator can refuse an oversize
 * body up front) and reads the streamed 207 without keeping it: how many entries answered and how many were added.
 */
async function postStreamed(
  url: string,
  headers: Record<string, string>,
  chunks: Iterable<string>,
  requestBytes: number,
): Promise<{ status: number; entries: number; added: number; responseBytes: number }> {
  const req = request(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'content-length': String(requestBytes) },
  });
  const answered = new Promise<{ status: number; entries: number; added: number; responseBytes: number }>(
    (resolve, reject) => {
      req.on('response', (res) => {
        let entries = 0;
        let added = 0;
        let responseBytes = 0;
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          responseBytes += Buffer.byteLength(chunk);
          // Marks split between two chunks: the last characters, where a mark may start incomplete, carry over.
          const text = tail + chunk;
          for (
            let i = text.indexOf(STATUS_MARK);
            i >= 0 && i + ADDED_MARK.length <= text.length;
            i = text.indexOf(STATUS_MARK, i + 1)
          ) {
            entries++;
            if (text.startsWith(ADDED_MARK, i)) added++;
          }
          tail = text.slice(Math.max(0, text.length - (ADDED_MARK.length - 1)));
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, entries, added, responseBytes }));
        res.on('error', reject);
      });
      req.on('error', reject);
    },
  );
  for (const chunk of chunks) if (!req.write(chunk)) await once(req, 'drain');
  req.end();
  return answered;
}

export default async function run(records = RECORDS): Promise<Record<string, unknown>> {
  const port = await freePort();
  const sim = await startServer(simulatorCommand(port), port, '/__admin/health');
  try {
    const section = await createSandboxSection<Record<string, string>>(sim.url, 'eightbyeight', {
      id: SANDBOX_ID,
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
    // A record-id is its customer's ACCOUNTNUM: each added customer must come back exactly once (batches in flight
    // may be stored in either order, so ids need not ascend).
    const seen = new Uint8Array(records);
    let idsAreTheCustomers = true;
    // The simulator is what is measured: the client skips its per-record contract check; a sample is checked here.
    for await (const batch of client.streamRecordBatches(CAMPAIGN_ID, {}, { validate: false })) {
      if (read === 0 && batch[0]) CampaignRecordSchema.parse(batch[0]);
      for (const record of batch) {
        const offset = record['record-id'] - firstCustomer;
        if (!(offset >= 0 && offset < records) || seen[offset] === 1) idsAreTheCustomers = false;
        else seen[offset] = 1;
      }
      read += batch.length;
    }
    const readMs = Math.round(performance.now() - readStarted);
    const campaign = await client.getCampaign(CAMPAIGN_ID);
    const peak = peakRssBytes(sim.child.pid);
    const totalMs = addMs + readMs;

    // ---- one upload of every record (unjudged) -------------------------------------------------------------------
    await expectJson(201, `${sim.url}/__admin/sandboxes/${SANDBOX_ID}/vendors/eightbyeight/campaigns`, {
      id: SINGLE_UPLOAD_CAMPAIGN_ID,
      name: 'Single upload',
      status: 3,
    });
    const basic = Buffer.from(`${section.username as string}:${section.actionToken as string}`).toString('base64');
    const requestBytes = byteLengthOf(uploadChunks(firstCustomer, records));
    const uploadStarted = performance.now();
    const upload = await postStreamed(
      `${section.baseUrl as string}/api/tstats/campaigns/${SINGLE_UPLOAD_CAMPAIGN_ID}/customers`,
      { authorization: `Basic ${basic}` },
      uploadChunks(firstCustomer, records),
      requestBytes,
    );
    const uploadMs = Math.round(performance.now() - uploadStarted);
    const uploaded = await client.getCampaign(SINGLE_UPLOAD_CAMPAIGN_ID);
    if (upload.status !== 207 || upload.added !== records || uploaded['no-of-records'] !== records) {
      throw new Error(
        `single upload of ${records} entries failed: HTTP ${upload.status}, ${upload.added} added of ` +
          `${upload.entries} answered, no-of-records ${uploaded['no-of-records']}`,
      );
    }
    const peakAfterUpload = peakRssBytes(sim.child.pid);

    return {
      records,
      batchSize: BATCH,
      batches: Math.ceil(records / BATCH),
      added,
      refused,
      noOfRecords: campaign['no-of-records'],
      readBack: read,
      readBackIdsAreTheCustomers: idsAreTheCustomers && read === records,
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
      singleUpload: {
        judged: false,
        campaignId: SINGLE_UPLOAD_CAMPAIGN_ID,
        entries: records,
        withSchedule: SCHEDULE,
        requestMiB: Math.round((requestBytes / 2 ** 20) * 10) / 10,
        responseMiB: Math.round((upload.responseBytes / 2 ** 20) * 10) / 10,
        status: upload.status,
        added: upload.added,
        noOfRecords: uploaded['no-of-records'],
        ms: uploadMs,
        entriesPerSec: Math.round(records / (uploadMs / 1000)),
        peakRssGiB: gib(peakAfterUpload),
      },
    };
  } finally {
    await sim.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const records = process.argv[2] ? Number(process.argv[2]) : RECORDS;
  console.log(JSON.stringify(await run(records), null, 2));
}
