import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JournalEntry, MAX_BODY_CHARS, RequestJournal } from '../../simulators/core/journal.ts';

setFlagsFromString('--expose-gc');

type Input = Omit<JournalEntry, 'id'>;

function entry(overrides: Partial<Input> = {}): Input {
  return {
    time: '2021-11-03T05:00:00.000Z',
    method: 'POST',
    vendor: 'symbee',
    path: '/symbee/api/search',
    query: '',
    status: 200,
    durationMs: 1.5,
    requestHeaders: { 'content-type': 'application/json' },
    requestBody: '{}',
    responseBody: '{"ok":true}',
    ...overrides,
  };
}

describe('RequestJournal', () => {
  it('lists newest first with increasing ids', () => {
    const journal = new RequestJournal();
    journal.record(entry({ path: '/a' }));
    journal.record(entry({ path: '/b' }));
    journal.record(entry({ path: '/c' }));
    const list = journal.list();
    expect(list.map((e) => e.path)).toEqual(['/c', '/b', '/a']);
    expect(list.map((e) => e.id)).toEqual([3, 2, 1]);
  });

  it('is bounded: the oldest entries fall off', () => {
    const journal = new RequestJournal({ limit: 3 });
    for (let i = 1; i <= 5; i++) journal.record(entry({ path: `/${i}` }));
    expect(journal.list().map((e) => e.path)).toEqual(['/5', '/4', '/3']);
  });

  it('lowering the limit trims at once', () => {
    const journal = new RequestJournal({ limit: 10 });
    for (let i = 1; i <= 6; i++) journal.record(entry({ path: `/${i}` }));
    journal.configure({ limit: 2 });
    expect(journal.list().map((e) => e.path)).toEqual(['/6', '/5']);
    expect(journal.settings).toEqual({ enabled: true, limit: 2 });
  });

  it('filters by vendor, method (any case), path substring and status code or class', () => {
    const journal = new RequestJournal();
    journal.record(entry({ vendor: 'symbee', method: 'POST', path: '/symbee/x/search', status: 200 }));
    journal.record(entry({ vendor: 'sinch', method: 'GET', path: '/sinch/campaigns', status: 404 }));
    journal.record(entry({ vendor: 'symbee', method: 'POST', path: '/symbee/x/add', status: 429 }));
    journal.record(entry({ vendor: 'symbee', method: 'GET', path: '/symbee/x/search', status: 503 }));
    const paths = (f: Parameters<RequestJournal['list']>[0]) =>
      journal.list(f).map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(paths({ vendor: 'sinch' })).toEqual(['GET /sinch/campaigns 404']);
    expect(paths({ method: 'get' })).toEqual(['GET /symbee/x/search 503', 'GET /sinch/campaigns 404']);
    expect(paths({ path: 'search' })).toEqual(['GET /symbee/x/search 503', 'POST /symbee/x/search 200']);
    expect(paths({ status: '4xx' })).toEqual(['POST /symbee/x/add 429', 'GET /sinch/campaigns 404']);
    expect(paths({ status: '5XX' })).toEqual(['GET /symbee/x/search 503']);
    expect(paths({ status: '429' })).toEqual(['POST /symbee/x/add 429']);
    expect(paths({ status: '2xx', vendor: 'symbee', path: 'search' })).toEqual(['POST /symbee/x/search 200']);
    expect(paths({ limit: 2 })).toHaveLength(2);
    expect(paths({ status: '3xx' })).toEqual([]);
  });

  it('records nothing while disabled, and resumes when enabled', () => {
    const journal = new RequestJournal({ enabled: false });
    journal.record(entry({ path: '/off' }));
    expect(journal.list()).toEqual([]);
    journal.configure({ enabled: true });
    journal.record(entry({ path: '/on' }));
    expect(journal.list().map((e) => e.path)).toEqual(['/on']);
  });

  it('truncates large bodies and says by how much', () => {
    const journal = new RequestJournal();
    const big = 'x'.repeat(MAX_BODY_CHARS + 100);
    journal.record(entry({ requestBody: big, responseBody: 'small' }));
    const [e] = journal.list();
    expect(e!.requestBody.startsWith('x'.repeat(MAX_BODY_CHARS))).toBe(true);
    expect(e!.requestBody.endsWith('…[100 more]')).toBe(true);
    expect(e!.requestBody.length).toBeLessThan(big.length);
    expect(e!.responseBody).toBe('small');
    const exact = 'y'.repeat(MAX_BODY_CHARS);
    journal.record(entry({ requestBody: exact }));
    expect(journal.list()[0]!.requestBody).toBe(exact);
  });

  it('keeps a copy of the snippet, not the whole body: 200 journaled one-MiB bodies do not stay in memory', () => {
    const gc = runInNewContext('gc') as () => void; // exposed by the flag set at the top of this file
    const journal = new RequestJournal({ limit: 500 });
    gc();
    // Heap only: the bodies kept alive would be heap strings, while the throw-away Buffers below are external
    // memory whose release after a collection lags (it made this figure swing by ~10 MiB under load).
    const used = () => process.memoryUsage().heapUsed;
    const before = used();
    for (let i = 0; i < 200; i++) {
      // A flat, distinct string per request, decoded from UTF-8 as the body reader does.
      const body = Buffer.alloc(1024 * 1024, 97 + (i % 26)).toString('utf8');
      journal.record(entry({ requestBody: body, responseBody: body }));
    }
    gc();
    gc();
    const grownMiB = (used() - before) / 2 ** 20;
    // With `slice` the 200 bodies stay alive (200 MiB); the copies are 2 × 8 KiB per entry (~3 MiB).
    expect(grownMiB).toBeLessThan(20);
    expect(journal.list()[0]!.requestBody).toBe(`${'r'.repeat(MAX_BODY_CHARS)}…[${2 ** 20 - MAX_BODY_CHARS} more]`);
  });

  it('never cuts a surrogate pair in two', () => {
    const journal = new RequestJournal();
    const body = `${'x'.repeat(MAX_BODY_CHARS - 1)}😀tail`;
    journal.record(entry({ requestBody: body }));
    const kept = journal.list()[0]!.requestBody;
    expect(kept).toBe(`${'x'.repeat(MAX_BODY_CHARS - 1)}…[6 more]`);
    expect(kept).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('redacts credentials: Authorization (Basic keeps its user), api keys, tokens, secrets, passwords', () => {
    const journal = new RequestJournal();
    const basic = `Basic ${Buffer.from('obi-admin:obi-secret').toString('base64')}`;
    journal.record(
      entry({
        requestHeaders: {
          authorization: basic,
          'proxy-authorization': 'Bearer abc.def',
          'x-sc-company-api-key': 'sck_123',
          'x-apikey': 'k',
          'x-auth-token': 't',
          'x-client-secret': 's',
          'x-db-password': 'p',
          'x-sc-company-code': 'abc-gadgets',
          'content-type': 'application/json',
        },
      }),
    );
    expect(journal.list()[0]!.requestHeaders).toEqual({
      authorization: 'Basic [redacted] (user obi-admin)',
      'proxy-authorization': 'Bearer [redacted]',
      'x-sc-company-api-key': '[redacted]',
      'x-apikey': '[redacted]',
      'x-auth-token': '[redacted]',
      'x-client-secret': '[redacted]',
      'x-db-password': '[redacted]',
      'x-sc-company-code': 'abc-gadgets',
      'content-type': 'application/json',
    });
  });

  it('applies what a vendor declares: more header names and a rewrite of body snippets', () => {
    const journal = new RequestJournal();
    const wsse = /(<(?:\w+:)?Password\b[^>]*>)[^<]*/g;
    const redaction = { headers: /^x-session$/, body: (text: string) => text.replace(wsse, '$1[redacted]') };
    const soap = '<wsse:Security><wsse:Password Type="PasswordText">hunter2</wsse:Password></wsse:Security>';
    journal.record({
      ...entry({ requestHeaders: { 'x-session': 'abc', 'x-other': 'kept' }, requestBody: soap, responseBody: 'ok' }),
      redaction,
    });
    const [e] = journal.list();
    expect(e!.requestHeaders).toEqual({ 'x-session': '[redacted]', 'x-other': 'kept' });
    expect(e!.requestBody).toBe(
      '<wsse:Security><wsse:Password Type="PasswordText">[redacted]</wsse:Password></wsse:Security>',
    );
    expect(e).not.toHaveProperty('redaction');
  });

  it('clear empties it', () => {
    const journal = new RequestJournal();
    journal.record(entry());
    journal.clear();
    expect(journal.list()).toEqual([]);
  });

  it('behaves like an unbounded list cut to its newest `limit` entries, whatever records, limit changes and clears come', () => {
    type Op = { kind: 'record' } | { kind: 'limit'; limit: number } | { kind: 'clear' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { arbitrary: fc.constant({ kind: 'record' as const }), weight: 8 },
      { arbitrary: fc.integer({ min: 1, max: 7 }).map((limit) => ({ kind: 'limit' as const, limit })), weight: 2 },
      { arbitrary: fc.constant({ kind: 'clear' as const }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(op, { maxLength: 60 }), (limit, ops) => {
        const journal = new RequestJournal({ limit });
        let model: number[] = []; // ids, oldest first
        let nextId = 1;
        let cap = limit;
        for (const o of ops) {
          if (o.kind === 'record') {
            journal.record(entry({ path: `/${nextId}` }));
            model.push(nextId++);
          } else if (o.kind === 'limit') {
            journal.configure({ limit: o.limit });
            cap = o.limit;
          } else {
            journal.clear();
            model = [];
          }
          model = model.slice(-cap);
          expect(journal.list().map((e) => e.id)).toEqual([...model].reverse());
          expect(journal.list().map((e) => e.path)).toEqual([...model].reverse().map((id) => `/${id}`));
        }
        const newest = model.slice(-2).reverse();
        expect(journal.list({ limit: 2 }).map((e) => e.id)).toEqual(newest);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
