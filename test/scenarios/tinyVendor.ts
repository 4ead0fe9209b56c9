import { reply, type Reply } from '../../simulators/core/reply.ts';
import type { SeedContext, VendorDefinition, VendorRequest } from '../../simulators/core/vendor.ts';
import { routes } from '../helpers/routes.ts';

/**
 * A throw-away vendor for runner tests only (never in VENDORS). Its sandbox section has the same shape the runner
 * relies on for Symbee — `baseUrl` plus a `headers` object of credentials — so it borrows the `symbee` id and
 * exercises `defaultHeaders('symbee', …)` end to end. Tenant key: the X-sc-company-code header.
 */
interface TinyState {
  company: string;
  counters: Record<string, number>;
}

function parseBody(call: { rawBody: string; req: VendorRequest }): unknown {
  if (!call.rawBody) return undefined;
  return /json/.test(call.req.get('content-type') ?? '') ? JSON.parse(call.rawBody) : call.rawBody;
}

const counter = (state: TinyState, name: string): Reply =>
  name in state.counters
    ? reply.json(200, { name, value: state.counters[name] })
    : reply.json(404, { error: `counter ${name} not found` });

export const tinyVendor: VendorDefinition<TinyState> = {
  id: 'symbee',
  title: 'Tiny test vendor',
  operations: routes<TinyState>([
    {
      method: 'POST',
      path: '/api/echo',
      handler: (call) =>
        reply.json(200, {
          method: call.req.method,
          headers: call.req.headers,
          query: call.query,
          body: parseBody(call),
        }),
    },
    {
      method: 'POST',
      path: '/api/counters/:name',
      handler: ({ state, params }) => {
        const name = params.name as string;
        state.counters[name] = (state.counters[name] ?? 0) + 1;
        return counter(state, name);
      },
    },
    {
      method: 'GET',
      path: '/api/counters/:name',
      handler: ({ state, params }) => counter(state, params.name as string),
    },
    {
      method: 'GET',
      path: '/api/items.xml',
      handler: () =>
        reply.xml(200, 'items', {
          count: 2,
          item: [
            { '@_id': 'a1', name: 'first' },
            { '@_id': 'a2', name: 'second' },
          ],
        }),
    },
    { method: 'GET', path: '/api/token', handler: () => reply.text(200, 'TOKEN-0123456789ABCDEF') },
    {
      method: 'GET',
      path: '/api/time',
      handler: ({ now }) => reply.json(200, { nowMs: now(), nowIso: new Date(now()).toISOString() }),
    },
  ]),
  adminRoutes: [
    {
      method: 'POST',
      path: '/counters/:name',
      handler: ({ state, params, rawBody }) => {
        state.counters[params.name as string] = Number((JSON.parse(rawBody) as { value?: number }).value ?? 0);
        return counter(state, params.name as string);
      },
    },
  ],
  create: (ctx: SeedContext) => ({ company: ctx.isDefault ? 'tiny-default' : `tiny-${ctx.sandboxId}`, counters: {} }),
  snapshot: (state) => state,
  restore: (snapshot) => snapshot as TinyState,
  tenantKeyOf: (req) => req.get('x-sc-company-code') ?? undefined,
  tenantKeys: (state) => [state.company],
  describe: (state, origin) => ({
    baseUrl: `${origin}/symbee/api`,
    headers: { 'X-sc-company-code': state.company, 'X-sc-company-api-key': 'tiny-key' },
    counters: ['visits', 'calls'],
  }),
  renderError: (err) => reply.json(err.status, { error: err.message }),
  openapi: () => ({ openapi: '3.1.0', info: { title: 'tiny', version: '0' }, paths: {} }),
};
