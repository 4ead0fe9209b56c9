import { negotiateAccept } from '../core/negotiate.ts';
import { type Reply, reply } from '../core/reply.ts';
import type { VendorRequest } from '../core/request.ts';
import { type JavaNumberFields, withJavaNumbers } from '../core/serializers/java.ts';
import { FLOAT_COUNTERS } from './statistics.ts';

/** OBI's two wire formats, negotiated per request: JSON by default, XML when the client prefers it. */
export type WireFormat = 'json' | 'xml';

export const JSON_TYPE = 'application/json';
export const XML_TYPE = 'application/xml';
export const HTML_TYPE = 'text/html';
export const TEXT_TYPE = 'text/plain';
export const JSON_OR_XML = [JSON_TYPE, XML_TYPE] as const;

/** The format errors are answered in: XML when the client prefers it, JSON otherwise. */
export function errorFormat(req: VendorRequest): WireFormat {
  return negotiateAccept(req.get('accept'), JSON_OR_XML) === XML_TYPE ? 'xml' : 'json';
}

/**
 * OBI's non-integer numbers by their Java type, printed as Java prints them (`0.0`, `1.0`): the statistics' amount
 * and times are floats (the document's values have a float's digits: `1.4059999`); the campaign's `abandonRate` and
 * `increasePredictiveRatio` doubles ("between 0.0 and 2.0, default value 1.0" — the type is assumed). Every other
 * number is an integer in the document's examples and stays one.
 */
export const JAVA_NUMBERS: JavaNumberFields = {
  doubles: new Set(['abandonRate', 'increasePredictiveRatio']),
  floats: new Set(FLOAT_COUNTERS),
};

/** A campaign or statistics view with its Java doubles and floats marked for the serializers. */
export const javaTyped = (value: unknown) => withJavaNumbers(value, JAVA_NUMBERS);

/** Null values have no XML form: the element is left out, as for an absent value. Marked numbers are kept. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    if (item !== null && item !== undefined) out[key] = withoutNulls(item);
  return out;
}

/** One entity or a collection in the negotiated format; XML wraps collections as `<root><item>…</item></root>`. */
export function entity(
  format: WireFormat,
  status: number,
  root: string,
  value: unknown,
  headers?: Record<string, string>,
): Reply {
  return format === 'xml' ? reply.xml(status, root, withoutNulls(value), headers) : reply.json(status, value, headers);
}

export function collection(format: WireFormat, root: string, item: string, values: unknown[]): Reply {
  return format === 'xml' ? reply.xml(200, root, { [item]: withoutNulls(values) }) : reply.json(200, values);
}
