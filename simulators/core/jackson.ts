import type { z } from 'zod';

/**
 * What a Java service's data binding (Jackson, default configuration) makes of a request body, before the
 * service's own checks: scalars are coerced to the declared property types instead of being refused, and `null`
 * stands for "no value". Vendors whose documents describe Java/JAX-RS services declare `jackson: true` on their
 * REST protocol; the binding then hands their handlers bodies seen this way (`RestCall.bindBody`), and the vendor's
 * zod schema judges the result, so whatever Jackson refuses still fails validation with the vendor's message.
 *
 * Jackson 2.x defaults reproduced (MapperFeature.ALLOW_COERCION_OF_SCALARS and DeserializationFeature.
 * ACCEPT_FLOAT_AS_INT are on; ACCEPT_SINGLE_VALUE_AS_ARRAY / UNWRAP_SINGLE_VALUE_ARRAYS are off):
 * - a String property takes a JSON number or boolean as its text (`123` → "123", `true` → "true");
 * - an integer property takes a string holding a decimal integer (trimmed: `" 2 "`, `"+2"`, `"007"`), and a
 *   floating-point number truncated toward zero (`1.0` → 1, `2.75` → 2); `"1.5"` or `"1e3"` are refused;
 * - a floating-point property takes a string holding a decimal number (`"1.5"`, `"1e3"`, trimmed);
 * - a boolean property takes "true"/"True"/"TRUE", "false"/"False"/"FALSE" and integers (0 false, else true);
 * - an empty or "null" string for a number or boolean property is null, like `null` itself;
 * - `null` for an object property is "no value": the property reads as absent (an optional one stays unset, a
 *   required one is missing) — unless the schema itself accepts null.
 * Objects, arrays and booleans are never coerced to numbers, nor objects/arrays to strings (Jackson refuses them).
 *
 * Not reproduced: the original text of a number given for a String property (JSON.parse has dropped it, so `1.0`
 * becomes "1" where Jackson keeps "1.0", and integers beyond 2^53 lose digits), and enums bound by ordinal (a
 * number for an enum property is its text, which the enum check then refuses).
 */

type Schema = z.core.$ZodType;

/** The parts of a zod definition this walk reads (zod 4 core, `schema._zod.def`). */
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  element?: Schema;
  shape?: Record<string, Schema>;
  options?: readonly Schema[];
  values?: readonly unknown[];
}

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

/** Wrappers that do not change what JSON value is expected. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema that decides the JSON kind: wrappers and pipes (transforms) unwrapped. */
function core(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** True when the schema itself takes `null` (then a null is a value, not "no value"). */
function acceptsNull(schema: Schema): boolean {
  return (schema as z.ZodType).safeParse(null).success;
}

const INTEGER_TEXT = /^[+-]?\d+$/;
/** What Java's Double.parseDouble reads, short of hex floats and NaN/Infinity (which no document field takes). */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?$/;

/** A string for a number or boolean property: Jackson reads "" and "null" as null. */
const isTextualNull = (text: string) => text === '' || text === 'null';

function toNumber(value: unknown, integer: boolean): unknown {
  if (typeof value === 'number') return integer && Number.isFinite(value) ? Math.trunc(value) : value;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (isTextualNull(text)) return null;
  if (integer) return INTEGER_TEXT.test(text) ? Number(text) : value;
  return DECIMAL_TEXT.test(text) ? Number(text.replace(/[dDfF]$/, '')) : value;
}

function toBoolean(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value !== 0 : value;
  if (typeof value !== 'string') return value;
  if (isTextualNull(value.trim())) return null;
  if (value === 'true' || value === 'True' || value === 'TRUE') return true;
  if (value === 'false' || value === 'False' || value === 'FALSE') return false;
  return value;
}

/** Jackson's text of a scalar given for a String property. */
function toText(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** The union member a value of this JSON kind is meant for (an array for the array member, and so on). */
function memberFor(options: readonly Schema[], value: unknown): Schema | undefined {
  const kind = Array.isArray(value) ? 'array' : value !== null && typeof value === 'object' ? 'object' : 'scalar';
  return options.find((option) => {
    const type = defOf(core(option)).type;
    if (kind === 'array') return type === 'array';
    if (kind === 'object') return type === 'object';
    return type !== 'array' && type !== 'object';
  });
}

/**
 * The value as Jackson's defaults bind it to `schema` (see above). Containers of a freshly parsed body are edited in
 * place; the (possibly replaced) value is returned. A `null` result means "no value".
 */
export function coerceLikeJackson(schema: Schema, value: unknown): unknown {
  if (value === undefined) return value;
  const target = core(schema);
  const def = defOf(target);
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'template_literal':
      return toText(value);
    case 'literal':
      return typeof def.values?.[0] === 'string' ? toText(value) : value;
    case 'number':
      return toNumber(value, (target as z.ZodNumber).isInt === true);
    case 'int':
      return toNumber(value, true);
    case 'boolean':
      return toBoolean(value);
    case 'array':
      if (Array.isArray(value) && def.element) {
        for (let i = 0; i < value.length; i++) value[i] = coerceLikeJackson(def.element, value[i]);
      }
      return value;
    case 'object':
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && def.shape) {
        coerceProperties(def.shape, value as Record<string, unknown>);
      }
      return value;
    case 'union': {
      const member = memberFor(def.options ?? [], value);
      return member ? coerceLikeJackson(member, value) : value;
    }
    default:
      return value;
  }
}

function coerceProperties(shape: Record<string, Schema>, object: Record<string, unknown>): void {
  for (const key of Object.keys(object)) {
    if (!Object.hasOwn(shape, key)) continue; // unknown: left for the schema to refuse
    const property = shape[key] as Schema;
    const coerced = object[key] === null ? null : coerceLikeJackson(property, object[key]);
    if (coerced === null && !acceptsNull(property)) delete object[key];
    else object[key] = coerced;
  }
}
