import { ACTIONS, HEADER_NAMES } from '../../contracts/symbee/schemas.ts';
import { symbeeOpenApi } from '../../contracts/symbee/openapi.ts';
import { take } from '../core/iterate.ts';
import { type VendorDefinition, kernelFailureStatus } from '../core/vendor.ts';
import { createSymbeeState, restoreSymbee, snapshotSymbee } from './fixtures.ts';
import { transportFailure } from './handlers.ts';
import { type SymbeeState, advanceTo } from './models.ts';
import { API_PREFIX, adminRoutes, routes } from './routes.ts';

const ACTION_PATHS = new Set(ACTIONS.map((a) => `${API_PREFIX}/${a}`));

export const symbee: VendorDefinition<SymbeeState> = {
  id: 'symbee',
  title: 'Symbee Connect — Preview Campaign Realtime API',
  routes,
  adminRoutes,
  bodyLimitBytes: 1024 * 1024,
  create: createSymbeeState,
  snapshot: snapshotSymbee,
  restore: restoreSymbee,
  // Requests carry no tenant in the URL: the company code header names it.
  tenantKeyOf: (req) => req.get(HEADER_NAMES.companyCode) || undefined,
  tenantKeys: (state) => [state.companyCode],
  advance: advanceTo,
  describe(state, origin) {
    return {
      baseUrl: `${origin}/symbee${API_PREFIX}`,
      headers: {
        [HEADER_NAMES.platform]: state.platform,
        [HEADER_NAMES.companyCode]: state.companyCode,
        [HEADER_NAMES.environment]: state.environment,
        [HEADER_NAMES.secretsRegion]: state.secretsRegion,
        [HEADER_NAMES.apiKey]: state.apiKey.current,
      },
      platform: state.platform,
      companyCode: state.companyCode,
      environment: state.environment,
      region: state.region,
      campaigns: [...state.campaigns.keys()],
      skillQueues: [...state.skillQueues],
      agents: [...state.agents],
      clientIds: Object.fromEntries([...state.campaigns.values()].map((c) => [c.name, take(c.byClientId.keys(), 20)])),
      apiKeyRotation: {
        generation: state.apiKey.generation,
        rotatedAt: new Date(state.apiKey.rotatedAt).toISOString(),
        intervalMinutes: state.apiKey.intervalMs === null ? 0 : state.apiKey.intervalMs / 60_000,
      },
    };
  },
  failure(failure, req) {
    if (failure.kind === 'notFound' && ACTION_PATHS.has(req.path)) {
      return transportFailure(405, `Method ${req.method} not allowed; actions are POST`, { allow: 'POST' });
    }
    // The document names no status for these (assumed): the usual ones.
    return transportFailure(kernelFailureStatus(failure), failure.message);
  },
  openapi: symbeeOpenApi,
};
