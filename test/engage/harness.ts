import type request from 'supertest';
import { SERVICES, type EngageService } from '../../contracts/engage/operations.ts';
import {
  type Api,
  type SandboxSuite,
  type TestSandbox,
  createFrozenSandbox,
  useSandboxPerTest,
} from '../helpers/sim.ts';

/**
 * HTTP harness of the Engage tests: one simulator per file, one sandbox per test on a frozen clock. Requests are
 * written as the published iOS client writes them (README): no XML declaration, no SOAPAction, the service namespace
 * on a prefix (`ns:`), unqualified `argN`, a `wsse:Security` UsernameToken with a PasswordText password.
 */
export const NOW = '2025-03-01T10:00:00.000Z';
export const NS = 'http://www.soundbite.com/SOAPAPI2/110';

export interface Ref {
  internalId: string;
  externalId: string;
}
export interface EngageSection {
  endpoint: string;
  wsdl: string;
  username: string;
  password: string;
  account: Ref & { type: 'Account' };
  enterprise: Ref & { type: 'Enterprise' };
  campaigns: Ref[];
  scripts: Ref[];
  templates: Ref[];
  outreachStrategies: Ref[];
  lists: Ref[];
  agentGroups: Ref[];
  users: Ref[];
}

export interface Credentials {
  username: string;
  password: string;
  /** The Password's Type attribute (default PasswordText). */
  type?: string;
}

export const PASSWORD_TEXT =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

export function security({ username, password, type = PASSWORD_TEXT }: Credentials): string {
  return (
    '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" ' +
    'xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">' +
    `<wsse:UsernameToken wsu:Id="UsernameToken-1"><wsse:Username>${username}</wsse:Username>` +
    `<wsse:Password Type="${type}">${password}</wsse:Password></wsse:UsernameToken></wsse:Security>`
  );
}

/** A request envelope: `args` is the XML inside the operation element (`<arg1>…</arg1>…`). */
export function envelope(operation: string, args: string, credentials?: Credentials): string {
  return (
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="${NS}">` +
    `<soapenv:Header>${credentials ? security(credentials) : ''}</soapenv:Header>` +
    `<soapenv:Body><ns:${operation}>${args}</ns:${operation}></soapenv:Body></soapenv:Envelope>`
  );
}

/** `<arg{n}>` holding an org by internalId and type, as the published client sends it. */
export const orgArg = (n: number, org: { internalId: string; type: string }) =>
  `<arg${n}><internalId>${org.internalId}</internalId><type>${org.type}</type></arg${n}>`;

export interface EngageSandbox extends TestSandbox<EngageSection> {
  credentials: Credentials;
  /** POSTs a method call to its service with the sandbox's credentials (or others). */
  call(
    operation: string,
    args?: string,
    options?: { service?: EngageService; credentials?: Credentials },
  ): request.Test;
  /** POSTs a raw body (any content type) to a service. */
  raw(body: string, contentType?: string, service?: EngageService): request.Test;
}

export interface EngageSandboxOptions {
  seed?: number;
  now?: string;
  /** `options.engage` of the sandbox (e.g. `secureEnterprise`, `payloadBlockSize`). */
  vendorOptions?: Record<string, unknown>;
}

export async function engageSandbox(api: Api, options: EngageSandboxOptions = {}): Promise<EngageSandbox> {
  const sb = await createFrozenSandbox<EngageSection>(api, 'engage', {
    seed: options.seed,
    now: options.now ?? NOW,
    ...(options.vendorOptions ? { vendorOptions: options.vendorOptions } : {}),
  });
  const credentials = { username: sb.section.username, password: sb.section.password };
  const raw = (body: string, contentType = 'text/xml; charset=utf-8', service: EngageService = 'campaign') =>
    api.post(`/engage${SERVICES[service]}`).set('Content-Type', contentType).send(body);
  return {
    ...sb,
    credentials,
    call: (operation, args = '', opts = {}) =>
      raw(envelope(operation, args, opts.credentials ?? credentials), undefined, opts.service),
    raw,
  };
}

export type EngageSuite = SandboxSuite<EngageSandbox>;

/** One simulator per file, a fresh sandbox per test (options per file). */
export function useEngage(options: EngageSandboxOptions = {}): EngageSuite {
  return useSandboxPerTest((api) => engageSandbox(api, options));
}
