import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { occurrences } from '../bounds.ts';
import { javaNumbersAsText } from './java.ts';

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

/** XML text of a reply; Java doubles/floats a view marked (`java.ts`) are written as Java prints them. */
export function serializeXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: javaNumbersAsText(value ?? '') })}`;
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
  /**
   * Most tags (`<` characters, closing tags included) before parsing is refused with `XmlTooLarge`: validating and
   * parsing cost ~5–20 µs per tag, so 7 million children took 28 s of a process every sandbox shares. Request
   * parsers set it; unbounded when absent (a test reading a big answer).
   */
  maxTags?: number;
}

/** A body over the caller's `maxTags`: the vendor's "too large" answer (413), not a malformed one. */
export class XmlTooLarge extends Error {}

/**
 * Request bodies never need a DOCTYPE, and refusing one outright rules out entity expansion (billion laughs) and
 * external entities, whatever the parser would do with them. Anywhere, not only in the prolog: fast-xml-parser also
 * reads a DOCTYPE met inside the root element and expands the entities it declares. As text a DOCTYPE is escaped
 * (`&lt;!DOCTYPE`), so the raw markup is refused wherever it stands, comments and CDATA included.
 */
export const hasDoctype = (text: string): boolean => /<!DOCTYPE/i.test(text);

const parsers = new Map<string, XMLParser>();

/** One parser per set of array paths (the option is fixed at construction; vendors use a handful of sets). */
function parserFor(arrayPaths: readonly string[]): XMLParser {
  const key = arrayPaths.join('|');
  let parser = parsers.get(key);
  if (!parser) {
    const arrays = new Set(arrayPaths);
    const lastNames = new Set(arrayPaths.map((path) => path.slice(path.lastIndexOf('.') + 1)));
    parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      // Only the five predefined entities and character references: with every DOCTYPE refused, none is declared.
      processEntities: true,
      htmlEntities: false,
      removeNSPrefix: true,
      // The path is spelled out only for an element named like the end of an array path: building it for every
      // element (the parser's default) was a fifth of parsing a 1,000-customer list.
      jPath: false,
      isArray: (name, jpath) => lastNames.has(name) && arrays.has(String(jpath)),
    });
    parsers.set(key, parser);
  }
  return parser;
}

export function parseXml(text: string, options: XmlParseOptions = {}): Record<string, unknown> {
  if (text.trim() === '') throw new XmlParseError('Request body is empty; an XML document is required');
  const maxTags = options.maxTags ?? Infinity;
  if (maxTags < Infinity && occurrences(text, '<', maxTags) > maxTags) {
    throw new XmlTooLarge(`XML body has more than ${maxTags} tags; send fewer items per request`);
  }
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
