import request from 'supertest';
import type { Action, PreviewRecord } from '../../contracts/symbee/schemas.ts';
import type { SymbeeSandboxDescription } from '../../src/clients/symbee/index.ts';
import { beforeEach } from 'vitest';
import {
  type AdminMethod,
  type Api,
  type TestServer,
  createFrozenSandbox,
  perFile,
  startTestServer,
} from '../helpers/sim.ts';

/**
 * HTTP harness of the Symbee tests: one simulator per test file (supertest against `createSimulator`), one sandbox
 * per test made through `POST /__admin/sandboxes` with a frozen clock. No state is shared between files.
 */
export const NOW = '2021-11-03T05:00:00.000Z';
export const NOW_MS = Date.parse(NOW);
export const MINUTE = 60_000;

export type SymbeeSection = SymbeeSandboxDescription;

export interface TestSimulator extends TestServer {
  sandbox(options?: SandboxOptions): Promise<SymbeeSandbox>;
}

export interface SandboxOptions {
  seed?: number;
  now?: string;
  symbee?: Record<string, unknown>;
}

export async function startSymbee(): Promise<TestSimulator> {
  const t = await startTestServer();
  return { ...t, sandbox: (options) => createSandbox(t.api, options) };
}

/** One simulator per test file and a fresh sandbox before each test, handed to `use` (no state shared by tests). */
export function sandboxPerTest(use: (sim: TestSimulator, sb: SymbeeSandbox) => void): void {
  let sim: TestSimulator;
  perFile(startSymbee, (v) => (sim = v));
  beforeEach(async () => use(sim, await sim.sandbox()));
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
  admin(method: Extract<AdminMethod, 'GET' | 'POST'>, path: string, body?: Body): Promise<request.Response>;
  advance(ms: number): Promise<void>;
  now(): Promise<number>;
  actionPath(action: Action): string;
}

/** The body envelope every action carries (document), for one campaign of the sandbox. */
export function symbeeEnvelope(section: SymbeeSection, campaignName = section.campaigns[0]): Body {
  return {
    platform: section.platform,
    companyCode: section.companyCode,
    environment: section.environment,
    region: section.region,
    campaignName,
  };
}

export async function createSandbox(api: Api, options: SandboxOptions = {}): Promise<SymbeeSandbox> {
  const base = await createFrozenSandbox<SymbeeSection>(api, 'symbee', {
    seed: options.seed,
    now: options.now ?? NOW,
    vendorOptions: options.symbee,
  });
  const { section } = base;
  const prefix = new URL(section.baseUrl).pathname;
  const actionPath = (action: Action) => `${prefix}/${action}`;
  const envelope = (campaignName?: string) => symbeeEnvelope(section, campaignName);

  const sandbox: SymbeeSandbox = {
    id: base.id,
    section,
    headers: section.headers,
    envelope,
    actionPath,
    admin: base.admin,
    advance: base.advance,
    now: base.now,
    post: (action, body = {}, headers = {}) =>
      api
        .post(actionPath(action))
        .set({ ...section.headers, ...headers })
        .send({ ...envelope(), ...body }),
    raw: (action, body, headers = {}) =>
      api
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
      const res = await base.admin('GET', '/vendors/symbee/records').query({ campaignName, limit: 100_000 });
      if (res.status !== 200) throw new Error(`records backdoor: ${res.status} ${res.text}`);
      return res.body.records as PreviewRecord[];
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
