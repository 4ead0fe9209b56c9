import { unmarkJavaNumbers } from './java.ts';

/** JSON wire format: strict parsing that refuses prototype-polluting keys instead of silently merging them. */
export class JsonParseError extends Error {}

const FORBIDDEN_KEYS = new Set(['__proto__']);

export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new JsonParseError('Request body is empty; a JSON document is required');
  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = mayContainForbiddenKey(text)
      ? JSON.parse(text, (key, v: unknown) => {
          if (FORBIDDEN_KEYS.has(key)) forbidden = key;
          return v;
        })
      : JSON.parse(text);
  } catch (err) {
    throw new JsonParseError(`Malformed JSON: ${(err as Error).message}`);
  }
  if (forbidden) throw new JsonParseError(`Forbidden key in JSON body: ${forbidden}`);
  return value;
}

/**
 * A key can spell a forbidden name only literally or through `\u` escapes (no other JSON escape yields a letter or
 * `_`). Without either, the reviver — which takes JSON.parse off its fast path, on every request — is not needed.
 */
function mayContainForbiddenKey(text: string): boolean {
  if (text.includes('\\u')) return true;
  for (const key of FORBIDDEN_KEYS) if (text.includes(key)) return true;
  return false;
}

/** JSON text of a reply; Java doubles/floats a view marked (`java.ts`) are printed as Java prints them. */
export function serializeJson(value: unknown): string {
  return unmarkJavaNumbers(JSON.stringify(value));
}

export const JSON_CONTENT_TYPE = 'application/json';
