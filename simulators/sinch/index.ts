import { API_PREFIX } from '../../contracts/sinch/schemas.ts';
import { sinchOpenApi } from '../../contracts/sinch/openapi.ts';
import { type VendorDefinition, kernelFailureStatus } from '../core/vendor.ts';
import { MESSAGES, ObiError } from './errors.ts';
import { createSinchState, restoreSinch, snapshotSinch } from './fixtures.ts';
import { basicCredentials } from '../core/auth.ts';
import { WWW_AUTHENTICATE, errorFormat, errorReply } from './handlers.ts';
import { type SinchState, advanceTo } from './models.ts';
import { adminRoutes, routes } from './routes.ts';

/** Known paths, to answer 405 (with Allow) rather than 404 when only the method is wrong. */
const ROUTE_PATTERNS = routes.map((r) => ({
  method: r.method,
  regex: new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`),
  params: (r.path.match(/:/g) ?? []).length,
}));

/** Methods of the resource a path names; a literal segment wins over a parameter (`/customers/list`), as in JAX-RS. */
function allowedMethods(path: string): string[] {
  const matching = ROUTE_PATTERNS.filter((r) => r.regex.test(path));
  const fewest = Math.min(...matching.map((r) => r.params));
  return [...new Set(matching.filter((r) => r.params === fewest).map((r) => r.method))];
}

export const sinch: VendorDefinition<SinchState> = {
  id: 'sinch',
  title: 'Sinch Contact Center — Restful Outbound Campaign Interface (OBI) v1',
  routes,
  adminRoutes,
  create: createSinchState,
  snapshot: snapshotSinch,
  restore: restoreSinch,
  // HTTP Basic names the tenant: its user; the handlers check the password.
  tenantKeyOf: (req) => basicCredentials(req)?.username,
  tenantKeys: (state) => [state.username],
  advance: (state, now) => advanceTo(state, now),
  describe(state, origin) {
    return {
      baseUrl: `${origin}/sinch${API_PREFIX}`,
      username: state.username,
      password: state.password,
      campaigns: [...state.campaigns.keys()],
      queues: state.queues.map((q) => q.id),
      agents: state.agents.map((a) => a.id),
    };
  },
  failure(failure, req) {
    const format = errorFormat(req);
    if (failure.kind === 'unauthenticated') {
      return errorReply(format, new ObiError(401, MESSAGES.unauthorized, WWW_AUTHENTICATE));
    }
    if (failure.kind === 'notFound') {
      const allow = allowedMethods(req.path);
      if (allow.length > 0) {
        return errorReply(
          format,
          new ObiError(405, MESSAGES.methodNotAllowed(req.method), { allow: allow.join(', ') }),
        );
      }
    }
    // The document names no status for these (assumed): the usual ones.
    return errorReply(format, new ObiError(kernelFailureStatus(failure), failure.message));
  },
  openapi: sinchOpenApi,
};
