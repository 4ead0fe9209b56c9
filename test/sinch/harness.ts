import request from 'supertest';
import { createSimulator, type Simulator } from '../../simulators/core/app.ts';
import { VENDORS } from '../../simulators/index.ts';

/**
 * HTTP harness of the Sinch tests: one simulator per test file (supertest against `createSimulator`), one sandbox
 * per test made through `POST /__admin/sandboxes` with a frozen clock. No state is shared between files.
 */
export const NOW = '2024-05-16T08:00:00.000Z';
export const NOW_MS = Date.parse(NOW);
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const PREFIX = '/sinch/RI/obi';

import type { SinchSection } from '../../src/testing/admin.ts';

export type { SinchSection };

export interface SandboxOptions {
  seed?: number;
  now?: string;
  sinch?: Record<string, unknown>;
}

export interface RequestOptions {
  accept?: string;
  contentType?: string;
  query?: Record<string, string>;
  auth?: string | false;
}

type Body = string | object | undefined;

export interface SinchSandbox {
  id: string;
  section: SinchSection;
  /** `Authorization: Basic …` of the sandbox user. */
  auth: string;
  /** campaigns[0] PREVIEW, [1] PREDICTIVE, [2] PROGRESSIVE. */
  campaign(index?: number): string;
  send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    path: string,
    body?: Body,
    options?: RequestOptions,
  ): Promise<request.Response>;
  get(path: string, options?: RequestOptions): Promise<request.Response>;
  admin(method: 'GET' | 'POST' | 'PATCH', path: string, body?: object): Promise<request.Response>;
  advance(ms: number): Promise<void>;
  activate(campaignId?: string): Promise<void>;
  /** Adds customers through the API (JSON list); returns their ids. */
  addCustomers(campaignId: string, customers: object[]): Promise<string[]>;
  customer(campaignId: string, customerId: string): Promise<Record<string, unknown>>;
  campaignView(campaignId: string, query?: Record<string, string>): Promise<Record<string, unknown>>;
}

export interface TestSimulator {
  sim: Simulator;
  api: ReturnType<typeof request>;
  sandbox(options?: SandboxOptions): Promise<SinchSandbox>;
}

export const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

export async function startSinch(): Promise<TestSimulator> {
  const sim = await createSimulator({ vendors: VENDORS });
  const api = request(sim.app);
  return { sim, api, sandbox: (options) => createSandbox(api, options) };
}

async function createSandbox(api: ReturnType<typeof request>, options: SandboxOptions = {}): Promise<SinchSandbox> {
  const created = await api.post('/__admin/sandboxes').send({
    seed: options.seed ?? 42,
    clock: { now: options.now ?? NOW, frozen: true },
    ...(options.sinch ? { options: { sinch: options.sinch } } : {}),
  });
  if (created.status !== 201) throw new Error(`sandbox not created: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const section = created.body.vendors.sinch as SinchSection;
  const auth = basic(section.username, section.password);
  const adminPath = (path: string) => `/__admin/sandboxes/${id}${path}`;

  const sandbox: SinchSandbox = {
    id,
    section,
    auth,
    campaign: (index = 0) => section.campaigns[index] as string,
    send(method, path, body, opts = {}) {
      const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
      let req = api[verb](`${PREFIX}${path}`);
      if (opts.auth !== false) req = req.set('Authorization', opts.auth ?? auth);
      if (opts.accept) req = req.set('Accept', opts.accept);
      if (opts.query) req = req.query(opts.query);
      if (body === undefined) return req;
      const contentType = opts.contentType ?? (typeof body === 'string' ? 'text/plain' : 'application/json');
      return req.set('Content-Type', contentType).send(typeof body === 'string' ? body : JSON.stringify(body));
    },
    get: (path, opts) => sandbox.send('GET', path, undefined, opts),
    admin(method, path, body) {
      const verb = method.toLowerCase() as 'get' | 'post' | 'patch';
      const req = api[verb](adminPath(path));
      return body === undefined ? req : req.send(body);
    },
    async advance(ms) {
      const res = await api.post(adminPath('/clock')).send({ advanceMs: ms });
      if (res.status !== 200) throw new Error(`clock: ${res.status} ${res.text}`);
    },
    async activate(campaignId = sandbox.campaign(0)) {
      const res = await sandbox.send('PUT', `/campaigns/${campaignId}/status`, 'Active');
      if (res.status !== 204) throw new Error(`activate: ${res.status} ${res.text}`);
    },
    async addCustomers(campaignId, customers) {
      const res = await sandbox.send('POST', `/campaigns/${campaignId}/customers/list`, customers);
      if (res.status !== 200) throw new Error(`add customers: ${res.status} ${res.text}`);
      const results = res.body as { statusCode: number; id?: string; error?: string }[];
      const failed = results.find((r) => r.statusCode !== 201);
      if (failed) throw new Error(`customer refused: ${JSON.stringify(failed)}`);
      return results.map((r) => r.id as string);
    },
    async customer(campaignId, customerId) {
      const res = await sandbox.get(`/campaigns/${campaignId}/customers/${customerId}`);
      if (res.status !== 200) throw new Error(`customer: ${res.status} ${res.text}`);
      return res.body as Record<string, unknown>;
    },
    async campaignView(campaignId, query) {
      const res = await sandbox.get(`/campaigns/${campaignId}`, { query });
      if (res.status !== 200) throw new Error(`campaign: ${res.status} ${res.text}`);
      return res.body as Record<string, unknown>;
    },
  };
  return sandbox;
}

/** A valid new customer in the document's shape. */
export function newCustomer(n: number, extra: object = {}): Record<string, unknown> {
  return {
    attributes: {
      attribute: [
        { name: 'City', value: 'New York' },
        { name: 'First Name', value: `Customer ${n}` },
      ],
    },
    numbers: `+5214${String(5200 + n).padStart(6, '0')};`,
    ...extra,
  };
}

/** The document's "Add a new customer" example (its stray closing brace removed). */
export const POST_EXAMPLE = {
  attributes: {
    attribute: [
      { name: 'City', value: 'New York' },
      { name: 'Classification', value: 'Gold' },
      { name: 'Address', value: 'StreetAddress10' },
      { name: 'First Name', value: 'Kathy' },
    ],
  },
  externalId: '10',
  numbers: '0215428754;98521542',
  timeZone: 'Europe/Helsinki',
};
