/**
 * Engage part 2 bench, through the reference client against a simulator process: a 100-contact batch worked to the
 * end over 12 virtual hours (one clock call), and 1,000 sub-campaign states listed (10 samples of 100 among 1,000
 * seeded sub-campaigns). Each against a baseline measured in the same run: the same 12-hour advance of a sandbox
 * without the batch, and 10 listCampaigns calls. `npm run bench` calls the default export; `npx tsx bench/engage-outreach.ts`
 * runs it alone.
 */
import { fileURLToPath } from 'node:url';
import { EngageClient, engageConfigFromSandbox } from '../src/clients/engage/index.ts';
import { createSandboxSection } from './lib/http.ts';
import { freePort, simulatorCommand, startServer } from './lib/processes.ts';

const HOUR = 3_600_000;
interface Section {
  endpoint: string;
  username: string;
  password: string;
  account: { internalId: string };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - started), value };
}

export default async function run(): Promise<Record<string, unknown>> {
  const port = await freePort();
  const sim = await startServer(simulatorCommand(port), port, '/__admin/health');
  const sandbox = (id: string) =>
    createSandboxSection<Section>(sim.url, 'engage', {
      id,
      seed: 1,
      clock: { now: '2025-03-01T10:00:00Z', frozen: true },
      journal: { enabled: false },
    });
  const post = (path: string, body: unknown) =>
    fetch(`${sim.url}/__admin/sandboxes/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    });
  try {
    const baseline = await sandbox('bench-engage-baseline');
    const idle = await timed(() => post('bench-engage-baseline/clock', { advanceMs: 12 * HOUR }));

    const section = await sandbox('bench-engage');
    const client = new EngageClient(engageConfigFromSandbox(section, { timeoutMs: 120_000 }));
    const owner = { internalId: section.account.internalId, type: 'Account' as const };
    const contacts = Array.from({ length: 100 }, (_, i) => ({
      externalId: `B${i}`,
      devices: [{ externalId: `+1720555${String(i).padStart(4, '0')}` }],
    }));
    const batch = await client.createContactBatch(
      { externalId: 'Bench batch', owner, maxDuration: '720', outreachStrategy: undefined },
      contacts,
    );
    const worked = await timed(() => post('bench-engage/clock', { advanceMs: 12 * HOUR }));
    const state = await client.showContactBatchState({ internalId: batch.internalId });
    const attempts = await client.listContactAttemptsUsingContactBatch(
      { internalId: batch.internalId },
      '2025-03-01T00:00:00Z',
      '2025-03-02T23:00:00Z',
    );

    await post('bench-engage/vendors/engage/outreach/sub-campaigns', { subCampaigns: 1000, contactsEach: 5 });
    const list = () =>
      Promise.all(
        Array.from({ length: 10 }, (_, d) =>
          client.listSubCampaignStates(owner, { state: 'All', subCampaign: { externalId: `S${d}-` } }),
        ),
      );
    await list();
    const listed = await timed(list);
    const baselineClient = new EngageClient(engageConfigFromSandbox(baseline, { timeoutMs: 120_000 }));
    const campaigns = await timed(() =>
      Promise.all(Array.from({ length: 10 }, () => baselineClient.listCampaigns(owner))),
    );
    const states = listed.value.flat().length;
    return {
      batch100Over12h: {
        ms: worked.ms,
        baselineMs: idle.ms,
        state: state.state,
        attempts: attempts.length,
        ratio: Math.round((worked.ms / Math.max(1, idle.ms)) * 10) / 10,
      },
      list1000SubCampaignStates: {
        ms: listed.ms,
        states,
        baselineListCampaignsX10Ms: campaigns.ms,
        ratio: Math.round((listed.ms / Math.max(1, campaigns.ms)) * 10) / 10,
      },
    };
  } finally {
    await sim.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2));
}
