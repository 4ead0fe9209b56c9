import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createSimulator, type Simulator } from '../../simulators/core/app.ts';
import { type VendorPipeline, withVendorPipelines } from '../../simulators/core/pipeline.ts';
import { AdminError } from '../../simulators/core/errors.ts';
import { reply } from '../../simulators/core/reply.ts';
import type { VendorDefinition } from '../../simulators/core/vendor.ts';
import { routes } from '../helpers/routes.ts';
import { expectAdminError } from './helpers.ts';

/**
 * A throw-away vendor, so the pipeline is tested without depending on any real vendor's rules. Tenant: the
 * `x-tenant` header. Its failures render as `{"kernel": kind, "message"}` so the test can see which one fired.
 */
interface TinyState {
  tenant: string;
  notes: string[];
  advancedTo: number[];
}

const BIG_TEXT = `${'x'.repeat(1024 * 1024 - 1)}😀${'y'.repeat(2 * 1024 * 1024)}é`;

const tiny: VendorDefinition<TinyState> = {
  id: 'jtel',
  title: 'Tiny pipeline vendor',
  bodyLimitBytes: 1024,
  operations: routes<TinyState>([
    { method: 'GET', path: '/notes', handler: ({ state }) => reply.json(200, { notes: state.notes }) },
    {
      method: 'POST',
      path: '/peek',
      readOnly: true,
      handler: ({ state }) => reply.json(200, { count: state.notes.length }),
    },
    { method: 'GET', path: '/advanced', handler: ({ state }) => reply.json(200, { advancedTo: state.advancedTo }) },
    {
      method: 'GET',
      path: '/boom',
      handler: () => {
        throw new Error('handler bug');
      },
    },
    { method: 'GET', path: '/xml', handler: () => reply.xml(200, 'root', { item: ['a', 'b'] }) },
    {
      method: 'GET',
      path: '/stream',
      handler: () =>
        reply.stream(200, 'text/csv', function* () {
          for (let i = 0; i < 3000; i++) yield `row-${i},${'x'.repeat(40)}\n`;
        }),
    },
    {
      method: 'GET',
      path: '/huge',
      handler: () =>
        reply.stream(200, 'text/plain', function* () {
          for (let i = 0; i < 20_000; i++) yield `${'y'.repeat(1023)}\n`;
        }),
    },
    { method: 'GET', path: '/empty', handler: () => reply.empty(204, { 'x-extra': 'yes' }) },
    // Over the 1 MiB write slice, with an emoji straddling the first slice boundary.
    { method: 'GET', path: '/big-text', handler: () => reply.text(200, BIG_TEXT, 'text/plain; charset=utf-8') },
    // A value JSON cannot write: the serializer throws after the handler returned.
    { method: 'GET', path: '/unwritable', handler: () => reply.json(200, { count: 1n }) },
    {
      method: 'POST',
      path: '/notes/:topic',
      handler: ({ state, params, query, rawBody, now }) => {
        state.notes.push(`${params.topic}:${rawBody}`);
        return reply.json(201, { topic: params.topic, query, rawBody, now: now(), count: state.notes.length });
      },
    },
  ]),
  adminRoutes: [
    {
      method: 'POST',
      path: '/notes',
      handler: ({ state, rawBody }) => {
        const body = JSON.parse(rawBody || '{}') as { note?: unknown };
        if (typeof body.note !== 'string') throw new AdminError(400, 'note must be a string');
        state.notes.push(body.note);
        return reply.json(200, { count: state.notes.length });
      },
    },
    { method: 'GET', path: '/crash', handler: () => Promise.reject(new Error('backdoor bug')) },
  ],
  create: (ctx) => ({
    tenant: ctx.isDefault ? 'tenant-default' : `tenant-${ctx.sandboxId}`,
    notes: [],
    advancedTo: [],
  }),
  snapshot: (state) => state,
  restore: (snap) => snap as TinyState,
  tenantKeyOf: (req) => {
    // Like a malformed Basic header a real vendor fails to decode.
    if (req.get('x-tenant') === '!') throw new Error('unreadable credentials');
    return req.get('x-tenant') || undefined;
  },
  tenantKeys: (state) => [state.tenant],
  advance: (state, now) => {
    state.advancedTo.push(now);
  },
  describe: (state) => ({ tenant: state.tenant }),
  renderError: (err) => reply.json(err.status, { kernel: err.code, message: err.message }),
  openapi: () => ({ openapi: '3.1.0', info: { title: 'tiny', version: '0' }, paths: {} }),
};

let sim: Simulator;
let api: ReturnType<typeof request>;
beforeAll(async () => {
  sim = await createSimulator({ vendors: [tiny] });
  api = request(sim.app);
});

async function sandbox(body: object = {}) {
  const res = await api.post('/__admin/sandboxes').send(body);
  expect(res.status).toBe(201);
  return { id: res.body.id as string, tenant: res.body.vendors.jtel.tenant as string };
}

describe('vendor request pipeline', () => {
  it('routes to the tenant’s sandbox with params, flat query, raw body and the virtual clock', async () => {
    const s = await sandbox({ clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
    const res = await api
      .post('/jtel/notes/greeting?a=1&a=2&b=')
      .set('x-tenant', s.tenant)
      .set('content-type', 'text/plain')
      .send('hello');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      topic: 'greeting',
      query: { a: '1', b: '' },
      rawBody: 'hello',
      now: Date.parse('2021-11-03T05:00:00Z'),
      count: 1,
    });
    const other = await sandbox();
    expect((await api.get('/jtel/notes').set('x-tenant', other.tenant)).body).toEqual({ notes: [] });
    expect((await api.get('/jtel/notes').set('x-tenant', s.tenant)).body).toEqual({ notes: ['greeting:hello'] });
  });

  it('missing or unknown credentials are the vendor’s unauthenticated failure', async () => {
    const none = await api.get('/jtel/notes');
    expect(none.status).toBe(401);
    expect(none.body.kernel).toBe('unauthenticated');
    expect((await api.get('/jtel/notes').set('x-tenant', 'nobody')).status).toBe(401);
    expect((await api.get('/jtel/notes').set('x-tenant', '!')).body.kernel).toBe('unauthenticated');
  });

  it('an unknown path or method is the vendor’s notFound failure', async () => {
    const s = await sandbox();
    const res = await api.delete('/jtel/notes').set('x-tenant', s.tenant);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ kernel: 'notFound', message: 'No such endpoint: DELETE /notes' });
    expect((await api.get('/jtel/nothing/here')).body.kernel).toBe('notFound');
    expect((await api.get('/not-a-vendor')).body).toEqual({
      error: { status: 404, message: 'No such path: GET /not-a-vendor' },
    });
  });

  it('a body over the vendor’s limit is refused (413) without reaching the handler', async () => {
    const s = await sandbox();
    const res = await api
      .post('/jtel/notes/big')
      .set('x-tenant', s.tenant)
      .set('content-type', 'text/plain')
      .send('x'.repeat(2048));
    expect(res.status).toBe(413);
    expect(res.body.kernel).toBe('payloadTooLarge');
    expect((await api.get('/jtel/notes').set('x-tenant', s.tenant)).body.notes).toEqual([]);
    const journal = await api.get(`/__admin/sandboxes/${s.id}/requests?status=413`);
    expect(journal.body.requests).toEqual([expect.objectContaining({ path: '/jtel/notes/big', requestBody: '' })]);
    const fits = await api
      .post('/jtel/notes/ok')
      .set('x-tenant', s.tenant)
      .set('content-type', 'text/plain')
      .send('x'.repeat(1000));
    expect(fits.status).toBe(201);
  });

  it.each([
    ['a handler crash', '/jtel/boom'],
    ['a reply the serializer cannot write', '/jtel/unwritable'],
  ])('%s is the vendor’s internal failure, journaled; the sandbox keeps working', async (_what, path) => {
    const s = await sandbox();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await api.get(path).set('x-tenant', s.tenant);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`GET ${path}`), expect.any(Error));
    logged.mockRestore();
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ kernel: 'internal', message: 'Internal simulator error' });
    const journal = await api.get(`/__admin/sandboxes/${s.id}/requests`);
    expect(journal.body.requests[0]).toMatchObject({ path, status: 500, responseBody: JSON.stringify(res.body) });
    expect((await api.get('/jtel/notes').set('x-tenant', s.tenant)).status).toBe(200);
  });

  it('catches lifecycles up to the virtual clock before each request', async () => {
    const s = await sandbox({ clock: { now: '2021-11-03T05:00:00Z', frozen: true } });
    await api.post(`/__admin/sandboxes/${s.id}/clock`).send({ advanceMs: 5000 });
    const res = await api.get('/jtel/advanced').set('x-tenant', s.tenant);
    expect(res.body.advancedTo.at(-1)).toBe(Date.parse('2021-11-03T05:00:05Z'));
  });

  it('marks the sandbox dirty only for mutating calls', async () => {
    const s = await sandbox();
    const box = sim.registry.require(s.id);
    box.dirty = false;
    await api.get('/jtel/notes').set('x-tenant', s.tenant);
    await api.post('/jtel/peek').set('x-tenant', s.tenant);
    expect(box.dirty).toBe(false);
    await api.post('/jtel/notes/x').set('x-tenant', s.tenant);
    expect(box.dirty).toBe(true);
  });

  it('serializes XML, streams and empty replies', async () => {
    const s = await sandbox();
    const xml = await api.get('/jtel/xml').set('x-tenant', s.tenant);
    expect(xml.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xml.text).toBe('<?xml version="1.0" encoding="UTF-8"?><root><item>a</item><item>b</item></root>');
    const stream = await api
      .get('/jtel/stream')
      .set('x-tenant', s.tenant)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });
    const rows = (stream.body as string).trim().split('\n');
    expect(rows).toHaveLength(3000);
    expect(rows[2999]).toMatch(/^row-2999,/);
    const empty = await api.get('/jtel/empty').set('x-tenant', s.tenant);
    expect(empty.status).toBe(204);
    expect(empty.headers['x-extra']).toBe('yes');
    const journal = await api.get(`/__admin/sandboxes/${s.id}/requests?path=stream`);
    expect(journal.body.requests[0].responseBody).toMatch(/^\[streamed \d+ chars\]$/);
  });

  it('a client that disconnects mid-stream ends the stream on the server (journaled as aborted)', async () => {
    const s = await sandbox();
    const server = http.createServer(sim.app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/jtel/huge', headers: { 'x-tenant': s.tenant } },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => undefined);
      req.setTimeout(5000, () => reject(new Error('no data')));
    });
    let entries: { responseBody: string }[] = [];
    for (let i = 0; i < 50 && entries.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      entries = (await api.get(`/__admin/sandboxes/${s.id}/requests?path=huge`)).body.requests;
    }
    server.close();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.responseBody).toMatch(/^\[stream aborted after \d+ chars\]$/);
  });

  it('mounts vendor backdoors under the sandbox, with admin errors in the admin shape', async () => {
    const s = await sandbox();
    const ok = await api.post(`/__admin/sandboxes/${s.id}/vendors/jtel/notes`).send({ note: 'seeded' });
    expect(ok.status).toBe(200);
    expect((await api.get('/jtel/notes').set('x-tenant', s.tenant)).body.notes).toEqual(['seeded']);
    expectAdminError(await api.post(`/__admin/sandboxes/${s.id}/vendors/jtel/notes`).send({ note: 1 }), 400, /note/);
    expectAdminError(await api.post('/__admin/sandboxes/nope/vendors/jtel/notes').send({ note: 'x' }), 404);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const crash = await api.get(`/__admin/sandboxes/${s.id}/vendors/jtel/crash`);
    logged.mockRestore();
    expectAdminError(crash, 500, /Internal simulator error/);
  });
});

describe('vendor dispatch ahead of Express', () => {
  it('sends a request to the pipeline its first path segment names (exactly), with the path below it', () => {
    const seen: string[] = [];
    const pipeline =
      (name: string): VendorPipeline =>
      (_msg, _res, path) => {
        seen.push(`${name} ${path}`);
        return Promise.resolve();
      };
    const fallback = vi.fn((msg: http.IncomingMessage) => seen.push(`fallback ${msg.url}`));
    const listener = withVendorPipelines(
      new Map([
        ['sinch', pipeline('sinch')],
        ['symbee', pipeline('symbee')],
      ]),
      fallback,
    );
    for (const url of [
      '/symbee/a/b?x=1',
      '/sinch',
      '/sinch/?q',
      '/SYMBEE/a',
      '/symbeex/a',
      '/__admin/health',
      'http://host/symbee/a',
    ])
      listener({ method: 'GET', url } as http.IncomingMessage, {} as http.ServerResponse);
    expect(seen).toEqual([
      'symbee /a/b',
      'sinch /',
      'sinch /',
      'fallback /SYMBEE/a',
      'fallback /symbeex/a',
      'fallback /__admin/health',
      'fallback http://host/symbee/a',
    ]);
  });

  it('another letter case of the vendor id is not the vendor: the simulator’s own 404', async () => {
    const s = await sandbox();
    const res = await api.get('/JTEL/notes').set('x-tenant', s.tenant);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { status: 404, message: 'No such path: GET /JTEL/notes' } });
  });

  it('a trailing slash and a query string reach the same route; HEAD runs the GET route without a body', async () => {
    const s = await sandbox();
    await api.post('/jtel/notes/a').set('x-tenant', s.tenant).set('content-type', 'text/plain').send('1');
    const plain = await api.get('/jtel/notes').set('x-tenant', s.tenant);
    expect(plain.body).toEqual({ notes: ['a:1'] });
    for (const url of ['/jtel/notes/', '/jtel/notes?x=1']) {
      const res = await api.get(url).set('x-tenant', s.tenant);
      expect(res.status).toBe(200);
      expect(res.text).toBe(plain.text);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    const head = await api.head('/jtel/notes').set('x-tenant', s.tenant);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(plain.text.length));
    expect(head.text).toBeUndefined();
    const journal = await api.get(`/__admin/sandboxes/${s.id}/requests?path=/jtel/notes`);
    expect(journal.body.requests.slice(0, 3)).toEqual([
      expect.objectContaining({ method: 'HEAD', path: '/jtel/notes', status: 200 }),
      expect.objectContaining({ method: 'GET', path: '/jtel/notes', query: 'x=1', responseBody: plain.text }),
      expect.objectContaining({ method: 'GET', path: '/jtel/notes/', query: '' }),
    ]);
  });

  it('a path parameter that does not decode is the vendor’s bad request, journaled', async () => {
    const s = await sandbox();
    const res = await api.post('/jtel/notes/%ZZ').set('x-tenant', s.tenant);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ kernel: 'badRequest', message: 'Malformed URL: POST /jtel/notes/%ZZ' });
    const decoded = await api.post('/jtel/notes/a%20b').set('x-tenant', s.tenant).set('content-type', 'text/plain');
    expect(decoded.body.topic).toBe('a b');
    const journal = await api.get(`/__admin/sandboxes/${s.id}/requests?status=400`);
    expect(journal.body.requests).toEqual([expect.objectContaining({ path: '/jtel/notes/%ZZ', status: 400 })]);
  });

  it('a vendor whose own failure renderer throws still answers every request: a plain 500', async () => {
    const broken = await createSimulator({
      vendors: [
        {
          ...tiny,
          renderError: () => {
            throw new Error('renderer bug');
          },
        },
      ],
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(broken.app).get('/jtel/nothing');
    const crash = await request(broken.app).get('/jtel/boom').set('x-tenant', 'tenant-default');
    logged.mockRestore();
    for (const r of [res, crash]) {
      expect(r.status).toBe(500);
      expect(r.text).toBe('Internal simulator error');
    }
    await broken.close();
  });

  it('a body arriving in chunks that split a character is read whole', async () => {
    const s = await sandbox();
    const server = http.createServer(sim.app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const bytes = Buffer.from('aé€😀b', 'utf8');
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/jtel/notes/split', headers: { 'x-tenant': s.tenant } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      // One byte at a time: every multi-byte character is split across chunks.
      (async () => {
        for (const byte of bytes) {
          req.write(Buffer.from([byte]));
          await new Promise((r) => setImmediate(r));
        }
        req.end();
      })().catch(reject);
    });
    server.close();
    expect(JSON.parse(body).rawBody).toBe('aé€😀b');
  });

  it('a reply over the write slice arrives whole, a character on the slice boundary included', async () => {
    const s = await sandbox();
    const res = await api
      .get('/jtel/big-text')
      .set('x-tenant', s.tenant)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (chunk: Buffer) => chunks.push(chunk));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(BIG_TEXT)));
    expect((res.body as Buffer).toString('utf8')).toBe(BIG_TEXT);
  });
});
