import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulators/core/app.ts';
import { VendorError } from '../../simulators/core/errors.ts';
import { reply } from '../../simulators/core/reply.ts';
import type { Operation, VendorDefinition } from '../../simulators/core/vendor.ts';

/**
 * The extension point a SOAP binding uses: every operation on one URL, the operation named in the body, and the
 * tenant named by a header inside the body. A small envelope-like vendor (`<op tenant="…">payload</op>`) shows the
 * kernel routes, authenticates, journals and injects faults by the operation the body names.
 */
interface Notes {
  tenant: string;
  notes: string[];
}
interface Decoded {
  tenant: string;
  operation: string;
  payload: string;
}

const ENVELOPE = /^<(\w+) tenant="([^"]*)">([^<]*)<\/\1>$/;

const op = (name: string, readOnly: boolean, handler: Operation<Notes>['handler']): Operation<Notes> => ({
  name,
  binding: { protocol: 'soap', path: '/service', element: name },
  readOnly,
  summary: name,
  responses: {},
  handler,
});

const envelopes: VendorDefinition<Notes> = {
  id: 'envelopes',
  title: 'Envelope test vendor',
  operations: [
    op('addNote', false, ({ state, decoded }) => {
      state.notes.push((decoded as Decoded).payload);
      return reply.text(200, `<addNoteResponse>${state.notes.length}</addNoteResponse>`, 'text/xml');
    }),
    op('listNotes', true, ({ state }) =>
      reply.text(200, `<listNotesResponse>${state.notes.join(',')}</listNotesResponse>`, 'text/xml'),
    ),
  ],
  dispatch: [
    {
      method: 'POST',
      path: '/service',
      resolve(_req, rawBody) {
        const match = ENVELOPE.exec(rawBody);
        if (!match) throw new VendorError({ status: 500, code: 'Client', message: 'not an envelope' });
        const decoded: Decoded = { operation: match[1]!, tenant: match[2]!, payload: match[3]! };
        return { operation: decoded.operation, decoded };
      },
    },
  ],
  create: (ctx) => ({ tenant: ctx.isDefault ? 'env-default' : `env-${ctx.sandboxId}`, notes: [] }),
  snapshot: (state) => state,
  restore: (snap) => snap as Notes,
  tenantKeyOf: (_req, lookup) => (lookup.decoded as Decoded | undefined)?.tenant || undefined,
  tenantKeys: (state) => [state.tenant],
  describe: (state) => ({ tenant: state.tenant }),
  renderError: (err) =>
    reply.text(err.status, `<fault><code>${err.code}</code><string>${err.message}</string></fault>`, 'text/xml'),
  openapi: () => ({ openapi: '3.1.0', info: { title: 'envelopes', version: '0' }, paths: {} }),
};

let api: ReturnType<typeof request>;
let sandbox: { id: string; tenant: string };
beforeAll(async () => {
  const sim = await createSimulator({ vendors: [envelopes] });
  api = request(sim.app);
  const created = await api.post('/__admin/sandboxes').send({});
  sandbox = { id: created.body.id, tenant: created.body.vendors.envelopes.tenant };
});

const send = (body: string) => api.post('/envelopes/service').set('content-type', 'text/xml').send(body);

describe('operations named in the body', () => {
  it('reach their handler in the sandbox the body names, and are journaled by name', async () => {
    expect((await send(`<addNote tenant="${sandbox.tenant}">hello</addNote>`)).text).toBe(
      '<addNoteResponse>1</addNoteResponse>',
    );
    expect((await send(`<listNotes tenant="${sandbox.tenant}"></listNotes>`)).text).toBe(
      '<listNotesResponse>hello</listNotesResponse>',
    );
    const journal = await api.get(`/__admin/sandboxes/${sandbox.id}/requests`);
    expect(journal.body.requests.map((r: { operation: string }) => r.operation)).toEqual(['listNotes', 'addNote']);
  });

  it('a body naming no tenant is the kernel failure, rendered by the vendor', async () => {
    const res = await send('<addNote tenant="">x</addNote>');
    expect(res.status).toBe(401);
    expect(res.text).toMatch(/<code>unauthenticated<\/code>/);
  });

  it('a body naming no operation, or an unknown one, is answered in the vendor shape', async () => {
    const garbage = await send('not xml');
    expect(garbage.status).toBe(500);
    expect(garbage.text).toBe('<fault><code>Client</code><string>not an envelope</string></fault>');
    const unknown = await send(`<dropTable tenant="${sandbox.tenant}"></dropTable>`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toMatch(/No such operation: dropTable/);
  });

  it('fault rules can aim at one operation of the shared URL', async () => {
    const rule = await api
      .post(`/__admin/sandboxes/${sandbox.id}/faults`)
      .send({ operation: 'addNote', action: { type: 'status', status: 503 } });
    expect(rule.status).toBe(201);
    expect((await send(`<listNotes tenant="${sandbox.tenant}"></listNotes>`)).status).toBe(200);
    const faulted = await send(`<addNote tenant="${sandbox.tenant}">x</addNote>`);
    expect(faulted.status).toBe(503);
    expect(faulted.text).toMatch(/<code>fault<\/code>/);
  });
});
