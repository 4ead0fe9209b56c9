import { JTEL_OPERATIONS } from '../../contracts/jtel/operations.ts';
import { bindRest } from '../core/rest.ts';
import type { AdminRoute } from '../core/vendor.ts';
import * as admin from './admin.ts';
import { handlers, protocol } from './handlers.ts';
import type { JtelState } from './models.ts';

/** The API's calls, as declared in the contracts, each bound to its handler through the REST binding. */
export const operations = bindRest(JTEL_OPERATIONS, protocol, handlers);

/** Test-only backdoors, mounted at `/__admin/sandboxes/:id/vendors/jtel`. */
export const adminRoutes: AdminRoute<JtelState>[] = [
  { method: 'GET', path: '/acd/agents', handler: admin.getAgents },
  { method: 'POST', path: '/acd/agents', handler: admin.setAgents },
  { method: 'POST', path: '/acd/events', handler: admin.generateEvents },
  { method: 'POST', path: '/acd/events/:AcdEventsID/status', handler: admin.setEventStatus },
  { method: 'POST', path: '/dialler/campaigns', handler: admin.ensureCampaign },
  { method: 'DELETE', path: '/dialler/campaigns/:DiallerCampaignsID', handler: admin.removeCampaign },
  { method: 'POST', path: '/dialler/contacts', handler: admin.seedContacts },
];
