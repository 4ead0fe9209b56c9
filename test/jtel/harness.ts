import type request from 'supertest';
import {
  type Api,
  type SandboxSuite,
  type TestSandbox,
  createFrozenSandbox,
  useSandboxPerTest,
} from '../helpers/sim.ts';

/**
 * HTTP harness of the jtel tests: one simulator per test file, one sandbox per test on a frozen clock. Calls go to
 * `/jtel/rest/v1.0/{ClientsID}` with the sandbox's Bearer token.
 */
export const NOW = '2024-03-01T10:00:00.000Z';
export const NOW_MS = Date.parse(NOW);
export const MINUTE = 60_000;

export interface JtelSection {
  baseUrl: string;
  clientsId: number;
  token: string;
  acdGroups: { id: number; name: string; allowDuplicates: boolean }[];
  configurationGroups: { id: number; name: string }[];
  agentGroups: { id: number; name: string }[];
  users: { id: number; name: string }[];
  serviceNumbers: string[];
  eventTypes: { id: number; name: string }[];
  diallerCampaigns: { id: number; name: string }[];
}

/** Fixture ids (fixtures.ts): groups 101 Hotline, 102 Callback (no duplicates), 103 Email; users 501, 502. */
export const GROUP = { hotline: 101, callback: 102, email: 103 } as const;
export const USER = { both: 501, firstLevel: 502 } as const;
export const CAMPAIGN = { first: 1000, second: 1001, third: 1002 } as const;

export interface JtelSandbox extends TestSandbox<JtelSection> {
  /** `/jtel/rest/v1.0/{ClientsID}`. */
  base: string;
  get(path: string, token?: string): request.Test;
  post(path: string, body: unknown, token?: string): request.Test;
  del(path: string, token?: string): request.Test;
}

export async function jtelSandbox(
  api: Api,
  options: { seed?: number; now?: string; jtel?: object } = {},
): Promise<JtelSandbox> {
  const sb = await createFrozenSandbox<JtelSection>(api, 'jtel', {
    seed: options.seed,
    now: options.now ?? NOW,
    vendorOptions: options.jtel as Record<string, unknown> | undefined,
  });
  const base = `/jtel/rest/v1.0/${sb.section.clientsId}`;
  const auth = (token?: string) => ({ Authorization: `Bearer ${token ?? sb.section.token}` });
  return {
    ...sb,
    base,
    get: (path, token) => api.get(`${base}${path}`).set(auth(token)),
    post: (path, body, token) =>
      api
        .post(`${base}${path}`)
        .set(auth(token))
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body)),
    del: (path, token) => api.delete(`${base}${path}`).set(auth(token)),
  };
}

export type JtelSuite = SandboxSuite<JtelSandbox>;

/** One simulator per file, a fresh sandbox per test (options per file). */
export function useJtel(options: { seed?: number; jtel?: object } = {}): JtelSuite {
  return useSandboxPerTest((api) => jtelSandbox(api, options));
}

/** A valid callback event for the given group (a body to vary in tests). */
export const callback = (extra: Record<string, unknown> = {}) => ({
  AcdEventTypesID: 3,
  AcdGroupsID: GROUP.hotline,
  Sender: '+4989123456',
  Subject: 'Please call back',
  ...extra,
});
