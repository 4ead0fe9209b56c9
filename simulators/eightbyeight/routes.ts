import type { VendorRoute } from '../core/vendor.ts';
import * as admin from './admin.ts';
import * as api from './handlers.ts';
import type { EightByEightState } from './models.ts';

/**
 * The platform is the `vcc-{ccPlatform}.8x8.com` host of the real API; the simulator serves one host for every
 * platform, so it becomes the first path segment: `https://vcc-na12.8x8.com/api/...` →
 * `{origin}/eightbyeight/vcc-na12/api/...`.
 */
export const PLATFORM_SEGMENT = '/vcc-:platform';

const API = `${PLATFORM_SEGMENT}/api`;

export const routes: VendorRoute<EightByEightState>[] = [
  { method: 'POST', path: `${API}/tstats/campaigns/:campaignId/customers`, handler: api.addCustomers },
  { method: 'DELETE', path: `${API}/tstats/campaigns/:campaignId/customers/:customerId`, handler: api.deleteCustomer },
  { method: 'GET', path: `${API}/stats/campaigns/:campaignId/records.json`, handler: api.listRecordsJson },
  { method: 'GET', path: `${API}/stats/campaigns/:campaignId/records`, handler: api.listRecordsXml },
  { method: 'GET', path: `${API}/stats/campaigns/:campaignId.json`, handler: api.getCampaign },
  { method: 'POST', path: `${API}/tstats/campaigns/:campaignId`, handler: api.changeCampaignStatus },
];

export const adminRoutes: VendorRoute<EightByEightState>[] = [
  { method: 'POST', path: '/campaigns', handler: admin.createCampaign },
  { method: 'GET', path: '/campaigns/:campaignId', handler: admin.getCampaign },
  { method: 'POST', path: '/campaigns/:campaignId', handler: admin.updateCampaign },
  { method: 'POST', path: '/campaigns/:campaignId/customers', handler: admin.seedRecords },
  { method: 'GET', path: '/campaigns/:campaignId/customers/:customerId', handler: admin.getRecord },
  { method: 'POST', path: '/campaigns/:campaignId/customers/:customerId/outcome', handler: admin.setOutcome },
  { method: 'POST', path: '/crm/customers', handler: admin.addCrmCustomers },
];
