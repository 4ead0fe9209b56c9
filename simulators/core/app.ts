import type { RequestListener } from 'node:http';
import express from 'express';
import { adminRouter } from './admin/routes.ts';
import { indexLinks } from './admin/ui.ts';
import { requireAdminToken } from './admin/token.ts';
import { NearMissIndex, journalStray } from './near-miss.ts';
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

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(
    '/__admin',
    requireAdminToken(options.adminToken),
    adminRouter({ registry, origin: () => options.publicOrigin, save: store && (() => store.save(true)) }),
  );
  app.get('/', indexLinks(registry));
  const budget = new BodyBudget(options.maxBodyBytesInFlight);
  const pipelines = new Map<string, VendorPipeline>(
    options.vendors.map((v) => [v.id, vendorPipeline(v, registry, budget)]),
  );
  const strays = new NearMissIndex(options.vendors);
  app.use((req, res) => {
    const body = { error: { status: 404, message: `No such path: ${req.method} ${req.path}` } };
    res.status(404).json(body);
    if (!req.path.startsWith('/__admin')) journalStray(registry.unattributed, strays, req, 404, JSON.stringify(body));
  });

  const timer = store
    ? setInterval(() => void store.save().catch(logSaveError), options.autosaveMs ?? 2000)
    : undefined;
  timer?.unref();
  return {
    app: withVendorPipelines(pipelines, app),
    registry,
    store,
    async close() {
      if (timer) clearInterval(timer);
      // Only what changed: an unchanged sandbox of millions of records must not hold the stop up while it is rewritten.
      await store?.save();
    },
  };
}

function logSaveError(err: unknown): void {
  console.error('[persistence] save failed:', err);
}
