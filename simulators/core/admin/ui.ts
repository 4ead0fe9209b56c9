import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Router } from 'express';
import { AdminError, parseAdmin } from '../errors.ts';
import type { SandboxRegistry } from '../sandbox.ts';
import type { EntityCollection } from '../vendor.ts';
import { EntitiesQuerySchema } from './schemas.ts';
import { DASHBOARD_HTML } from './ui/page.ts';

/**
 * The dashboard (`/__admin/ui`): one server-rendered page and one small script bundled by esbuild, on top of the
 * JSON admin API. `/` and `/__admin` point to it and to the health and OpenAPI links.
 */

/** Set by scripts/build.mjs (esbuild `define`) in the bundled CLI; absent when running from source or the package. */
declare const __DASHBOARD_SCRIPT__: string | undefined;

/**
 * Where `npm run build` writes the browser script (`dist/dashboard.js`), seen from this file in the sources
 * (`simulators/core/admin/`) and in the package's compiled tree (`dist/simulators/core/admin/`). The script is built
 * ahead, never at run time: the server needs no bundler among its dependencies.
 */
const SCRIPT_FILES = ['../../../dist/dashboard.js', '../../../dashboard.js'].map((rel) =>
  fileURLToPath(new URL(rel, import.meta.url)),
);

let script: Promise<string> | undefined;

/** The browser script: embedded in the bundle, or the file `npm run build` wrote. */
export function dashboardScript(): Promise<string> {
  if (typeof __DASHBOARD_SCRIPT__ === 'string') return Promise.resolve(__DASHBOARD_SCRIPT__);
  script ??= (async () => {
    for (const file of SCRIPT_FILES) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) return text;
    }
    script = undefined; // built later (npm run build): found on the next request
    throw new AdminError(503, 'the dashboard script is not built: run `npm run build`');
  })();
  return script;
}

/** Where everything is, for `GET /` and `GET /__admin` (a browser is sent to the dashboard). */
export function indexLinks(registry: SandboxRegistry) {
  return (req: Request, res: Response) => {
    if (req.accepts(['json', 'html']) === 'html') {
      res.redirect(302, '/__admin/ui');
      return;
    }
    res.json({
      name: 'campaign-sim',
      dashboard: '/__admin/ui',
      health: '/__admin/health',
      admin: '/__admin',
      vendors: registry.vendors.map((v) => ({
        id: v.id,
        title: v.title,
        mountedAt: `/${v.id}`,
        openapi: `/__admin/vendors/${v.id}/openapi.json`,
      })),
    });
  };
}

export function mountDashboard(router: Router, registry: SandboxRegistry): void {
  router.get('/', indexLinks(registry));

  router.get('/ui', (_req, res) => {
    res.type('html').set('cache-control', 'no-store').send(DASHBOARD_HTML);
  });

  router.get('/ui/app.js', async (_req, res) => {
    res
      .type('js')
      .set('cache-control', 'no-cache')
      .send(await dashboardScript());
  });

  router.get('/sandboxes/:id/entities', (req, res) => {
    const query = parseAdmin(EntitiesQuerySchema, req.query);
    const sandbox = registry.require(String(req.params.id));
    registry.advance(sandbox);
    const served = registry.vendors.filter((v) => !query.vendor || v.id === query.vendor);
    if (query.vendor && served.length === 0) throw new AdminError(404, `vendor ${query.vendor} is not served`);
    const vendors: Record<string, EntityCollection[]> = {};
    for (const vendor of served) {
      if (vendor.entities) vendors[vendor.id] = vendor.entities(sandbox.states.get(vendor.id), query.limit);
    }
    res.json({ vendors });
  });
}
