/**
 * `${a.b.0.c}` references inside scenario strings. A string that is exactly one reference takes the referenced
 * value with its type (a captured number stays a number); otherwise references are spliced in as text. `$${` is a
 * literal `${`.
 */
export class InterpolationError extends Error {}

const REFERENCE = /\$?\$\{([^}]*)\}/g;
const WHOLE_REFERENCE = /^\$\{([^}]*)\}$/;

/** Value at a dot path (`a.b.0.c`; array indexes are numbers); undefined when any segment is missing. */
export function getPath(root: unknown, path: string): unknown {
  if (path === '' || path === '.') return root;
  let current = root;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function lookup(expression: string, context: Record<string, unknown>): unknown {
  const path = expression.trim();
  const value = getPath(context, path);
  if (value !== undefined) return value;
  const [root] = path.split('.');
  const known = root !== undefined && context[root] && typeof context[root] === 'object';
  const hint = known
    ? `known ${root} keys: ${Object.keys(context[root] as object).join(', ') || '(none)'}`
    : `references start with ${Object.keys(context).join(', ')}`;
  throw new InterpolationError(`\${${path}} refers to nothing (${hint})`);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function interpolateString(text: string, context: Record<string, unknown>): unknown {
  const whole = WHOLE_REFERENCE.exec(text);
  if (whole) return lookup(whole[1] as string, context);
  if (!text.includes('${')) return text;
  return text.replace(REFERENCE, (match: string, expression: string) =>
    match.startsWith('$$') ? match.slice(1) : asText(lookup(expression, context)),
  );
}

/** Deep copy of `value` with every string interpolated (keys are left as written). */
export function interpolate(value: unknown, context: Record<string, unknown>): unknown {
  if (typeof value === 'string') return interpolateString(value, context);
  if (Array.isArray(value)) return value.map((item) => interpolate(item, context));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = interpolate(item, context);
    return out;
  }
  return value;
}

/** Interpolates a value that must end up as text (paths, header and query values). */
export function interpolateText(value: string | number | boolean, context: Record<string, unknown>): string {
  return typeof value === 'string' ? asText(interpolateString(value, context)) : String(value);
}
