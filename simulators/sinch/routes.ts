import { SINCH_OPERATIONS } from '../../contracts/sinch/operations.ts';
import { bindRest } from '../core/rest.ts';
import type { AdminRoute } from '../core/vendor.ts';
import * as admin from './admin.ts';
import { handlers, protocol } from './handlers.ts';
import type { SinchState } from './models.ts';

/** Every endpoint of the document, as declared in the contracts, bound to its handler through the REST binding. */
export const operations = bindRest(SINCH_OPERATIONS, protocol, handlers);

/** Test-only backdoors, mounted at `/__admin/sandboxes/:id/vendors/sinch`. */
export const adminRoutes: AdminRoute<SinchState>[] = [
  { method: 'POST', path: '/campaigns', handler: admin.createCampaign },
  { method: 'GET', path: '/campaigns/:campaignId', handler: admin.inspectCampaign },
  { method: 'PATCH', path: '/campaigns/:campaignId', handler: admin.configureCampaign },
  { method: 'POST', path: '/campaigns/:campaignId/customers', handler: admin.seedCustomers },
  { method: 'POST', path: '/campaigns/:campaignId/outcomes', handler: admin.forceCampaignOutcomes },
  { method: 'PATCH', path: '/campaigns/:campaignId/customers/:customerId', handler: admin.configureCustomer },
  {
    method: 'POST',
    path: '/campaigns/:campaignId/customers/:customerId/outcomes',
    handler: admin.forceCustomerOutcomes,
  },
];
