import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SinchClient,
  SinchHttpError,
  SinchNotFoundError,
  SinchUnauthorizedError,
  type SinchClientConfig,
  sinchConfigFromSandbox,
} from '../../src/clients/sinch/index.ts';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';
import { VENDORS } from '../../simulators/index.ts';
import { MINUTE, NOW, type SinchSection, newCustomer } from './harness.ts';

/** The reference client against a real (listening) simulator, in both wire formats. */
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ vendors: VENDORS, port: 0 });
});
afterAll(async () => {
  await sim.stop();
});

interface Sandbox {
  id: string;
  section: SinchSection;
}

async function sandbox(customersPerCampaign = 3): Promise<Sandbox> {
  const res = await request(sim.url)
    .post('/__admin/sandboxes')
    .send({ seed: 5, clock: { now: NOW, frozen: true }, options: { sinch: { customersPerCampaign } } });
  return { id: res.body.id, section: res.body.vendors.sinch };
}

function client(sb: Sandbox, overrides: Partial<SinchClientConfig> = {}): SinchClient {
  return new SinchClient(sinchConfigFromSandbox(sb.section, { sleep: async () => {}, ...overrides }));
}

const advance = (sb: Sandbox, ms: number) =>
  request(sim.url).post(`/__admin/sandboxes/${sb.id}/clock`).send({ advanceMs: ms });

describe('SinchClient', () => {
  it('reads every collection and entity identically in JSON and XML', async () => {
    const sb = await sandbox();
    const json = client(sb);
    const xml = client(sb, { format: 'xml' });
    const [campaign] = sb.section.campaigns as [string];
    await json.setCampaignStatus(campaign, 'Active');
    await advance(sb, 30 * MINUTE);
    const reads = [
      (c: SinchClient) => c.listCampaigns({ statistics: true }),
      (c: SinchClient) => c.listCampaigns({ name: 'Test*', status: ['Active', 'Passive'] }),
      (c: SinchClient) => c.getCampaign(campaign, { statistics: true, agentId: sb.section.agents }),
      (c: SinchClient) => c.listCustomers(campaign, { includeScript: true }),
      (c: SinchClient) => c.getCustomerResultStatistics(campaign),
      (c: SinchClient) => c.listStatistics({ campaignId: campaign, startDate: new Date(NOW) }),
    ];
    for (const read of reads) {
      const fromJson = await read(json);
      expect(await read(xml)).toEqual(fromJson);
    }
    const [first] = await json.listCustomers(campaign, { limit: 1 });
    expect(await xml.getCustomer(campaign, first!.id, { includeScript: true })).toEqual(
      await json.getCustomer(campaign, first!.id, { includeScript: true }),
    );
    expect((await json.getCampaign(campaign, { statistics: true })).stats?.total?.numberOfCalls).toBeGreaterThan(0);
  });

  it('writes in both formats: create, bulk create, update, delete', async () => {
    const sb = await sandbox(0);
    const [campaign, second] = sb.section.campaigns as [string, string];
    const json = client(sb);
    const created = await json.createCustomer(campaign, { numbers: '0401234567', externalId: 'j-1' });
    expect(created.id).toMatch(/^[0-9A-F]{32}$/);
    expect(created.location).toMatch(new RegExp(`/customers/${created.id}$`));
    const viaXml = await json.createCustomer(
      campaign,
      { numbers: '0401234568', attributes: [{ name: 'City', value: 'Oulu & Co' }], priority: 2 },
      { format: 'xml' },
    );
    expect(await json.getCustomer(campaign, viaXml.id)).toMatchObject({
      priority: 2,
      attributes: {
        attribute: [
          { name: 'City', value: 'Oulu & Co' },
          { name: 'Phone1', value: '0401234568' },
        ],
      },
    });
    const items = [newCustomer(1), { numbers: '+number;' }];
    const stopped = await json.createCustomers(
      campaign,
      items,
      { stopProcessIfInvalidEntriesFound: true },
      { format: 'xml' },
    );
    expect(stopped).toEqual([{ statusCode: 200 }, { statusCode: 400, error: "Invalid numbers: '+number;'" }]);
    const results = await json.createCustomers(campaign, items);
    expect(results.map((r) => r.statusCode)).toEqual([201, 400]);
    await json.updateCampaign(
      second,
      { name: 'Via XML', dialingMode: 'PREVIEW', queueId: sb.section.queues[0]!, abandonRate: 0.5 },
      { format: 'xml' },
    );
    expect(await json.getCampaign(second)).toMatchObject({ name: 'Via XML', dialingMode: 'PREVIEW', abandonRate: 0.5 });
    await json.deleteCustomer(campaign, created.id);
    await expect(json.getCustomer(campaign, created.id)).rejects.toBeInstanceOf(SinchNotFoundError);
  });

  it('pages through every customer', async () => {
    const sb = await sandbox(0);
    const [campaign] = sb.section.campaigns as [string];
    const json = client(sb);
    await json.createCustomers(
      campaign,
      Array.from({ length: 25 }, (_, i) => newCustomer(i)),
    );
    const ids: string[] = [];
    for await (const customer of json.allCustomers(campaign, { limit: 10 })) ids.push(customer.externalId);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
  });

  it('throws typed errors with the service message, in either format', async () => {
    const sb = await sandbox();
    const [campaign] = sb.section.campaigns as [string];
    for (const format of ['json', 'xml'] as const) {
      const c = client(sb, { format });
      const missing = await c.getCampaign('0'.repeat(32)).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(SinchNotFoundError);
      expect(missing).toMatchObject({ status: 404, error: `Campaign not found: ${'0'.repeat(32)}` });
      const bad = await c.listCampaigns({ queueId: 'nope' }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(SinchHttpError);
      expect(bad).toMatchObject({ status: 400, error: "Invalid queueId: 'nope'", operation: 'listCampaigns' });
    }
    const unauthorized = await client(sb, { password: 'wrong' })
      .listCampaigns()
      .catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(SinchUnauthorizedError);
    expect((unauthorized as SinchUnauthorizedError).headers.get('www-authenticate')).toBe('Basic realm="OBI"');
    // Refused before sending: the request breaks the contract.
    await expect(client(sb).createCustomer(campaign, { numbers: 1 as never })).rejects.toBeInstanceOf(TypeError);
    await expect(client(sb).updateCampaign(campaign, { name: 'x' } as never)).rejects.toThrow(/invalid request/);
  });

  it('retries 5xx and 429 (honouring Retry-After) as the other clients do', async () => {
    const sb = await sandbox();
    const sleeps: number[] = [];
    const c = client(sb, {
      sleep: async (ms) => void sleeps.push(ms),
      retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 20 },
    });
    await request(sim.url)
      .post(`/__admin/sandboxes/${sb.id}/faults`)
      .send({ vendor: 'sinch', path: '/campaigns', action: { type: 'status', status: 503 }, times: 2 });
    expect(await c.listCampaigns()).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    await request(sim.url)
      .post(`/__admin/sandboxes/${sb.id}/faults`)
      .send({ vendor: 'sinch', action: { type: 'status', status: 429, retryAfterSeconds: 2 }, times: 1 });
    expect(await c.listStatistics()).toEqual([]);
    expect(sleeps.at(-1)).toBe(2000);
    await request(sim.url)
      .post(`/__admin/sandboxes/${sb.id}/faults`)
      .send({ vendor: 'sinch', action: { type: 'status', status: 500 }, times: 10 });
    const failed = await c.listCampaigns().catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 500, attempts: 4 });
  });
});
