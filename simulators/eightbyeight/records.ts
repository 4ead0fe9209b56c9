import { RECORD_STATUS } from '../../contracts/eightbyeight/schemas.ts';

/** A removed row: kept in place (indexes stay stable for the dialer and its queue) but never listed or dialed. */
export const DELETED = 255;

/** What QA forces through the admin API; applied when the record's next call ends (or at once). */
export interface ForcedOutcome {
  statusCode: number;
  dispositionCode: number;
  extTransData?: string;
}

export interface RecordStoreSnapshot {
  size: number;
  live: number;
  customer: string;
  recordId: string;
  status: string;
  code: string;
  disposition: string;
  attempts: string;
  eventAt: string;
  extData: [number, string][];
  forced: [number, ForcedOutcome][];
}

const INITIAL_CAPACITY = 64;

type Column = Uint32Array | Uint8Array | Float64Array;

function grow<T extends Column>(column: T, capacity: number, make: (n: number) => T): T {
  const next = make(capacity);
  next.set(column);
  return next;
}

function encode(column: Column, size: number): string {
  return Buffer.from(column.buffer, column.byteOffset, size * column.BYTES_PER_ELEMENT).toString('base64');
}

/** Copies the saved bytes into a fresh column with room to grow (`make` also sets the "empty" value). */
function decode<T extends Column>(text: string, size: number, make: (n: number) => T): T {
  const bytes = Buffer.from(text, 'base64');
  const column = make(Math.max(INITIAL_CAPACITY, size));
  const length = Math.min(bytes.length, size * column.BYTES_PER_ELEMENT);
  new Uint8Array(column.buffer, 0, length).set(bytes.subarray(0, length));
  return column;
}

const emptyEventAt = (n: number) => new Float64Array(n).fill(Number.NaN);

/**
 * The records of one campaign, column by column (typed arrays, ~20 bytes a record), so a campaign can hold the
 * documented 5,000,000 records. A row is addressed by its index; `byCustomer` finds a customer's live row in O(1).
 * Disposition is stored as an offset from 1000.
 */
export class RecordStore {
  size = 0;
  /** Rows not deleted (`no-of-records`). */
  live = 0;
  customer = new Uint32Array(INITIAL_CAPACITY);
  recordId = new Uint32Array(INITIAL_CAPACITY);
  status = new Uint8Array(INITIAL_CAPACITY);
  code = new Uint8Array(INITIAL_CAPACITY);
  disposition = new Uint8Array(INITIAL_CAPACITY);
  attempts = new Uint8Array(INITIAL_CAPACITY);
  /** Due time of the row's pending event (queued → accepted, accepted → completed, scheduled → due); NaN if none. */
  eventAt = emptyEventAt(INITIAL_CAPACITY);
  readonly byCustomer = new Map<number, number>();
  /** `ext-trans-data` is almost always empty: kept only where set. */
  readonly extData = new Map<number, string>();
  readonly forced = new Map<number, ForcedOutcome>();

  get capacity(): number {
    return this.customer.length;
  }

  append(customerId: number, recordId: number, status: number, eventAt: number): number {
    if (this.size === this.capacity) this.resize(this.capacity * 2);
    const row = this.size++;
    this.customer[row] = customerId;
    this.recordId[row] = recordId;
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

  private resize(capacity: number): void {
    this.customer = grow(this.customer, capacity, (n) => new Uint32Array(n));
    this.recordId = grow(this.recordId, capacity, (n) => new Uint32Array(n));
    this.status = grow(this.status, capacity, (n) => new Uint8Array(n));
    this.code = grow(this.code, capacity, (n) => new Uint8Array(n));
    this.disposition = grow(this.disposition, capacity, (n) => new Uint8Array(n));
    this.attempts = grow(this.attempts, capacity, (n) => new Uint8Array(n));
    this.eventAt = grow(this.eventAt, capacity, emptyEventAt);
  }

  /** Compact persistence form: each column as base64 of its bytes. */
  snapshot(): RecordStoreSnapshot {
    return {
      size: this.size,
      live: this.live,
      customer: encode(this.customer, this.size),
      recordId: encode(this.recordId, this.size),
      status: encode(this.status, this.size),
      code: encode(this.code, this.size),
      disposition: encode(this.disposition, this.size),
      attempts: encode(this.attempts, this.size),
      eventAt: encode(this.eventAt, this.size),
      extData: [...this.extData],
      forced: [...this.forced],
    };
  }

  static restore(snap: RecordStoreSnapshot): RecordStore {
    const store = new RecordStore();
    const n = snap.size;
    store.size = n;
    store.live = snap.live;
    store.customer = decode(snap.customer, n, (k) => new Uint32Array(k));
    store.recordId = decode(snap.recordId, n, (k) => new Uint32Array(k));
    store.status = decode(snap.status, n, (k) => new Uint8Array(k));
    store.code = decode(snap.code, n, (k) => new Uint8Array(k));
    store.disposition = decode(snap.disposition, n, (k) => new Uint8Array(k));
    store.attempts = decode(snap.attempts, n, (k) => new Uint8Array(k));
    store.eventAt = decode(snap.eventAt, n, emptyEventAt);
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
