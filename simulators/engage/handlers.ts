import { ENGAGE_METHODS, ENGAGE_NAMESPACE, type ENGAGE_OPERATIONS } from '../../contracts/engage/operations.ts';
import { PASSWORD_TEXT } from '../core/serializers/soap.ts';
import type { SoapHandlers, SoapProtocol } from '../core/soap.ts';
import { configurationHandlers } from './config/index.ts';
import { engageFault, noSession, protocolFault } from './errors.ts';
import type { EngageState } from './models.ts';
import { outreachHandlers } from './outreach/handlers.ts';
import { supportHandlers } from './support.ts';

/** The sandbox is the WS-Security user's (the kernel's tenant key); the password must be that user's. */
export const tenantKey = (username: string) => `engage-user/${username}`;

/** Most tags a request may have: a 100-contact batch or a 500-part script is a few thousand (assumed bound). */
export const MAX_TAGS = 100_000;

/**
 * The code for an argument its schema refuses, among the method's own (assumed, docs/vendors/engage.md): its
 * ARG_INVALID_TYPE, else its ATTRIBUTE_INVALID_FORMAT (listContactAttemptsUsingUser). A method listing neither
 * (changeSubCampaign, showContactBatchState): a malformed id, or an argument that is no entity at all, names no object
 * (OBJECT_NOT_EXISTS); another malformed value is its ATTRIBUTE_INVALID_DATA, else ARG_INVALID_DATA, else again
 * OBJECT_NOT_EXISTS (a reference no object fits).
 */
export function invalidArgumentCode(operation: string, paths: readonly string[]): string {
  const faults = ENGAGE_METHODS.get(operation)?.faults ?? {};
  const own = (...codes: string[]) => codes.find((code) => code in faults);
  const identifies = paths.every((path) => path === '' || path === 'internalId');
  return (
    own('ARG_INVALID_TYPE', 'ATTRIBUTE_INVALID_FORMAT') ??
    (identifies ? own('OBJECT_NOT_EXISTS') : own('ATTRIBUTE_INVALID_DATA', 'ARG_INVALID_DATA', 'OBJECT_NOT_EXISTS')) ??
    'ARG_INVALID_TYPE'
  );
}

/**
 * How Engage answers what the SOAP binding refuses. JAX-WS wording where the document has none (protocol faults,
 * soap:Client without detail); the document's codes where it has one (ARG_NULL, ARG_INVALID_TYPE, NO_SESSION).
 */
export const protocol: SoapProtocol<EngageState> = {
  namespace: ENGAGE_NAMESPACE,
  maxTags: MAX_TAGS,
  authenticate({ state }, token) {
    if (!token || token.passwordType !== PASSWORD_TEXT) throw noSession();
    if (token.username !== state.username || token.password !== state.password) throw noSession();
  },
  refuse: {
    unsupportedMediaType: (type) =>
      protocolFault(`Unsupported Content-Type: ${type || '(none)'} Supported ones are: [text/xml]`, 'Client', 415),
    envelope(error) {
      if (error.kind === 'version') return protocolFault(error.message, 'VersionMismatch');
      if (error.kind === 'tooLarge') return engageFault(undefined, 'ARG_TOO_LARGE', 'request');
      return protocolFault(error.message);
    },
    unknownOperation: (namespace, element) => protocolFault(`Cannot find dispatch method for {${namespace}}${element}`),
    soapActionMismatch: (action, element) =>
      protocolFault(`SOAPAction ${JSON.stringify(action)} does not name the operation ${element}`),
    unexpectedElement: (name) => protocolFault(`Unexpected element ${name}`),
    argumentNull: (argument, operation) => engageFault(operation, 'ARG_NULL', argument.name),
    argumentInvalid: (argument, _reason, operation, paths) =>
      engageFault(operation, invalidArgumentCode(operation, paths), argument.name),
  },
};

/** One handler per declared method: part 1's configuration, part 2's outreach, the assumed support services. */
export const handlers: SoapHandlers<EngageState, typeof ENGAGE_OPERATIONS> = {
  ...configurationHandlers,
  ...outreachHandlers,
  ...supportHandlers,
};
