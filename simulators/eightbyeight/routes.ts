import { EIGHT_BY_EIGHT_OPERATIONS } from '../../contracts/eightbyeight/operations.ts';
import { bindRest } from '../core/rest.ts';
import type { AdminRoute } from '../core/vendor.ts';
import * as admin from './admin.ts';
import { handlers, protocol } from './handlers.ts';
import type { EightByEightState } from './models.ts';

/** The API's calls, as declared in the contracts, each bound to its handler through the REST binding. */
export const operations = bindRest(EIGHT_BY_EIGHT_OPERATIONS, protocol, handlers);

/** Test-only backdoors, mounted at `/__admin/sandboxes/:id/vendors/eightbyeight`. */
export const adminRoutes: AdminRoute<EightByEightState>[] = [
  { method: 'POST', path: '/campaigns', handler: admin.createCampaign },
  { method: 'GET', path: '/campaigns/:campaignId', handler: admin.getCampaign },
  { method: 'POST', path: '/campaigns/:campaignId', handler: admin.updateCampaign },
  { method: 'POST', path: '/campaigns/:campaignId/customers', handler: admin.seedRecords },
  { method: 'GET', path: '/campaigns/:campaignId/customers/:customerId', handler: admin.getRecord },
  { method: 'POST', path: '/campaigns/:campaignId/customers/:customerId/outcome', handler: admin.setOutcome },
  { method: 'POST', path: '/crm/customers', handler: admin.addCrmCustomers },
];
