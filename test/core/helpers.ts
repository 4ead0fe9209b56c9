import { once } from 'node:events';
import request from 'supertest';
import type { Response } from 'supertest';
import { expect } from 'vitest';
import { API_PREFIX } from '../../simulators/symbee/routes.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../simulators/core/app.ts';
import { VENDORS } from '../../simulators/index.ts';

/** The `vendors.symbee` section of a sandbox description (what a client needs). */
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
  apiKeyRotation: { generation: number; rotatedAt: string; intervalMinutes: number };
}

export interface SandboxDescription {
  id: string;
  seed: number;
  default: boolean;
  clock: { now: string; frozen: boolean };
  journal: { enabled: boolean; limit: number };
  vendors: { symbee: SymbeeSection };
}

export interface TestSim {
  sim: Simulator;
  api: ReturnType<typeof request>;
  /** Stops the listening server and the simulator (saves when persistent). */
  close(): Promise<void>;
}

/**
 * A fresh simulator with every served vendor (each test file builds its own: no shared state). It listens once on
 * an ephemeral port: handing supertest the bare app would bind a new server for every single request.
 */
export async function newSim(options: Partial<SimulatorOptions> = {}): Promise<TestSim> {
  const sim = await createSimulator({ vendors: VENDORS, ...options });
  const server = sim.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    sim,
    api: request(server),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sim.close();
    },
  };
}

export async function createSandbox(api: TestSim['api'], body: object = {}): Promise<SandboxDescription> {
  const res = await api.post('/__admin/sandboxes').send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as SandboxDescription;
}

/** The admin error shape every refusal of the control plane uses. */
export function expectAdminError(res: Response, status: number, message?: RegExp): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ error: { status, message: expect.any(String) } });
  if (message) expect(res.body.error.message).toMatch(message);
}

export const symbeePath = (action: string) => `/symbee${API_PREFIX}/${action}`;

/** One Symbee action in a sandbox, with its credentials and the body envelope the document requires. */
export function symbee(
  api: TestSim['api'],
  sandbox: SandboxDescription,
  action: string,
  body: Record<string, unknown> = {},
  campaign = sandbox.vendors.symbee.campaigns[0],
) {
  const s = sandbox.vendors.symbee;
  return api
    .post(symbeePath(action))
    .set(s.headers)
    .send({
      platform: s.platform,
      companyCode: s.companyCode,
      environment: s.environment,
      region: s.region,
      campaignName: campaign,
      ...body,
    });
}

export function addRecord(api: TestSim['api'], sandbox: SandboxDescription, clientId: string, name = 'Ann Example') {
  return symbee(api, sandbox, 'addOrUpdateCampaignRecord', {
    clientId,
    previewRecordData: [{ key: 'Name', value: name, displayOrder: 1 }],
  });
}

export async function findRecord(api: TestSim['api'], sandbox: SandboxDescription, clientId: string) {
  const res = await symbee(api, sandbox, 'searchPreviewCampaign', { clientId });
  expect(res.status).toBe(200);
  return res.body as {
    previewResult: { previewResultStatus: string; error: string | null };
    previewRecordClientData: {
      clientId: string;
      createdTime: string;
      lastUpdatedTime: string;
      previewRecordData: { key: string; value: string }[];
    }[];
  };
}
