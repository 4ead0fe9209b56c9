/**
 * HTTP content negotiation shared by vendors that speak more than one media type (JSON and XML by `Accept` /
 * `Content-Type`). Pure functions over header values: a vendor declares what an endpoint produces and consumes,
 * the result tells it which one to use, or that the answer is 406 (no acceptable response type) / 415 (unsupported
 * request body type).
 */

export interface MediaRange {
  type: string;
  subtype: string;
  /** Quality 0..1 (`q=`); 0 means "not acceptable". */
  q: number;
  /** Position in the header, to break ties in the client's order. */
  index: number;
}

/** Parses an `Accept` header into media ranges. Malformed entries are skipped rather than failing the request. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [];
  const ranges: MediaRange[] = [];
  header.split(',').forEach((part, index) => {
    const [essence = '', ...params] = part.split(';');
    const [type, subtype, extra] = essence.trim().toLowerCase().split('/');
    if (!type || !subtype || extra !== undefined) return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() !== 'q' || value === undefined) continue;
      const parsed = Number(value);
      q = Number.isFinite(parsed) ? Math.min(1, Math.max(0, parsed)) : 1;
    }
    ranges.push({ type, subtype, q, index });
  });
  return ranges;
}

/** `type/subtype` in lower case, without parameters (`application/json; charset=utf-8` → `application/json`). */
export function mediaEssence(value: string | undefined): string | undefined {
  const essence = value?.split(';')[0]?.trim().toLowerCase();
  return essence ? essence : undefined;
}

function specificity(range: MediaRange, offer: string): number {
  const [type, subtype] = offer.split('/');
  if (range.type === '*' && range.subtype === '*') return 1;
  if (range.type !== type) return -1;
  if (range.subtype === '*') return 2;
  return range.subtype === subtype ? 3 : -1;
}

/**
 * Picks the response media type among `offers` (in the server's preference order) for an `Accept` header.
 * No header (or an empty one) accepts anything: the first offer wins. Returns undefined when nothing offered is
 * acceptable (including a header with no parseable range) — the caller answers 406.
 */
export function negotiateAccept(header: string | undefined, offers: readonly string[]): string | undefined {
  const ranges = parseAccept(header);
  if (ranges.length === 0) return header !== undefined && header.trim() !== '' ? undefined : offers[0];
  let best: { offer: string; q: number; specificity: number; index: number; order: number } | undefined;
  offers.forEach((raw, order) => {
    const offer = raw.toLowerCase();
    // The most specific matching range decides the offer's quality (RFC 9110 §12.5.1).
    let match: MediaRange | undefined;
    let matchSpecificity = -1;
    for (const range of ranges) {
      const s = specificity(range, offer);
      if (s > matchSpecificity) {
        match = range;
        matchSpecificity = s;
      }
    }
    if (!match || match.q === 0) return;
    const candidate = { offer: raw, q: match.q, specificity: matchSpecificity, index: match.index, order };
    if (
      !best ||
      candidate.q > best.q ||
      (candidate.q === best.q && candidate.specificity > best.specificity) ||
      (candidate.q === best.q && candidate.specificity === best.specificity && candidate.index < best.index)
    )
      best = candidate;
  });
  return best?.offer;
}

/**
 * Matches a request's `Content-Type` against the types an endpoint consumes. Returns the matched type, or
 * undefined when the body type is missing or unsupported — the caller answers 415.
 */
export function matchContentType(header: string | undefined, consumes: readonly string[]): string | undefined {
  const essence = mediaEssence(header);
  if (!essence) return undefined;
  return consumes.find((type) => type.toLowerCase() === essence);
}
