import type { WorkedState } from '../../contracts/symbee/schemas.ts';

/**
 * A Symbee task as the simulator holds it. A sandbox may hold 5,000,000 of them within Node's default heap, so a
 * record is one object of fixed shape plus its strings: its data keeps the values in one array and shares the keys and
 * display orders (the same for nearly every record of a campaign) with every record of the same layout, and an empty
 * `workCodes` is one shared array. Saved and compared as the plain object it stands for (`toJSON`).
 */

export interface DataItem {
  key: string;
  value: string;
  displayOrder: number;
}

export interface WorkCode {
  key: string;
  value: string;
}

/** The keys and display orders of a record's data: immutable, shared by every record with the same ones. */
export class DataLayout {
  private sorted?: readonly number[];

  constructor(
    readonly keys: readonly string[],
    readonly orders: readonly number[],
  ) {}

  /** Item positions by display order (stable: equal orders keep their stored order), computed once per layout. */
  byDisplayOrder(): readonly number[] {
    this.sorted ??= this.keys.map((_, i) => i).sort((a, b) => (this.orders[a] as number) - (this.orders[b] as number));
    return this.sorted;
  }
}

/**
 * Layouts in use, by their keys and orders. Bounded: past the bound a new layout is simply not shared (correct, only
 * bigger), so callers sending a different set of keys with every record cannot grow this table without limit.
 */
const LAYOUTS = new Map<string, DataLayout>();
const MAX_SHARED_LAYOUTS = 10_000;

/** The layout asked for last: records come in runs of the same one (a bulk load, a restore), found without a key. */
let lastLayout = new DataLayout([], []);

export function layoutOf(keys: readonly string[], orders: readonly number[]): DataLayout {
  if (sameItems(lastLayout.keys, keys) && sameItems(lastLayout.orders, orders)) return lastLayout;
  const id = JSON.stringify([keys, orders]);
  let layout = LAYOUTS.get(id);
  if (!layout) {
    layout = new DataLayout(Object.freeze([...keys]), Object.freeze([...orders]));
    if (LAYOUTS.size < MAX_SHARED_LAYOUTS) LAYOUTS.set(id, layout);
  }
  lastLayout = layout;
  return layout;
}

/** The layout of `items` (as `layoutOf`, without building the key and order arrays when it is the last one). */
export function layoutOfItems(items: readonly DataItem[]): DataLayout {
  const { keys, orders } = lastLayout;
  let same = keys.length === items.length;
  for (let i = 0; same && i < items.length; i++) {
    const item = items[i] as DataItem;
    same = keys[i] === item.key && Object.is(orders[i], item.displayOrder);
  }
  if (same) return lastLayout;
  return layoutOf(
    items.map((d) => d.key),
    items.map((d) => d.displayOrder),
  );
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * One instance of each short string many records repeat (campaign, queue, zone, agents, state, clientId field name).
 * Records made by code share them already; records read back from a file would each hold their own copies
 * (`JSON.parse` makes a new string for every value): 611 heap bytes a restored record instead of 571 at 1,000,000
 * (`bench/record-memory.ts`), 0.2 GB of 5,000,000. Bounded as the layouts are: past the bound a string is simply not
 * shared.
 */
const SHARED_STRINGS = new Map<string, string>();
const MAX_SHARED_STRINGS = 10_000;

export function shared<T extends string | null>(text: T): T {
  if (text === null) return text;
  const known = SHARED_STRINGS.get(text);
  if (known !== undefined) return known as T;
  if (SHARED_STRINGS.size < MAX_SHARED_STRINGS) SHARED_STRINGS.set(text, text);
  return text;
}

/** One array for every record without work codes (a record's codes are replaced whole, never changed in place). */
export const NO_WORK_CODES: readonly WorkCode[] = Object.freeze([]);

/**
 * A string as one flat sequence of characters. V8 builds `a + b` as a rope pointing at both parts (and keeps a whole
 * string alive for a `slice` of it); converting to a number flattens the rope in place, and the collector then drops
 * the rope's shell. Worth it for strings kept by millions of records.
 */
export function flat(text: string): string {
  if (text.length >= 13) void Number(text);
  return text;
}

export class SymbeeRecord {
  id: string;
  clientId: string;
  campaign: string;
  clientIdFieldName: string;
  /** Keys and display orders of `values` (shared). */
  layout: DataLayout;
  /** The data's values, in the layout's order (this record's own array). */
  values: string[];
  preferredAgent: string;
  /**
   * Start of the 30-minute preferred-agent hold: when the preference was set, or when an API change last made the
   * task deliverable. The hold ends 30 minutes after max(this, nextEarliestWorkTime).
   */
  preferredSince: number;
  skillQueue: string;
  timeZone: string | null;
  createdTime: number;
  lastUpdatedTime: number;
  nextEarliestWorkTime: number | null;
  workedState: WorkedState;
  workAttempts: number;
  lastAttemptAgent: string | null;
  lastAttemptTime: number | null;
  workCodes: readonly WorkCode[];

  constructor(
    saved: Omit<SavedRecord, 'data' | 'workCodes'> & { data: readonly DataItem[]; workCodes: readonly WorkCode[] },
  ) {
    this.id = flat(saved.id);
    this.clientId = flat(saved.clientId);
    this.campaign = shared(saved.campaign);
    this.clientIdFieldName = shared(saved.clientIdFieldName);
    this.layout = layoutOfItems(saved.data);
    // The clientId's own item holds the same text: one string for both (a record read back has two copies).
    this.values = saved.data.map((d) => (d.value === this.clientId ? this.clientId : flat(d.value)));
    this.preferredAgent = shared(saved.preferredAgent);
    this.preferredSince = saved.preferredSince;
    this.skillQueue = shared(saved.skillQueue);
    this.timeZone = shared(saved.timeZone);
    this.createdTime = saved.createdTime;
    this.lastUpdatedTime = saved.lastUpdatedTime;
    this.nextEarliestWorkTime = saved.nextEarliestWorkTime;
    this.workedState = shared(saved.workedState);
    this.workAttempts = saved.workAttempts;
    this.lastAttemptAgent = shared(saved.lastAttemptAgent);
    this.lastAttemptTime = saved.lastAttemptTime;
    this.workCodes = saved.workCodes.length === 0 ? NO_WORK_CODES : saved.workCodes;
  }

  /** The data items, in stored order (fresh objects). */
  get data(): DataItem[] {
    const { keys, orders } = this.layout;
    return this.values.map((value, i) => ({ key: keys[i] as string, value, displayOrder: orders[i] as number }));
  }

  /** Replaces the data whole. */
  set data(items: readonly DataItem[]) {
    this.layout = layoutOfItems(items);
    this.values = items.map((d) => flat(d.value));
  }

  hasDataKey(key: string): boolean {
    return this.layout.keys.includes(key);
  }

  /** Sets one item's value, or appends the item after the highest display order (assumed). */
  setDataItem(key: string, value: string): void {
    const { keys, orders } = this.layout;
    const at = keys.indexOf(key);
    if (at >= 0) {
      this.values[at] = value;
      return;
    }
    this.layout = layoutOf([...keys, key], [...orders, Math.max(0, ...orders) + 1]);
    this.values.push(value);
  }

  /** The data as the API shows it: by display order (fresh objects). */
  dataByDisplayOrder(): DataItem[] {
    const { keys, orders } = this.layout;
    return this.layout.byDisplayOrder().map((i) => ({
      key: keys[i] as string,
      value: this.values[i] as string,
      displayOrder: orders[i] as number,
    }));
  }

  /** The plain object snapshots have always held, field for field in this order. */
  toJSON(): SavedRecord {
    return {
      id: this.id,
      clientId: this.clientId,
      campaign: this.campaign,
      clientIdFieldName: this.clientIdFieldName,
      data: this.data,
      preferredAgent: this.preferredAgent,
      preferredSince: this.preferredSince,
      skillQueue: this.skillQueue,
      timeZone: this.timeZone,
      createdTime: this.createdTime,
      lastUpdatedTime: this.lastUpdatedTime,
      nextEarliestWorkTime: this.nextEarliestWorkTime,
      workedState: this.workedState,
      workAttempts: this.workAttempts,
      lastAttemptAgent: this.lastAttemptAgent,
      lastAttemptTime: this.lastAttemptTime,
      workCodes: this.workCodes as WorkCode[],
    };
  }
}

/** A record as saved: its fields, with the data as items (`toJSON`). */
export type SavedRecord = Omit<
  SymbeeRecord,
  'layout' | 'values' | 'data' | 'workCodes' | 'hasDataKey' | 'setDataItem' | 'dataByDisplayOrder' | 'toJSON'
> & { data: DataItem[]; workCodes: WorkCode[] };
