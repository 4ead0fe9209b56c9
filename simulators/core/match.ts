/**
 * Expected-value matching, shared by the scenario runner (src/scenarios) and request verification in the admin plane
 * (`…/requests/count`, `…/requests/find`). Expected trees come from YAML or JSON: exact values, matcher strings (`$any`, `$absent`,
 * `$regex:<re>`, `$number`, `$string`, `$null`), partial objects (extra keys allowed) and arrays matched
 * element-wise with the same length. `$$…` is a literal string starting with `$`.
 */
export class Matcher {
  constructor(
    readonly kind: 'any' | 'absent' | 'number' | 'string' | 'null' | 'regex',
    readonly source: string,
    readonly regex?: RegExp,
  ) {}
}

/**
 * `json` compares scalars strictly. `text` is for values that travel as text (XML leaves, headers, status): an
 * expected 10 matches "10", and `$number` accepts a numeric string.
 */
export type MatchMode = 'json' | 'text';

const SIMPLE_MATCHERS = new Set(['any', 'absent', 'number', 'string', 'null']);

/** The matcher a string denotes; undefined for plain strings (including `${...}` and `$$...`). Throws on typos. */
export function parseMatcher(text: string): Matcher | undefined {
  if (!text.startsWith('$') || text.startsWith('${') || text.startsWith('$$')) return undefined;
  const body = text.slice(1);
  if (body.startsWith('regex:')) {
    const source = body.slice('regex:'.length);
    try {
      return new Matcher('regex', text, new RegExp(source));
    } catch (err) {
      throw new Error(`${text}: invalid regular expression (${(err as Error).message})`);
    }
  }
  if (SIMPLE_MATCHERS.has(body)) return new Matcher(body as Matcher['kind'], text);
  throw new Error(
    `${text}: unknown matcher (use $any, $absent, $number, $string, $null, $regex:<re>, or $$ for a literal $)`,
  );
}

/** Every matcher-syntax error inside an expected tree, with its dot path (used by format validation). */
export function matcherErrors(expected: unknown, path: string): string[] {
  if (typeof expected === 'string') {
    try {
      parseMatcher(expected);
      return [];
    } catch (err) {
      return [`${path}: ${(err as Error).message}`];
    }
  }
  if (expected !== null && typeof expected === 'object') {
    return Object.entries(expected).flatMap(([key, value]) => matcherErrors(value, `${path}.${key}`));
  }
  return [];
}

/**
 * Turns matcher strings into Matchers and passes the other strings through `plain` (the scenario runner interpolates
 * `${...}` there), so a captured value is never a matcher. `$$…` becomes the literal `$…`.
 */
export function resolveMatchers(expected: unknown, plain: (text: string) => unknown = (text) => text): unknown {
  if (typeof expected === 'string') {
    const matcher = parseMatcher(expected);
    if (matcher) return matcher;
    return expected.startsWith('$$') ? expected.slice(1) : plain(expected);
  }
  if (Array.isArray(expected)) return expected.map((item) => resolveMatchers(item, plain));
  if (expected !== null && typeof expected === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(expected)) out[key] = resolveMatchers(value, plain);
    return out;
  }
  return expected;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function matcherAccepts(matcher: Matcher, actual: unknown, mode: MatchMode): boolean {
  switch (matcher.kind) {
    case 'any':
      return actual !== undefined;
    case 'absent':
      return actual === undefined;
    case 'null':
      return actual === null;
    case 'string':
      return typeof actual === 'string';
    case 'number':
      return (
        typeof actual === 'number' ||
        (mode === 'text' && typeof actual === 'string' && actual.trim() !== '' && Number.isFinite(Number(actual)))
      );
    case 'regex':
      return isScalar(actual) && (matcher.regex as RegExp).test(String(actual));
  }
}

/**
 * Compares a resolved expected tree with an actual value; returns one message per mismatch, each naming its dot
 * path (`json.previewResult.previewResultStatus: expected "SUCCESS", got "FAILURE"`). Empty means it matches.
 */
export function match(expected: unknown, actual: unknown, path: string, mode: MatchMode = 'json'): string[] {
  const mismatch = (what: string) => [`${path}: expected ${what}, got ${describeValue(actual)}`];
  if (expected instanceof Matcher) return matcherAccepts(expected, actual, mode) ? [] : mismatch(expected.source);
  if (Array.isArray(expected)) {
    // fast-xml-parser yields a lone repeated element as an object, not a one-element array.
    const items = Array.isArray(actual) ? actual : mode === 'text' && actual !== undefined ? [actual] : undefined;
    if (!items) return mismatch(`an array of ${expected.length}`);
    if (items.length !== expected.length) return mismatch(`${expected.length} item(s) (got ${items.length})`);
    return expected.flatMap((item, i) => match(item, items[i], `${path}.${i}`, mode));
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return mismatch('an object');
    return Object.entries(expected).flatMap(([key, value]) =>
      match(value, Object.hasOwn(actual, key) ? actual[key] : undefined, `${path}.${key}`, mode),
    );
  }
  const equal =
    mode === 'text' && isScalar(expected) && isScalar(actual)
      ? String(expected) === String(actual)
      : expected === actual;
  return equal ? [] : mismatch(describeValue(expected));
}
