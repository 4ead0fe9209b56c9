import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';
import { sinch } from '../../simulators/sinch/index.ts';

/**
 * Verifies the simulator against the Sinch reference client's pact (written by test/sinch/client.pact.test.ts: run
 * the pact-consumer project first). Provider states are set up only through the admin API: reset the default
 * sandbox on a frozen clock, then seed customers, force outcomes, activate and move the clock through the sinch
 * backdoors and the clock endpoint.
 */
const PACT_FILE = fileURLToPath(
  new URL('../../contracts/pacts/campaign-sim-sinch-client-sinch-simulator.json', import.meta.url),
);
const FROZEN_AT = '2024-05-16T08:00:00.000Z';
const DAY_MS = 86_400_000;

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ vendors: [sinch], port: 0 });
});
afterAll(async () => {
  await sim.stop();
});

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/__admin${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path} answered HTTP ${res.status}: ${await res.text()}`);
  return res.json();
}

const resetDefaultSandbox = () =>
  admin('POST', '/sandboxes/default/reset', { clock: { now: FROZEN_AT, frozen: true } });
const vendorPath = (path: string) => `/sandboxes/default/vendors/sinch${path}`;

const stateHandlers = {
  'the default sandbox is fresh': async () => {
    await resetDefaultSandbox();
    return undefined;
  },
  'a customer exists': async (params?: unknown) => {
    const { campaignId, customerId, externalId } = params as {
      campaignId: string;
      customerId: string;
      externalId: string;
    };
    await resetDefaultSandbox();
    await admin('POST', vendorPath(`/campaigns/${campaignId}/customers`), {
      customers: [
        {
          id: customerId,
          externalId,
          numbers: '0215428754',
          attributes: { attribute: [{ name: 'City', value: 'New York' }] },
        },
      ],
    });
    return undefined;
  },
  /** Every customer of the campaign answers SUCCESS; the campaign dials for a day. */
  'a campaign has dialed its customers': async (params?: unknown) => {
    const { campaignId } = params as { campaignId: string };
    await resetDefaultSandbox();
    await admin('POST', vendorPath(`/campaigns/${campaignId}/outcomes`), { outcomes: ['SUCCESS'] });
    await admin('PATCH', vendorPath(`/campaigns/${campaignId}`), { status: 'Active' });
    await admin('POST', '/sandboxes/default/clock', { advanceMs: DAY_MS });
    return undefined;
  },
};

describe('sinch-simulator honours the campaign-sim-sinch-client pact', () => {
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
      provider: 'sinch-simulator',
      providerBaseUrl: sim.url,
      pactUrls: [PACT_FILE],
      stateHandlers,
      logLevel: 'warn',
    }).verifyProvider();
  });
});
