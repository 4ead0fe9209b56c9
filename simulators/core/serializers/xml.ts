import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML wire format shared by every XML-speaking vendor. Objects become elements, arrays become repeated elements
 * named after their key, `@_name` keys become attributes. Vendors shape the object; this file owns the bytes.
 */
export class XmlParseError extends Error {}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: false,
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
});

export function serializeXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: value ?? '' })}`;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] as string);
}

/**
 * `<root><item>…</item>…</root>` for flat items (scalar fields), as chunks for `reply.stream`: a list of millions
 * is written piece by piece instead of as one string (the same document `serializeXml` would build).
 */
export function* xmlListChunks(
  root: string,
  item: string,
  items: Iterable<Record<string, string | number>>,
): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?><${root}>`;
  for (const fields of items) {
    let out = `<${item}>`;
    for (const [name, value] of Object.entries(fields)) {
      out += `<${name}>${typeof value === 'number' ? value : escapeXml(value)}</${name}>`;
    }
    yield `${out}</${item}>`;
  }
  yield `</${root}>`;
}

export interface XmlParseOptions {
  /** Element paths (dot-separated, e.g. `customers.customer`) that are always parsed as arrays. */
  arrayPaths?: readonly string[];
}

/**
 * A DOCTYPE can only stand in the prolog, after the XML declaration, comments and processing instructions. Request
 * bodies never need one, and refusing it outright rules out entity expansion (billion laughs) and external
 * entities, whatever the parser would do with them.
 */
function hasDoctype(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (text.startsWith('<?', i)) i = skipPast(text, '?>', i);
    else if (text.startsWith('<!--', i)) i = skipPast(text, '-->', i);
    else return text.startsWith('<!DOCTYPE', i);
  }
}

function skipPast(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at < 0 ? text.length : at + end.length;
}

const parsers = new Map<string, XMLParser>();

/** One parser per set of array paths (the option is fixed at construction; vendors use a handful of sets). */
function parserFor(arrayPaths: readonly string[]): XMLParser {
  const key = arrayPaths.join('|');
  let parser = parsers.get(key);
  if (!parser) {
    const arrays = new Set(arrayPaths);
    parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      // Only the five predefined entities and character references remain once a DOCTYPE is refused.
      processEntities: true,
      htmlEntities: false,
      removeNSPrefix: true,
      isArray: (_name, jpath) => arrays.has(String(jpath)),
    });
    parsers.set(key, parser);
  }
  return parser;
}

export function parseXml(text: string, options: XmlParseOptions = {}): Record<string, unknown> {
  if (text.trim() === '') throw new XmlParseError('Request body is empty; an XML document is required');
  if (hasDoctype(text)) throw new XmlParseError('Malformed XML: a DOCTYPE declaration is not allowed');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlParseError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let parsed: Record<string, unknown>;
  try {
    parsed = parserFor(options.arrayPaths ?? []).parse(text) as Record<string, unknown>;
  } catch (err) {
    // The parser's own limits (nesting depth, entity sizes…) refuse input the validator let through.
    throw new XmlParseError(`Malformed XML: ${(err as Error).message}`);
  }
  if ('__proto__' in parsed && Object.hasOwn(parsed, '__proto__'))
    throw new XmlParseError('Forbidden element __proto__');
  return parsed;
}

export const XML_CONTENT_TYPE = 'application/xml';
