import type { RequestListener, ServerResponse } from 'node:http';
import { healthOf } from './admin/describe.ts';
import { type VendorPipeline, vendorPipeline, withVendorPipelines } from './pipeline.ts';
import { SandboxStore } from './persistence.ts';
import { BodyBudget } from './body.ts';
import { DEFAULT_SANDBOX_ID, SandboxRegistry, type SandboxOptions } from './sandbox.ts';
import type { AnyVendor } from './vendor.ts';

export interface SimulatorOptions {
  vendors: readonly AnyVendor[];
  /** Directory for persistence; in-memory only when absent. */
  dataDir?: string;
  /** Options of the default sandbox (its seed and credentials are fixed unless overridden). */
  defaultSandbox?: Omit<SandboxOptions, 'id'>;
  /** How often dirty sandboxes are saved, in ms (persistence only). */
  autosaveMs?: number;
  /** Origin to advertise in sandbox descriptions; derived from each request's Host header when absent. */
  publicOrigin?: string;
  /** Cap on the request-body bytes read and held at once across every vendor (`BodyBudget`); beyond it, 503. */
  maxBodyBytesInFlight?: number;
  /** When set, every `/__admin` route but health (and the dashboard's static page) needs `Authorization: Bearer`. */
  adminToken?: string;
}

export interface Simulator {
  /** The whole simulator as one Node request listener (`http.createServer(sim.app)`, supertest). */
  app: RequestListener;
  registry: SandboxRegistry;
  store?: SandboxStore;
  /** Saves (when persistent) and stops background work. */
  close(): Promise<void>;
}

/** Builds the whole simulator: every vendor under `/<vendorId>`, the admin plane under `/__admin`. */
export async function createSimulator(options: SimulatorOptions): Promise<Simulator> {
  const registry = new SandboxRegistry(options.vendors);
  const store = options.dataDir ? new SandboxStore(options.dataDir, registry) : undefined;
  if (store) {
    const { failed } = await store.loadAll();
    for (const f of failed) console.error(`[persistence] could not restore ${f.file}: ${f.error}`);
  }
  if (!registry.get(DEFAULT_SANDBOX_ID)) registry.create({ ...options.defaultSandbox, id: DEFAULT_SANDBOX_ID });

  const budget = new BodyBudget(options.maxBodyBytesInFlight);
  const pipelines = new Map<string, VendorPipeline>(
    options.vendors.map((v) => [v.id, vendorPipeline(v, registry, budget)]),
  );
  const admin = withLazyAdmin(registry, async () =>
    (await import('./admin-app.ts')).adminApp(options, registry, store),
  );

  const timer = store
    ? setInterval(() => void store.save().catch(logSaveError), options.autosaveMs ?? 2000)
    : undefined;
  timer?.unref();
  return {
    app: withVendorPipelines(pipelines, admin),
    registry,
    store,
    async close() {
      if (timer) clearInterval(timer);
      // Only what changed: an unchanged sandbox of millions of records must not hold the stop up while it is rewritten.
      await store?.save();
    },
  };
}

/**
 * Everything that is not a vendor call — `/__admin`, the dashboard, `/` and unknown paths — goes to the Express app of
 * simulators/core/admin-app.ts, loaded on the first such request rather than at start-up (Express, its body parsers
 * and the admin plane's schemas are a good part of start-up time, and a vendor call never needs them). Health is
 * answered here, so a probe sees the server healthy as soon as it listens.
 */
function withLazyAdmin(registry: SandboxRegistry, load: () => Promise<RequestListener>): RequestListener {
  let app: Promise<RequestListener> | undefined;
  return (req, res) => {
    if (req.method === 'GET' && req.url === '/__admin/health') return sendJson(res, healthOf(registry));
    (app ??= load()).then(
      (listener) => listener(req, res),
      (err: unknown) => {
        console.error('[admin] could not load the admin plane:', err);
        res.statusCode = 500;
        res.end();
      },
    );
  };
}

/** As Express's `res.json` writes it. */
function sendJson(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function logSaveError(err: unknown): void {
  console.error('[persistence] save failed:', err);
}
