import type { Server } from 'node:http';
import request from 'supertest';
import type { Action, PreviewRecord } from '../../contracts/symbee/schemas.ts';
import { createSimulator, type Simulator } from '../../simulators/core/app.ts';
import { VENDORS } from '../../simulators/index.ts';

/**
 * HTTP harness of the Symbee tests: one simulator per test file (supertest against `createSimulator`), one sandbox
 * per test made through `POST /__admin/sandboxes` with a frozen clock. No state is shared between files.
 */
export const NOW = '2021-11-03T05:00:00.000Z';
export const NOW_MS = Date.parse(NOW);
export const MINUTE = 60_000;

export interface SymbeeSection {
  baseUrl: string;
  headers: Record<string, string>;
  platform: string;
  companyCode: string;
  environment: string;
  region: string;
  campaigns: string[];
  skillQueues: string[];
  agents: string[];
  clientIds: Record<string, string[]>;
}

export interface TestSimulator {
  sim: Simulator;
  server: Server;
  sandbox(options?: SandboxOptions): Promise<SymbeeSandbox>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  seed?: number;
  now?: string;
  symbee?: Record<string, unknown>;
}

export async function startSymbee(): Promise<TestSimulator> {
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

export type Body = Record<string, unknown>;

export interface SymbeeSandbox {
  id: string;
  section: SymbeeSection;
  /** The five X-sc-* headers as the sandbox description gives them. */
  headers: Record<string, string>;
  /** The request envelope (platform, companyCode, environment, region, campaignName). */
  envelope(campaignName?: string): Body;
  /** POSTs a JSON body (envelope merged under it) to an action with the sandbox's credentials. */
  post(action: Action, body?: Body, headers?: Record<string, string>): Promise<request.Response>;
  /** POSTs a raw body as is (no envelope), for transport tests. */
  raw(action: Action, body: string, headers?: Record<string, string>): Promise<request.Response>;
  add(clientId: string, data?: Body[], extra?: Body): Promise<request.Response>;
  /** The record of a clientId (search by clientId), or undefined on NORECORDFOUND. */
  find(clientId: string, campaignName?: string): Promise<PreviewRecord | undefined>;
  /** Every record of a campaign as the records backdoor lists them. */
  records(campaignName?: string): Promise<PreviewRecord[]>;
  admin(method: 'GET' | 'POST', path: string, body?: Body): Promise<request.Response>;
  advance(ms: number): Promise<void>;
  now(): Promise<number>;
  actionPath(action: Action): string;
}

async function createSandbox(server: Server, options: SandboxOptions = {}): Promise<SymbeeSandbox> {
  const created = await request(server)
    .post('/__admin/sandboxes')
    .send({
      seed: options.seed ?? 42,
      clock: { now: options.now ?? NOW, frozen: true },
      ...(options.symbee ? { options: { symbee: options.symbee } } : {}),
    });
  if (created.status !== 201) throw new Error(`sandbox not created: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const section = created.body.vendors.symbee as SymbeeSection;
  const prefix = new URL(section.baseUrl).pathname;
  const actionPath = (action: Action) => `${prefix}/${action}`;
  const envelope = (campaignName = section.campaigns[0]) => ({
    platform: section.platform,
    companyCode: section.companyCode,
    environment: section.environment,
    region: section.region,
    campaignName,
  });
  const adminPath = (path: string) => `/__admin/sandboxes/${id}${path}`;

  const sandbox: SymbeeSandbox = {
    id,
    section,
    headers: section.headers,
    envelope,
    actionPath,
    post: (action, body = {}, headers = {}) =>
      request(server)
        .post(actionPath(action))
        .set({ ...section.headers, ...headers })
        .send({ ...envelope(), ...body }),
    raw: (action, body, headers = {}) =>
      request(server)
        .post(actionPath(action))
        .set({ ...section.headers, 'content-type': 'application/json', ...headers })
        .send(body),
    add: (clientId, data = [{ key: 'Name', value: `Customer ${clientId}` }], extra = {}) =>
      sandbox.post('addOrUpdateCampaignRecord', { clientId, previewRecordData: data, ...extra }),
    async find(clientId, campaignName) {
      const res = await sandbox.post('searchPreviewCampaign', { clientId, ...(campaignName ? { campaignName } : {}) });
      if (res.body.previewResult?.previewResultStatus === 'NORECORDFOUND') return undefined;
      if (res.status !== 200 || res.body.previewResult.previewResultStatus !== 'SUCCESS') {
        throw new Error(`search by clientId failed: ${res.status} ${res.text}`);
      }
      return res.body.previewRecordClientData[0] as PreviewRecord;
    },
    async records(campaignName = section.campaigns[0]) {
      const res = await request(server)
        .get(adminPath('/vendors/symbee/records'))
        .query({ campaignName, limit: 100_000 });
      if (res.status !== 200) throw new Error(`records backdoor: ${res.status} ${res.text}`);
      return res.body.records as PreviewRecord[];
    },
    admin: (method, path, body) => {
      const req = method === 'GET' ? request(server).get(adminPath(path)) : request(server).post(adminPath(path));
      return body === undefined ? req : req.send(body);
    },
    async advance(ms) {
      const res = await request(server).post(adminPath('/clock')).send({ advanceMs: ms });
      if (res.status !== 200) throw new Error(`clock: ${res.status} ${res.text}`);
    },
    async now() {
      const res = await request(server).get(adminPath('/clock'));
      return Date.parse(res.body.now as string);
    },
  };
  return sandbox;
}

/** `previewResult.previewResultStatus` of a response. */
export function statusOf(res: request.Response): string | undefined {
  return res.body?.previewResult?.previewResultStatus;
}

/** The value of one data key of a record. */
export function valueOf(record: PreviewRecord | undefined, key: string): string | undefined {
  return record?.previewRecordData.find((d) => d.key === key)?.value;
}
