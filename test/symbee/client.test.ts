import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';
import { symbee } from '../../simulators/symbee/index.ts';
import {
  InvalidClientIdError,
  InvalidRecordDataKeyError,
  NetworkError,
  NoRecordFoundError,
  SymbeeClient,
  type SymbeeClientConfig,
  SymbeeFailedError,
  SymbeeHttpError,
  SymbeeResultError,
  type SymbeeSandboxSection,
  TimeoutError,
  simulatorSecretFetcher,
  symbeeConfigFromSandbox,
} from '../../src/clients/symbee/index.ts';

/** The reference client against the real simulator (HTTP on an ephemeral port); each test has its own sandbox. */
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ vendors: [symbee], port: 0 });
});
afterAll(async () => {
  await sim.stop();
});

const START = '2021-11-03T05:00:00.000Z';
const noWait = async () => {};

async function admin<T = never>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sim.url}/__admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

interface SymbeeSection extends SymbeeSandboxSection {
  campaigns: string[];
  skillQueues: string[];
  agents: string[];
}

/** A fresh sandbox on a frozen clock with no scheduled key rotation, and a client for it. */
async function sandbox(overrides: Partial<SymbeeClientConfig> = {}) {
  const created = await admin<{ id: string; vendors: { symbee: SymbeeSection } }>('POST', '/sandboxes', {
    seed: 7,
    clock: { now: START, frozen: true },
    options: { symbee: { keyRotationMinutes: 0 } },
  });
  expect(created.status).toBe(201);
  const { id } = created.json;
  const section = created.json.vendors.symbee;
  const [campaign, otherCampaign] = section.campaigns as [string, string];
  const client = (more: Partial<SymbeeClientConfig> = {}) =>
    new SymbeeClient(symbeeConfigFromSandbox(section, { sleep: noWait, ...overrides, ...more }));
  const statuses = async (): Promise<number[]> =>
    (
      await admin<{ requests: { status: number }[] }>('GET', `/sandboxes/${id}/requests?vendor=symbee`)
    ).json.requests.map((r) => r.status);
  return { id, section, campaign, otherCampaign, client, statuses };
}

const customer = (name: string, phone = '+15552101257') => [
  { key: 'Name', value: name, displayOrder: 1 },
  { key: 'Home Phone', value: phone, displayOrder: 2 },
];

describe('SymbeeClient actions', () => {
  it('adds a record, then updates (replaces) it by previewRecordId', async () => {
    const { campaign, client } = await sandbox();
    const symbeeClient = client();
    const added = await symbeeClient.addOrUpdateCampaignRecord({
      campaignName: campaign,
      clientId: 'A2-12769-812',
      clientIdFieldName: 'KeyId',
      previewRecordData: customer('Kate Delaney'),
    });
    expect(added.previewResult).toEqual({ previewResultStatus: 'SUCCESS', error: null });
    expect(added.campaignName).toBe(campaign);

    const record = await symbeeClient.findRecord({ campaignName: campaign, clientId: 'A2-12769-812' });
    expect(record?.workedState).toBe('NOTWORKED');
    expect(record?.createdTime).toBe('2021-11-03 05:00:00.000');
    expect(record?.previewRecordData).toEqual([
      { key: 'KeyId', value: 'A2-12769-812', displayOrder: 0 },
      ...customer('Kate Delaney'),
    ]);

    await symbeeClient.addOrUpdateCampaignRecord({
      campaignName: campaign,
      previewRecordId: record!.previewRecordID,
      clientId: 'A2-12769-812',
      previewRecordData: [{ key: 'Name', value: 'Kate D.' }],
      nextEarliestWorkTimeUTC: new Date('2021-11-05T14:15:00Z'),
    });
    const updated = await symbeeClient.findRecord({ campaignName: campaign, previewRecordId: record!.previewRecordID });
    expect(updated?.previewRecordData.map((d) => d.key)).toEqual(['Id', 'Name']);
    expect(updated?.nextEarliestWorkTime).toBe('2021-11-05 14:15:00.000');
  });

  it('searches by previewRecordId, by clientId and by criteria (maxRecords honoured)', async () => {
    const { campaign, client } = await sandbox();
    const symbeeClient = client();
    const [byClient] = await symbeeClient.search({ campaignName: campaign, clientId: '1001' });
    expect(byClient?.clientId).toBe('1001');

    const byId = await symbeeClient.searchPreviewCampaign({
      campaignName: campaign,
      previewRecordId: byClient!.previewRecordID,
    });
    expect(byId.previewRecordClientData).toEqual([byClient]);

    const all = await symbeeClient.search({
      campaignName: campaign,
      previewRecordData: [{ key: 'sys_worked_state', value: 'NOTWORKED', condition: 'EQUALS' }],
    });
    expect(all.map((r) => r.clientId)).toEqual(['1001', '1002', '1003', '1004', '1005']);

    const two = await symbeeClient.search({
      campaignName: campaign,
      maxRecords: 2,
      previewRecordData: [{ key: 'Id', value: '100', condition: 'BEGINSWITH' }],
    });
    expect(two).toHaveLength(2);
  });

  it('changes a record status (WORKED needs nextEarliestWorkTimeUTC) and routing fields', async () => {
    const { section, campaign, client } = await sandbox();
    const symbeeClient = client();
    await symbeeClient.changeCampaignRecordStatus({
      campaignName: campaign,
      clientId: '1002',
      previewRecordStateEnum: 'WORKED',
      nextEarliestWorkTimeUTC: Date.parse('2021-11-05T14:15:00Z'),
      preferredAgent: section.agents[0],
      timeZone: 'Europe/Berlin',
    });
    const record = await symbeeClient.findRecord({ campaignName: campaign, clientId: '1002' });
    expect(record).toMatchObject({
      workedState: 'WORKED',
      nextEarliestWorkTime: '2021-11-05 14:15:00.000',
      preferredAgent: section.agents[0],
    });
  });

  it('transfers a record to another campaign and skill queue', async () => {
    const { section, campaign, otherCampaign, client } = await sandbox();
    const symbeeClient = client();
    await symbeeClient.addOrUpdateCampaignRecord({
      campaignName: campaign,
      clientId: 't-1',
      previewRecordData: customer('Tia'),
    });
    await symbeeClient.transferCampaignRecord({
      campaignName: campaign,
      clientId: 't-1',
      transferToCampaign: otherCampaign,
      skillQueue: section.skillQueues[2],
    });
    expect(await symbeeClient.findRecord({ campaignName: campaign, clientId: 't-1' })).toBeUndefined();
    const moved = await symbeeClient.findRecord({ campaignName: otherCampaign, clientId: 't-1' });
    expect(moved?.skillQueue).toBe(section.skillQueues[2]);
  });

  it('deletes a record', async () => {
    const { campaign, client } = await sandbox();
    const symbeeClient = client();
    const result = await symbeeClient.deleteRecordFromCampaign({ campaignName: campaign, clientId: '1003' });
    expect(result.previewResult.previewResultStatus).toBe('SUCCESS');
    expect(await symbeeClient.findRecord({ campaignName: campaign, clientId: '1003' })).toBeUndefined();
  });

  it('refuses a request that breaks the contract before sending it', async () => {
    const { campaign, client, statuses } = await sandbox();
    const bad = { campaignName: campaign, clientId: '1001', colour: 'red' } as unknown as {
      campaignName: string;
      clientId: string;
    };
    await expect(client().deleteRecordFromCampaign(bad)).rejects.toThrow(/colour/);
    expect(await statuses()).toEqual([]);
  });
});

describe('SymbeeClient typed errors', () => {
  it('INVALIDCLIENTID → InvalidClientIdError', async () => {
    const { campaign, client } = await sandbox();
    const err = await client()
      .addOrUpdateCampaignRecord({ campaignName: campaign, clientId: '', previewRecordData: customer('No Id') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidClientIdError);
    expect(err).toBeInstanceOf(SymbeeResultError);
    expect(err).toMatchObject({ status: 'INVALIDCLIENTID', action: 'addOrUpdateCampaignRecord' });
    expect((err as InvalidClientIdError).response.previewResult.previewResultStatus).toBe('INVALIDCLIENTID');
  });

  it('INVALIDRECORDDATAKEY → InvalidRecordDataKeyError', async () => {
    const { campaign, client } = await sandbox();
    const err = await client()
      .addOrUpdateCampaignRecord({
        campaignName: campaign,
        clientId: 'k-1',
        clientIdFieldName: 'KeyId',
        previewRecordData: [{ key: 'KeyId', value: 'k-1' }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRecordDataKeyError);
    expect((err as InvalidRecordDataKeyError).error).toMatch(/KeyId/);
  });

  it('NORECORDFOUND → NoRecordFoundError, for every action that locates a record', async () => {
    const { campaign, otherCampaign, client } = await sandbox();
    const symbeeClient = client();
    const attempts = [
      symbeeClient.searchPreviewCampaign({ campaignName: campaign, clientId: 'nobody' }),
      symbeeClient.changeCampaignRecordStatus({
        campaignName: campaign,
        clientId: 'nobody',
        previewRecordStateEnum: 'COMPLETED',
      }),
      symbeeClient.transferCampaignRecord({
        campaignName: campaign,
        clientId: 'nobody',
        transferToCampaign: otherCampaign,
      }),
      symbeeClient.deleteRecordFromCampaign({
        campaignName: campaign,
        previewRecordId: '00000000-0000-4000-8000-000000000000',
      }),
    ];
    for (const attempt of attempts) {
      const err = await attempt.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoRecordFoundError);
      expect((err as NoRecordFoundError).status).toBe('NORECORDFOUND');
      expect((err as NoRecordFoundError).response.campaignName).toBe(campaign);
    }
  });

  it('FAILED → SymbeeFailedError with the service message', async () => {
    const { client } = await sandbox();
    const err = await client()
      .searchPreviewCampaign({ campaignName: 'NoSuchCampaign', clientId: '1001' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SymbeeFailedError);
    expect((err as SymbeeFailedError).error).toBe("Campaign 'NoSuchCampaign' not found");
  });

  it('HTTP 4xx → SymbeeHttpError carrying the previewResult body', async () => {
    const { client, statuses } = await sandbox();
    const err = await client({ apiKey: 'not-the-key' })
      .searchPreviewCampaign({ campaignName: 'x', clientId: '1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SymbeeHttpError);
    expect(err).toMatchObject({
      status: 401,
      attempts: 1,
      previewResult: { previewResultStatus: 'FAILED', error: 'Invalid API key' },
    });
    // A static key cannot be refreshed: no second attempt.
    expect(await statuses()).toEqual([401]);
  });
});

describe('SymbeeClient API key', () => {
  /** The simulator's GetSecretValue stand-in, counting calls. */
  function countingFetcher(id: string) {
    const fetchSecret = simulatorSecretFetcher(sim.url, id);
    const counter = { calls: 0, fetch: () => (counter.calls++, fetchSecret()) };
    return counter;
  }

  it('refreshes the key once after a rotation and retries transparently', async () => {
    const box = await sandbox();
    const secret = countingFetcher(box.id);
    const symbeeClient = box.client({ apiKey: secret.fetch });
    await symbeeClient.search({ campaignName: box.campaign, clientId: '1001' });
    const rotated = await admin<{ generation: number }>('POST', `/sandboxes/${box.id}/vendors/symbee/rotate-key`);
    expect(rotated.json.generation).toBe(1);

    const [record] = await symbeeClient.search({ campaignName: box.campaign, clientId: '1001' });
    expect(record?.clientId).toBe('1001');
    expect(secret.calls).toBe(2);
    expect(await box.statuses()).toEqual([200, 401, 200]);
  });

  it('gives up with SymbeeHttpError 401 when the refreshed key is refused too', async () => {
    const box = await sandbox();
    let n = 0;
    const err = await box
      .client({ apiKey: async () => `stale-${++n}` })
      .deleteRecordFromCampaign({ campaignName: box.campaign, clientId: '1001' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SymbeeHttpError);
    expect(err).toMatchObject({ status: 401, attempts: 2 });
    expect(n).toBe(2);
    expect(await box.statuses()).toEqual([401, 401]);
  });

  it('reuses a fetched key for at most an hour (injected clock)', async () => {
    const box = await sandbox();
    const secret = countingFetcher(box.id);
    let now = Date.parse(START);
    const symbeeClient = box.client({ apiKey: secret.fetch, now: () => now });
    const search = () => symbeeClient.search({ campaignName: box.campaign, clientId: '1001' });
    await search();
    now += 59 * 60 * 1000;
    await search();
    expect(secret.calls).toBe(1);
    now += 2 * 60 * 1000;
    await search();
    expect(secret.calls).toBe(2);
    expect(await box.statuses()).toEqual([200, 200, 200]);
  });

  it('refuses a cache lifetime above one hour', () => {
    expect(
      () =>
        new SymbeeClient({
          companyCode: 'c',
          environment: 'e',
          region: 'us-east-1',
          apiKey: async () => 'k',
          apiKeyMaxAgeMs: 61 * 60 * 1000,
        }),
    ).toThrow(RangeError);
  });
});

describe('SymbeeClient transport', () => {
  const fault = (id: string, rule: Record<string, unknown>) =>
    admin('POST', `/sandboxes/${id}/faults`, { vendor: 'symbee', path: '/searchPreviewCampaign', ...rule });

  it('retries a 503 honouring Retry-After, then succeeds', async () => {
    const box = await sandbox();
    expect(
      (await fault(box.id, { action: { type: 'status', status: 503, retryAfterSeconds: 2 }, times: 2 })).status,
    ).toBe(201);
    const waits: number[] = [];
    const symbeeClient = box.client({ sleep: async (ms) => void waits.push(ms) });
    const [record] = await symbeeClient.search({ campaignName: box.campaign, clientId: '1004' });
    expect(record?.clientId).toBe('1004');
    expect(waits).toEqual([2000, 2000]);
    expect(await box.statuses()).toEqual([200, 503, 503]);
  });

  it('surfaces SymbeeHttpError 503 once the retries are spent', async () => {
    const box = await sandbox();
    await fault(box.id, { action: { type: 'status', status: 503 }, times: 10 });
    const err = await box
      .client({ retry: { retries: 2 } })
      .search({ campaignName: box.campaign, clientId: '1004' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SymbeeHttpError);
    expect(err).toMatchObject({ status: 503, attempts: 3, previewResult: { previewResultStatus: 'FAILED' } });
  });

  it('waits out a 429 rate limit (Retry-After on the virtual clock) and retries', async () => {
    const box = await sandbox();
    await fault(box.id, { action: { type: 'rateLimit', limit: 1, windowMs: 30_000 } });
    const waits: number[] = [];
    // Waiting = moving the sandbox's virtual clock, so the limiter's window really passes.
    const sleep = async (ms: number) => {
      waits.push(ms);
      await admin('POST', `/sandboxes/${box.id}/clock`, { advanceMs: ms });
    };
    const symbeeClient = box.client({ sleep });
    await symbeeClient.search({ campaignName: box.campaign, clientId: '1001' });
    const [record] = await symbeeClient.search({ campaignName: box.campaign, clientId: '1002' });
    expect(record?.clientId).toBe('1002');
    expect(waits).toEqual([30_000]);
    expect(await box.statuses()).toEqual([200, 429, 200]);
  });

  it('retries a dropped connection', async () => {
    const box = await sandbox();
    await fault(box.id, { action: { type: 'drop' }, times: 1 });
    const [record] = await box.client().search({ campaignName: box.campaign, clientId: '1005' });
    expect(record?.clientId).toBe('1005');
  });

  it('times out on injected latency', async () => {
    const box = await sandbox();
    await fault(box.id, { action: { type: 'latency', ms: 1500 }, times: 1 });
    const err = await box
      .client({ timeoutMs: 100 })
      .search({ campaignName: box.campaign, clientId: '1001' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).not.toBeInstanceOf(NetworkError);
  });
});
