import { fileURLToPath } from 'node:url';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, type SinchSection } from '../../src/testing/admin.ts';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';
import { VENDORS } from '../../simulators/index.ts';

/**
 * `POST /__admin/pact/provider-states`: the state-change URL any Pact verifier can be pointed at. Driven here the
 * way a verifier drives it (setup per state, the request, teardown per state), and by Pact's own verifier with
 * nothing of campaign-sim's verify in between.
 */
const CUSTOMER = '0123456789ABCDEF0123456789ABCDEF';
const CAMPAIGN = '62718C7889CC44F7B944C1A6F6BE9B7F';
const PACT = fileURLToPath(new URL('../verify/pacts/passing/acme-dialer-sinch.json', import.meta.url));

let sim: RunningSimulator;
let admin: AdminClient;
let sandboxId: string;
let sinch: SinchSection;

beforeAll(async () => {
  sim = await startSimulator({ vendors: VENDORS, port: 0 });
  admin = new AdminClient(sim.url);
  // The sandbox answers to the hand-written pact's credentials (Basic acme-obi / Acme-0bi-pass).
  const created = await admin.createSandbox({
    clock: { now: '2024-05-16T08:00:00.000Z', frozen: true },
    options: { sinch: { username: 'acme-obi', password: 'Acme-0bi-pass', fixtures: 'document' } },
  });
  sandboxId = created.id;
  sinch = created.vendors.sinch as SinchSection;
});
afterAll(() => sim.stop());

const stateChange = (body: object, query = `?sandbox=${sandboxId}&vendor=sinch`) =>
  fetch(`${sim.url}/__admin/pact/provider-states${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const getCustomer = () =>
  fetch(`${sinch.baseUrl}/campaigns/${CAMPAIGN}/customers/${CUSTOMER}`, {
    headers: { authorization: `Basic ${Buffer.from(`${sinch.username}:${sinch.password}`).toString('base64')}` },
  });

const customerState = {
  consumer: 'acme-dialer',
  state: 'a customer with externalId {externalId} exists',
  params: { externalId: 'A-100', campaignId: CAMPAIGN, customerId: CUSTOMER },
  action: 'setup',
};

describe('POST /__admin/pact/provider-states', () => {
  it('sets a state up and answers the credentials and produced values (provider-state injection)', async () => {
    const res = await stateChange(customerState);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      sandbox: sandboxId,
      username: 'acme-obi',
      password: 'Acme-0bi-pass',
      customerId: CUSTOMER,
      campaignId: CAMPAIGN,
    });
    expect((await getCustomer()).status).toBe(200);
  });

  it('starts every interaction in a fresh copy: after a teardown, the next setup resets the sandbox', async () => {
    await stateChange(customerState);
    expect((await getCustomer()).status).toBe(200);
    await stateChange({ ...customerState, action: 'teardown' });
    expect((await stateChange({ state: '', params: {}, action: 'setup' })).status).toBe(200);
    expect((await getCustomer()).status).toBe(404);
  });

  it('resets too for verifiers that send no teardown, once the interaction ran (a vendor request was served)', async () => {
    await stateChange(customerState);
    expect((await getCustomer()).status).toBe(200);
    await stateChange({ state: 'campaign {campaignId} is running', params: { campaignId: CAMPAIGN } });
    expect((await getCustomer()).status).toBe(404);
  });

  it('keeps every state of one interaction (several setups before its request)', async () => {
    await stateChange({ ...customerState, action: 'teardown' });
    await stateChange(customerState);
    await stateChange({ state: `campaign ${CAMPAIGN} is running` });
    expect((await getCustomer()).status).toBe(200);
    const campaign = await admin.call<{ campaign: { status: string } }>(
      'GET',
      `/sandboxes/${sandboxId}/vendors/sinch/campaigns/${CAMPAIGN}`,
    );
    expect(campaign.campaign.status).toBe('Active');
  });

  it('accepts `states` (a list) and finds the vendor by state names when ?vendor= is absent', async () => {
    await stateChange({ action: 'teardown', state: 'x' });
    const sinchOnly = { states: [{ name: 'a customer exists', params: customerState.params }] };
    expect((await stateChange(sinchOnly, `?sandbox=${sandboxId}`)).status).toBe(200);
    expect((await getCustomer()).status).toBe(200);
    // Sinch and 8x8 both know "campaign {campaignId} is stopped": the caller must say which.
    const ambiguous = await stateChange({ states: [`campaign ${CAMPAIGN} is stopped`] }, `?sandbox=${sandboxId}`);
    expect(ambiguous.status).toBe(400);
    expect(((await ambiguous.json()) as { error: { message: string } }).error.message).toContain(
      'fit several vendors (eightbyeight, sinch): add ?vendor=<vendorId>',
    );
  });

  it('refuses an unknown state with 400, listing the known ones', async () => {
    const res = await stateChange({ state: 'the moon is full', action: 'setup' });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toContain('unknown provider state "the moon is full" for sinch. Known states:');
    expect(error.message).toContain('  - a customer with externalId {externalId} exists');
  });

  it('answers 404 for an unknown sandbox and 400 for an unknown vendor', async () => {
    expect((await stateChange(customerState, '?sandbox=nope&vendor=sinch')).status).toBe(404);
    expect((await stateChange(customerState, `?sandbox=${sandboxId}&vendor=jtel`)).status).toBe(400);
  });

  it("is all Pact's own verifier needs: --provider-states-setup-url and the vendor's mount as base URL", async () => {
    await new Verifier({
      provider: 'Sinch OBI',
      providerBaseUrl: `${sim.url}/sinch`,
      pactUrls: [PACT],
      providerStatesSetupUrl: `${sim.url}/__admin/pact/provider-states?sandbox=${sandboxId}&vendor=sinch`,
      logLevel: 'error',
    }).verifyProvider();
  });
});
