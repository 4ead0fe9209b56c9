import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { z } from 'zod';

/**
 * The client's XML codec. The OBI XML form follows the JSON field names (`<campaigns><campaign>…`, attributes as
 * `<attributes><attribute>`), so a request is the JSON object under a root element, and a response is brought back
 * to the JSON shape by walking the contract schema: numbers are parsed, repeated elements become arrays even when
 * only one is present.
 */
const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });
const parser = new XMLParser({ parseTagValue: false, trimValues: true, processEntities: true, htmlEntities: false });

export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: value })}`;
}

export function parseXmlDocument(text: string): Record<string, unknown> {
  return parser.parse(text) as Record<string, unknown>;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Brings parsed XML text to the JSON types the schema expects. */
export function coerceToSchema(schema: z.ZodType, value: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return value === undefined ? value : coerceToSchema(def.innerType as z.ZodType, value);
    case 'pipe':
      return coerceToSchema(def.in as z.ZodType, value);
    case 'number':
    case 'int':
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'array': {
      const items = value === '' || value === undefined ? [] : Array.isArray(value) ? value : [value];
      return items.map((item) => coerceToSchema(def.element as z.ZodType, item));
    }
    case 'object': {
      if (value === '') value = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const field = def.shape?.[key];
        out[key] = field ? coerceToSchema(field, item) : item;
      }
      return out;
    }
    case 'union':
      return coerceToSchema((def.options as z.ZodType[])[0] as z.ZodType, value);
    default:
      return value;
  }
}

/** A collection answer `<root><item>…</item>…</root>` as the JSON array. */
export function xmlCollection(text: string, root: string, item: string, schema: z.ZodType): unknown {
  const element = parseXmlDocument(text)[root];
  const items = element === '' || element === undefined ? [] : (element as Record<string, unknown>)[item];
  return coerceToSchema(schema, items ?? []);
}

/** A single-entity answer `<root>…</root>` as the JSON object. */
export function xmlEntity(text: string, root: string, schema: z.ZodType): unknown {
  return coerceToSchema(schema, parseXmlDocument(text)[root]);
}
