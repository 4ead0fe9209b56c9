import { exceedsListBounds } from '../core/bounds.ts';
import type { VendorError } from '../core/errors.ts';
import { obiError } from './errors.ts';

/**
 * Bounds of one request body (assumed: the document only recommends "a maximum of 100" customers per list and says
 * it "can vary"). Every sandbox shares one process, so one request must not hold it for long: 3,000,000 `{}` items
 * (9 MB) kept it busy 45 s, an XML body of 7 million children 28 s. At these bounds a request takes well under
 * 250 ms (bench: `npm run bench -- --only abuse`). Beyond them: 413 `{statusCode, error}`, checked before parsing.
 */
export const MAX_LIST_ITEMS = 1000;
/**
 * Bytes of one body: a list of 1,000 document-shaped customers is ~0.3 MB in JSON and ~0.5 MB in XML. Reading,
 * decoding and joining a body costs time of its own before any bound can be checked (28 MB: ~0.5 s); a declared
 * length beyond this is refused without reading.
 */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** JSON `{`, `[` and `,` outside strings: a document-shaped customer takes ~15–30, so 40 per item leaves room. */
export const MAX_JSON_TOKENS = 40 * MAX_LIST_ITEMS;
/** XML tags (`<`, closing tags included): a document-shaped customer takes ~20–40. */
export const MAX_XML_TAGS = 40 * MAX_LIST_ITEMS;

export function tooLarge(message: string): VendorError {
  return obiError(413, message);
}

/** Refuses a JSON body beyond the bounds without parsing it. */
export function checkJsonBounds(raw: string): void {
  if (exceedsListBounds(raw, { elements: MAX_LIST_ITEMS, tokens: MAX_JSON_TOKENS })) {
    throw tooLarge(
      `Request body too large: at most ${MAX_LIST_ITEMS} items and ${MAX_JSON_TOKENS} JSON structure tokens per request`,
    );
  }
}

/** Refuses a parsed list beyond the item bound (XML items are counted once parsed: the tag bound came first). */
export function checkListLength(items: readonly unknown[]): void {
  if (items.length > MAX_LIST_ITEMS) {
    throw tooLarge(`Request body too large: at most ${MAX_LIST_ITEMS} items per request, got ${items.length}`);
  }
}
