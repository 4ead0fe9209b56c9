import type { Server } from 'node:http';
import request from 'supertest';
import type { AddCustomerOutcome, CampaignRecord } from '../../contracts/eightbyeight/schemas.ts';
import { RecordsResponseSchema } from '../../contracts/eightbyeight/schemas.ts';
import { createSimulator, type Simulator } from '../../simulators/core/app.ts';
import { VENDORS } from '../../simulators/index.ts';

/**
 * HTTP harness of the 8x8 tests: one simulator per test file (supertest against `createSimulator` on an ephemeral
 * port), one sandbox per test through `POST /__admin/sandboxes` with a frozen clock. Nothing is shared between files.
 */
export const NOW = '2024-03-01T10:00:00.000Z';
export const NOW_MS = Date.parse(NOW);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface CampaignFixture {
  id: number;
  name: string;
  dynamic: boolean;
  status: number;
  scheduleFrom: string;
  scheduleTo: string;
}

export interface EightByEightSection {
  baseUrl: string;
  username: string;
  actionToken: string;
  dataToken: string;
  platform: string;
  campaigns: CampaignFixture[];
  crmCustomers: number[];
}

/** Fixture campaign ids by role (fixtures.ts order). */
export const CAMPAIGN = { running: 125, list: 126, stopped: 127, notStarted: 128, disabled: 129 } as const;

export interface SandboxOptions {
  seed?: number;
  now?: string;
  eightbyeight?: Record<string, unknown>;
}

export type Token = 'action' | 'data' | 'none' | string;

export interface EightByEightSandbox {
  id: string;
  section: EightByEightSection;
  /** Path of the API below the server (`/eightbyeight/vcc-<platform>`). */
  base: string;
  basic(token: Token): Record<string, string>;
  /** POST /api/tstats/campaigns/{id}/customers with a JSON body (raw text when a string is given). */
  add(campaignId: number, body: unknown, token?: Token): Promise<request.Response>;
  /** Adds and returns the 207 entries, failing on anything but 207. */
  addOk(campaignId: number, body: unknown): Promise<AddCustomerOutcome[]>;
  remove(campaignId: number, customerId: number | string, token?: Token): Promise<request.Response>;
  recordsJson(campaignId: number, query?: Record<string, string>, token?: Token): Promise<request.Response>;
  recordsXml(campaignId: number, query?: Record<string, string>, token?: Token): Promise<request.Response>;
  /** The parsed, schema-checked records of a campaign. */
  records(campaignId: number): Promise<CampaignRecord[]>;
  campaign(campaignId: number, token?: Token): Promise<request.Response>;
  setStatus(campaignId: number, status: unknown, token?: Token): Promise<request.Response>;
  admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<request.Response>;
  /** The QA view of a customer's record (record, attempts, next event), or undefined when not in the campaign. */
  inspect(campaignId: number, customerId: number): Promise<RecordInspection | undefined>;
  advance(ms: number): Promise<void>;
}

export interface RecordInspection {
  record: CampaignRecord;
  'customer-id': number;
  attempts: number;
  nextEventAt: string | null;
  forcedOutcome: Record<string, unknown> | null;
}

export interface TestSimulator {
  sim: Simulator;
  server: Server;
  sandbox(options?: SandboxOptions): Promise<EightByEightSandbox>;
  close(): Promise<void>;
}

export async function startEightByEight(): Promise<TestSimulator> {
  const sim = await createSimulator({ vendors: VENDORS });
  const server = sim.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    sim,
    server,
    sandbox: (options) => createSandbox(server, options),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sim.close();
    },
  };
}

export async function createSandbox(server: Server, options: SandboxOptions = {}): Promise<EightByEightSandbox> {
  const created = await request(server)
    .post('/__admin/sandboxes')
    .send({
      seed: options.seed ?? 42,
      clock: { now: options.now ?? NOW, frozen: true },
      ...(options.eightbyeight ? { options: { eightbyeight: options.eightbyeight } } : {}),
    });
  if (created.status !== 201) throw new Error(`sandbox not created: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const section = created.body.vendors.eightbyeight as EightByEightSection;
  const base = new URL(section.baseUrl).pathname;
  const adminPath = (path: string) => `/__admin/sandboxes/${id}${path}`;

  const basic = (token: Token): Record<string, string> => {
    if (token === 'none') return {};
    const password = token === 'action' ? section.actionToken : token === 'data' ? section.dataToken : token;
    return { authorization: `Basic ${Buffer.from(`${section.username}:${password}`).toString('base64')}` };
  };
  const json = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

  const sandbox: EightByEightSandbox = {
    id,
    section,
    base,
    basic,
    add: (campaignId, body, token = 'action') =>
      request(server)
        .post(`${base}/api/tstats/campaigns/${campaignId}/customers`)
        .set({ ...basic(token), 'content-type': 'application/json' })
        .send(json(body)),
    async addOk(campaignId, body) {
      const res = await sandbox.add(campaignId, body);
      if (res.status !== 207) throw new Error(`add: ${res.status} ${res.text}`);
      return res.body as AddCustomerOutcome[];
    },
    remove: (campaignId, customerId, token = 'action') =>
      request(server).delete(`${base}/api/tstats/campaigns/${campaignId}/customers/${customerId}`).set(basic(token)),
    recordsJson: (campaignId, query = {}, token = 'data') =>
      request(server).get(`${base}/api/stats/campaigns/${campaignId}/records.json`).query(query).set(basic(token)),
    recordsXml: (campaignId, query = {}, token = 'data') =>
      request(server)
        .get(`${base}/api/stats/campaigns/${campaignId}/records`)
        .query(query)
        .set(basic(token))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        }),
    async records(campaignId) {
      const res = await sandbox.recordsJson(campaignId);
      if (res.status !== 200) throw new Error(`records: ${res.status} ${res.text}`);
      return RecordsResponseSchema.parse(res.body).records.record;
    },
    campaign: (campaignId, token = 'data') =>
      request(server).get(`${base}/api/stats/campaigns/${campaignId}.json`).set(basic(token)),
    setStatus: (campaignId, status, token = 'action') =>
      request(server)
        .post(`${base}/api/tstats/campaigns/${campaignId}`)
        .set({ ...basic(token), 'content-type': 'application/json' })
        .send(json({ status })),
    admin: (method, path, body) => {
      const req = method === 'GET' ? request(server).get(adminPath(path)) : request(server).post(adminPath(path));
      return body === undefined ? req : req.send(body as object);
    },
    async inspect(campaignId, customerId) {
      const res = await sandbox.admin('GET', `/vendors/eightbyeight/campaigns/${campaignId}/customers/${customerId}`);
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw new Error(`inspect: ${res.status} ${res.text}`);
      return res.body as RecordInspection;
    },
    async advance(ms) {
      const res = await request(server).post(adminPath('/clock')).send({ advanceMs: ms });
      if (res.status !== 200) throw new Error(`clock: ${res.status} ${res.text}`);
    },
  };
  return sandbox;
}

export const iso = (ms: number) => new Date(ms).toISOString();
