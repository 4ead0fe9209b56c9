import { jtelOpenApi } from '../../contracts/jtel/operations.ts';
import { ACD_EVENT_TYPES } from '../../contracts/jtel/schemas.ts';
import type { VendorDefinition } from '../core/vendor.ts';
import { advanceAcd } from './acd.ts';
import { advanceDialler } from './dialler.ts';
import { renderError } from './errors.ts';
import { createJtelState } from './fixtures.ts';
import { tenantKey } from './handlers.ts';
import type { JtelState } from './models.ts';
import { adminRoutes, operations } from './routes.ts';
import { restoreJtel, snapshotJtel } from './snapshot.ts';
import { jtelStates } from './states.ts';

/**
 * The ClientsID of a request: the segment after `/rest/v1.0/` (read from the path, so an unknown endpoint below it
 * still finds its sandbox).
 */
function clientsIdOf(path: string): string | undefined {
  const match = /^\/rest\/v1\.0\/([^/]+)/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return undefined;
  }
}

export const jtel: VendorDefinition<JtelState> = {
  id: 'jtel',
  title: 'jtel Contact Center — REST API: ACD events, ACD groups, dialler campaigns',
  operations,
  adminRoutes,
  create: createJtelState,
  snapshot: snapshotJtel,
  restore: restoreJtel,
  // The tenant is the ClientsID of the path; the Bearer token is checked per call (401 when it is not the client's).
  tenantKeyOf(req) {
    const clientsId = clientsIdOf(req.path);
    return clientsId === undefined ? undefined : tenantKey(clientsId);
  },
  tenantKeys: (state) => [tenantKey(state.clientsId)],
  advance(state, now) {
    advanceAcd(state, now);
    advanceDialler(state, now);
  },
  describe(state, origin) {
    return {
      baseUrl: `${origin}/jtel/rest/v1.0/${state.clientsId}`,
      clientsId: state.clientsId,
      token: state.token,
      acdGroups: [...state.groups.values()].map((g) => ({
        id: g.ID,
        name: g.Name,
        allowDuplicates: g.bAllowDuplicateEvents,
      })),
      configurationGroups: state.configurationGroups,
      agentGroups: state.agentGroups,
      users: [...state.users.values()].map((u) => ({ id: u.id, name: u.name })),
      serviceNumbers: state.serviceNumbers,
      eventTypes: Object.entries(ACD_EVENT_TYPES).map(([name, id]) => ({ id, name })),
      diallerCampaigns: [...state.campaigns.values()].map((c) => ({ id: c.ID, name: c.Name })),
    };
  },
  renderError,
  openapi: jtelOpenApi,
  providerStates: jtelStates,
};
