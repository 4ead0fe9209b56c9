import { type OperationSpec, declareOperations } from '../../simulators/core/operations.ts';
import { List, NameValue, Org, Session } from './entities.ts';
import { configuration } from './configuration.ts';
import {
  type EngageMethod,
  type EngageService,
  MESSAGES,
  listFaults,
  many,
  method,
  methods,
  one,
  showFaults,
} from './method.ts';
import { outreach } from './outreach.ts';

export {
  ENGAGE_NAMESPACE,
  MESSAGES,
  SERVICES,
  type EngageMethod,
  type EngagePart,
  type EngageService,
} from './method.ts';

/**
 * The Engage contract: the 39 documented methods (part 1 in configuration.ts, part 2 in outreach.ts, each declared
 * with `method` from method.ts) and the assumed support methods below, as the kernel's operations.
 */

// ---- Other services real clients call (not in the document: assumed) -------------------------------------------

const support = [
  method({
    name: 'showSystemInfo',
    service: 'platform',
    summary: 'assumed: name/value pairs describing the platform (real clients call it at login)',
    availability: 'assumed',
    args: [],
    result: many(NameValue),
    faults: {},
    part: 'support',
  }),
  method({
    name: 'showCurrentSession',
    service: 'platform',
    summary: 'assumed: the session the WS-Security token opened (user and org)',
    availability: 'assumed',
    args: [],
    result: one(Session),
    faults: {},
    part: 'support',
  }),
  method({
    name: 'listLists',
    service: 'contact',
    summary: 'assumed: the contact lists of an org (to find list ids for createSubCampaign)',
    availability: 'assumed',
    args: [['org', Org]],
    result: many(List),
    faults: listFaults,
    part: 'support',
  }),
  method({
    name: 'showList',
    service: 'contact',
    summary: 'assumed: one contact list (internalId, or externalId and owner)',
    availability: 'assumed',
    args: [['list', List]],
    result: one(List),
    faults: showFaults,
    part: 'support',
  }),
] as const;

/** Every method of the document (39: 19 configuration, 20 outreach), then the assumed support methods. */
export const ENGAGE_OPERATIONS = declareOperations([...configuration, ...outreach, ...support]);
export const CONFIGURATION_OPERATIONS = configuration;
export const OUTREACH_OPERATIONS = outreach;
export const SUPPORT_OPERATIONS = support;

/** The documented methods of the campaign methods page (the WSDL of CampaignManagementService110). */
export const DOCUMENTED_METHOD_COUNT = configuration.length + outreach.length;

export const ENGAGE_METHODS: ReadonlyMap<string, EngageMethod> = new Map(methods.map((m) => [m.name, m]));

/** A method's documented message for a code (its own wording, else the common one). */
export function faultMessage(operation: string | undefined, code: string): string | undefined {
  const own = operation ? ENGAGE_METHODS.get(operation)?.faults[code] : undefined;
  return own ?? (MESSAGES as Record<string, string>)[code];
}

/** The services and the operations each one serves, for dispatch and WSDL. */
export function operationsOf(service: EngageService): readonly OperationSpec[] {
  return ENGAGE_OPERATIONS.filter((op) => ENGAGE_METHODS.get(op.name)?.service === service);
}
