import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SYMBEE_OPERATIONS } from '../../contracts/symbee/operations.ts';
import { createSimulator } from '../../simulators/core/app.ts';
import { AdminError, VendorError } from '../../simulators/core/errors.ts';
import { reply } from '../../simulators/core/reply.ts';
import type { VendorDefinition } from '../../simulators/core/vendor.ts';
import { routes } from '../helpers/routes.ts';
import { perFile } from '../helpers/sim.ts';
import { type TestSim, addRecord, createSandbox, expectAdminError, newSim, symbee } from './helpers.ts';

const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * Operations declared as data reach the admin plane: every journal entry names its operation, fault rules can aim at
 * one, and `GET /__admin/vendors/{id}` lists them.
 */
let t: TestSim;
perFile(newSim, (v) => (t = v));

interface Listed {
  name: string;
  binding: { protocol: string; method?: string; path: string };
  readOnly: boolean;
  errors: { status: number; description: string }[];
}

describe('the operations of a vendor', () => {
  it('are listed with their binding, read-only flag and documented errors', async () => {
    const res = await t.api.get('/__admin/vendors/symbee');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('/__admin/vendors/symbee/openapi.json');
    const ops = res.body.operations as Listed[];
    expect(ops.map((o) => o.name)).toEqual(SYMBEE_OPERATIONS.map((o) => o.name));
    const search = ops.find((o) => o.name === 'searchPreviewCampaign')!;
    expect(search.binding).toEqual({
      protocol: 'rest',
      method: 'POST',
      path: '/symbee/symbee-previewcontact-service/svc/rs/PreviewContactServiceExternal/searchPreviewCampaign',
    });
    expect(search.readOnly).toBe(true);
    expect(ops.find((o) => o.name === 'addOrUpdateCampaignRecord')!.readOnly).toBe(false);
    expect(search.errors.map((e) => e.status)).toEqual([400, 401, 403, 413, 415]);
  });

  it('name Sinch and 8x8 operations as their contracts do, with Express paths below the mount', async () => {
    const sinch = (await t.api.get('/__admin/vendors/sinch')).body.operations as Listed[];
    expect(sinch.find((o) => o.name === 'createCustomerList')!.binding).toEqual({
      protocol: 'rest',
      method: 'POST',
      path: '/sinch/RI/obi/campaigns/:campaignId/customers/list',
    });
    const ebe = (await t.api.get('/__admin/vendors/eightbyeight')).body.operations as Listed[];
    expect(ebe.filter((o) => o.readOnly).map((o) => o.name)).toEqual([
      'viewCampaignRecordsJson',
      'viewCampaignRecordsXml',
      'getCampaign',
    ]);
  });

  it('an unknown vendor is a 404', async () => {
    expectAdminError(await t.api.get('/__admin/vendors/nobody'), 404, /nobody is not served/);
  });
});

describe('journal entries', () => {
  it('carry the operation the request reached, and filter by it', async () => {
    const sandbox = await createSandbox(t.api);
    await addRecord(t.api, sandbox, 'op-1');
    await symbee(t.api, sandbox, 'searchPreviewCampaign', { clientId: 'op-1' });
    const all = await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests`);
    expect(all.body.requests.map((r: { operation?: string }) => r.operation)).toEqual([
      'searchPreviewCampaign',
      'addOrUpdateCampaignRecord',
    ]);
    const searches = await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests?operation=searchPreviewCampaign`);
    expect(searches.body.requests).toHaveLength(1);
    expect(searches.body.requests[0].path).toMatch(/searchPreviewCampaign$/);
  });

  it('have no operation when the request matched none, and still land in the sandbox its credentials name', async () => {
    const sandbox = await createSandbox(t.api);
    const ebe = (sandbox.vendors as Record<string, unknown>).eightbyeight as {
      username: string;
      dataToken: string;
      platform: string;
    };
    const res = await t.api
      .get(`/eightbyeight/vcc-${ebe.platform}/api/nothing/here`)
      .set('authorization', basicAuth(ebe.username, ebe.dataToken));
    expect(res.status).toBe(404);
    const journal = await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests?vendor=eightbyeight`);
    expect(journal.body.requests).toHaveLength(1);
    expect(journal.body.requests[0]).toMatchObject({ path: `/eightbyeight/vcc-${ebe.platform}/api/nothing/here` });
    expect(journal.body.requests[0]).not.toHaveProperty('operation');
  });
});

describe('fault rules by operation', () => {
  it('fire only for the named operation', async () => {
    const sandbox = await createSandbox(t.api);
    const added = await t.api
      .post(`/__admin/sandboxes/${sandbox.id}/faults`)
      .send({ operation: 'searchPreviewCampaign', action: { type: 'status', status: 503 } });
    expect(added.status).toBe(201);
    expect(added.body.operation).toBe('searchPreviewCampaign');
    expect((await addRecord(t.api, sandbox, 'f-1')).status).toBe(200);
    expect((await symbee(t.api, sandbox, 'searchPreviewCampaign', { clientId: 'f-1' })).status).toBe(503);
    const journal = await t.api.get(`/__admin/sandboxes/${sandbox.id}/requests?status=503`);
    expect(journal.body.requests[0]).toMatchObject({ operation: 'searchPreviewCampaign', faultRuleId: added.body.id });
  });

  it('combine with vendor, method and path, and refuse an operation nobody declares', async () => {
    const sandbox = await createSandbox(t.api);
    const faults = `/__admin/sandboxes/${sandbox.id}/faults`;
    expectAdminError(await t.api.post(faults).send({ operation: 'nope', action: { type: 'drop' } }), 400, /nope/);
    expectAdminError(
      await t.api.post(faults).send({ vendor: 'sinch', operation: 'searchPreviewCampaign', action: { type: 'drop' } }),
      400,
      /not an operation of sinch/,
    );
    await t.api
      .post(faults)
      .send({ vendor: 'symbee', operation: 'addOrUpdateCampaignRecord', path: 'nowhere', action: { type: 'drop' } })
      .expect(201);
    // The path does not match: the rule never fires.
    expect((await addRecord(t.api, sandbox, 'f-2')).status).toBe(200);
  });
});

/** A vendor of a test's own, under an id no product vendor has. */
interface Widgets {
  tenant: string;
  widgets: string[];
}
const widgets: VendorDefinition<Widgets> = {
  id: 'widgets',
  title: 'Widgets (test vendor)',
  operations: routes<Widgets>([
    { method: 'GET', path: '/widgets', handler: ({ state }) => reply.json(200, state.widgets) },
    {
      method: 'POST',
      path: '/widgets/:name',
      handler: ({ state, params }) => {
        if (params.name === 'bad') throw new VendorError({ status: 422, code: 'BAD', message: 'bad widget' });
        state.widgets.push(params.name as string);
        if (params.name === 'crash') throw new Error('half-way');
        return reply.json(201, { name: params.name });
      },
    },
  ]),
  adminRoutes: [
    {
      method: 'POST',
      path: '/widgets/:name',
      handler: ({ state, params }) => {
        if (params.name === 'bad')
          throw new VendorError({ status: 200, code: 'GONE', message: 'no', adminStatus: 404 });
        if (params.name === 'taken') throw new AdminError(409, 'taken');
        if (params.name === 'duck') throw Object.assign(new Error('duck-typed'), { status: 418 });
        state.widgets.push(params.name as string);
        return reply.json(201, {});
      },
    },
  ],
  create: (ctx) => ({ tenant: ctx.isDefault ? 'w-default' : `w-${ctx.sandboxId}`, widgets: [] }),
  snapshot: (state) => state,
  restore: (snap) => snap as Widgets,
  tenantKeyOf: (req) => req.get('x-tenant') || undefined,
  tenantKeys: (state) => [state.tenant],
  describe: (state) => ({ tenant: state.tenant }),
  renderError: (err) => reply.json(err.status, { code: err.code, message: err.message }),
  openapi: () => ({ openapi: '3.1.0', info: { title: 'widgets', version: '0' }, paths: {} }),
};

describe('a vendor of its own', () => {
  it('is served under its own id, with its own options, operations and journal', async () => {
    const sim = await createSimulator({ vendors: [widgets] });
    const api = request(sim.app);
    const created = await api.post('/__admin/sandboxes').send({ options: { widgets: {} } });
    expect(created.status).toBe(201);
    const tenant = created.body.vendors.widgets.tenant as string;
    expect((await api.post('/widgets/widgets/a').set('x-tenant', tenant)).status).toBe(201);
    expect((await api.get('/widgets/widgets').set('x-tenant', tenant)).body).toEqual(['a']);
    const journal = await api.get(`/__admin/sandboxes/${created.body.id}/requests`);
    expect(journal.body.requests.map((r: { operation: string }) => r.operation)).toEqual([
      'GET /widgets',
      'POST /widgets/:name',
    ]);
    // Options for a vendor this process does not serve are refused.
    expectAdminError(await api.post('/__admin/sandboxes').send({ options: { symbee: {} } }), 400, /not served/);
    await sim.close();
  });
});

describe('saving after a call', () => {
  async function clean() {
    const sim = await createSimulator({ vendors: [widgets] });
    const api = request(sim.app);
    const created = await api.post('/__admin/sandboxes').send({});
    const box = sim.registry.require(created.body.id);
    box.dirty = false;
    return { sim, api, box, tenant: created.body.vendors.widgets.tenant as string, id: created.body.id as string };
  }

  it('a vendor call refused with a VendorError changed nothing and forces no save', async () => {
    const { api, box, tenant } = await clean();
    const res = await api.post('/widgets/widgets/bad').set('x-tenant', tenant);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ code: 'BAD', message: 'bad widget' });
    expect(box.dirty).toBe(false);
  });

  it('a vendor call that changed state and then failed unexpectedly is saved', async () => {
    const { api, box, tenant } = await clean();
    const logged = console.error;
    console.error = () => undefined;
    const res = await api.post('/widgets/widgets/crash').set('x-tenant', tenant);
    console.error = logged;
    expect(res.status).toBe(500);
    expect(box.dirty).toBe(true);
  });

  it('backdoors follow the same rule as vendor calls', async () => {
    const { api, box, id } = await clean();
    const backdoor = (name: string) => api.post(`/__admin/sandboxes/${id}/vendors/widgets/widgets/${name}`);
    expectAdminError(await backdoor('taken'), 409);
    expect(box.dirty).toBe(false);
    expect((await backdoor('ok')).status).toBe(201);
    expect(box.dirty).toBe(true);
  });

  it('vendor errors reach the admin plane with their admin status; duck-typed statuses are not trusted', async () => {
    const { api, id } = await clean();
    const backdoor = (name: string) => api.post(`/__admin/sandboxes/${id}/vendors/widgets/widgets/${name}`);
    expectAdminError(await backdoor('bad'), 404, /^no$/);
    const logged = console.error;
    console.error = () => undefined;
    const duck = await backdoor('duck');
    console.error = logged;
    expectAdminError(duck, 500, /Internal simulator error/);
  });
});
