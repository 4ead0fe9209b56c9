import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eightbyeight } from '../../simulators/eightbyeight/index.ts';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';

/**
 * Verifies the simulator against the reference client's pact (written by test/eightbyeight/client.pact.test.ts: run
 * the pact-consumer project first). Provider states are set up only through the admin API: reset the default
 * sandbox on a frozen clock, then add a CRM customer and seed it into a campaign through the 8x8 backdoors.
 */
const PACT_FILE = fileURLToPath(
  new URL('../../contracts/pacts/campaign-sim-eightbyeight-client-eightbyeight-simulator.json', import.meta.url),
);
const FROZEN_AT = '2024-03-01T10:00:00.000Z';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ vendors: [eightbyeight], port: 0 });
});
afterAll(async () => {
  await sim.stop();
});

async function admin(method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${sim.url}/__admin${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path} answered HTTP ${res.status}: ${await res.text()}`);
}

const resetDefaultSandbox = () =>
  admin('POST', '/sandboxes/default/reset', { clock: { now: FROZEN_AT, frozen: true } });

interface InCampaign {
  customerId: number;
  phone: string;
  campaignId: number;
}

const stateHandlers = {
  'the default sandbox is fresh': async () => {
    await resetDefaultSandbox();
    return undefined;
  },
  'a customer with a known phone is in a campaign': async (params?: unknown) => {
    const { customerId, phone, campaignId } = params as InCampaign;
    await resetDefaultSandbox();
    await admin('POST', '/sandboxes/default/vendors/eightbyeight/crm/customers', {
      customers: [{ 'customer-id': customerId, phone }],
    });
    await admin('POST', `/sandboxes/default/vendors/eightbyeight/campaigns/${campaignId}/customers`, {
      customers: [{ 'customer-id': customerId }],
    });
    return undefined;
  },
};

describe('eightbyeight-simulator honours the campaign-sim-eightbyeight-client pact', () => {
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
      provider: 'eightbyeight-simulator',
      providerBaseUrl: sim.url,
      pactUrls: [PACT_FILE],
      stateHandlers,
      logLevel: 'warn',
    }).verifyProvider();
  });
});
