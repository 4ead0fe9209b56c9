/**
 * Bounds a body is checked against before it is parsed: parsing is the expensive step (JSON.parse makes about one
 * value per structure token; fast-xml-parser spends microseconds per tag), so a body that would take seconds — or the
 * whole heap — is refused from a native scan first. Vendors choose the numbers and the error.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const isOpener = (ch: number) => ch === 0x5b || ch === 0x7b; // [ {
const isCloser = (ch: number) => ch === 0x5d || ch === 0x7d; // ] }

/** Skips the JSON string that opens at `i` (a quote); returns the index of its closing quote. */
function endOfString(text: string, i: number): number {
  for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
  return i;
}

export interface ListBounds {
  /** Most elements of the top-level array. */
  elements: number;
  /** Most structure tokens (`{`, `[`, `,` outside strings) in the whole text. */
  tokens: number;
}

/** How many times `char` occurs in `text`, counting no further than `stop` (a native scan). */
export function occurrences(text: string, char: string, stop: number): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0 && n <= stop; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/**
 * True when `text` passes either bound, counted in one pass without parsing: a 500 MiB body of `{}` entries holds
 * 175 million of them and would keep JSON.parse busy for minutes or exhaust the heap. Commas, braces and brackets
 * inside strings do not count, nor do commas inside nested values for the element bound. Texts with too few of those
 * characters anywhere to pass either bound are ruled out by native scans first (a body of 5,000,000 document-shaped
 * entries has 10 million commas and 15 million tokens).
 */
export function exceedsListBounds(text: string, bounds: ListBounds): boolean {
  const commas = occurrences(text, ',', Math.max(bounds.elements, bounds.tokens));
  const structure = commas + occurrences(text, '{', bounds.tokens) + occurrences(text, '[', bounds.tokens);
  if (commas < bounds.elements && structure <= bounds.tokens) return false;
  let depth = 0;
  let separators = 0;
  let tokens = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      i = endOfString(text, i);
      continue;
    }
    if (isCloser(ch)) depth--;
    else if (isOpener(ch) || ch === COMMA) {
      if (++tokens > bounds.tokens) return true;
      if (isOpener(ch)) depth++;
      else if (depth === 1 && ++separators >= bounds.elements) return true;
    }
  }
  return false;
}
