/** Bounded, newest-first log of the vendor requests one sandbox received. */
export interface JournalEntry {
  id: number;
  /** Virtual time the request arrived (ISO). */
  time: string;
  method: string;
  vendor: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseBody: string;
  faultRuleId?: string;
}

export interface JournalFilter {
  vendor?: string;
  path?: string;
  method?: string;
  status?: string;
  limit?: number;
}

export interface JournalSettings {
  enabled: boolean;
  limit: number;
}

/** Bodies are kept for debugging, not archiving: a 10 MB bulk upload must not pin 10 MB per journal slot. */
export const MAX_BODY_CHARS = 8 * 1024;
export const DEFAULT_JOURNAL_LIMIT = 500;

function truncate(body: string): string {
  return body.length > MAX_BODY_CHARS
    ? `${body.slice(0, MAX_BODY_CHARS)}…[${body.length - MAX_BODY_CHARS} more]`
    : body;
}

/** `status` filter: exact code ("404") or class ("4xx"). */
function statusMatches(status: number, filter: string): boolean {
  const cls = /^([1-5])xx$/i.exec(filter);
  return cls ? Math.floor(status / 100) === Number(cls[1]) : String(status) === filter;
}

export class RequestJournal {
  private entries: JournalEntry[] = [];
  private nextId = 1;
  settings: JournalSettings;

  constructor(settings: Partial<JournalSettings> = {}) {
    this.settings = { enabled: settings.enabled ?? true, limit: settings.limit ?? DEFAULT_JOURNAL_LIMIT };
  }

  configure(settings: Partial<JournalSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.trim();
  }

  record(entry: Omit<JournalEntry, 'id'>): void {
    if (!this.settings.enabled) return;
    this.entries.push({
      ...entry,
      id: this.nextId++,
      requestBody: truncate(entry.requestBody),
      responseBody: truncate(entry.responseBody),
    });
    this.trim();
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const result: JournalEntry[] = [];
    const limit = filter.limit ?? this.settings.limit;
    for (let i = this.entries.length - 1; i >= 0 && result.length < limit; i--) {
      const e = this.entries[i] as JournalEntry;
      if (filter.vendor && e.vendor !== filter.vendor) continue;
      if (filter.method && e.method !== filter.method.toUpperCase()) continue;
      if (filter.path && !e.path.includes(filter.path)) continue;
      if (filter.status && !statusMatches(e.status, filter.status)) continue;
      result.push(e);
    }
    return result;
  }

  clear(): void {
    this.entries = [];
  }

  private trim(): void {
    const excess = this.entries.length - this.settings.limit;
    if (excess > 0) this.entries.splice(0, excess);
  }
}
