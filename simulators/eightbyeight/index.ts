import { eightByEightOpenApi } from '../../contracts/eightbyeight/operations.ts';
import { basicCredentials } from '../core/auth.ts';
import type { VendorDefinition } from '../core/vendor.ts';
import { advanceAll } from './dialer.ts';
import { renderError } from './errors.ts';
import { createEightByEightState } from './fixtures.ts';
import { restoreEightByEight, snapshotEightByEight } from './snapshot.ts';
import { tenantKey } from './handlers.ts';
import { type EightByEightState, unusedCustomers } from './models.ts';
import { adminRoutes, operations } from './routes.ts';
import { eightByEightStates } from './states.ts';

/** The platform of a request: its first path segment `vcc-{platform}` (read from the path, so an unknown endpoint
 * below it still finds its sandbox). */
function platformOf(path: string): string | undefined {
  const match = /^\/vcc-([^/]+)/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return undefined;
  }
}
import { eightByEightEntities } from './entities.ts';

/**
 * Largest request body (assumed: the document gives no byte limit). The document allows uploads of up to 5 million
 * records, so one request of 5,000,000 entries must fit: with `schedule-date-time` an entry takes 73 bytes compact
 * (`{"customer-id":10003629,"schedule-date-time":"2022-07-14T09:00:00.000Z"},`) and 91 pretty-printed
 * (`JSON.stringify(list, null, 2)`): 365 / 455 MB for 5M entries. 500 MiB (524,288,000 bytes, ~104 bytes an entry)
 * holds either and stays below V8's longest string (536,870,888 characters: the kernel reads the body into one
 * string, and UTF-8 text has no more characters than bytes).
 */
export const BODY_LIMIT_BYTES = 500 * 1024 * 1024;

/** How many unused CRM customers a sandbox description lists. */
const LISTED_CRM_CUSTOMERS = 20;

export const eightbyeight: VendorDefinition<EightByEightState> = {
  id: 'eightbyeight',
  title: '8x8 Contact Center — Dynamic Campaigns API',
  operations,
  adminRoutes,
  create: createEightByEightState,
  snapshot: snapshotEightByEight,
  restore: restoreEightByEight,
  // The tenant is the Basic username on its platform (the vcc-{platform} segment); the token is checked per call.
  tenantKeyOf(req) {
    const username = basicCredentials(req)?.username;
    const platform = platformOf(req.path);
    return username === undefined || platform === undefined ? undefined : tenantKey(platform, username);
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
  renderError,
  providerStates: eightByEightStates,
  openapi: eightByEightOpenApi,
  entities: eightByEightEntities,
  bodyLimitBytes: BODY_LIMIT_BYTES,
};
