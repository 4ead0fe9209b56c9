import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/sim.ts';

/**
 * What the pipeline decides before it reads a body (issue 15): credentials in headers are checked first (a refused
 * caller's body is never read: the vendor's 401, then the connection closes), a process-wide cap on the body bytes
 * being read at once (503 with Retry-After beyond it), and a client that goes away mid-body is journaled as aborted.
 * Raw sockets: a request whose body is announced but never sent shows whether the server waited for it.
 */
let t: TestServer;
let port: number;
let vendors: Record<string, Record<string, unknown> & { baseUrl: string }>;

/** Cap of this file's simulator: one 1 MB body fits, two do not. */
const CAP = 1_500_000;
const ANNOUNCED = 1_000_000;

beforeAll(async () => {
  t = await startTestServer({ maxBodyBytesInFlight: CAP });
  port = (t.server.address() as { port: number }).port;
  vendors = (await t.api.post('/__admin/sandboxes').send({ id: 'intake' })).body.vendors;
});
afterAll(() => t.close());

interface RawAnswer {
  head: string;
  status: number;
  body: string;
  /** The server closed the connection. */
  closed: boolean;
}

/** Opens a socket and sends a request head (and `body`, when given); reads until the server closes or `waitMs`. */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
  waitMs = 1500,
): { socket: Socket; answer: Promise<RawAnswer> } {
  const socket = connect(port, '127.0.0.1');
  const head = [
    `${method} ${path} HTTP/1.1`,
    'host: 127.0.0.1',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  const answer = new Promise<RawAnswer>((resolve) => {
    let text = '';
    let closed = false;
    const done = () => {
      clearTimeout(timer);
      const [headPart = '', bodyPart = ''] = text.split('\r\n\r\n');
      resolve({ head: headPart, status: Number(/^HTTP\/1\.1 (\d+)/.exec(headPart)?.[1] ?? 0), body: bodyPart, closed });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      done();
    });
  });
  return { socket, answer };
}

const pathOf = (url: string) => new URL(url).pathname;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Per vendor: a POST with a body, its good header credentials and wrong ones. */
interface Target {
  vendor: string;
  path: string;
  good: Record<string, string>;
  wrong: Record<string, string>;
}

function targets(): Target[] {
  const symbee = vendors.symbee as { baseUrl: string; headers: Record<string, string> };
  const sinch = vendors.sinch as { baseUrl: string; username: string; password: string; campaigns: string[] };
  const eight = vendors.eightbyeight as {
    baseUrl: string;
    username: string;
    actionToken: string;
    campaigns: { id: string }[];
  };
  const jtel = vendors.jtel as { baseUrl: string; token: string };
  return [
    {
      vendor: 'symbee',
      path: `${pathOf(symbee.baseUrl)}/addOrUpdateCampaignRecord`,
      good: symbee.headers,
      wrong: { ...symbee.headers, 'X-sc-company-api-key': 'wrong' },
    },
    {
      vendor: 'sinch',
      path: `${pathOf(sinch.baseUrl)}/campaigns/${sinch.campaigns[0]}/customers`,
      good: { authorization: basic(sinch.username, sinch.password) },
      wrong: { authorization: basic(sinch.username, 'wrong') },
    },
    {
      vendor: 'eightbyeight',
      path: `${pathOf(eight.baseUrl)}/api/tstats/campaigns/${eight.campaigns[0]!.id}/customers`,
      good: { authorization: basic(eight.username, eight.actionToken) },
      wrong: { authorization: basic(eight.username, 'wrong') },
    },
    {
      vendor: 'jtel',
      path: `${pathOf(jtel.baseUrl)}/acd/events/create`,
      good: { authorization: `Bearer ${jtel.token}` },
      wrong: { authorization: 'Bearer wrong' },
    },
  ];
}

describe('credentials in headers are checked before the body is read', () => {
  it.each(['wrong', 'missing'] as const)('%s credentials: the vendor 401 at once, connection closed', async (kind) => {
    for (const target of targets()) {
      const headers = kind === 'wrong' ? target.wrong : {};
      // The same request with its body sent in full: the vendor's own 401, as answered before this check existed.
      const full = await t.api.post(target.path).set(headers).set('content-type', 'application/json').send('{}');
      expect(full.status, `${target.vendor}: ${full.text}`).toBe(401);
      const { answer } = rawRequest('POST', target.path, {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(ANNOUNCED),
      });
      const got = await answer;
      expect(got.status, `${target.vendor} answered before the announced body came`).toBe(401);
      expect(got.head.toLowerCase()).toContain('connection: close');
      expect(got.closed, target.vendor).toBe(true);
      expect(got.body, target.vendor).toBe(full.text);
      const www = full.headers['www-authenticate'];
      if (www) expect(got.head.toLowerCase()).toContain(`www-authenticate: ${String(www).toLowerCase()}`);
    }
  });

  it('a refused call without a body keeps its connection (nothing unread to skip)', async () => {
    const sinch = targets()[1]!;
    const path = sinch.path.replace(/\/campaigns\/.*/, '/campaigns');
    const got = await rawRequest('GET', path, { ...sinch.wrong, connection: 'keep-alive' }, '', 500).answer;
    expect(got.status).toBe(401);
    expect(got.head.toLowerCase()).not.toContain('connection: close');
    expect(got.closed).toBe(false);
  });

  it('good credentials: the body is waited for and read', async () => {
    for (const target of targets()) {
      const { socket, answer } = rawRequest(
        'POST',
        target.path,
        { ...target.good, 'content-type': 'application/json', 'content-length': '100' },
        '',
        400,
      );
      const got = await answer;
      socket.destroy();
      expect(got.status, `${target.vendor} must wait for the body`).toBe(0);
    }
  });
});

describe('a cap on the body bytes read at once, across the process', () => {
  it('beyond the cap: 503 with Retry-After, the body not read; under it again: served', async () => {
    const [symbee, sinch] = targets();
    const held = rawRequest(
      'POST',
      symbee!.path,
      { ...symbee!.good, 'content-type': 'application/json', 'content-length': String(ANNOUNCED) },
      'x'.repeat(1000),
      5000,
    );
    await new Promise((r) => setTimeout(r, 100));
    const refused = await rawRequest('POST', sinch!.path, {
      ...sinch!.good,
      'content-type': 'application/json',
      'content-length': String(ANNOUNCED),
    }).answer;
    expect(refused.status).toBe(503);
    expect(refused.head.toLowerCase()).toContain('retry-after: 1');
    expect(refused.closed).toBe(true);
    expect(JSON.parse(refused.body)).toEqual({
      error: { status: 503, code: 'bodyBudgetExhausted', message: expect.stringMatching(/1500000 bytes/) },
    });
    // A body without Content-Length is counted as it comes: refused once it passes the cap.
    const chunk = 'x'.repeat(300_000);
    const chunked = await rawRequest(
      'POST',
      sinch!.path,
      { ...sinch!.good, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      `${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(3)}`,
    ).answer;
    expect(chunked.status).toBe(503);
    held.socket.destroy();
    await held.answer;
    await new Promise((r) => setTimeout(r, 100));
    // The held body's bytes were given back: the same 1 MB body is read now (and refused by Sinch as JSON).
    const after = await t.api
      .post(sinch!.path)
      .set(sinch!.good)
      .set('content-type', 'application/json')
      .send(`"${'x'.repeat(ANNOUNCED - 2)}"`);
    expect(after.status, after.text).toBe(400);
  });
});

describe('a client that goes away mid-body', () => {
  it('is journaled as aborted (status 0), not as a 500, and nothing is stored or logged as a bug', async () => {
    const [symbee] = targets();
    const logged = vi.spyOn(console, 'error');
    const records = async () =>
      (await t.api.get('/__admin/sandboxes/intake/requests?limit=500')).body.requests as {
        status: number;
        aborted?: boolean;
        path: string;
      }[];
    const before = (await records()).length;
    const { socket, answer } = rawRequest(
      'POST',
      symbee!.path,
      { ...symbee!.good, 'content-type': 'application/json', 'content-length': '5000' },
      '{"campaignName":"',
      5000,
    );
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await answer;
    await new Promise((r) => setTimeout(r, 100));
    const entries = await records();
    expect(entries.length).toBe(before + 1);
    expect(entries[0]).toMatchObject({ status: 0, aborted: true, path: symbee!.path });
    expect(logged.mock.calls.filter((c) => String(c[0]).includes('unexpected error'))).toEqual([]);
    logged.mockRestore();
  });
});
