import type { NearMiss } from './near-miss.ts';
import { type Redaction, redactHeaders } from './redact.ts';

/** Bounded, newest-first log of the vendor requests one sandbox received. */
export interface JournalEntry {
  id: number;
  /** Virtual time the request arrived (ISO). */
  time: string;
  method: string;
  vendor: string;
  /** The vendor operation the request reached; absent only for requests that matched none. */
  operation?: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseBody: string;
  faultRuleId?: string;
  /** The client went away before its body was complete (status 0): nothing was served. */
  aborted?: boolean;
  /** For a request that matched no operation: the closest declared operations and why each did not match. */
  nearMisses?: NearMiss[];
}

export interface JournalFilter {
  vendor?: string;
  /** Exact operation name. */
  operation?: string;
  path?: string;
  method?: string;
  status?: string;
  /** Only requests that matched no operation (the ones with near-misses). */
  unmatched?: boolean;
  limit?: number;
}

export interface JournalSettings {
  enabled: boolean;
  limit: number;
}

/** Bodies are kept for debugging, not archiving: a 10 MB bulk upload must not pin 10 MB per journal slot. */
export const MAX_BODY_CHARS = 8 * 1024;
export const DEFAULT_JOURNAL_LIMIT = 500;

/**
 * A copy of the first `MAX_BODY_CHARS` of `body` that does not keep `body` alive. A V8 `slice` (and a short string
 * taken from a longer one) points into the original: 700 journaled one-MB bodies kept 517 MB of RSS while each entry
 * showed 8 KiB. Encoding to UTF-8 and back yields a fresh flat string; the cut never splits a surrogate pair.
 */
export function snippet(body: string): string {
  if (body.length <= MAX_BODY_CHARS) return Buffer.from(body, 'utf8').toString('utf8');
  const high = body.charCodeAt(MAX_BODY_CHARS - 1);
  const end = high >= 0xd800 && high <= 0xdbff ? MAX_BODY_CHARS - 1 : MAX_BODY_CHARS;
  return `${Buffer.from(body.slice(0, end), 'utf8').toString('utf8')}…[${body.length - end} more]`;
}

/** `status` filter: exact code ("404") or class ("4xx"). */
function statusMatches(status: number, filter: string): boolean {
  const cls = /^([1-5])xx$/i.exec(filter);
  return cls ? Math.floor(status / 100) === Number(cls[1]) : String(status) === filter;
}

/**
 * A ring buffer: recording is O(1) whatever the limit (up to 100,000), where pushing and trimming the front of an
 * array would shift every kept entry on every request once the journal is full.
 */
export class RequestJournal {
  private slots: (JournalEntry | undefined)[] = [];
  /** Index of the oldest entry in `slots`. */
  private oldest = 0;
  private size = 0;
  private nextId = 1;
  settings: JournalSettings;

  constructor(settings: Partial<JournalSettings> = {}) {
    this.settings = { enabled: settings.enabled ?? true, limit: settings.limit ?? DEFAULT_JOURNAL_LIMIT };
  }

  configure(settings: Partial<JournalSettings>): void {
    // Re-laid oldest first from slot 0, so a new capacity (larger or smaller) indexes it correctly.
    const kept = [...this.newestFirst(settings.limit ?? this.settings.limit)].reverse();
    this.settings = { ...this.settings, ...settings };
    this.slots = kept;
    this.oldest = 0;
    this.size = kept.length;
  }

  /** Bodies are cut to a copied snippet; credentials redacted (the defaults, and what `redaction` adds for a vendor). */
  record(entry: Omit<JournalEntry, 'id'> & { redaction?: Redaction }): void {
    if (!this.settings.enabled) return;
    const { redaction } = entry;
    const redactBody = redaction?.body ?? ((text: string) => text);
    // Built field by field (one object shape for every entry); `operation` only where one matched, `faultRuleId`
    // only where a fault answered.
    const recorded: JournalEntry = {
      id: this.nextId++,
      time: entry.time,
      method: entry.method,
      vendor: entry.vendor,
      path: entry.path,
      query: entry.query,
      status: entry.status,
      durationMs: entry.durationMs,
      requestHeaders: redactHeaders(entry.requestHeaders, redaction),
      requestBody: redactBody(snippet(entry.requestBody)),
      responseBody: redactBody(snippet(entry.responseBody)),
    };
    if (entry.operation !== undefined) recorded.operation = entry.operation;
    if (entry.faultRuleId !== undefined) recorded.faultRuleId = entry.faultRuleId;
    if (entry.aborted) recorded.aborted = true;
    if (entry.nearMisses !== undefined) recorded.nearMisses = entry.nearMisses;
    const capacity = this.settings.limit;
    if (this.size < capacity) {
      this.slots[(this.oldest + this.size) % capacity] = recorded;
      this.size++;
    } else {
      this.slots[this.oldest] = recorded;
      this.oldest = (this.oldest + 1) % capacity;
    }
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const result: JournalEntry[] = [];
    const limit = filter.limit ?? this.settings.limit;
    for (const e of this.newestFirst(this.size)) {
      if (result.length >= limit) break;
      if (filter.vendor && e.vendor !== filter.vendor) continue;
      if (filter.operation && e.operation !== filter.operation) continue;
      if (filter.unmatched && e.operation !== undefined) continue;
      if (filter.method && e.method !== filter.method.toUpperCase()) continue;
      if (filter.path && !e.path.includes(filter.path)) continue;
      if (filter.status && !statusMatches(e.status, filter.status)) continue;
      result.push(e);
    }
    return result;
  }

  clear(): void {
    this.slots = [];
    this.oldest = 0;
    this.size = 0;
  }

  /** Up to `count` entries, newest first. */
  private *newestFirst(count: number): Generator<JournalEntry> {
    const capacity = this.settings.limit;
    for (let i = this.size - 1; i >= Math.max(0, this.size - count); i--) {
      yield this.slots[(this.oldest + i) % capacity] as JournalEntry;
    }
  }
}
