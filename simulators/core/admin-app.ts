import type { RequestListener } from 'node:http';
import express from 'express';
import { adminRouter } from './admin/routes.ts';
import { indexLinks } from './admin/ui.ts';
import { requireAdminToken } from './admin/token.ts';
import type { SimulatorOptions } from './app.ts';
import { NearMissIndex, journalStray } from './near-miss.ts';
import type { SandboxStore } from './persistence.ts';
import type { SandboxRegistry } from './sandbox.ts';

/**
 * The Express app of everything that is not a vendor call: the admin plane under `/__admin` (behind the admin token),
 * `/` pointing to the dashboard, and a JSON 404 for unknown paths — journaled process-wide with their near-misses.
 * Loaded on the first such request (simulators/core/app.ts), not at start-up.
 */
export function adminApp(options: SimulatorOptions, registry: SandboxRegistry, store?: SandboxStore): RequestListener {
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
  const strays = new NearMissIndex(options.vendors);
  app.use((req, res) => {
    const body = { error: { status: 404, message: `No such path: ${req.method} ${req.path}` } };
    res.status(404).json(body);
    if (!req.path.startsWith('/__admin')) journalStray(registry.unattributed, strays, req, 404, JSON.stringify(body));
  });
  return app;
}
