import { eightByEightOpenApi } from '../../contracts/eightbyeight/openapi.ts';
import type { VendorDefinition } from '../core/vendor.ts';
import { advanceAll } from './dialer.ts';
import { kernelFailure } from './errors.ts';
import { createEightByEightState, restoreEightByEight, snapshotEightByEight } from './fixtures.ts';
import { basicCredentials } from '../core/auth.ts';
import { tenantKey } from './handlers.ts';
import { type EightByEightState, unusedCustomers } from './models.ts';
import { adminRoutes, routes } from './routes.ts';

/** How many unused CRM customers a sandbox description lists. */
const LISTED_CRM_CUSTOMERS = 20;

export const eightbyeight: VendorDefinition<EightByEightState> = {
  id: 'eightbyeight',
  title: '8x8 Contact Center — Dynamic Campaigns API',
  routes,
  adminRoutes,
  create: createEightByEightState,
  snapshot: snapshotEightByEight,
  restore: restoreEightByEight,
  // The tenant is the Basic username on its platform (the vcc-{platform} segment); the token is checked per call.
  tenantKeyOf(req, params) {
    const username = basicCredentials(req)?.username;
    return username === undefined || params.platform === undefined ? undefined : tenantKey(params.platform, username);
  },
  tenantKeys: (state) => [tenantKey(state.platform, state.username)],
  advance: (state, now) => advanceAll(state, now),
  describe(state, origin) {
    return {
      baseUrl: `${origin}/eightbyeight/vcc-${state.platform}`,
      username: state.username,
      actionToken: state.actionToken,
      dataToken: state.dataToken,
      platform: state.platform,
      campaigns: [...state.campaigns.values()].map((c) => ({
        id: c.id,
        name: c.name,
        dynamic: c.dynamic,
        status: c.status,
        scheduleFrom: new Date(c.startTime).toISOString(),
        scheduleTo: new Date(c.endTime).toISOString(),
      })),
      crmCustomers: unusedCustomers(state, LISTED_CRM_CUSTOMERS),
    };
  },
  failure: (failure) => kernelFailure(failure),
  openapi: eightByEightOpenApi,
  // 5,000,000 records arrive in batches; a 50,000-record batch is ~3 MB of JSON.
  bodyLimitBytes: 64 * 1024 * 1024,
};
