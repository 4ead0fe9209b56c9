/** JSON wire format: strict parsing that refuses prototype-polluting keys instead of silently merging them. */
export class JsonParseError extends Error {}

const FORBIDDEN_KEYS = new Set(['__proto__']);

export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new JsonParseError('Request body is empty; a JSON document is required');
  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden = key;
      return v;
    });
  } catch (err) {
    throw new JsonParseError(`Malformed JSON: ${(err as Error).message}`);
  }
  if (forbidden) throw new JsonParseError(`Forbidden key in JSON body: ${forbidden}`);
  return value;
}

export function serializeJson(value: unknown): string {
  return JSON.stringify(value);
}

export const JSON_CONTENT_TYPE = 'application/json';
