import { MatchersV3, type V3MockServer, XmlBuilder } from '@pact-foundation/pact';
import { readFileSync, writeFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { EngageClient } from '../../src/clients/engage/index.ts';
import { DEFAULT_SANDBOX, FIRST_ID } from '../../simulators/engage/fixtures.ts';
import { NS, PASSWORD_TEXT } from './harness.ts';

/**
 * SOAP envelopes of the Engage reference client's pact (test/engage/client.pact.test.ts): requests as the client
 * writes them, replies and faults as the simulator answers, and XML templates whose `{TOKEN}` texts are Pact matchers.
 */
const { regex } = MatchersV3;
export type XmlElement = Parameters<Parameters<XmlBuilder['build']>[0]>[0];

export const ACCOUNT = String(FIRST_ID + 1);
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
export const CAMPAIGN_SERVICE = '/engage/SOAPAPI2/CampaignManagementService110';
const XML = { 'Content-Type': 'text/xml; charset=utf-8' };
const XML_REPLY = { 'Content-Type': regex(/^text\/xml(;.*)?$/, 'text/xml; charset=utf-8') };
/**
 * The default sandbox is fixed (ids, names, descriptions) and its clock frozen, so most values are exact; ids and dates
 * of objects a provider state or the interaction creates are matchers (`xml` templates, `rulePathsAnyNamespace`).
 */
export const NOW = '2025-03-01T10:00:00.000Z';
export const NEXT_ID = String(FIRST_ID + 16);
export const CAMPAIGNS = ['Collections Q1', 'Appointment Reminders', 'Customer Survey'];

export const clientFor = (server: V3MockServer, password: string = DEFAULT_SANDBOX.password) =>
  new EngageClient({ endpoint: `${server.url}${CAMPAIGN_SERVICE}`, username: DEFAULT_SANDBOX.username, password });
export const account = { internalId: ACCOUNT, type: 'Account' as const };

// The builder's type says Map, but it serializes the value as JSON: a Map would lose its entries.
export const attrs = (entries: Record<string, string>) => entries as unknown as Map<string, string>;
export const none = new Map<string, string>();

/** A request envelope as the client writes it: WS-Security header, the operation with its argN. */
export function request(
  operation: string,
  args: (op: XmlElement) => void,
  password: string = DEFAULT_SANDBOX.password,
) {
  const body = new XmlBuilder('1.0', 'UTF-8', 'soapenv:Envelope').build((env) => {
    env.setAttributes(attrs({ 'xmlns:soapenv': SOAP_ENV, 'xmlns:ns': NS }));
    env.appendElement('soapenv:Header', none, (header) => {
      header.appendElement('wsse:Security', attrs({ 'xmlns:wsse': WSSE, 'xmlns:wsu': WSU }), (security) => {
        security.appendElement('wsse:UsernameToken', attrs({ 'wsu:Id': 'UsernameToken-1' }), (token) => {
          token.appendElement('wsse:Username', none, DEFAULT_SANDBOX.username);
          token.appendElement('wsse:Password', attrs({ Type: PASSWORD_TEXT }), password);
        });
      });
    });
    env.appendElement('soapenv:Body', none, (body) => body.appendElement(`ns:${operation}`, none, args));
  });
  return { method: 'POST', path: CAMPAIGN_SERVICE, headers: XML, body };
}

export const org = (n: number) => (op: XmlElement) =>
  op.appendElement(`arg${n}`, none, (a) =>
    a.appendElement('internalId', none, ACCOUNT).appendElement('type', none, 'Account'),
  );

/** A reply envelope: `{operation}Response/return` built by `content`, or a Fault. */
export function reply(operation: string, content: (ret: XmlElement) => void, status = 200) {
  const body = new XmlBuilder('1.0', 'UTF-8', 'soap:Envelope').build((env) => {
    env.setAttributes(attrs({ 'xmlns:soap': SOAP_ENV }));
    env.appendElement('soap:Body', none, (b) =>
      b.appendElement(`ns2:${operation}Response`, attrs({ 'xmlns:ns2': NS }), (r) =>
        r.appendElement('return', none, content),
      ),
    );
  });
  return { status, headers: XML_REPLY, body };
}

export function fault(code: string, message: string) {
  const body = new XmlBuilder('1.0', 'UTF-8', 'soap:Envelope').build((env) => {
    env.setAttributes(attrs({ 'xmlns:soap': SOAP_ENV }));
    env.appendElement('soap:Body', none, (b) =>
      b.appendElement('soap:Fault', none, (f) => {
        f.appendElement('faultcode', none, 'soap:Client').appendElement('faultstring', none, message);
        f.appendElement('detail', none, (d) =>
          d.appendElement('ns2:ApiFault', attrs({ 'xmlns:ns2': NS }), (a) =>
            a.appendElement('errorCode', none, code).appendElement('message', none, message),
          ),
        );
      }),
    );
  });
  return { status: 500, headers: XML_REPLY, body };
}

export const owner = (d: XmlElement) =>
  d.appendElement('owner', none, (o) =>
    o
      .appendElement('internalId', none, ACCOUNT)
      .appendElement('externalId', none, DEFAULT_SANDBOX.account)
      .appendElement('type', none, 'Account'),
  );

type Matcher = Exclude<Parameters<XmlElement['appendText']>[0], string>;
type ParsedNode = Record<string, unknown> & { ':@'?: Record<string, string> };
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
});

function appendParsed(parent: XmlElement, nodes: ParsedNode[], matchers: Record<string, Matcher>): void {
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@') as string;
    const content = node[name] as ParsedNode[];
    const attributes = attrs(node[':@'] ?? {});
    const only = content.length === 1 ? (content[0] as ParsedNode)['#text'] : undefined;
    if (content.length === 0) parent.appendElement(name, attributes, '');
    else if (only !== undefined) {
      const text = String(only);
      const token = /^\{([A-Z_0-9]+)\}$/.exec(text)?.[1];
      if (token !== undefined && !matchers[token]) throw new Error(`no matcher for {${token}}`);
      parent.appendElement(name, attributes, token === undefined ? text : (matchers[token] as Matcher));
    } else parent.appendElement(name, attributes, (child) => appendParsed(child, content, matchers));
  }
}

/**
 * The elements of an XML fragment (several siblings allowed), appended to a builder element; an element whose whole
 * text is `{TOKEN}` gets `matchers[TOKEN]` (ids and dates the provider chooses). Whitespace between elements is layout.
 */
export const xml =
  (fragment: string, matchers: Record<string, Matcher> = {}) =>
  (parent: XmlElement): void =>
    appendParsed(parent, parser.parse(`<x>${fragment}</x>`)[0].x as ParsedNode[], matchers);

/** An internalId the provider assigns; a virtual-clock timestamp. */
export const ID = (example: string) => regex(/^\d+$/, example);
export const DATE = (example: string) => regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, example);

/**
 * Pact's verifier names a namespaced element `{uri}:local` in the path it matches rules against, while the XML builder
 * writes the prefix the body uses (`soap:Envelope`), so no rule below a prefixed element would ever apply (pact-js
 * issue 632). Rewritten to Pact's `*` (any element at that level): the body comparison still checks every name.
 */
export function rulePathsAnyNamespace(file: string): void {
  const pact = JSON.parse(readFileSync(file, 'utf8')) as {
    interactions: { request: PactPart; response: PactPart }[];
  };
  for (const interaction of pact.interactions) {
    for (const part of [interaction.request, interaction.response]) {
      const body = part.matchingRules?.body;
      if (!body) continue;
      part.matchingRules!.body = Object.fromEntries(
        Object.entries(body).map(([path, rule]) => [anyNamespace(path), rule]),
      );
    }
  }
  writeFileSync(file, `${JSON.stringify(pact, null, 2)}\n`);
}
/** `$.soap:Envelope.soap:Body.ns2:xResponse.return…` → `$.*.*.*.return…` (the builder writes dotted paths). */
const anyNamespace = (path: string) =>
  path
    .split('.')
    .map((segment) => (segment.includes(':') ? '*' : segment))
    .join('.');
interface PactPart {
  matchingRules?: { body?: Record<string, unknown> };
}

// ---- outreach (part 2) templates --------------------------------------------------------------------------------

/** Collections Q1 (the account's first campaign: provider states put their objects there) and its parts. */
export const CAMPAIGN = String(FIRST_ID + 5);
export const LIST = String(FIRST_ID + 10);
export const campaignRef = `<campaign><internalId>${CAMPAIGN}</internalId><externalId>Collections Q1</externalId></campaign>`;
export const ownerRef = `<owner><internalId>${ACCOUNT}</internalId><externalId>Demo Account</externalId><type>Account</type></owner>`;
/** The Account as argument `n`. */
export const orgArg = (n: number) => `<arg${n}><internalId>${ACCOUNT}</internalId><type>Account</type></arg${n}>`;
/**
 * Attributes whose value varies (`{VALUE}`): counters follow the pacing model, not the API, and dates the clock. Pact's
 * XML rule paths carry no sibling index (every `attributes/value` of an element shares one path), so one matcher takes
 * both forms; each attribute's name stays exact.
 */
export const varying = (names: readonly string[]) =>
  names.map((name) => `<attributes><name>${name}</name><value>{VALUE}</value></attributes>`).join('');
export const outreachMatchers = {
  ID: ID('1000536'),
  DATE: DATE('2025-03-01T10:00:00.000Z'),
  VALUE: regex(/^(\d+|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)$/, '0'),
};
