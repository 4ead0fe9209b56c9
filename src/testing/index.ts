/**
 * `campaign-sim/testing`: a simulator for your tests (in-process on a free port, or a running one), a fresh sandbox
 * per test file or per test, and the sandbox's clock, journal and faults. Plain async functions, so vitest, jest
 * and node:test use them from their own hooks; `useTestSimulator` wires those hooks for you when handed them.
 */
import type { RunningSimulator } from '../../simulators/core/server.ts';
import type { EightByEightClientConfig } from '../clients/eightbyeight/client.ts';
import type { SinchClientConfig } from '../clients/sinch/client.ts';
import type { SymbeeClientConfig } from '../clients/symbee/client.ts';
import { startSimulator, type StartOptions } from '../index.ts';
import {
  AdminClient,
  type Clock,
  type CreateSandboxOptions,
  type FaultRule,
  type FaultRuleInput,
  type JournalEntry,
  type JournalFilter,
  type SandboxDescription,
  type VendorSections,
} from './admin.ts';

export * from './admin.ts';

/** The environment variable that points every test simulator at a running one (e.g. a shared CI service). */
export const SIMULATOR_URL_ENV = 'CAMPAIGN_SIM_URL';

export interface TestSimulatorOptions {
  /** A running simulator's origin; default `process.env.CAMPAIGN_SIM_URL`, else one is started in-process. */
  url?: string;
  /** Options of the in-process simulator (vendors, persistence, `adminToken`…); ignored with `url`. */
  simulator?: StartOptions;
  /** The running simulator's admin token (with `url`); default `$SIM_ADMIN_TOKEN`. */
  adminToken?: string;
}

export class TestSimulator {
  private readonly created = new Set<string>();

  constructor(
    /** Origin of the simulator, e.g. `http://127.0.0.1:43121`. */
    readonly url: string,
    readonly admin: AdminClient,
    /** The in-process simulator; undefined when attached to a running one. */
    readonly running?: RunningSimulator,
  ) {}

  /** A new sandbox (seed, clock, vendor options as `POST /__admin/sandboxes`), deleted by `close()` if still there. */
  async createSandbox(options: CreateSandboxOptions = {}): Promise<TestSandbox> {
    const description = await this.admin.createSandbox(options);
    this.created.add(description.id);
    return new TestSandbox(this, description, () => this.created.delete(description.id));
  }

  /** Deletes the sandboxes it created, then stops the in-process simulator (a running one is left running). */
  async close(): Promise<void> {
    for (const id of this.created) await this.admin.deleteSandbox(id).catch(() => undefined);
    this.created.clear();
    await this.running?.stop();
  }
}

export class TestSandbox {
  constructor(
    readonly simulator: TestSimulator,
    /** The description as created (credentials and fixtures); `describe()` fetches a current one. */
    readonly description: SandboxDescription,
    private readonly forget: () => void,
  ) {}

  get id(): string {
    return this.description.id;
  }

  private get admin(): AdminClient {
    return this.simulator.admin;
  }

  private path(suffix = ''): string {
    return `/sandboxes/${encodeURIComponent(this.id)}${suffix}`;
  }

  /** The `vendors.<vendorId>` section: base URL, credentials, fixture ids. Throws when the vendor is not served. */
  vendor<V extends keyof VendorSections>(vendorId: V): VendorSections[V] {
    const section = this.description.vendors[vendorId];
    if (!section) throw new Error(`vendor ${vendorId} is not served by ${this.simulator.url}`);
    return section as VendorSections[V];
  }

  /** What `new SymbeeClient(...)` needs to talk to this sandbox. */
  symbeeConfig(): SymbeeClientConfig {
    const s = this.vendor('symbee');
    const apiKey = s.headers['X-sc-company-api-key'] as string;
    return { baseUrl: s.baseUrl, companyCode: s.companyCode, environment: s.environment, region: s.region, apiKey };
  }

  /** What `new SinchClient(...)` needs to talk to this sandbox. */
  sinchConfig(): SinchClientConfig {
    const { baseUrl, username, password } = this.vendor('sinch');
    return { baseUrl, username, password };
  }

  /** What `new EightByEightClient(...)` needs to talk to this sandbox. */
  eightByEightConfig(): EightByEightClientConfig {
    const { baseUrl, username, actionToken, dataToken } = this.vendor('eightbyeight');
    return { baseUrl, username, actionToken, dataToken };
  }

  describe(): Promise<SandboxDescription> {
    return this.admin.describeSandbox(this.id);
  }

  clock(): Promise<Clock> {
    return this.admin.call('GET', this.path('/clock'));
  }

  /** Moves the virtual clock forward (lifecycles due meanwhile play out in time order). */
  advanceClock(ms: number): Promise<Clock> {
    return this.admin.call('POST', this.path('/clock'), { advanceMs: ms });
  }

  /** Sets the virtual time (never backwards); `frozen` stops or restarts it. */
  setClock(now: string | Date, frozen?: boolean): Promise<Clock> {
    const iso = typeof now === 'string' ? now : now.toISOString();
    return this.admin.call('POST', this.path('/clock'), frozen === undefined ? { now: iso } : { now: iso, frozen });
  }

  /** The sandbox's vendor requests, newest first (filters as `GET /__admin/sandboxes/{id}/requests`). */
  async journal(filter: JournalFilter = {}): Promise<JournalEntry[]> {
    const query = new URLSearchParams(
      Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const answer = await this.admin.call<{ requests: JournalEntry[] }>(
      'GET',
      this.path(`/requests${query ? `?${query}` : ''}`),
    );
    return answer.requests;
  }

  async clearJournal(): Promise<void> {
    await this.admin.call('DELETE', this.path('/requests'));
  }

  /** Adds a fault rule (status, latency, drop, rate limit); answers it with its `id`. */
  addFault(rule: FaultRuleInput): Promise<FaultRule> {
    return this.admin.call('POST', this.path('/faults'), rule);
  }

  async faults(): Promise<FaultRule[]> {
    return (await this.admin.call<{ faults: FaultRule[] }>('GET', this.path('/faults'))).faults;
  }

  async clearFaults(): Promise<void> {
    await this.admin.call('DELETE', this.path('/faults'));
  }

  /** A vendor backdoor, `/__admin/sandboxes/{id}/vendors/{vendorId}{path}` (see the vendor's documentation). */
  backdoor<T = unknown>(vendorId: string, method: string, path: string, body?: unknown): Promise<T> {
    return this.admin.call(method, this.path(`/vendors/${vendorId}${path}`), body);
  }

  /** Fresh fixtures from the same seed and options; journal and faults cleared. */
  reset(clock?: { now?: string; frozen?: boolean }): Promise<SandboxDescription> {
    return this.admin.resetSandbox(this.id, clock);
  }

  async delete(): Promise<void> {
    this.forget();
    await this.admin.deleteSandbox(this.id);
  }
}

/** A simulator for a test file: in-process on a free port, or the running one at `url` / `$CAMPAIGN_SIM_URL`. */
export async function startTestSimulator(options: TestSimulatorOptions = {}): Promise<TestSimulator> {
  const url = options.url ?? process.env[SIMULATOR_URL_ENV];
  if (url) {
    const admin = new AdminClient(url, options.adminToken);
    await admin.health(); // fail here, clearly, when nothing answers
    return new TestSimulator(admin.origin, admin);
  }
  const running = await startSimulator({ ...options.simulator, port: options.simulator?.port ?? 0 });
  const token = options.simulator?.adminToken ?? options.adminToken;
  return new TestSimulator(running.url, new AdminClient(running.url, token), running);
}

/** A test framework's hook registrars: vitest's and jest's `beforeAll`…, node:test's `before`… */
export interface TestHooks {
  beforeAll: (fn: () => Promise<void>) => unknown;
  afterAll: (fn: () => Promise<void>) => unknown;
  beforeEach?: (fn: () => Promise<void>) => unknown;
  afterEach?: (fn: () => Promise<void>) => unknown;
}

export interface UseTestSimulatorOptions extends TestSimulatorOptions {
  /** `file` (default): one sandbox for the whole file; `test`: a fresh one per test (needs beforeEach/afterEach). */
  sandbox?: 'file' | 'test' | 'none';
  /** How each sandbox is created. */
  sandboxOptions?: CreateSandboxOptions;
}

export interface TestContext {
  /** The simulator (set once the file's first hook ran). */
  readonly simulator: TestSimulator;
  /** The current sandbox (per file or per test, as chosen). */
  readonly sandbox: TestSandbox;
}

/**
 * Registers the hooks that start the simulator before the file, create (and delete) a sandbox per file or per test,
 * and close everything after the file. Read `ctx.simulator` / `ctx.sandbox` inside tests.
 */
export function useTestSimulator(hooks: TestHooks, options: UseTestSimulatorOptions = {}): TestContext {
  let simulator: TestSimulator | undefined;
  let sandbox: TestSandbox | undefined;
  const mode = options.sandbox ?? 'file';
  if (mode === 'test' && (!hooks.beforeEach || !hooks.afterEach)) {
    throw new Error('sandbox: "test" needs the beforeEach and afterEach hooks');
  }
  const newSandbox = async () => {
    sandbox = await (simulator as TestSimulator).createSandbox(options.sandboxOptions);
  };
  const dropSandbox = async () => {
    await sandbox?.delete();
    sandbox = undefined;
  };
  hooks.beforeAll(async () => {
    simulator = await startTestSimulator(options);
    if (mode === 'file') await newSandbox();
  });
  if (mode === 'test') {
    hooks.beforeEach?.(newSandbox);
    hooks.afterEach?.(dropSandbox);
  }
  hooks.afterAll(async () => {
    await simulator?.close();
  });
  return {
    get simulator() {
      if (!simulator) throw new Error('the simulator starts in the file’s first hook: read it inside a test');
      return simulator;
    },
    get sandbox() {
      if (!sandbox)
        throw new Error(mode === 'none' ? 'sandbox: "none" was chosen' : 'no sandbox yet: read it inside a test');
      return sandbox;
    },
  };
}
