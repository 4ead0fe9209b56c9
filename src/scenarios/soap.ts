import { PASSWORD_TEXT, SOAP_ENV_NS, WSSE_NS, WSU_NS, xmlElement } from '../../simulators/core/serializers/soap.ts';
import { escapeXml } from '../../simulators/core/serializers/xml.ts';
import { interpolate, interpolateText } from './interpolate.ts';
import type { SoapStep } from './schema.ts';

/**
 * SOAP steps: an operation and its arguments in, an envelope out — written as a published Engage client writes it
 * (service namespace on a prefix, unqualified `arg1 … argN`, a WS-Security UsernameToken with the sandbox's user) —
 * and the XPath subset their expectations read replies with.
 */
export interface SoapExchange {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * `args` in the documented order: an object becomes one `argN` (its keys child elements, lists repeated), a list a
 * repeated `argN` (an array parameter), a scalar its text, `null` an omitted argument.
 */
export function soapExchange(
  soap: SoapStep['soap'],
  section: Record<string, unknown>,
  context: Record<string, unknown>,
): SoapExchange {
  const endpoints = (section.endpoints ?? {}) as Record<string, unknown>;
  const url = soap.service ? endpoints[soap.service] : section.endpoint;
  if (typeof url !== 'string') {
    throw new Error(`vendors.${soap.vendor} has no endpoint${soap.service ? ` for service ${soap.service}` : ''}`);
  }
  const namespace = String(section.namespace ?? '');
  const args = (interpolate(soap.args ?? [], context) as unknown[]).map((value, i) => {
    if (value === null || value === undefined) return '';
    return (Array.isArray(value) ? value : [value]).map((item) => xmlElement(`arg${i + 1}`, item)).join('');
  });
  const credentials = soap.credentials
    ? {
        username: interpolateText(soap.credentials.username, context),
        password: interpolateText(soap.credentials.password, context),
      }
    : { username: String(section.username), password: String(section.password) };
  const header =
    soap.auth === false
      ? ''
      : `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}"><wsse:UsernameToken wsu:Id="UsernameToken-1">` +
        `<wsse:Username>${escapeXml(credentials.username)}</wsse:Username>` +
        `<wsse:Password Type="${PASSWORD_TEXT}">${escapeXml(credentials.password)}</wsse:Password></wsse:UsernameToken></wsse:Security>`;
  const operation = soap.operation;
  const body =
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:ns="${escapeXml(namespace)}"><soapenv:Header>${header}</soapenv:Header>` +
    `<soapenv:Body><ns:${operation}>${args.join('')}</ns:${operation}></soapenv:Body></soapenv:Envelope>`;
  return { url, body, headers: { 'content-type': 'text/xml; charset=utf-8' } };
}

/**
 * The nodes an XPath subset selects in a parsed XML body (namespace prefixes removed): an absolute path of element
 * names (`/Envelope/Body/listCampaignsResponse/return/data/externalId`; a prefix in the path is ignored), each
 * optionally with a 1-based position (`data[2]`), or `count(path)`. One node is its value, several a list, none
 * `undefined`.
 */
export function selectXPath(document: unknown, expression: string): unknown {
  const counted = /^count\((.+)\)$/.exec(expression.trim());
  const nodes = select(document, counted ? (counted[1] as string) : expression);
  if (counted) return nodes.length;
  return nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : nodes;
}

function select(document: unknown, path: string): unknown[] {
  if (!path.startsWith('/')) throw new Error(`XPath ${path}: only absolute paths (starting with /) are supported`);
  let nodes: unknown[] = [document];
  for (const step of path.split('/').slice(1)) {
    const parsed = /^(?:[\w.-]+:)?([\w.-]+)(?:\[(\d+)\])?$/.exec(step);
    if (!parsed) throw new Error(`XPath ${path}: unsupported step "${step}" (element names and [n] only)`);
    const [, name, position] = parsed;
    const next: unknown[] = [];
    for (const node of nodes) {
      if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
      if (!Object.hasOwn(node, name as string)) continue;
      const value = (node as Record<string, unknown>)[name as string];
      next.push(...(Array.isArray(value) ? value : [value]));
    }
    nodes = position === undefined ? next : next.slice(Number(position) - 1, Number(position));
  }
  return nodes;
}
