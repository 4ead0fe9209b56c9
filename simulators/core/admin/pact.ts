import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { AdminError, parseAdmin } from '../errors.ts';
import type { SandboxRegistry } from '../sandbox.ts';
import {
  type MatchedState,
  type StateAdmin,
  type StateParams,
  matchState,
  statesOf,
  unknownStateMessage,
} from '../states.ts';
import type { AnyVendor } from '../vendor.ts';

/**
 * `POST /__admin/pact/provider-states?sandbox=<id>&vendor=<vendorId>`: the provider-state change URL of any Pact
 * verifier (`--provider-states-setup-url`). Each interaction runs in a fresh copy of the sandbox: the first setup
 * after a teardown (or after the sandbox served a vendor request, for verifiers that send no teardown) resets it to
 * its seed, options and starting clock; every state of the interaction then applies on top, through the admin API.
 * The answer carries the sandbox's credentials and what the states produced, for Pact V3 provider-state injection.
 */
const StateChangeSchema = z.looseObject({
  consumer: z.string().optional(),
  state: z.string().nullish(),
  /** Some verifiers send every state at once. */
  states: z
    .array(
      z.union([z.string(), z.looseObject({ name: z.string(), params: z.record(z.string(), z.unknown()).optional() })]),
    )
    .optional(),
  params: z.record(z.string(), z.unknown()).nullish(),
  action: z.enum(['setup', 'teardown']).default('setup'),
});

const QuerySchema = z.object({ sandbox: z.string().default('default'), vendor: z.string().optional() });

interface Tracked {
  /** The clock every interaction starts from. */
  clock: { now: number; frozen: boolean };
  needsReset: boolean;
  /** Newest journal entry when its states were set up: a newer one means the interaction ran. */
  journalMark: number | undefined;
}

export interface PactStatesOptions {
  registry: SandboxRegistry;
}

/** Scalar fields of the vendor's sandbox section (credentials, base URL), for `fromProviderState` expressions. */
function injectable(section: Record<string, unknown>): StateParams {
  const values: StateParams = {};
  for (const [key, value] of Object.entries(section)) {
    if (typeof value === 'string' || typeof value === 'number') values[key] = value;
  }
  for (const [key, value] of Object.entries((section.headers as Record<string, unknown> | undefined) ?? {})) {
    values[key] = value;
  }
  return values;
}

/** The admin API of this same process, over loopback (states use only the public admin API). */
function selfAdmin(req: Request): StateAdmin {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const origin = `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
  // The caller's admin token (it got this far with it), for a simulator that requires one.
  const authorization = req.get('authorization');
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${origin}/__admin${path}`, {
        method,
        headers: {
          ...(authorization ? { authorization } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new AdminError(409, `${method} /__admin${path} answered HTTP ${res.status}: ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
  };
}

export function pactStatesRouter({ registry }: PactStatesOptions): Router {
  const router = express.Router();
  const tracked = new Map<string, Tracked>();

  const vendorFor = (vendorId: string | undefined, names: string[]): AnyVendor => {
    if (vendorId !== undefined) {
      const vendor = registry.vendor(vendorId);
      if (!vendor) throw new AdminError(400, `vendor ${vendorId} is not served`);
      return vendor;
    }
    // Without ?vendor=, the vendor whose catalogue knows every state (the kernel's common ones fit any vendor).
    const fitting = registry.vendors.filter((v) => names.every((n) => matchState(statesOf(v.providerStates), n)));
    if (fitting.length === 1 || (fitting.length > 1 && names.length === 0)) return fitting[0] as AnyVendor;
    throw new AdminError(
      400,
      fitting.length === 0
        ? `no served vendor knows every state of ${JSON.stringify(names)}: add ?vendor=<vendorId> to see its states`
        : `states ${JSON.stringify(names)} fit several vendors (${fitting.map((v) => v.id).join(', ')}): add ?vendor=<vendorId>`,
    );
  };

  const freshCopy = (id: string) => {
    const sandbox = registry.require(id);
    let entry = tracked.get(id);
    if (!entry) {
      entry = { clock: { now: sandbox.clock.now(), frozen: sandbox.clock.frozen }, needsReset: true, journalMark: 0 };
      tracked.set(id, entry);
    }
    const newest = sandbox.journal.list({ limit: 1 })[0]?.id;
    if (entry.needsReset || newest !== entry.journalMark) {
      registry.reset(id, entry.clock);
      entry.needsReset = false;
    }
    entry.journalMark = registry.require(id).journal.list({ limit: 1 })[0]?.id;
    return entry;
  };

  router.post('/provider-states', async (req, res) => {
    const body = parseAdmin(StateChangeSchema, req.body ?? {});
    const query = parseAdmin(QuerySchema, req.query);
    // Forget sandboxes deleted since (verify deletes its own after each pact).
    for (const id of tracked.keys()) if (!registry.get(id)) tracked.delete(id);
    const requested: { name: string; params: StateParams }[] = [];
    if (body.state) requested.push({ name: body.state, params: body.params ?? {} });
    for (const s of body.states ?? []) {
      requested.push(
        typeof s === 'string' ? { name: s, params: body.params ?? {} } : { name: s.name, params: s.params ?? {} },
      );
    }
    registry.require(query.sandbox);
    if (body.action === 'teardown') {
      const entry = tracked.get(query.sandbox);
      if (entry) entry.needsReset = true;
      res.json({});
      return;
    }
    const vendor = vendorFor(
      query.vendor,
      requested.map((r) => r.name),
    );
    const known = statesOf(vendor.providerStates);
    const matched: MatchedState[] = requested.map(({ name, params }) => {
      const found = matchState(known, name, params);
      if (!found) throw new AdminError(400, unknownStateMessage(vendor.id, name, known));
      return found;
    });
    const entry = freshCopy(query.sandbox);
    const admin = selfAdmin(req);
    const sandboxPath = (path: string) => `/sandboxes/${encodeURIComponent(query.sandbox)}${path}`;
    const describe = async () =>
      ((await admin.call<{ vendors: Record<string, Record<string, unknown>> }>('GET', sandboxPath(''))).vendors[
        vendor.id
      ] ?? {}) as Record<string, unknown>;
    let values: StateParams = {};
    for (const { definition, params } of matched) {
      const ctx = {
        admin,
        vendorId: vendor.id,
        sandboxId: query.sandbox,
        sandboxPath,
        vendorPath: (path: string) => sandboxPath(`/vendors/${vendor.id}${path}`),
        section: await describe(),
      };
      try {
        values = { ...values, ...((await definition.setup(ctx, params)) ?? {}) };
      } catch (err) {
        entry.needsReset = true;
        throw new AdminError(409, `provider state "${definition.name}" failed: ${(err as Error).message}`);
      }
    }
    // States may change what a request needs (a rotated key): answer the credentials as they are now.
    entry.journalMark = registry.require(query.sandbox).journal.list({ limit: 1 })[0]?.id;
    res.json({ sandbox: query.sandbox, ...injectable(await describe()), ...values });
  });
  return router;
}
