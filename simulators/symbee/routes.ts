import { API_PREFIX, SYMBEE_OPERATIONS } from '../../contracts/symbee/operations.ts';
import { bindRest } from '../core/rest.ts';
import type { AdminRoute } from '../core/vendor.ts';
import * as admin from './admin.ts';
import { handlers, protocol } from './handlers.ts';
import type { SymbeeState } from './models.ts';

export { API_PREFIX };

/** The five actions, as declared in the contracts, each bound to its handler through the REST binding. */
export const operations = bindRest(SYMBEE_OPERATIONS, protocol, handlers);

/** Test-only backdoors, mounted at `/__admin/sandboxes/:id/vendors/symbee`. */
export const adminRoutes: AdminRoute<SymbeeState>[] = [
  { method: 'POST', path: '/campaigns', handler: admin.createCampaign },
  { method: 'POST', path: '/work', handler: admin.work },
  { method: 'GET', path: '/agent-pool', handler: admin.getPool },
  { method: 'POST', path: '/agent-pool', handler: admin.setPool },
  { method: 'POST', path: '/rotate-key', handler: admin.rotateKey },
  { method: 'GET', path: '/secret', handler: admin.secret },
  { method: 'POST', path: '/records', handler: admin.seedRecords },
  { method: 'GET', path: '/records', handler: admin.listRecords },
];
