import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulators/core/app.ts';
import { reply } from '../../simulators/core/reply.ts';
import type { VendorDefinition } from '../../simulators/core/vendor.ts';
import { routes } from '../helpers/routes.ts';

/**
 * Vendor routes are matched by the kernel's RouteTable, not by Express. These tests pin that a request reaches exactly
 * the route Express would pick: declaration order across fixed and pattern paths, HEAD, trailing slash, letter case.
 */
interface State {
  tenant: string;
  calls: string[];
}

const answer = (name: string) => (call: { state: State; params: Record<string, string> }) => {
  call.state.calls.push(name);
  return reply.json(200, { route: name, params: call.params });
};

const vendor: VendorDefinition<State> = {
  id: 'engage',
  title: 'Routing test vendor',
  operations: routes<State>([
    { method: 'POST', path: '/fixed', handler: answer('post fixed') },
    { method: 'GET', path: '/fixed', handler: answer('get fixed') },
    { method: 'POST', path: '/fixed', handler: answer('duplicate, never reached') },
    { method: 'POST', path: '/async', handler: async (call) => answer('async')(call) },
    { method: 'POST', path: '/items/:id', handler: answer('item pattern') },
    // Declared after the pattern that also matches it: Express answers with the pattern, so must the kernel.
    { method: 'POST', path: '/items/special', handler: answer('special, shadowed') },
  ]),
  create: (ctx) => ({ tenant: ctx.isDefault ? 'default-tenant' : `t-${ctx.sandboxId}`, calls: [] }),
  snapshot: (state) => state,
  restore: (snap) => snap as State,
  tenantKeyOf: (req) => req.get('x-tenant') || undefined,
  tenantKeys: (state) => [state.tenant],
  describe: (state) => ({ tenant: state.tenant }),
  renderError: (err) =>
    reply.json(err.code === 'notFound' ? 404 : err.code === 'unauthenticated' ? 401 : 500, { kernel: err.code }),
  openapi: () => ({ openapi: '3.1.0', info: { title: 'routing', version: '0' }, paths: {} }),
};

let api: ReturnType<typeof request>;
let tenant: string;
let sandboxId: string;
beforeAll(async () => {
  const sim = await createSimulator({ vendors: [vendor] });
  api = request(sim.app);
  const created = await api.post('/__admin/sandboxes').send({});
  tenant = created.body.vendors.engage.tenant;
  sandboxId = created.body.id;
});

const call = (method: 'post' | 'get' | 'head', path: string) => api[method](`/engage${path}`).set('x-tenant', tenant);

describe('vendor routes through the kernel', () => {
  it('reach the route of their method, first declaration winning', async () => {
    expect((await call('post', '/fixed')).body).toEqual({ route: 'post fixed', params: {} });
    expect((await call('get', '/fixed')).body).toEqual({ route: 'get fixed', params: {} });
    expect((await call('post', '/async')).body).toEqual({ route: 'async', params: {} });
  });

  it('keep Express semantics for HEAD, a trailing slash and letter case', async () => {
    const head = await call('head', '/fixed');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/json/);
    expect((await call('post', '/fixed/')).body).toEqual({ route: 'post fixed', params: {} });
    const wrongCase = await call('post', '/FIXED');
    expect(wrongCase.status).toBe(404);
    expect(wrongCase.body).toEqual({ kernel: 'notFound' });
  });

  it('a fixed path never overtakes a pattern route declared before it', async () => {
    expect((await call('post', '/items/special')).body).toEqual({ route: 'item pattern', params: { id: 'special' } });
    expect((await call('post', '/items/42')).body).toEqual({ route: 'item pattern', params: { id: '42' } });
  });

  it('are journaled under the vendor mount like any route', async () => {
    await api.delete(`/__admin/sandboxes/${sandboxId}/requests`);
    await call('post', '/fixed');
    const journal = await api.get(`/__admin/sandboxes/${sandboxId}/requests`);
    expect(journal.body.requests.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual([
      'POST /engage/fixed',
    ]);
  });
});
