import type { Response } from 'supertest';
import { expect } from 'vitest';
import type { SymbeeSandboxDescription } from '../../src/clients/symbee/index.ts';
import { API_PREFIX } from '../../simulators/symbee/routes.ts';
import { type SandboxDescription as AnySandboxDescription, type TestServer, postSandbox } from '../helpers/sim.ts';
import { symbeeEnvelope } from '../symbee/harness.ts';

/** A fresh simulator with every served vendor, listening on an ephemeral port. */
export { startTestServer as newSim } from '../helpers/sim.ts';

/** The `vendors.symbee` section of a sandbox description (what a client needs). */
export type SymbeeSection = SymbeeSandboxDescription;

export type SandboxDescription = AnySandboxDescription<{ symbee: SymbeeSection }>;

export type TestSim = TestServer;

export function createSandbox(api: TestSim['api'], body: object = {}): Promise<SandboxDescription> {
  return postSandbox<SandboxDescription>(api, body);
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
    .send({ ...symbeeEnvelope(s, campaign), ...body });
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
