import { RECORD_STATUS } from '../../contracts/eightbyeight/schemas.ts';

/** A removed row: kept in place (indexes stay stable for the dialer and its queue) but never listed or dialed. */
export const DELETED = 255;

/** What QA forces through the admin API; applied when the record's next call ends (or at once). */
export interface ForcedOutcome {
  statusCode: number;
  dispositionCode: number;
  extTransData?: string;
}

const INITIAL_CAPACITY = 64;

type Column = Uint32Array | Uint8Array | Float64Array;

const emptyEventAt = (n: number) => new Float64Array(n).fill(Number.NaN);

/** Every column of a RecordStore and how it is made (with its "empty" value): growth, snapshots and restores. */
const COLUMNS = {
  customer: (n: number) => new Uint32Array(n),
  status: (n: number) => new Uint8Array(n),
  code: (n: number) => new Uint8Array(n),
  disposition: (n: number) => new Uint8Array(n),
  attempts: (n: number) => new Uint8Array(n),
  eventAt: emptyEventAt,
} as const;
type ColumnName = keyof typeof COLUMNS;
const COLUMN_NAMES = Object.keys(COLUMNS) as ColumnName[];

/** Each column as base64 of its bytes, plus the sparse maps. */
export type RecordStoreSnapshot = Record<ColumnName, string> & {
  size: number;
  live: number;
  extData: [number, string][];
  forced: [number, ForcedOutcome][];
};

function grow(column: Column, capacity: number, make: (n: number) => Column): Column {
  const next = make(capacity);
  next.set(column);
  return next;
}

function encode(column: Column, size: number): string {
  return Buffer.from(column.buffer, column.byteOffset, size * column.BYTES_PER_ELEMENT).toString('base64');
}

/** Copies the saved bytes into a fresh column with room to grow (`make` also sets the "empty" value). */
function decode(text: string, size: number, make: (n: number) => Column): Column {
  const bytes = Buffer.from(text, 'base64');
  const column = make(Math.max(INITIAL_CAPACITY, size));
  const length = Math.min(bytes.length, size * column.BYTES_PER_ELEMENT);
  new Uint8Array(column.buffer, 0, length).set(bytes.subarray(0, length));
  return column;
}

/**
 * The records of one campaign, column by column (typed arrays, ~16 bytes a record), so a campaign can hold the
 * documented 5,000,000 records. A row is addressed by its index; `byCustomer` finds a customer's live row in O(1).
 * A record's `record-id` is its customer's ACCOUNTNUM (the `customer` column): a published client deletes by the
 * record-id it looked up (README, 8x8 facts). Disposition is stored as an offset from 1000.
 */
export class RecordStore {
  size = 0;
  /** Rows not deleted (`no-of-records`). */
  live = 0;
  customer = COLUMNS.customer(INITIAL_CAPACITY);
  status = COLUMNS.status(INITIAL_CAPACITY);
  code = COLUMNS.code(INITIAL_CAPACITY);
  disposition = COLUMNS.disposition(INITIAL_CAPACITY);
  attempts = COLUMNS.attempts(INITIAL_CAPACITY);
  /** Due time of the row's pending event (queued → accepted, accepted → completed, scheduled → due); NaN if none. */
  eventAt = COLUMNS.eventAt(INITIAL_CAPACITY);
  readonly byCustomer = new Map<number, number>();
  /** `ext-trans-data` is almost always empty: kept only where set. */
  readonly extData = new Map<number, string>();
  readonly forced = new Map<number, ForcedOutcome>();

  get capacity(): number {
    return this.customer.length;
  }

  append(customerId: number, status: number, eventAt: number): number {
    if (this.size === this.capacity) this.resize(this.capacity * 2);
    const row = this.size++;
    this.customer[row] = customerId;
    this.status[row] = status;
    this.code[row] = 0;
    this.disposition[row] = 0;
    this.attempts[row] = 0;
    this.eventAt[row] = eventAt;
    this.byCustomer.set(customerId, row);
    this.live++;
    return row;
  }

  remove(row: number): void {
    this.status[row] = DELETED;
    this.eventAt[row] = Number.NaN;
    this.byCustomer.delete(this.customer[row] as number);
    this.extData.delete(row);
    this.forced.delete(row);
    this.live--;
  }

  isLive(row: number): boolean {
    return this.status[row] !== DELETED;
  }

  dispositionCode(row: number): number {
    return 1000 + (this.disposition[row] as number);
  }

  setDisposition(row: number, code: number): void {
    this.disposition[row] = code - 1000;
  }

  setExtData(row: number, value: string): void {
    if (value === '') this.extData.delete(row);
    else this.extData.set(row, value);
  }

  /** The columns by name (the fields above), for the operations that treat them all alike. */
  private get columns(): Record<ColumnName, Column> {
    return this as unknown as Record<ColumnName, Column>;
  }

  private resize(capacity: number): void {
    const { columns } = this;
    for (const name of COLUMN_NAMES) columns[name] = grow(columns[name], capacity, COLUMNS[name]);
  }

  /** Compact persistence form: each column as base64 of its bytes. */
  snapshot(): RecordStoreSnapshot {
    const { columns } = this;
    const encoded = Object.fromEntries(COLUMN_NAMES.map((name) => [name, encode(columns[name], this.size)]));
    return {
      size: this.size,
      live: this.live,
      ...(encoded as Record<ColumnName, string>),
      extData: [...this.extData],
      forced: [...this.forced],
    };
  }

  static restore(snap: RecordStoreSnapshot): RecordStore {
    const store = new RecordStore();
    const n = snap.size;
    store.size = n;
    store.live = snap.live;
    const { columns } = store;
    for (const name of COLUMN_NAMES) columns[name] = decode(snap[name], n, COLUMNS[name]);
    for (let row = 0; row < n; row++)
      if (store.status[row] !== DELETED) store.byCustomer.set(store.customer[row] as number, row);
    for (const [row, value] of snap.extData) store.extData.set(row, value);
    for (const [row, outcome] of snap.forced) store.forced.set(row, outcome);
    return store;
  }
}

export const isPending = (status: number): boolean =>
  status === RECORD_STATUS.NEW || status === RECORD_STATUS.QUEUED || status === RECORD_STATUS.SCHEDULED;
export const holdsLine = (status: number): boolean =>
  status === RECORD_STATUS.QUEUED || status === RECORD_STATUS.ACCEPTED;
