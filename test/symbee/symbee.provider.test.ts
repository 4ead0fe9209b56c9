import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';
import { symbee } from '../../simulators/symbee/index.ts';

/**
 * Verifies the simulator against the reference client's pact (written by test/symbee/client.pact.test.ts: run the
 * pact-consumer project first). Provider states are set up only through the admin API: reset the default sandbox
 * on a frozen clock, then seed records through the symbee `records` backdoor.
 */
const PACT_FILE = fileURLToPath(
  new URL('../../contracts/pacts/campaign-sim-symbee-client-symbee-simulator.json', import.meta.url),
);
const FROZEN_AT = '2021-11-03T05:00:00.000Z';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ vendors: [symbee], port: 0 });
});
afterAll(async () => {
  await sim.stop();
});

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.url}/__admin${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path} answered HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const resetDefaultSandbox = () =>
  admin('POST', '/sandboxes/default/reset', { clock: { now: FROZEN_AT, frozen: true } });

interface RecordParams {
  campaignName: string;
  clientId: string;
  name?: string;
}

const stateHandlers = {
  'the default sandbox is fresh': async () => {
    await resetDefaultSandbox();
    return undefined;
  },
  /** Returns the record's previewRecordId for requests that inject it (`fromProviderState`). */
  'a record exists': async (params?: unknown) => {
    const { campaignName, clientId, name = 'Mike Mars' } = params as RecordParams;
    await resetDefaultSandbox();
    const seeded = await admin<{ records: { previewRecordID: string }[] }>(
      'POST',
      '/sandboxes/default/vendors/symbee/records',
      {
        campaignName,
        records: [
          {
            clientId,
            previewRecordData: [
              { key: 'Name', value: name, displayOrder: 1 },
              { key: 'Home Phone', value: '+15552101257', displayOrder: 2 },
            ],
          },
        ],
      },
    );
    return { previewRecordId: seeded.records[0]!.previewRecordID };
  },
};

describe('symbee-simulator honours the campaign-sim-symbee-client pact', () => {
  it('has a handler for every provider state in the pact', () => {
    expect(existsSync(PACT_FILE), 'run `npx vitest run --project pact-consumer` first').toBe(true);
    const pact = JSON.parse(readFileSync(PACT_FILE, 'utf8')) as {
      interactions: { providerStates?: { name: string }[] }[];
    };
    const states = new Set(pact.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name)));
    expect([...states].sort()).toEqual(Object.keys(stateHandlers).sort());
  });

  it('verifies every interaction', async () => {
    await new Verifier({
      provider: 'symbee-simulator',
      providerBaseUrl: sim.url,
      pactUrls: [PACT_FILE],
      stateHandlers,
      logLevel: 'warn',
    }).verifyProvider();
  });
});
