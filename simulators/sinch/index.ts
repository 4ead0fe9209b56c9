import { API_PREFIX } from '../../contracts/sinch/schemas.ts';
import { sinchOpenApi } from '../../contracts/sinch/operations.ts';
import { BODY_LIMIT_BYTES } from './limits.ts';
import { basicCredentials } from '../core/auth.ts';
import type { VendorDefinition } from '../core/vendor.ts';
import { renderError } from './errors.ts';
import { advanceTo } from './dialer.ts';
import { createSinchState } from './fixtures.ts';
import type { SinchState } from './models.ts';
import { restoreSinch, snapshotSinch } from './snapshot.ts';
import { adminRoutes, operations } from './routes.ts';
import { sinchEntities } from './entities.ts';
import { sinchStates } from './states.ts';

export const sinch: VendorDefinition<SinchState> = {
  id: 'sinch',
  title: 'Sinch Contact Center — Restful Outbound Campaign Interface (OBI) v1',
  operations,
  adminRoutes,
  create: createSinchState,
  snapshot: snapshotSinch,
  restore: restoreSinch,
  bodyLimitBytes: BODY_LIMIT_BYTES,
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
  renderError,
  providerStates: sinchStates,
  openapi: sinchOpenApi,
  entities: sinchEntities,
};
