/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The dashboard's browser script (`/__admin/ui`): plain DOM code on the admin JSON API, bundled by esbuild into one
 * small script (scripts/build.mjs). It polls (once a second) instead of holding connections open, and re-renders
 * only data tables, never the forms a user may be typing in.
 */
import type { ListedFaultRule } from '../../faults.ts';
import type { JobView } from '../../jobs.ts';
import type { JournalEntry } from '../../journal.ts';
import type { EntityCollection } from '../../vendor.ts';
import { pretty } from './pretty.ts';

type Json = Record<string, unknown>;

interface SandboxView {
  id: string;
  seed: number;
  default: boolean;
  clock: { now: string; frozen: boolean };
  vendors: Record<string, Json>;
}

type FaultRule = ListedFaultRule;

const POLL_MS = 1000;
const ADMIN = '/__admin';

// ---- DOM helpers ---------------------------------------------------------------------------------------------------

type Child = Node | string | number | boolean | null | undefined;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false) el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'object' ? child : String(child));
  }
  return el;
}

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function replace(container: HTMLElement, ...children: Child[]): void {
  container.replaceChildren(
    ...children
      .filter((c): c is Node | string => c !== null && c !== undefined && c !== false)
      .map((c) => (typeof c === 'number' ? String(c) : c)),
  );
}

function table(columns: string[], rows: Child[][], caption: string, stateColumn?: number): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...rows.map((cells) =>
        h(
          'tr',
          {},
          ...cells.map((cell, i) =>
            h('td', i === stateColumn ? { class: 'state' } : {}, typeof cell === 'boolean' ? String(cell) : cell),
          ),
        ),
      ),
    ),
  );
}

// ---- Admin API --------------------------------------------------------------------------------------------------------

class ApiError extends Error {}

/**
 * The admin token (`--admin-token`), when the simulator has one: asked for once, on the first 401, and kept in this
 * tab's sessionStorage (gone when the tab closes; never in a cookie, so no other site can make the browser send it).
 */
const TOKEN_KEY = 'campaign-sim.adminToken';
let asking: Promise<string | null> | undefined;

/** A token to retry with after a 401 to a call sent with `sent`; null when the user gives none. */
function tokenAfterRefusal(sent: string | null): Promise<string | null> {
  const stored = sessionStorage.getItem(TOKEN_KEY);
  // Entered meanwhile (for another call refused at the same time): no need to ask again.
  if (stored !== sent) return Promise.resolve(stored);
  // Several calls refused at once share one question.
  asking ??= Promise.resolve().then(() => {
    const token = window.prompt(
      sent ? 'Wrong admin token. Admin token of this simulator:' : 'Admin token of this simulator (--admin-token):',
    );
    if (token) sessionStorage.setItem(TOKEN_KEY, token.trim());
    asking = undefined;
    return token ? token.trim() : null;
  });
  return asking;
}

async function api<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
  const send = (token: string | null) =>
    fetch(`${ADMIN}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let token = sessionStorage.getItem(TOKEN_KEY);
  let res = await send(token);
  // Asked until a token is accepted or the user cancels (then the call fails with the 401's message).
  while (res.status === 401) {
    const next = await tokenAfterRefusal(token);
    if (!next) break;
    token = next;
    res = await send(token);
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as T & { error?: { message: string } };
  if (!res.ok) throw new ApiError(data.error?.message ?? `HTTP ${res.status}`);
  return data;
}

/** Shown in the status line (a live region, so screen readers hear it). */
function say(message: string, isError = false): void {
  const status = byId('status');
  status.textContent = message;
  status.className = isError ? 'error' : '';
}

/** Runs a user action: errors end up in the status line, never as an unhandled rejection. */
function act(run: () => Promise<unknown>, done?: string): void {
  run().then(
    () => {
      if (done) say(done);
      void refresh();
    },
    (err: unknown) => say((err as Error).message, true),
  );
}

// ---- State ---------------------------------------------------------------------------------------------------------

let vendors: { id: string; title: string; openapi: string }[] = [];
let sandboxes: SandboxView[] = [];
let selected: string = decodeURIComponent(/sandbox=([^&]+)/.exec(location.hash)?.[1] ?? 'default');
let journal: JournalEntry[] = [];

function select(id: string): void {
  selected = id;
  history.replaceState(null, '', `#sandbox=${encodeURIComponent(id)}`);
  byId('entry').replaceChildren();
  void refresh();
}

const sandboxPath = () => `/sandboxes/${encodeURIComponent(selected)}`;

// ---- Sandboxes -------------------------------------------------------------------------------------------------------

function renderSandboxes(): void {
  replace(
    byId('sandbox-list'),
    ...sandboxes.map((s) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: s.id === selected ? 'current' : '',
            'aria-current': s.id === selected ? 'true' : 'false',
            onclick: () => select(s.id),
          },
          s.id,
        ),
        h('span', { class: 'muted' }, ` seed ${s.seed}`),
      ),
    ),
  );
}

function createSandbox(event: Event): void {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const body: Json = {};
  if (field('id')) body.id = field('id');
  if (field('seed')) body.seed = Number(field('seed'));
  const frozen = (form.elements.namedItem('frozen') as HTMLInputElement).checked;
  if (field('now') || frozen) body.clock = { ...(field('now') ? { now: field('now') } : {}), frozen };
  if (field('options')) {
    try {
      body.options = JSON.parse(field('options'));
    } catch {
      say('Vendor options must be JSON, e.g. {"symbee": {"recordsPerCampaign": 20}}', true);
      return;
    }
  }
  act(async () => {
    const created = await api<SandboxView>('POST', '/sandboxes', body);
    form.reset();
    select(created.id);
    say(`Sandbox ${created.id} created`);
  });
}

// ---- One sandbox ----------------------------------------------------------------------------------------------------

function renderSandboxHeader(sandbox: SandboxView | undefined): void {
  byId('sandbox-title').textContent = sandbox ? `Sandbox ${sandbox.id}` : `Sandbox ${selected} (not found)`;
  const del = byId<HTMLButtonElement>('delete');
  del.disabled = !sandbox || sandbox.default;
  byId<HTMLButtonElement>('reset').disabled = !sandbox;
}

function renderClock(sandbox: SandboxView): void {
  byId('clock-now').textContent = sandbox.clock.now;
  byId('clock-state').textContent = sandbox.clock.frozen ? 'frozen' : 'running';
  byId('freeze').textContent = sandbox.clock.frozen ? 'Unfreeze' : 'Freeze';
  byId('freeze').dataset.frozen = String(sandbox.clock.frozen);
}

function advanceClock(event: Event): void {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const amount = Number((form.elements.namedItem('amount') as HTMLInputElement).value);
  const unit = Number((form.elements.namedItem('unit') as HTMLSelectElement).value);
  if (!Number.isFinite(amount) || amount < 0) return say('Advance by a number ≥ 0', true);
  act(() => api('POST', `${sandboxPath()}/clock`, { advanceMs: Math.round(amount * unit) }), 'Clock advanced');
}

function toggleFreeze(): void {
  const frozen = byId('freeze').dataset.frozen === 'true';
  act(() => api('POST', `${sandboxPath()}/clock`, { frozen: !frozen }), frozen ? 'Clock running' : 'Clock frozen');
}

// ---- Journal -------------------------------------------------------------------------------------------------------

function journalQuery(): string {
  const params = new URLSearchParams({ limit: '200' });
  for (const name of ['vendor', 'operation', 'status', 'path']) {
    const value = byId<HTMLInputElement>(`filter-${name}`).value.trim();
    if (value) params.set(name, value);
  }
  if (byId<HTMLInputElement>('filter-unmatched').checked) params.set('unmatched', 'true');
  return params.toString();
}

function renderJournal(): void {
  const rows = journal.map((e) => [
    e.time.replace('T', ' ').replace('Z', ''),
    e.vendor,
    e.operation ?? h('span', { class: 'bad' }, `none${e.nearMisses?.length ? ` (${e.nearMisses.length} near)` : ''}`),
    e.method,
    h('button', { type: 'button', class: 'link', onclick: () => openJournalEntry(e.id) }, e.path),
    h('span', { class: e.status >= 400 || e.status === 0 ? 'bad' : 'good' }, e.status || 'dropped'),
    e.durationMs,
    e.faultRuleId ?? '',
  ]);
  replace(
    byId('journal'),
    journal.length === 0
      ? h('p', { class: 'muted' }, 'No requests journaled (yet) for this filter.')
      : table(
          ['time (virtual)', 'vendor', 'operation', 'method', 'path', 'status', 'ms', 'fault'],
          rows,
          `${journal.length} request(s), newest first`,
        ),
  );
}

function openJournalEntry(id: number): void {
  const entry = journal.find((e) => e.id === id);
  if (!entry) return;
  const headers = Object.entries(entry.requestHeaders).map(([k, v]) => [k, v]);
  replace(
    byId('entry'),
    h(
      'h3',
      { id: 'entry-title', tabindex: '-1' },
      `${entry.method} ${entry.path}${entry.query ? `?${entry.query}` : ''} → ${entry.status}`,
    ),
    h('button', { type: 'button', onclick: () => byId('entry').replaceChildren() }, 'Close'),
    entry.operation === undefined ? nearMissTable(entry) : null,
    table(['header', 'value'], headers, 'Request headers'),
    h('h4', {}, 'Request body'),
    h('pre', { class: 'body', 'aria-label': 'request body' }, pretty(entry.requestBody) || '(empty)'),
    h('h4', {}, 'Response body'),
    h('pre', { class: 'body', 'aria-label': 'response body' }, pretty(entry.responseBody) || '(empty)'),
  );
  byId('entry-title').focus();
}

/** For a request that matched no operation: the closest operations and why each did not match. */
function nearMissTable(entry: JournalEntry): Child {
  const misses = entry.nearMisses ?? [];
  if (misses.length === 0) return h('p', { class: 'muted' }, 'Matched no operation, and none is near.');
  return table(
    ['operation', 'vendor', 'method', 'path', 'why it did not match'],
    misses.map((m) => [m.operation, m.vendor, m.method, m.path, h('ul', {}, ...m.reasons.map((r) => h('li', {}, r)))]),
    'Matched no operation — the closest ones (near misses)',
  );
}

// ---- Faults --------------------------------------------------------------------------------------------------------

function describeAction(a: FaultRule['action']): string {
  if (a.type === 'status') return `status ${a.status}`;
  if (a.type === 'latency') return `latency ${a.ms} ms`;
  if (a.type === 'rateLimit') return `rate limit ${a.limit}/${a.windowMs} ms`;
  return a.type;
}

function renderFaults(faults: FaultRule[]): void {
  replace(
    byId('faults'),
    faults.length === 0
      ? h('p', { class: 'muted' }, 'No fault rules.')
      : table(
          ['id', 'vendor', 'method', 'path', 'action', 'times', 'probability', 'fired', 'state', ''],
          faults.map((f) => [
            f.id,
            f.vendor ?? 'any',
            f.method ?? 'any',
            f.path ?? 'any',
            describeAction(f.action),
            f.times ?? '∞',
            f.probability ?? '',
            h('span', { class: 'fired' }, f.fired),
            f.state ?? 'active',
            h(
              'button',
              {
                type: 'button',
                'aria-label': `Remove ${f.id}`,
                onclick: () => act(() => api('DELETE', `${sandboxPath()}/faults/${f.id}`), `${f.id} removed`),
              },
              'Remove',
            ),
          ]),
          'Fault rules and how often each fired',
          8,
        ),
  );
}

function addFault(event: Event): void {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const type = value('type');
  const action: Json = { type };
  if (type === 'status') action.status = Number(value('status') || 503);
  if (type === 'latency') action.ms = Number(value('ms') || 1000);
  if (type === 'rateLimit') Object.assign(action, { limit: Number(value('limit') || 1), windowMs: 1000 });
  const rule: Json = { action };
  for (const name of ['vendor', 'method', 'path']) if (value(name)) rule[name] = value(name);
  if (value('times')) rule.times = Number(value('times'));
  if (value('probability')) rule.probability = Number(value('probability'));
  act(async () => {
    const added = await api<FaultRule>('POST', `${sandboxPath()}/faults`, rule);
    say(`${added.id} added`);
  });
}

// ---- Entities, vendors, jobs ------------------------------------------------------------------------------------

function renderEntities(views: Record<string, EntityCollection[]>): void {
  replace(
    byId('entities'),
    ...Object.entries(views).map(([vendor, collections]) =>
      h(
        'section',
        { 'aria-label': `${vendor} entities` },
        h('h3', {}, vendor),
        ...collections.map((c) =>
          table(
            c.columns,
            c.rows,
            `${c.title} (${c.total}${c.rows.length < c.total ? `, first ${c.rows.length} shown` : ''})`,
            c.stateColumn ? c.columns.indexOf(c.stateColumn) : undefined,
          ),
        ),
      ),
    ),
  );
}

function renderVendors(sandbox: SandboxView): void {
  replace(
    byId('vendors'),
    ...vendors.map((v) =>
      h(
        'details',
        {},
        h('summary', {}, `${v.title} (${v.id})`),
        h('p', {}, h('a', { href: v.openapi }, 'OpenAPI document'), ' — credentials and base URL in this sandbox:'),
        h('pre', { class: 'body' }, JSON.stringify(sandbox.vendors[v.id] ?? {}, null, 2)),
      ),
    ),
  );
}

function renderJobs(jobs: JobView[]): void {
  const recent = jobs.slice(-5).reverse();
  replace(
    byId('jobs'),
    recent.length === 0
      ? h('p', { class: 'muted' }, 'No admin jobs.')
      : h(
          'ul',
          {},
          ...recent.map((j) =>
            h(
              'li',
              {},
              `${j.kind}: ${j.state} `,
              h('progress', {
                max: String(j.total || 1),
                value: String(j.total ? j.done : 0),
                'aria-label': `${j.id} progress`,
              }),
              ` ${j.done.toLocaleString()} / ${j.total.toLocaleString()}`,
            ),
          ),
        ),
  );
}

// ---- Polling -------------------------------------------------------------------------------------------------------

let refreshing: Promise<void> | undefined;

function refresh(): Promise<void> {
  refreshing ??= load().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

async function load(): Promise<void> {
  try {
    const [list, jobs] = await Promise.all([
      api<{ sandboxes: SandboxView[] }>('GET', '/sandboxes'),
      api<{ jobs: JobView[] }>('GET', '/jobs'),
    ]);
    sandboxes = list.sandboxes;
    renderSandboxes();
    renderJobs(jobs.jobs);
    const sandbox = sandboxes.find((s) => s.id === selected);
    renderSandboxHeader(sandbox);
    byId('sandbox').hidden = !sandbox;
    if (!sandbox) return;
    const [fresh, requests, faults, entities] = await Promise.all([
      api<SandboxView>('GET', sandboxPath()),
      api<{ requests: JournalEntry[] }>('GET', `${sandboxPath()}/requests?${journalQuery()}`),
      api<{ faults: FaultRule[] }>('GET', `${sandboxPath()}/faults`),
      api<{ vendors: Record<string, EntityCollection[]> }>('GET', `${sandboxPath()}/entities?limit=25`),
    ]);
    renderClock(fresh);
    journal = requests.requests;
    renderJournal();
    renderFaults(faults.faults);
    renderEntities(entities.vendors);
    if (!byId('vendors').querySelector('details[open]')) renderVendors(fresh);
    byId('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (err) {
    say(`Could not reach the simulator: ${(err as Error).message}`, true);
  }
}

async function start(): Promise<void> {
  vendors = (await api<{ vendors: typeof vendors }>('GET', '/vendors')).vendors;
  const vendorSelects = [byId<HTMLSelectElement>('filter-vendor'), byId<HTMLSelectElement>('fault-vendor')];
  for (const select of vendorSelects) for (const v of vendors) select.append(h('option', { value: v.id }, v.id));
  byId('create-form').addEventListener('submit', createSandbox);
  byId('clock-form').addEventListener('submit', advanceClock);
  byId('freeze').addEventListener('click', toggleFreeze);
  byId('fault-form').addEventListener('submit', addFault);
  byId('journal-filter').addEventListener('input', () => void refresh());
  byId('journal-filter').addEventListener('submit', (e) => e.preventDefault());
  byId('clear-journal').addEventListener('click', () =>
    act(() => api('DELETE', `${sandboxPath()}/requests`), 'Journal cleared'),
  );
  byId('clear-faults').addEventListener('click', () =>
    act(() => api('DELETE', `${sandboxPath()}/faults`), 'Fault rules cleared'),
  );
  byId('reset').addEventListener('click', () =>
    act(() => api('POST', `${sandboxPath()}/reset`, {}), `Sandbox ${selected} reset`),
  );
  byId('delete').addEventListener('click', () => {
    if (!confirm(`Delete sandbox ${selected}?`)) return;
    act(async () => {
      await api('DELETE', sandboxPath());
      select('default');
    }, 'Sandbox deleted');
  });
  const loop = async () => {
    if (!document.hidden) await refresh();
    setTimeout(() => void loop(), POLL_MS);
  };
  await loop();
}

void start();
