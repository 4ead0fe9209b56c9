import type { OpenAPIV3_1 } from 'openapi-types';
import { DOCUMENTED_METHOD_COUNT, ENGAGE_NAMESPACE, SERVICES } from '../../contracts/engage/operations.ts';
import { REDACTED } from '../core/redact.ts';
import { tokenOf } from '../core/soap.ts';
import type { VendorDefinition } from '../core/vendor.ts';
import { engageEntities } from './entities.ts';
import { renderError } from './errors.ts';
import { DEFAULT_SANDBOX, createEngageState } from './fixtures.ts';
import { tenantKey } from './handlers.ts';
import type { EngageState } from './models.ts';
import { adminRoutes, dispatch, operations, wsdlPaths } from './routes.ts';
import { advance } from './outreach/index.ts';
import { directoryOf } from './outreach/resolve.ts';
import { restoreEngage, snapshotEngage } from './snapshot.ts';
import { engageStates } from './states.ts';

/** A 5 MB script (the documented aggregate maximum) is ~7 MB as base64 in an envelope: 8 MiB leaves room. */
export const ENGAGE_BODY_LIMIT = 8 * 1024 * 1024;

/** SOAP has no OpenAPI: the document points at the WSDLs (generated from the same declarations). */
function engageOpenApi(): OpenAPIV3_1.Document {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Genesys Engage (SoundBite) SOAP API 110 — simulated',
      version: '110',
      description: `A SOAP 1.1 service (namespace ${ENGAGE_NAMESPACE}): see the WSDLs at ${wsdlPaths
        .map((p) => `/engage${p}`)
        .join(', ')} (${DOCUMENTED_METHOD_COUNT} documented methods).`,
    },
    paths: {},
  };
}

export const engage: VendorDefinition<EngageState> = {
  id: 'engage',
  title: 'Genesys Engage (SoundBite) — Campaign methods, SOAP API 110',
  operations,
  dispatch,
  adminRoutes,
  create: createEngageState,
  snapshot: snapshotEngage,
  restore: restoreEngage,
  // The tenant is the WS-Security user (the password is checked per call: NO_SESSION when wrong). A WSDL request
  // carries no token: it is the default sandbox's (the WSDL is the same for every sandbox).
  tenantKeyOf(req, lookup) {
    if (req.method === 'GET') return tenantKey(DEFAULT_SANDBOX.username);
    const username = tokenOf(lookup.decoded)?.username;
    return username ? tenantKey(username) : undefined;
  },
  tenantKeys: (state) => [tenantKey(state.username)],
  // Part 2's lifecycle on the virtual clock: async batches taken in, sub-campaigns moved, contacts attempted.
  advance: (state, now) => advance(state.outreach, now, directoryOf(state)),
  describe(state, origin) {
    const org = (id: string) => {
      const o = state.orgs.get(id);
      return { internalId: o?.internalId, externalId: o?.externalId, type: o?.type };
    };
    const named = (items: Iterable<{ internalId: string; externalId: string }>) =>
      [...items].map((i) => ({ internalId: i.internalId, externalId: i.externalId }));
    const scripts = [...state.scripts.values()];
    return {
      // The vendor mount: the services are below it (`endpoints`), a scenario's raw `request` steps too.
      baseUrl: `${origin}/engage`,
      endpoint: `${origin}/engage${SERVICES.campaign}`,
      wsdl: `${origin}/engage${SERVICES.campaign}?wsdl`,
      namespace: ENGAGE_NAMESPACE,
      endpoints: Object.fromEntries(Object.entries(SERVICES).map(([k, p]) => [k, `${origin}/engage${p}`])),
      username: state.username,
      password: state.password,
      account: org(state.accountId),
      enterprise: org(state.enterpriseId),
      // createContactBatchAsync's payload block (options `secureEnterprise`, `payloadBlockSize`).
      secureEnterprise: state.orgs.get(state.enterpriseId)?.secure === true,
      payloadBlockSize: state.payloadBlockBytes,
      campaigns: named(state.campaigns.values()),
      scripts: named(scripts.filter((s) => !s.template)),
      templates: named(scripts.filter((s) => s.template)),
      outreachStrategies: named(state.strategies.values()),
      complianceRules: named(
        [...state.complianceRules.values()].map((r) => ({ internalId: r.internalId, externalId: r.externalId ?? '' })),
      ),
      lists: named(state.lists),
      agentGroups: named(state.agentGroups),
      users: named(state.users),
    };
  },
  renderError,
  openapi: engageOpenApi,
  wsdl: wsdlPaths,
  bodyLimitBytes: ENGAGE_BODY_LIMIT,
  providerStates: engageStates,
  entities: engageEntities,
  // A WS-Security password travels in the body (also when the journal's snippet cut it off mid-way).
  redact: {
    body: (snippet) => snippet.replace(/(<(?:[\w.-]+:)?Password\b[^>]*>)[^<]*/g, `$1${REDACTED}`),
  },
};
