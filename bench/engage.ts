/**
 * Engage bench: a 5 MB script upload (`createScriptUsingContent`, the documented aggregate maximum, ~7 MB of base64
 * in the envelope) end to end through the reference client, against a 1 KB upload and `listCampaigns` in the same
 * run, and against what parsing that envelope with the XML parser alone costs (the baseline the binding's long-text
 * fast path avoids). `npm run bench` calls the default export; `npx tsx bench/engage.ts` runs it alone.
 */
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { EngageClient, type EngageSandboxSection, engageConfigFromSandbox } from '../src/clients/engage/index.ts';
import { createSandboxSection } from './lib/http.ts';
import { freePort, simulatorCommand, startServer } from './lib/processes.ts';

const FIVE_MB = 5 * 1024 * 1024;

async function median<T>(runs: number, run: () => Promise<T>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(runs / 2)]! * 10) / 10;
}

export default async function run(): Promise<Record<string, unknown>> {
  const port = await freePort();
  const sim = await startServer(simulatorCommand(port), port, '/__admin/health');
  try {
    const section = await createSandboxSection<EngageSandboxSection & { account: { internalId: string } }>(
      sim.url,
      'engage',
      {
        id: 'bench-engage',
        seed: 1,
        clock: { now: '2025-03-01T10:00:00Z', frozen: true },
        journal: { enabled: false },
      },
    );
    const client = new EngageClient(engageConfigFromSandbox(section, { timeoutMs: 120_000 }));
    const org = { internalId: section.account.internalId, type: 'Account' as const };
    const big = Buffer.alloc(FIVE_MB, 7).toString('base64');
    const small = Buffer.alloc(1024, 7).toString('base64');
    let n = 0;
    const upload = (content: string) => async () => {
      const script = await client.createScriptUsingContent(`Bench ${n++}`, ['main.xml'], [content], org);
      await client.deleteScript({ internalId: script.internalId });
    };
    const smallMs = await median(7, upload(small));
    const bigMs = await median(5, upload(big));
    const listMs = await median(7, () => client.listCampaigns(org));
    // The baseline: the same envelope through the XML parser alone, as a binding without the fast path would.
    const envelope = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:createScriptUsingContent xmlns:ns="x"><arg1>n</arg1><arg2>main.xml</arg2><arg3>${big}</arg3></ns:createScriptUsingContent></soapenv:Body></soapenv:Envelope>`;
    const parser = new XMLParser({ parseTagValue: false, trimValues: false });
    const plainParseMs = await median(3, async () => parser.parse(envelope));
    return {
      upload5MB: { ms: bigMs, envelopeMiB: Math.round((envelope.length / 2 ** 20) * 10) / 10 },
      upload1KB: { ms: smallMs },
      listCampaigns: { ms: listMs },
      xmlParserAloneOnTheEnvelope: { ms: plainParseMs },
      ratios: {
        upload5MBvs1KB: Math.round((bigMs / smallMs) * 10) / 10,
        plainParserVsUpload5MB: Math.round((plainParseMs / bigMs) * 10) / 10,
      },
    };
  } finally {
    await sim.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await run(), null, 2));
