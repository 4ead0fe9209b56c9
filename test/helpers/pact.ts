import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  MatchersV3,
  PactV3,
  type V3MockServer,
  type V3Request,
  type V3Response,
  Verifier,
} from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../simulators/core/server.ts';
import type { StateContext, StateParams } from '../../simulators/core/states.ts';
import type { AnyVendor } from '../../simulators/core/vendor.ts';

/**
 * Pact plumbing shared by every vendor: the consumer side (one pact file per client, interactions declared and run
 * against Pact's mock server) and the provider side (a simulator on an ephemeral port verified against that file,
 * provider states set up through the admin API only).
 */
export const PACT_DIR = fileURLToPath(new URL('../../contracts/pacts/', import.meta.url));

/** The provider state every vendor's pact uses: the default sandbox reset on the vendor's frozen clock. */
export const FRESH_SANDBOX = 'the default sandbox is fresh';

const pactFile = (consumer: string, provider: string) => `${PACT_DIR}${consumer}-${provider}.json`;

/** Content types as the simulator sends them (a charset may follow). */
export const JSON_CONTENT_TYPE = {
  'Content-Type': MatchersV3.regex(/^application\/json(;.*)?$/, 'application/json; charset=utf-8'),
};
export const XML_CONTENT_TYPE = {
  'Content-Type': MatchersV3.regex(/^application\/xml(;.*)?$/, 'application/xml; charset=utf-8'),
};

export { basicAuthorization as basicAuth } from '../../src/clients/core/contract.ts';

/** What a rejected call threw (for `toBeInstanceOf` and field checks on the error). */
export const rejectionOf = (call: Promise<unknown>): Promise<unknown> => call.catch((err: unknown) => err);

// ---- consumer -------------------------------------------------------------------------------------------------------

export interface Interaction {
  /** Provider state, and its parameters when the state takes any. */
  given: string;
  params?: Parameters<PactV3['given']>[1];
  uponReceiving: string;
  withRequest: V3Request;
  willRespondWith: V3Response;
}

export interface ConsumerPact {
  /** Declares one interaction, then runs the client against Pact's mock server (which checks it was sent). */
  verify(interaction: Interaction, test: (server: V3MockServer) => Promise<unknown>): Promise<void>;
}

/** The pact of one consumer/provider pair, written afresh by this test file. */
export function consumerPact(consumer: string, provider: string): ConsumerPact {
  const pact = new PactV3({ consumer, provider, dir: PACT_DIR, logLevel: 'warn' });
  beforeAll(() => {
    // Interactions merge into an existing file: start from nothing so a removed interaction leaves the contract.
    rmSync(pactFile(consumer, provider), { force: true });
  });
  return {
    async verify({ given, params, uponReceiving, withRequest, willRespondWith }, test) {
      pact.given(given, params).uponReceiving(uponReceiving).withRequest(withRequest).willRespondWith(willRespondWith);
      await pact.executeTest(async (server) => {
        const value = await test(server);
        await matchRecorded(pact, server.port);
        return value;
      });
    },
  };
}

/**
 * The mock server records a request's match on a task of its own after answering it, so under CPU load
 * `executeTest` can read "expected but not received" for a request the client already has the answer to
 * (pact-foundation/pact-core-mock-server#13; seen once here in a CI run of the Pact consumer tests). Waits — up to a
 * bound, so a request really not sent still fails — until the mock server says every interaction matched. Reads
 * pact-core's handle that `PactV3` holds (not public API): without it this waits for nothing.
 */
async function matchRecorded(pact: PactV3, port: number): Promise<void> {
  const core = (pact as unknown as { pact?: { mockServerMatchedSuccessfully?: (port: number) => boolean } }).pact;
  if (typeof core?.mockServerMatchedSuccessfully !== 'function') return;
  const deadline = Date.now() + 500;
  while (!core.mockServerMatchedSuccessfully(port) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// ---- provider -------------------------------------------------------------------------------------------------------

/** The admin API of the running simulator, as provider states use it. */
export interface DefaultSandboxAdmin {
  /** `method /__admin{path}` with a JSON body; throws on any non-2xx answer; resolves with the parsed answer. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Resets the default sandbox on the frozen clock. */
  reset(): Promise<void>;
  /** `path` below the default sandbox's backdoors of the verified vendor (`/sandboxes/default/vendors/<id>`). */
  vendorPath(path: string): string;
}

export type ProviderStateHandler = (params?: unknown) => Promise<Record<string, string> | undefined>;

export interface ProviderVerification {
  vendor: AnyVendor;
  consumer: string;
  provider: string;
  /** The virtual time every provider state starts from. */
  frozenAt: string;
  /** The vendor's own provider states; `FRESH_SANDBOX` (a bare reset) is always added. */
  states(admin: DefaultSandboxAdmin): Record<string, ProviderStateHandler>;
  /**
   * Also every state of the vendor's catalogue (`vendor.providerStates`), by its template name with the pact's
   * params, applied on top of the states before it (an interaction names `FRESH_SANDBOX` first).
   */
  catalogue?: boolean;
}

/**
 * Declares the provider verification of one pact (written by the consumer test: run the pact-consumer project
 * first): a simulator serving only `vendor` on an ephemeral port, a check that every state of the pact has a
 * handler, and the Verifier run.
 */
export function verifyProviderPact({
  vendor,
  consumer,
  provider,
  frozenAt,
  states,
  catalogue = false,
}: ProviderVerification): void {
  const file = pactFile(consumer, provider);
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ vendors: [vendor], port: 0 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  const admin: DefaultSandboxAdmin = {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${sim.url}/__admin${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`admin ${method} ${path} answered HTTP ${res.status}: ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async reset() {
      await admin.call('POST', '/sandboxes/default/reset', { clock: { now: frozenAt, frozen: true } });
    },
    vendorPath: (path) => `/sandboxes/default/vendors/${vendor.id}${path}`,
  };

  const stateHandlers: Record<string, ProviderStateHandler> = {
    [FRESH_SANDBOX]: async () => {
      await admin.reset();
      return undefined;
    },
    ...(catalogue ? catalogueHandlers(vendor, admin) : {}),
    ...states(admin),
  };

  describe(`${provider} honours the ${consumer} pact`, () => {
    it('has a handler for every provider state in the pact', () => {
      expect(existsSync(file), 'run `npx vitest run --project pact-consumer` first').toBe(true);
      const pact = JSON.parse(readFileSync(file, 'utf8')) as {
        interactions: { providerStates?: { name: string }[] }[];
      };
      const named = new Set(pact.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name)));
      expect([...named].sort()).toEqual(Object.keys(stateHandlers).sort());
    });

    it('verifies every interaction', async () => {
      await new Verifier({
        provider,
        providerBaseUrl: sim.url,
        pactUrls: [file],
        stateHandlers,
        logLevel: 'warn',
      }).verifyProvider();
    });
  });
}

/** The vendor's catalogue states as handlers on the default sandbox, as `POST /__admin/pact/provider-states` runs them. */
function catalogueHandlers(vendor: AnyVendor, admin: DefaultSandboxAdmin): Record<string, ProviderStateHandler> {
  const sandboxPath = (path: string) => `/sandboxes/default${path}`;
  const handlers: Record<string, ProviderStateHandler> = {};
  for (const definition of vendor.providerStates?.states ?? []) {
    handlers[definition.name] = async (params) => {
      const { vendors } = await admin.call<{ vendors: Record<string, Record<string, unknown>> }>(
        'GET',
        sandboxPath(''),
      );
      const ctx: StateContext = {
        admin,
        vendorId: vendor.id,
        sandboxId: 'default',
        sandboxPath,
        vendorPath: admin.vendorPath,
        section: vendors[vendor.id] ?? {},
      };
      return ((await definition.setup(ctx, (params ?? {}) as StateParams)) ?? undefined) as
        Record<string, string> | undefined;
    };
  }
  return handlers;
}
