import { SINCH_OPERATIONS } from '../../contracts/sinch/operations.ts';
import { VendorError } from '../core/errors.ts';
import type { Reply } from '../core/reply.ts';
import type { VendorRequest } from '../core/request.ts';
import { type WireFormat, entity, errorFormat } from './wire.ts';

/**
 * An OBI request failure: the HTTP status plus the message of the `{statusCode, error}` body. Only the per-item
 * messages of `POST /customers/list` are documented ("Invalid numbers: '+number;'", "Invalid externalId: 007 : Value
 * is not unique"); every other message follows the same "Invalid <field>: <value>" style (assumed; see
 * docs/vendors/sinch.md). Models throw it; `renderError` answers it as JSON or XML.
 */
export function obiError(status: number, message: string, headers?: Record<string, string>): VendorError {
  return new VendorError({ status, code: String(status), message, headers });
}

export const WWW_AUTHENTICATE = { 'www-authenticate': 'Basic realm="OBI"' };

export function errorReply(format: WireFormat, error: VendorError): Reply {
  return entity(
    format,
    error.status,
    'error',
    { statusCode: error.status, error: error.message },
    { ...error.headers },
  );
}

/** Known paths, to answer 405 (with Allow) rather than 404 when only the method is wrong. */
const ROUTE_PATTERNS = SINCH_OPERATIONS.map(({ binding }) => ({
  method: binding.method,
  regex: new RegExp(`^${binding.path.replace(/:[A-Za-z]+/g, '[^/]+')}/?$`),
  params: (binding.path.match(/:/g) ?? []).length,
}));

/** Methods of the resource a path names; a literal segment wins over a parameter (`/customers/list`), as in JAX-RS. */
function allowedMethods(path: string): string[] {
  const matching = ROUTE_PATTERNS.filter((r) => r.regex.test(path));
  const fewest = Math.min(...matching.map((r) => r.params));
  return [...new Set(matching.filter((r) => r.params === fewest).map((r) => r.method))];
}

/** Every failure as `{statusCode, error}` in the client's format (XML when it prefers it). */
export function renderError(err: VendorError, req: VendorRequest): Reply {
  const format = errorFormat(req);
  if (err.code === 'unauthenticated') return errorReply(format, obiError(401, MESSAGES.unauthorized, WWW_AUTHENTICATE));
  if (err.code === 'notFound') {
    const allow = allowedMethods(req.path);
    if (allow.length > 0) {
      return errorReply(format, obiError(405, MESSAGES.methodNotAllowed(req.method), { allow: allow.join(', ') }));
    }
  }
  // The document names no status for kernel failures (assumed): the usual ones.
  return errorReply(format, err);
}

/** JSON text of a request value; a value nested too deep to stringify is named by its kind instead. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? '[…]' : '{…}';
  }
}

/** `'value'` as the documented messages quote it, shortened so an error never echoes a megabyte back. */
function quoted(value: unknown): string {
  const text = textOf(value);
  return `'${text !== undefined && text.length > 200 ? `${text.slice(0, 200)}…` : text}'`;
}

export const MESSAGES = {
  /** Documented: `Invalid numbers: '+number;'`. */
  invalidNumbers: (numbers: string) => `Invalid numbers: ${quoted(numbers)}`,
  /** Documented: `Invalid externalId: 007 : Value is not unique`. */
  externalIdNotUnique: (externalId: string) => `Invalid externalId: ${externalId} : Value is not unique`,
  missingNumbers: 'Invalid numbers: numbers or attribute Phone1 is required',
  invalidValue: (field: string, value: unknown) => `Invalid ${field}: ${quoted(value)}`,
  invalidReason: (field: string, value: unknown, reason: string) => `Invalid ${field}: ${quoted(value)} : ${reason}`,
  missingField: (field: string) => `Invalid ${field}: Value is required`,
  unknownField: (field: string) => `Unrecognized field "${field}"`,
  unknownSearchField: (field: string) => `Invalid search field: ${field}`,
  attributeValueWithoutName: 'attributeName parameter is mandatory in case attributeValue is given',
  campaignNotFound: (id: string) => `Campaign not found: ${id}`,
  customerNotFound: (id: string) => `Customer not found: ${id}`,
  statusChange: (from: string, to: string) => `Campaign status cannot be changed from ${from} to ${to}`,
  invalidStatus: (value: string) => `Invalid status: ${quoted(value)} : Value can be one of Passive, Active`,
  unauthorized: 'Unauthorized',
  methodNotAllowed: (method: string) => `Method ${method} not allowed`,
  notAcceptable: (accept: string, offers: readonly string[]) =>
    `Not Acceptable: ${quoted(accept)}; this resource produces ${offers.join(', ')}`,
  unsupportedMediaType: (type: string, consumes: readonly string[]) =>
    `Unsupported Media Type: ${quoted(type)}; send ${consumes.join(' or ')}`,
} as const;
