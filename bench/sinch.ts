/**
 * Sinch OBI bench: 10,000 customers in `POST /customers/list` requests of 1,000 (JSON, then XML), read back page by page, a whole
 * predictive campaign of those customers dialed by moving the virtual clock 30 days in one admin call, and the
 * latency of a crafted wildcard search. `npm run bench` calls the default export; `npx tsx bench/sinch.ts
 * [customers]` runs it alone.
 */
import { fileURLToPath } from 'node:url';
import { SinchClient, type SinchSandboxSection, sinchConfigFromSandbox } from '../src/clients/sinch/index.ts';
import { MAX_LIST_ITEMS } from '../simulators/sinch/limits.ts';
import { createSandboxSection } from './lib/http.ts';
import { freePort, simulatorCommand, startServer } from './lib/processes.ts';

const CUSTOMERS = 10_000;
const DAY_MS = 86_400_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - started), value };
}

const batch = (n: number, prefix: number) =>
  Array.from({ length: n }, (_, i) => ({
    numbers: `+${prefix}${String(i).padStart(8, '0')}`,
    attributes: { attribute: [{ name: 'City', value: i % 2 ? 'Helsinki' : 'New York' }] },
  }));

export default async function run(customers = CUSTOMERS): Promise<Record<string, unknown>> {
  const port = await freePort();
  const sim = await startServer(simulatorCommand(port), port, '/__admin/health');
  try {
    const section = await createSandboxSection<SinchSandboxSection & { campaigns: string[] }>(sim.url, 'sinch', {
      id: 'bench-sinch',
      seed: 1,
      clock: { now: '2024-05-16T08:00:00Z', frozen: true },
      journal: { enabled: false },
      options: { sinch: { customersPerCampaign: 0 } },
    });
    const client = new SinchClient(sinchConfigFromSandbox(section, { timeoutMs: 120_000 }));
    const [preview, predictive] = section.campaigns as [string, string];

    // In requests of MAX_LIST_ITEMS (the simulator's bound of one list).
    const inLists = async <R>(
      all: Parameters<typeof client.createCustomers>[1],
      send: (part: typeof all) => Promise<R[]>,
    ) => {
      const results: R[] = [];
      for (let i = 0; i < all.length; i += MAX_LIST_ITEMS)
        results.push(...(await send(all.slice(i, i + MAX_LIST_ITEMS))));
      return results;
    };
    const json = await timed(() =>
      inLists(batch(customers, 35840), (part) => client.createCustomers(predictive, part)),
    );
    const xml = await timed(() =>
      inLists(batch(customers, 35850), (part) => client.createCustomers(preview, part, {}, { format: 'xml' })),
    );
    const readBack = await timed(async () => {
      let n = 0;
      for await (const _ of client.allCustomers(predictive, { limit: 1000 })) n++;
      return n;
    });

    await client.setCampaignStatus(predictive, 'Active');
    const dial = await timed(async () => {
      const res = await fetch(`${sim.url}/__admin/sandboxes/bench-sinch/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: 30 * DAY_MS }),
      });
      return res.status;
    });
    const campaign = await client.getCampaign(predictive, { statistics: true });
    const crafted = `${'*a'.repeat(1000)}!`;
    const search = await timed(() => client.listCustomers(predictive, { externalId: crafted, attributeName: crafted }));
    const stats = await timed(() => client.listStatistics());

    return {
      customers,
      listItems: MAX_LIST_ITEMS,
      bulkJson: { ms: json.ms, created: json.value.filter((r) => r.statusCode === 201).length },
      bulkXml: { ms: xml.ms, created: xml.value.filter((r) => r.statusCode === 201).length },
      readBack: { ms: readBack.ms, customers: readBack.value, pageSize: 1000 },
      dial30Days: {
        ms: dial.ms,
        status: campaign.status,
        handled: campaign.handled,
        maxCalls: campaign.maxCalls,
        calls: campaign.stats?.total?.numberOfCalls,
      },
      craftedWildcardSearch: { ms: search.ms, patternChars: crafted.length, found: search.value.length },
      statistics: { ms: stats.ms, rows: stats.value.length },
    };
  } finally {
    await sim.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? CUSTOMERS);
  console.log(JSON.stringify(await run(n), null, 2));
}
