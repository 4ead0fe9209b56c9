import { HEADER_NAMES } from '../../contracts/symbee/schemas.ts';
import { API_PREFIX, symbeeOpenApi } from '../../contracts/symbee/operations.ts';
import { take } from '../core/iterate.ts';
import type { VendorDefinition } from '../core/vendor.ts';
import { renderError } from './errors.ts';
import { createSymbeeState } from './fixtures.ts';
import { restoreSymbee, reviveSymbee, snapshotSymbee } from './snapshot.ts';
import type { SymbeeState } from './models.ts';
import { advanceTo } from './pool.ts';
import { adminRoutes, operations } from './routes.ts';
import { symbeeEntities } from './entities.ts';
import { symbeeStates } from './states.ts';

export const symbee: VendorDefinition<SymbeeState> = {
  id: 'symbee',
  title: 'Symbee Connect — Preview Campaign Realtime API',
  operations,
  adminRoutes,
  bodyLimitBytes: 1024 * 1024,
  create: createSymbeeState,
  snapshot: snapshotSymbee,
  restore: restoreSymbee,
  reviveSaved: reviveSymbee,
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
      clientIds: Object.fromEntries(
        [...state.campaigns.values()].map((c) => [c.name, take(c.records.keys('clientId'), 20)]),
      ),
      apiKeyRotation: {
        generation: state.apiKey.generation,
        rotatedAt: new Date(state.apiKey.rotatedAt).toISOString(),
        intervalMinutes: state.apiKey.intervalMs === null ? 0 : state.apiKey.intervalMs / 60_000,
      },
    };
  },
  renderError,
  providerStates: symbeeStates,
  openapi: symbeeOpenApi,
  entities: symbeeEntities,
};
