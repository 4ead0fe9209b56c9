import { randomUUID } from 'node:crypto';

/**
 * Numbers as a Java service prints them. A Java `double` or `float` is written by Jackson (and by JAXB in XML) with
 * `Double.toString` / `Float.toString`: always with a fraction (`0.0`, `1.0`), in computerized scientific notation
 * outside 10^-3 ≤ |x| < 10^7 (`1.0E7`, `1.5E-4`), and a float with the fewest digits that identify the 32-bit value
 * (`1.4059999`, where the double nearest would print 1.4059998989105225). JavaScript numbers carry no such type, so
 * a vendor's view marks the values its service holds as doubles or floats (`withJavaNumbers`); integers stay plain
 * numbers. The JSON and XML serializers print the marks.
 */
export class JavaNumber {
  constructor(
    readonly value: number,
    readonly type: 'double' | 'float',
  ) {}

  toString(): string {
    return javaNumberText(this.value, this.type);
  }

  /** JSON.stringify calls this natively; serializeJson then unquotes the marked text (`unmarkJavaNumbers`). */
  toJSON(): string {
    return `${MARK}${this.toString()}${MARK}`;
  }
}

/** Unguessable per process: no request can put it into a reply's text, so only JavaNumber.toJSON produces it. */
const MARK = `@java-number-${randomUUID()}@`;
const MARKED = new RegExp(`"${MARK}([^"]*)${MARK}"`, 'g');

/** Turns the quoted marks JavaNumber.toJSON left in a JSON text into the bare numbers. */
export function unmarkJavaNumbers(json: string): string {
  return json.includes(MARK) ? json.replace(MARKED, '$1') : json;
}

export const javaDouble = (value: number) => new JavaNumber(value, 'double');
export const javaFloat = (value: number) => new JavaNumber(Math.fround(value), 'float');

/** The shortest decimal that reads back as the same 32-bit float (what Float.toString prints since JDK 19). */
function shortestFloat(value: number): number {
  const float = Math.fround(value);
  for (let precision = 1; precision < 9; precision++) {
    const candidate = Number(float.toPrecision(precision));
    if (Math.fround(candidate) === float) return candidate;
  }
  return Number(float.toPrecision(9));
}

/** `Double.toString(value)` or `Float.toString(value)`. */
export function javaNumberText(value: number, type: 'double' | 'float' = 'double'): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const shortest = type === 'float' ? shortestFloat(value) : value;
  // toExponential() without digits gives the shortest round-trip digits, as Java (JDK 19+) chooses them.
  const [mantissa = '', exponentText = '0'] = Math.abs(shortest).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const sign = shortest < 0 ? '-' : '';
  const magnitude = Math.abs(shortest);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/** Which properties (by name, at any depth) hold Java doubles and which Java floats. */
export interface JavaNumberFields {
  doubles?: ReadonlySet<string>;
  floats?: ReadonlySet<string>;
}

/**
 * A copy of a view with the numbers of the named properties marked as Java doubles/floats (plain objects and arrays
 * are copied, everything else is kept).
 */
export function withJavaNumbers(value: unknown, fields: JavaNumberFields): unknown {
  if (Array.isArray(value)) return value.map((item) => withJavaNumbers(item, fields));
  if (value === null || typeof value !== 'object' || value instanceof JavaNumber) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'number' && fields.doubles?.has(key)) out[key] = javaDouble(item);
    else if (typeof item === 'number' && fields.floats?.has(key)) out[key] = javaFloat(item);
    else out[key] = withJavaNumbers(item, fields);
  }
  return out;
}

/** The same value with every JavaNumber as its Java text (for writers that do not call toJSON, e.g. XML). */
export function javaNumbersAsText(value: unknown): unknown {
  if (value instanceof JavaNumber) return value.toString();
  if (Array.isArray(value)) return value.map(javaNumbersAsText);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = javaNumbersAsText(item);
  return out;
}
