import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { occurrences } from '../bounds.ts';
import { escapeXml, hasDoctype } from './xml.ts';

/**
 * SOAP 1.1 envelopes: reading a request once (entity expansion and DOCTYPEs refused) and writing replies and faults.
 * Replies are written as JAX-WS services write them — the operation's element prefixed (`ns2:`), its children
 * unqualified, no default namespace — because real clients strip prefixes and read `Body/{op}Response/return/data`.
 */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
export const PASSWORD_TEXT =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Why an envelope could not be read: `version` is a SOAP 1.1 VersionMismatch, the rest are Client faults. */
export class EnvelopeError extends Error {
  constructor(
    readonly kind: 'malformed' | 'version' | 'tooLarge',
    message: string,
  ) {
    super(message);
  }
}

/** A WS-Security UsernameToken (Nonce and Created are accepted and ignored). */
export interface UsernameToken {
  username: string;
  password: string;
  /** The `Type` attribute of `Password` (PasswordText when absent, as the profile says). */
  passwordType: string;
}

/** A request envelope as read: the Body's first element and its child elements by (unqualified) name. */
export interface SoapEnvelope {
  /** Local name of the Body's first element: the operation. */
  operation: string;
  /** Its namespace URI ('' when unqualified). */
  namespace: string;
  /** Each child element of the operation element by name, every occurrence in document order. */
  parts: Map<string, unknown[]>;
  /** Child elements that are namespace-qualified (never an `argN`): refused by the binding. */
  qualifiedParts: string[];
  token?: UsernameToken;
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Whitespace inside string arguments is data.
  trimValues: false,
  // Only the predefined entities and character references: every DOCTYPE is refused before parsing.
  processEntities: true,
  htmlEntities: false,
  removeNSPrefix: false,
  // The operation element's children (Envelope.Body.op.argN) always as lists: an array argument repeats.
  isArray: (_name, jpath, _leaf, isAttribute) => {
    if (isAttribute) return false;
    const path = String(jpath).split('.');
    return path.length === 4 && localName(path[1] as string) === 'Body';
  },
});

type Node = Record<string, unknown>;
type Scope = readonly Node[];

const isElementKey = (key: string) => !key.startsWith('@_') && key !== '#text';

/** The namespace URI of a qualified name, from the `xmlns` declarations in scope (innermost first). */
function namespaceOf(qname: string, scope: Scope): string {
  const colon = qname.indexOf(':');
  const attribute = colon < 0 ? '@_xmlns' : `@_xmlns:${qname.slice(0, colon)}`;
  for (let i = scope.length - 1; i >= 0; i--) {
    const declared = (scope[i] as Node)[attribute];
    if (typeof declared === 'string') return declared;
  }
  return '';
}

function childElements(node: unknown): [string, unknown][] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Node).filter(([key]) => isElementKey(key));
}

/** The text of an element parsed as a string or as an object with `#text` (attributes on it). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const text = (value as Node)['#text'];
    return typeof text === 'string' ? text : '';
  }
  return '';
}

function findChild(node: unknown, scope: Scope, ns: string, local: string): unknown {
  for (const [key, value] of childElements(node)) {
    const inner = value && typeof value === 'object' ? [...scope, value as Node] : scope;
    if (localName(key) === local && namespaceOf(key, inner) === ns) return value;
  }
  return undefined;
}

function readToken(header: unknown, scope: Scope): UsernameToken | undefined {
  const headerScope = header && typeof header === 'object' ? [...scope, header as Node] : scope;
  const security = findChild(header, headerScope, WSSE_NS, 'Security');
  const securityScope = security && typeof security === 'object' ? [...headerScope, security as Node] : headerScope;
  const token = findChild(security, securityScope, WSSE_NS, 'UsernameToken');
  if (token === undefined) return undefined;
  const tokenScope = token && typeof token === 'object' ? [...securityScope, token as Node] : securityScope;
  const password = findChild(token, tokenScope, WSSE_NS, 'Password');
  const type = password && typeof password === 'object' ? (password as Node)['@_Type'] : undefined;
  return {
    username: textOf(findChild(token, tokenScope, WSSE_NS, 'Username')),
    password: textOf(password),
    passwordType: typeof type === 'string' ? type : PASSWORD_TEXT,
  };
}

/**
 * The XML parser walks text one character at a time (a 5 MB base64 script took ~3 s), so long text runs — an
 * uploaded file's base64 — are set aside before parsing, a placeholder (private-use characters, never in a request
 * that uses them itself) parsed in their place, and put back afterwards with the predefined entities and character
 * references decoded as the parser would.
 */
const LONG_TEXT = 4096;
const MARK = '\uE000';
const PLACEHOLDER = /\uE000(\d+)\uE000/g;

function setAsideLongText(text: string): { skeleton: string; long: string[] } {
  const long: string[] = [];
  if (text.length < 2 * LONG_TEXT || text.includes(MARK)) return { skeleton: text, long };
  let skeleton = '';
  let copied = 0;
  // Each text run lies between a `>` and the next `<` (a plain scan: a regex over megabytes overflows the stack).
  for (let close = text.indexOf('>'); close >= 0;) {
    const open = text.indexOf('<', close + 1);
    if (open < 0) break;
    const run = open - close - 1 >= LONG_TEXT ? text.slice(close + 1, open) : '';
    // Not the inside of a comment or CDATA section (those end in `-->`, `]]>`): left to the parser.
    if (run !== '' && !run.includes('-->') && !run.includes(']]>')) {
      long.push(run);
      skeleton += `${text.slice(copied, close + 1)}${MARK}${long.length - 1}${MARK}`;
      copied = open;
    }
    close = text.indexOf('>', open);
  }
  return { skeleton: skeleton + text.slice(copied), long };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeEntities(run: string): string {
  if (!run.includes('&')) return run;
  return run.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] as string;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function putBackLongText(node: unknown, long: readonly string[]): unknown {
  if (typeof node === 'string') {
    return node.includes(MARK)
      ? node.replace(PLACEHOLDER, (_, i: string) => decodeEntities(long[Number(i)] ?? ''))
      : node;
  }
  if (Array.isArray(node)) return node.map((item) => putBackLongText(item, long));
  if (node && typeof node === 'object') {
    for (const key of Object.keys(node)) (node as Node)[key] = putBackLongText((node as Node)[key], long);
  }
  return node;
}

/**
 * Reads a SOAP 1.1 request. Refused before parsing: a body over `maxTags` tags, any DOCTYPE (so no entity expansion,
 * no external entities), XML that is not well-formed. Then: the root must be the SOAP 1.1 Envelope, its Body must
 * hold exactly one element (the operation).
 */
export function readEnvelope(text: string, maxTags: number): SoapEnvelope {
  if (text.trim() === '') throw new EnvelopeError('malformed', 'Request body is empty; a SOAP envelope is required');
  if (occurrences(text, '<', maxTags) > maxTags) {
    throw new EnvelopeError('tooLarge', `Request has more than ${maxTags} XML tags`);
  }
  if (hasDoctype(text)) throw new EnvelopeError('malformed', 'DOCTYPE is not allowed in a SOAP message');
  const { skeleton, long } = setAsideLongText(text);
  const valid = XMLValidator.validate(skeleton);
  if (valid !== true) {
    throw new EnvelopeError('malformed', `Malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  let doc: Node;
  try {
    doc = parser.parse(skeleton) as Node;
    if (long.length > 0) doc = putBackLongText(doc, long) as Node;
  } catch (err) {
    throw new EnvelopeError('malformed', `Malformed XML: ${(err as Error).message}`);
  }
  const roots = childElements(doc).filter(([key]) => !key.startsWith('?'));
  const [rootName, root] = roots[0] ?? ['', undefined];
  if (roots.length !== 1 || localName(rootName) !== 'Envelope' || !root || typeof root !== 'object') {
    throw new EnvelopeError('malformed', 'The root element is not a SOAP Envelope');
  }
  const scope: Scope = [root as Node];
  if (namespaceOf(rootName, scope) !== SOAP_ENV_NS) {
    throw new EnvelopeError('version', `Envelope namespace is not ${SOAP_ENV_NS} (SOAP 1.1)`);
  }
  const body = findChild(root, scope, SOAP_ENV_NS, 'Body');
  const bodyScope = body && typeof body === 'object' ? [...scope, body as Node] : scope;
  const operations = childElements(body);
  if (operations.length !== 1) {
    throw new EnvelopeError('malformed', `The SOAP Body must hold exactly one element (found ${operations.length})`);
  }
  const [opName, opValue] = operations[0] as [string, unknown];
  const opNode = (Array.isArray(opValue) ? opValue[0] : opValue) as unknown;
  if (Array.isArray(opValue) && opValue.length > 1) {
    throw new EnvelopeError('malformed', 'The SOAP Body must hold exactly one element');
  }
  const opScope = opNode && typeof opNode === 'object' ? [...bodyScope, opNode as Node] : bodyScope;
  const parts = new Map<string, unknown[]>();
  const qualifiedParts: string[] = [];
  for (const [key, value] of childElements(opNode)) {
    const occurrences = Array.isArray(value) ? value : [value];
    const ns = namespaceOf(key, [
      ...opScope,
      ...(occurrences[0] && typeof occurrences[0] === 'object' ? [occurrences[0] as Node] : []),
    ]);
    if (ns !== '' && key.includes(':')) qualifiedParts.push(`{${ns}}${localName(key)}`);
    else parts.set(key, occurrences);
  }
  const header = findChild(root, scope, SOAP_ENV_NS, 'Header');
  const token = header === undefined ? undefined : readToken(header, scope);
  return {
    operation: localName(opName),
    namespace: namespaceOf(opName, opScope),
    parts,
    qualifiedParts,
    ...(token ? { token } : {}),
  };
}

// ---- Writing ------------------------------------------------------------------------------------------------------

/** Characters XML 1.0 cannot carry at all (not even escaped): replaced, so a reply is always well-formed. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is matched
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Element text: only `&`, `<`, `>` need escaping there (quotes stay readable). */
const escapeText = (text: string) =>
  text.replace(NOT_XML, '\uFFFD').replace(/[&<>]/g, (ch) => TEXT_ESCAPES[ch] as string);

/** Child elements of a plain object: arrays repeat their key, null/undefined are left out, leaves are text. */
export function xmlFields(value: object): string {
  let out = '';
  for (const [name, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    if (Array.isArray(field)) for (const item of field) out += xmlElement(name, item);
    else out += xmlElement(name, field);
  }
  return out;
}

export function xmlElement(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return `<${name}>${xmlFields(value)}</${name}>`;
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

export function soapEnvelope(body: string): string {
  return `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/**
 * `{operation}Response` in the service namespace (prefix `ns2`, as JAX-WS writes it): with no `items` it is empty (a
 * method with no response); otherwise `return` holds one `data` per item.
 */
export function soapResponse(namespace: string, operation: string, items?: readonly unknown[]): string {
  const open = `<ns2:${operation}Response xmlns:ns2="${escapeXml(namespace)}">`;
  if (items === undefined) return soapEnvelope(`${open}</ns2:${operation}Response>`);
  let data = '';
  for (const item of items) data += xmlElement('data', item);
  return soapEnvelope(`${open}<return>${data}</return></ns2:${operation}Response>`);
}

export type FaultCode = 'Client' | 'Server' | 'VersionMismatch' | 'MustUnderstand';

export interface SoapFault {
  faultcode: FaultCode;
  faultstring: string;
  /** One element in `detail`, in the service namespace, with text children (`{errorCode, message}`, …). */
  detail?: { namespace: string; element: string; fields: Record<string, string> };
}

/** A SOAP 1.1 Fault (the HTTP status, 500 for a fault over HTTP, is the caller's). */
export function soapFault(fault: SoapFault): string {
  const detail = fault.detail
    ? `<detail><ns2:${fault.detail.element} xmlns:ns2="${escapeXml(fault.detail.namespace)}">${xmlFields(
        fault.detail.fields,
      )}</ns2:${fault.detail.element}></detail>`
    : '';
  return soapEnvelope(
    `<soap:Fault><faultcode>soap:${fault.faultcode}</faultcode><faultstring>${escapeText(
      fault.faultstring,
    )}</faultstring>${detail}</soap:Fault>`,
  );
}
