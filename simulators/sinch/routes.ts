import { API_PREFIX } from '../../contracts/sinch/schemas.ts';
import type { VendorRoute } from '../core/vendor.ts';
import * as admin from './admin.ts';
import * as obi from './handlers.ts';
import type { SinchState } from './models.ts';

const CAMPAIGN = `${API_PREFIX}/campaigns/:campaignId`;

/** Every endpoint of the document, below the vendor mount (`/sinch`). */
export const routes: VendorRoute<SinchState>[] = [
  { method: 'GET', path: `${API_PREFIX}/campaigns`, handler: obi.listCampaigns },
  { method: 'GET', path: CAMPAIGN, handler: obi.getCampaign },
  { method: 'PUT', path: CAMPAIGN, handler: obi.putCampaign },
  { method: 'PUT', path: `${CAMPAIGN}/status`, handler: obi.putCampaignStatus },
  { method: 'GET', path: `${CAMPAIGN}/customerResultStatistics`, handler: obi.customerResultStatistics },
  { method: 'GET', path: `${CAMPAIGN}/customers`, handler: obi.listCustomers },
  { method: 'POST', path: `${CAMPAIGN}/customers`, handler: obi.createCustomer },
  { method: 'POST', path: `${CAMPAIGN}/customers/list`, handler: obi.createCustomerList },
  { method: 'GET', path: `${CAMPAIGN}/customers/:customerId`, handler: obi.getCustomer },
  { method: 'DELETE', path: `${CAMPAIGN}/customers/:customerId`, handler: obi.deleteCustomerEndpoint },
  { method: 'GET', path: `${API_PREFIX}/statistics`, handler: obi.listStatistics },
];

/** Test-only backdoors, mounted at `/__admin/sandboxes/:id/vendors/sinch`. */
export const adminRoutes: VendorRoute<SinchState>[] = [
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
