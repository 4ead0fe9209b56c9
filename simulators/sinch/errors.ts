/**
 * An OBI request failure: the HTTP status plus the message of the `{statusCode, error}` body. Only the per-item
 * messages of `POST /customers/list` are documented ("Invalid numbers: '+number;'", "Invalid externalId: 007 : Value
 * is not unique"); every other message follows the same "Invalid <field>: <value>" style (assumed; see
 * docs/vendors/sinch.md). Models throw it, the handler layer renders it as JSON or XML.
 */
export class ObiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
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
