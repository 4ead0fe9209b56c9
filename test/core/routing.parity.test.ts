import express from 'express';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouteTable } from '../../simulators/core/routing.ts';
import type { Operation } from '../../simulators/core/vendor.ts';
import { VENDORS } from '../../simulators/index.ts';

/**
 * The kernel's RouteTable replaced Express's router for vendor calls. This differential test pins that both pick the
 * same route with the same parameters (or none, or refuse an undecodable parameter) for generated requests against
 * every vendor's real route table, so the switch changed nothing a client can see.
 */
interface IndexedRoute {
  method: string;
  path: string;
  index: number;
}

/** Express's verdict, with the vendor routers' options; a matched route reports itself through `next(err)`. */
function expressVerdict(routes: readonly IndexedRoute[]): (method: string, path: string) => Promise<string> {
  const router = express.Router({ strict: false, caseSensitive: true });
  for (const route of routes) {
    const verb = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
    router[verb](route.path, (req, _res, next) => next({ routed: `${route.index} ${JSON.stringify(req.params)}` }));
  }
  return (method, path) =>
    new Promise((resolve) => {
      const req = { method, url: path, headers: {} } as unknown as express.Request;
      router(req, {} as express.Response, (err?: unknown) => {
        if (err && typeof err === 'object' && 'routed' in err) resolve((err as { routed: string }).routed);
        else if (err) resolve((err as { status?: number }).status === 400 ? 'malformed' : `error ${String(err)}`);
        else resolve('none');
      });
    });
}

function tableVerdict(routes: readonly IndexedRoute[]): (method: string, path: string) => string {
  const table = new RouteTable(routes);
  return (method, path) => {
    const found = table.find(method, path);
    return found.kind === 'found' ? `${found.route.index} ${JSON.stringify(found.params)}` : found.kind;
  };
}

/** Values a client might put in a segment: ids, odd encodings, dots, empty. */
const value = fc.oneof(
  fc.constantFrom('42', 'x.json', 'records.json', '%20', '%ZZ', '%E0%A4%A', '%2F', 'a%20b', 'list', '..', ''),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
);

/**
 * Requests near the declared routes (each parameter replaced by a generated value, maybe one segment upper-cased,
 * maybe one segment more, maybe a trailing slash), or made of the routes' own literals in any order.
 */
function requests(routes: readonly IndexedRoute[]) {
  const literals = [...new Set(routes.flatMap((r) => r.path.split('/')).filter((s) => s && !s.includes(':')))];
  const near = fc
    .record({
      route: fc.constantFrom(...routes),
      values: fc.array(value, { minLength: 4, maxLength: 4 }),
      upcase: fc.integer({ min: -8, max: 8 }),
      extra: fc.option(value, { nil: undefined }),
    })
    .map(({ route, values, upcase, extra }) => {
      let next = 0;
      const segments = route.path
        .split('/')
        .map((seg) => seg.replace(/:\w+/g, () => values[next++ % values.length] as string))
        .map((seg, i) => (i === upcase ? seg.toUpperCase() : seg));
      return [...segments, ...(extra === undefined ? [] : [extra])].join('/');
    });
  const shuffled = fc
    .array(fc.oneof(fc.constantFrom(...literals), value), { minLength: 1, maxLength: 8 })
    .map((segments) => `/${segments.join('/')}`);
  return fc.tuple(
    fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'),
    fc.oneof({ arbitrary: near, weight: 4 }, { arbitrary: shuffled, weight: 1 }),
    fc.boolean(),
  );
}

describe.each(VENDORS.map((v) => [v.id, v] as const))(
  '%s routes: kernel RouteTable ≡ Express router',
  (_id, vendor) => {
    const routes = vendor.operations.flatMap((op: Operation<unknown>, index: number) =>
      op.binding.protocol === 'rest' ? [{ method: op.binding.method, path: op.binding.path, index }] : [],
    );
    const byExpress = expressVerdict(routes);
    const byTable = tableVerdict(routes);

    it('agree on every declared route, called as declared', async () => {
      for (const route of routes) {
        const path = route.path.replace(/:(\w+)/g, 'id-$1');
        const verdict = await byExpress(route.method, path);
        expect(verdict).toMatch(/^\d+ /);
        expect(byTable(route.method, path), `${route.method} ${path}`).toBe(verdict);
      }
    });

    it('agree on generated paths: mixed literals, encodings, case and trailing slashes', async () => {
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(requests(routes), async ([method, base, trailingSlash]) => {
          const path = `${base}${trailingSlash ? '/' : ''}`;
          const verdict = await byExpress(method, path);
          seen.add(verdict.split(' ')[0]!);
          expect(byTable(method, path)).toBe(verdict);
        }),
        // The generator picks a route uniformly: more routes need more runs to reach each (jtel declares 16).
        { numRuns: Math.max(1500, 250 * routes.length), seed: 7 },
      );
      // The generator reaches every route, misses, and (where a route has parameters) undecodable ones.
      expect(seen.has('none')).toBe(true);
      for (const route of routes) expect(seen.has(String(route.index)), route.path).toBe(true);
      if (routes.some((r) => r.path.includes(':'))) expect(seen.has('malformed')).toBe(true);
    });
  },
);
