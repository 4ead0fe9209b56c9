import type { VendorRoute } from '../core/vendor.ts';
import * as admin from './admin.ts';
import * as actions from './handlers.ts';
import type { SymbeeState } from './models.ts';

/** The API's URL prefix (document: "Preview Campaign Realtime API Endpoint"); actions are appended to it. */
export const API_PREFIX = '/symbee-previewcontact-service/svc/rs/PreviewContactServiceExternal';

export const routes: VendorRoute<SymbeeState>[] = [
  { method: 'POST', path: `${API_PREFIX}/addOrUpdateCampaignRecord`, handler: actions.addOrUpdateCampaignRecord },
  {
    method: 'POST',
    path: `${API_PREFIX}/searchPreviewCampaign`,
    handler: actions.searchPreviewCampaign,
    readOnly: true,
  },
  { method: 'POST', path: `${API_PREFIX}/changeCampaignRecordStatus`, handler: actions.changeCampaignRecordStatus },
  { method: 'POST', path: `${API_PREFIX}/transferCampaignRecord`, handler: actions.transferCampaignRecord },
  { method: 'POST', path: `${API_PREFIX}/deleteRecordFromCampaign`, handler: actions.deleteRecordFromCampaign },
];

export const adminRoutes: VendorRoute<SymbeeState>[] = [
  { method: 'POST', path: '/work', handler: admin.work },
  { method: 'GET', path: '/agent-pool', handler: admin.getPool },
  { method: 'POST', path: '/agent-pool', handler: admin.setPool },
  { method: 'POST', path: '/rotate-key', handler: admin.rotateKey },
  { method: 'GET', path: '/secret', handler: admin.secret },
  { method: 'POST', path: '/records', handler: admin.seedRecords },
  { method: 'GET', path: '/records', handler: admin.listRecords },
];
