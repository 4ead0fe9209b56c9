import type request from 'supertest';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { AddCustomerOutcome, CampaignRecord } from '../../contracts/eightbyeight/schemas.ts';
import { RecordsResponseSchema } from '../../contracts/eightbyeight/schemas.ts';
import type { EightByEightCampaignFixture, EightByEightSection } from '../../src/testing/admin.ts';
import { type Api, type TestServer, createFrozenSandbox, startTestServer } from '../helpers/sim.ts';

/**
 * HTTP harness of the 8x8 tests: one simulator per test file (supertest against `createSimulator` on an ephemeral
 * port), one sandbox per test through `POST /__admin/sandboxes` with a frozen clock. Nothing is shared between files.
 */
export const NOW = '2024-03-01T10:00:00.000Z';
export const NOW_MS = Date.parse(NOW);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type { EightByEightCampaignFixture as CampaignFixture, EightByEightSection };

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
  /** The status change by POST (8x8's status page) or PATCH (8x8's OpenAPI). */
  setStatus(campaignId: number, status: unknown, token?: Token, method?: 'POST' | 'PATCH'): Promise<request.Response>;
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

export interface TestSimulator extends TestServer {
  /** `http://127.0.0.1:<port>` of the listening server (for clients that open their own connections). */
  origin: string;
  sandbox(options?: SandboxOptions): Promise<EightByEightSandbox>;
}

export async function startEightByEight(): Promise<TestSimulator> {
  const t = await startTestServer();
  return { ...t, origin: t.sim.url, sandbox: (options) => createSandbox(t.api, options) };
}

/** What a test file sees through `useEightByEight`: the file's simulator and the current test's sandbox. */
export interface EightByEightSuite {
  readonly sim: TestSimulator;
  /** supertest bound to the file's simulator. */
  readonly api: Api;
  /** The sandbox of the running test; a test may replace it with one made with other options. */
  sb: EightByEightSandbox;
}

/**
 * Registers the hooks of an 8x8 test file: one simulator for the file, closed after it, and a fresh sandbox before
 * each test (`perTest`, the default), one sandbox for the whole file (`perFile`), or none (`none`: tests make their
 * own with `sim.sandbox()`).
 */
export function useEightByEight(sandboxes: 'perTest' | 'perFile' | 'none' = 'perTest'): EightByEightSuite {
  let sim: TestSimulator | undefined;
  let sb: EightByEightSandbox | undefined;
  beforeAll(async () => {
    sim = await startEightByEight();
    if (sandboxes === 'perFile') sb = await sim.sandbox();
  });
  afterAll(() => sim?.close());
  if (sandboxes === 'perTest') {
    beforeEach(async () => {
      sb = await (sim as TestSimulator).sandbox();
    });
  }
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what} yet: use it inside a test or hook`);
    return value;
  };
  return {
    get sim() {
      return ready(sim, 'simulator');
    },
    get api() {
      return ready(sim, 'simulator').api;
    },
    get sb() {
      return ready(sb, 'sandbox');
    },
    set sb(value) {
      sb = value;
    },
  };
}

async function createSandbox(api: Api, options: SandboxOptions = {}): Promise<EightByEightSandbox> {
  const created = await createFrozenSandbox<EightByEightSection>(api, 'eightbyeight', {
    seed: options.seed,
    now: options.now ?? NOW,
    vendorOptions: options.eightbyeight,
  });
  const { id, section } = created;
  const base = new URL(section.baseUrl).pathname;

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
      api
        .post(`${base}/api/tstats/campaigns/${campaignId}/customers`)
        .set({ ...basic(token), 'content-type': 'application/json' })
        .send(json(body)),
    async addOk(campaignId, body) {
      const res = await sandbox.add(campaignId, body);
      if (res.status !== 207) throw new Error(`add: ${res.status} ${res.text}`);
      return res.body as AddCustomerOutcome[];
    },
    remove: (campaignId, customerId, token = 'data') =>
      api.delete(`${base}/api/tstats/campaigns/${campaignId}/customers/${customerId}`).set(basic(token)),
    recordsJson: (campaignId, query = {}, token = 'data') =>
      api.get(`${base}/api/stats/campaigns/${campaignId}/records.json`).query(query).set(basic(token)),
    recordsXml: (campaignId, query = {}, token = 'data') =>
      asText(api.get(`${base}/api/stats/campaigns/${campaignId}/records`).query(query).set(basic(token))),
    async records(campaignId) {
      const res = await sandbox.recordsJson(campaignId);
      if (res.status !== 200) throw new Error(`records: ${res.status} ${res.text}`);
      return RecordsResponseSchema.parse(res.body).records.record;
    },
    campaign: (campaignId, token = 'data') =>
      api.get(`${base}/api/stats/campaigns/${campaignId}.json`).set(basic(token)),
    setStatus: (campaignId, status, token = 'action', method = 'POST') =>
      api[method === 'POST' ? 'post' : 'patch'](`${base}/api/tstats/campaigns/${campaignId}`)
        .set({ ...basic(token), 'content-type': 'application/json' })
        .send(json({ status })),
    admin: (method, path, body) => created.admin(method, path, body as object | undefined),
    async inspect(campaignId, customerId) {
      const res = await sandbox.admin('GET', `/vendors/eightbyeight/campaigns/${campaignId}/customers/${customerId}`);
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw new Error(`inspect: ${res.status} ${res.text}`);
      return res.body as RecordInspection;
    },
    advance: (ms) => created.advance(ms),
  };
  return sandbox;
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Keeps a response body as text (`res.body` is the string), whatever its content type: XML lists. */
export function asText(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
}
