import { type MatchFunction, match } from 'path-to-regexp';

/** A path parameter whose percent-encoding does not decode (`/campaigns/%ZZ`). */
export class MalformedPath extends Error {}

export type RouteMatch<R> =
  { kind: 'found'; route: R; params: Record<string, string> } | { kind: 'none' } | { kind: 'malformed' };

function decodeParam(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MalformedPath(value);
  }
}

/**
 * A vendor's routes, compiled once at start-up. Paths use Express's syntax and are matched with the library Express's
 * router uses, with the options the vendor routers had there: case-sensitive, whole path, one trailing slash
 * tolerated, parameters percent-decoded. The first declared route whose path and method match wins; HEAD runs the
 * GET route (Node sends no body for it).
 */
export class RouteTable<R extends { method: string; path: string }> {
  private readonly entries: { route: R; match: MatchFunction<Record<string, string>> }[];

  constructor(routes: readonly R[]) {
    this.entries = routes.map((route) => ({
      route,
      match: match<Record<string, string>>(route.path.replace(/\/+$/, '') || '/', {
        sensitive: true,
        end: true,
        trailing: true,
        decode: decodeParam,
      }),
    }));
  }

  find(method: string, path: string): RouteMatch<R> {
    const wanted = method === 'HEAD' ? 'GET' : method;
    try {
      for (const { route, match } of this.entries) {
        // Matched before the method is compared, as Express does: a path that cannot be decoded is refused whichever
        // method was asked for.
        const found = match(path);
        if (found && route.method === wanted) return { kind: 'found', route, params: { ...found.params } };
      }
    } catch (err) {
      if (err instanceof MalformedPath) return { kind: 'malformed' };
      throw err;
    }
    return { kind: 'none' };
  }
}
