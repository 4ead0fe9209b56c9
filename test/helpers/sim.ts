import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type Simulator, type SimulatorOptions, createSimulator } from '../../simulators/core/app.ts';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';
import type { VendorId } from '../../simulators/core/vendor.ts';
import { VENDORS } from '../../simulators/index.ts';

/**
 * The generic half of every HTTP test harness: one simulator per test file and sandboxes made through the admin API.
 * Vendor harnesses add only their own conveniences (credentials, request envelopes, typed backdoors) on top.
 */
export type Api = ReturnType<typeof request>;

export interface TestServer {
  sim: RunningSimulator;
  server: Server;
  /** supertest bound to the listening server. */
  api: Api;
  /** Stops the listening server and the simulator (saves when persistent). */
  close(): Promise<void>;
}

/**
 * A fresh simulator with every served vendor (each test file builds its own: no shared state). It listens once on
 * an ephemeral port: handing supertest the bare app would bind a new server for every single request.
 */
export async function startTestServer(options: Partial<SimulatorOptions> = {}): Promise<TestServer> {
  const sim = await startSimulator({ vendors: VENDORS, ...options, port: 0 });
  return { sim, server: sim.server, api: request(sim.server), close: () => sim.stop() };
}

/** What `POST /__admin/sandboxes` answers; `vendors` holds one section per served vendor. */
export interface SandboxDescription<Vendors = Record<string, unknown>> {
  id: string;
  seed: number;
  default: boolean;
  clock: { now: string; frozen: boolean };
  journal: { enabled: boolean; limit: number };
  vendors: Vendors;
}

/** `POST /__admin/sandboxes` with `body`; fails the test unless the sandbox is created. */
export async function postSandbox<D = SandboxDescription>(api: Api, body: object = {}): Promise<D> {
  const res = await api.post('/__admin/sandboxes').send(body);
  expect(res.status, res.text).toBe(201);
  return res.body as D;
}

export interface FrozenSandboxOptions {
  /** Default 42. */
  seed?: number;
  /** The frozen virtual time the sandbox starts at. */
  now: string;
  /** `options.<vendor>` of the sandbox, when any. */
  vendorOptions?: Record<string, unknown>;
}

export type AdminMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A sandbox on a frozen clock, seen from one vendor: its section and its admin API. */
export interface TestSandbox<Section> {
  id: string;
  section: Section;
  /** `/__admin/sandboxes/{id}{path}`. */
  adminPath(path: string): string;
  /** A call of the sandbox's admin API (backdoors included); sends `body` when given. */
  admin(method: AdminMethod, path: string, body?: object | string): request.Test;
  /** Moves the virtual clock forward; fails on any refusal. */
  advance(ms: number): Promise<void>;
  /** The virtual time, epoch ms. */
  now(): Promise<number>;
}

export async function createFrozenSandbox<Section>(
  api: Api,
  vendor: VendorId,
  { seed = 42, now, vendorOptions }: FrozenSandboxOptions,
): Promise<TestSandbox<Section>> {
  const created = await postSandbox<SandboxDescription<Record<string, Section>>>(api, {
    seed,
    clock: { now, frozen: true },
    ...(vendorOptions ? { options: { [vendor]: vendorOptions } } : {}),
  });
  const adminPath = (path: string) => `/__admin/sandboxes/${created.id}${path}`;
  const admin = (method: AdminMethod, path: string, body?: object | string) => {
    const call = api[method.toLowerCase() as Lowercase<AdminMethod>](adminPath(path));
    return body === undefined ? call : call.send(body);
  };
  return {
    id: created.id,
    section: created.vendors[vendor] as Section,
    adminPath,
    admin,
    async advance(ms) {
      const res = await admin('POST', '/clock', { advanceMs: ms });
      if (res.status !== 200) throw new Error(`clock: ${res.status} ${res.text}`);
    },
    async now() {
      const res = await admin('GET', '/clock');
      return Date.parse(res.body.now as string);
    },
  };
}

/**
 * Restartable simulators on one temporary data dir per test, for save → restart → compare tests: `start(true)` is
 * persistent (autosave off, so the test decides when state is written by closing), `start(false)` in memory. All are
 * closed and the directory removed after each test.
 */
export function useRestartableSimulators(prefix: string): {
  start(persistent: boolean): Promise<Simulator>;
  /** Closes one now (a persistent one saves): the "shutdown" before the restart. */
  stop(sim: Simulator): Promise<void>;
} {
  let dataDir = '';
  const open: Simulator[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    for (const sim of open.splice(0)) await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    async start(persistent) {
      const sim = await createSimulator({
        vendors: VENDORS,
        ...(persistent ? { dataDir, autosaveMs: 3_600_000 } : {}),
        publicOrigin: 'http://sim.test',
      });
      open.push(sim);
      return sim;
    },
    async stop(sim) {
      open.splice(open.indexOf(sim), 1);
      await sim.close();
    },
  };
}

/**
 * One server for a whole test file: started before its first test, closed after its last. `assign` hands it to the
 * file's variable (`let t: TestSim; perFile(newSim, (v) => (t = v));`).
 */
export function perFile<T extends { close(): Promise<void> }>(
  start: () => Promise<T>,
  assign: (value: T) => void,
): void {
  let value: T | undefined;
  beforeAll(async () => {
    value = await start();
    assign(value);
  });
  afterAll(() => value?.close());
}

/** A file's simulator and the sandbox of the running test. */
export interface SandboxSuite<S> {
  readonly api: Api;
  readonly server: TestServer;
  sb: S;
}

/** One simulator per test file, a fresh sandbox per test (made by `create`; a test may replace it). */
export function useSandboxPerTest<S>(create: (api: Api) => Promise<S>): SandboxSuite<S> {
  let server: TestServer | undefined;
  let sb: S | undefined;
  perFile(startTestServer, (value) => (server = value));
  beforeEach(async () => {
    sb = await create((server as TestServer).api);
  });
  return {
    get api() {
      return (server as TestServer).api;
    },
    get server() {
      return server as TestServer;
    },
    get sb() {
      return sb as S;
    },
    set sb(value) {
      sb = value;
    },
  };
}
