/**
 * YAML (block style) of plain JSON data, for the start-up banner: the default sandbox's credentials ready to paste
 * into a config file. Written here instead of with the `yaml` package so that `serve` does not load and warm up a
 * full YAML library to print twenty lines (the banner is part of start-up time). A string stays plain only when it
 * cannot read as anything else (starts with a letter, no `: `, no `#`, not a YAML keyword); every other one is written
 * JSON-quoted, which YAML reads back as the same string. Numbers that are not finite and `undefined` read as null.
 */
const PLAIN = /^[A-Za-z][\w .@/+\-:?=&%,]*$/;
const KEYWORDS = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

function scalar(value: unknown): string {
  if (typeof value === 'string') {
    const plain = PLAIN.test(value) && !KEYWORDS.test(value) && !value.includes(': ') && !/[ :]$/.test(value);
    return plain ? value : JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  return 'null';
}

const isCollection = (value: unknown): value is object => typeof value === 'object' && value !== null;
const isEmpty = (value: object) => (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);
const empty = (value: object) => (Array.isArray(value) ? '[]' : '{}');

/** `value` under `head` (`key:` or `-`): on the same line when it is a scalar or empty, else indented below. */
function entry(head: string, value: unknown, indent: string, out: string[]): void {
  if (!isCollection(value) || isEmpty(value)) {
    const text = isCollection(value) ? empty(value) : scalar(value);
    out.push(`${indent}${head} ${text}`);
  } else if (Array.isArray(value) || head !== '-') {
    out.push(`${indent}${head}`);
    lines(value, `${indent}  `, out);
  } else {
    // A mapping in a sequence starts on the dash's line: `- id: 125`, then its other keys aligned below.
    const nested: string[] = [];
    lines(value, `${indent}  `, nested);
    out.push(`${indent}- ${(nested[0] ?? '').trimStart()}`, ...nested.slice(1));
  }
}

function lines(value: object, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) entry('-', item, indent, out);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) entry(`${scalar(key)}:`, item, indent, out);
  }
}

/** Block YAML of `value` (an object or array of JSON data), no trailing newline. */
export function plainYaml(value: object): string {
  if (isEmpty(value)) return empty(value);
  const out: string[] = [];
  lines(value, '', out);
  return out.join('\n');
}
