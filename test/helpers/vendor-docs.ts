import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the vendor documents (`shared/vendor-docs/`), which live beside the repository (`../shared` of a clone,
 * as CI has it) or further up (a git worktree nested below the main checkout's parent). Throws when it is missing:
 * tests against the vendor's own files must not pass silently without them.
 */
export function vendorDocPath(...parts: string[]): string {
  let dir = fileURLToPath(new URL('../..', import.meta.url));
  for (;;) {
    const candidate = join(dir, '..', 'shared', 'vendor-docs', ...parts);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`vendor document not found: shared/vendor-docs/${parts.join('/')}`);
    dir = parent;
  }
}

/** The text of a vendor document, for tests that replay its examples as printed. */
export function vendorDocument(file: string): string {
  return readFileSync(vendorDocPath(file), 'utf8');
}

/** A correction of a document's invalid JSON (which the real service's parser refuses too), and why. */
export interface JsonFix {
  find: string;
  replace: string;
  why: string;
  /** How often `find` occurs in the document (default once). */
  times?: number;
}

export interface JsonExample {
  /** 1-based line of the document where the example starts. */
  line: number;
  /** The example's text as printed (after the fixes). */
  text: string;
  value: unknown;
}

/**
 * Every JSON example of a document, in order: a block starts at a line that is only `{`, `[` or `[{` and ends where
 * its brackets close (counted outside strings). The fixes are applied to the document first; each must match as
 * often as it says, so a fix that no longer applies is noticed.
 */
export function jsonExamples(document: string, fixes: readonly JsonFix[]): JsonExample[] {
  let text = document;
  for (const fix of fixes) {
    const parts = text.split(fix.find);
    if (parts.length - 1 !== (fix.times ?? 1)) throw new Error(`fix matches ${parts.length - 1} times: ${fix.why}`);
    text = parts.join(fix.replace);
  }
  const lines = text.split('\n');
  const examples: JsonExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*(\{|\[|\[\{)\s*$/.test(lines[i] as string)) continue;
    let depth = 0;
    let end = i;
    for (; end < lines.length; end++) {
      depth += bracketBalance(lines[end] as string);
      if (depth <= 0) break;
    }
    const block = lines.slice(i, end + 1).join('\n');
    examples.push({ line: i + 1, text: block, value: JSON.parse(block) });
    i = end;
  }
  return examples;
}

/** Opening minus closing brackets of one line, outside strings (a JSON string never spans lines). */
function bracketBalance(line: string): number {
  let balance = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') balance++;
    else if (ch === '}' || ch === ']') balance--;
  }
  return balance;
}

/** A JSON text without the whitespace between its tokens; numbers keep their printed form (`0.0` stays `0.0`). */
export function compactJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}
