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

/** Set by scripts/build.mjs (esbuild `define`) in the bundled CLI; absent when running from source. */
declare const __DASHBOARD_SCRIPT__: string | undefined;

let script: Promise<string> | undefined;

/** The browser script: embedded in the bundle, or bundled once on first use from source (tests, tsx). */
export function dashboardScript(): Promise<string> {
  if (typeof __DASHBOARD_SCRIPT__ === 'string') return Promise.resolve(__DASHBOARD_SCRIPT__);
  script ??= import('esbuild').then(async (esbuild) => {
    const out = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./ui/client.ts', import.meta.url))],
      ...DASHBOARD_BUILD,
    });
    return (out.outputFiles[0] as { text: string }).text;
  });
  return script;
}

/** esbuild options of the browser script (scripts/build.mjs builds it the same way for the bundled CLI). */
export const DASHBOARD_BUILD = {
  bundle: true,
  write: false,
  format: 'iife',
  target: 'es2022',
  minify: true,
  logLevel: 'error',
} as const;

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
