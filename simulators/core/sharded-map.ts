/**
 * Maps that hold millions of keys (a sandbox's tasks) without one long pause. A V8 Map grows by rehashing every
 * entry in one synchronous step — 95 ms at 524,288 entries and 210 ms at 1,048,576 on this project's machine — and
 * no time slicing can split a single `set`. Past SPLIT_AT keys these maps spread their entries over SHARDS smaller
 * Maps chosen by a cheap hash of the key, so each later grow moves about 1/SHARDS of the entries.
 */
const SHARDS = 64;
const SPLIT_AT = 1 << 15;

/** Mixes the last few characters (ids and clientIds differ at their ends) or the low bits of a number. */
function shardOf(key: string | number): number {
  if (typeof key === 'number') return key & (SHARDS - 1);
  const n = key.length;
  if (n < 2) return n === 0 ? 0 : key.charCodeAt(0) & (SHARDS - 1);
  return (key.charCodeAt(n - 1) * 31 + key.charCodeAt(n - 2) * 7 + (key.charCodeAt(n - 3) | 0)) & (SHARDS - 1);
}

/** Key → value, unordered once split (iterate a `ChunkedOrder` where order matters). */
export class ShardedMap<K extends string | number, V> {
  private single: Map<K, V> | null = new Map();
  private shards: Map<K, V>[] = [];
  private count = 0;

  get size(): number {
    return this.single?.size ?? this.count;
  }

  private mapOf(key: K): Map<K, V> {
    return this.single ?? (this.shards[shardOf(key)] as Map<K, V>);
  }

  get(key: K): V | undefined {
    return this.mapOf(key).get(key);
  }

  has(key: K): boolean {
    return this.mapOf(key).has(key);
  }

  set(key: K, value: V): void {
    if (this.single !== null) {
      this.single.set(key, value);
      if (this.single.size >= SPLIT_AT) this.split(this.single);
      return;
    }
    const map = this.mapOf(key);
    const before = map.size;
    map.set(key, value);
    this.count += map.size - before;
  }

  delete(key: K): boolean {
    const removed = this.mapOf(key).delete(key);
    if (removed && this.single === null) this.count--;
    return removed;
  }

  clear(): void {
    this.single = new Map();
    this.shards = [];
    this.count = 0;
  }

  private split(from: Map<K, V>): void {
    this.shards = Array.from({ length: SHARDS }, () => new Map<K, V>());
    for (const [key, value] of from) (this.shards[shardOf(key)] as Map<K, V>).set(key, value);
    this.count = from.size;
    this.single = null;
  }
}

/**
 * Chunks a frozen view (`OrderedShardedMap.freeze`) still reads. The map copies such a chunk before its first change
 * and changes the copy; the view keeps the old one, so freezing costs one step per chunk, not per entry.
 */
const FROZEN = new WeakSet<Map<unknown, unknown>>();

/**
 * The frozen chunk each copy was made from, held weakly: a value that changes later, in the copy, is kept aside in
 * the frozen chunks that still hold it, for as long as a view holds them (and no longer).
 */
const COPIED_FROM = new WeakMap<Map<unknown, unknown>, WeakRef<Map<unknown, unknown>>>();

/**
 * Key → value in insertion order, as a Map keeps it, for millions of keys: lookups go through a ShardedMap, the
 * order lives in chunks of at most SPLIT_AT entries appended one after the other (none ever grows past that size).
 * A delete looks for its chunk from the newest back: chunks are few (153 for 5,000,000 entries).
 */
export class OrderedShardedMap<K extends string | number, V> {
  private readonly lookup = new ShardedMap<K, V>();
  private chunks: Map<K, V>[] = [new Map()];

  /**
   * @param keepAside what a frozen view keeps in place of a value that changes or leaves after the view was taken
   *   (the value as it stood then); without it the view keeps the value itself.
   */
  constructor(private readonly keepAside: (value: V) => V = (value) => value) {}

  get size(): number {
    return this.lookup.size;
  }

  get(key: K): V | undefined {
    return this.lookup.get(key);
  }

  has(key: K): boolean {
    return this.lookup.has(key);
  }

  /** Adds a new key at the end (a key already held keeps its place, as in a Map, and takes the new value). */
  set(key: K, value: V): void {
    if (this.lookup.has(key)) {
      this.aboutToChange(key)?.set(key, value);
      this.lookup.set(key, value);
    } else {
      this.append(key, value);
    }
  }

  /** `set` of a key the caller knows is not held (EntityStore checks first): one lookup fewer per insert. */
  append(key: K, value: V): void {
    if ((this.chunks[this.chunks.length - 1] as Map<K, V>).size >= SPLIT_AT) this.chunks.push(new Map());
    this.writable(this.chunks.length - 1).set(key, value);
    this.lookup.set(key, value);
  }

  delete(key: K): boolean {
    if (!this.lookup.has(key)) return false;
    this.aboutToChange(key)?.delete(key);
    this.lookup.delete(key);
    return true;
  }

  clear(): void {
    this.lookup.clear();
    this.chunks = [new Map()];
  }

  /** In insertion order; one Map's own iterator while the entries fit one chunk (the scans' common case). */
  values(): IterableIterator<V> {
    return this.chunks.length === 1 ? (this.chunks[0] as Map<K, V>).values() : new ChunkValues(this.chunks);
  }

  /**
   * The entries as they are now, for reading later while this map goes on changing: its chunks, which this map
   * copies before it next changes them. A value that changes (`aboutToChange`) or leaves while the view is held is
   * kept in it as `keepAside` made it, at its place.
   */
  freeze(): readonly ReadonlyMap<K, V>[] {
    for (const chunk of this.chunks) FROZEN.add(chunk);
    return this.chunks.slice();
  }

  /**
   * Call before changing a held value in place: the frozen views holding it keep it as `keepAside` makes it now.
   * Returns the key's chunk, ready to change.
   */
  aboutToChange(key: K): Map<K, V> | undefined {
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      if (!(this.chunks[i] as Map<K, V>).has(key)) continue;
      const chunk = this.writable(i);
      const value = chunk.get(key) as V;
      let kept: V | undefined;
      // Back through the frozen chunks this one was copied from, up to one that no longer holds the value itself.
      for (let older = this.copiedFrom(chunk); older?.get(key) === value; older = this.copiedFrom(older)) {
        older.set(key, (kept ??= this.keepAside(value)));
      }
      return chunk;
    }
    return undefined;
  }

  /** Chunk `i`, copied first if a frozen view reads it (~6 ms for a full chunk; once per chunk and view). */
  private writable(i: number): Map<K, V> {
    const chunk = this.chunks[i] as Map<K, V>;
    if (!FROZEN.has(chunk)) return chunk;
    const copy = new Map(chunk);
    COPIED_FROM.set(copy, new WeakRef(chunk));
    this.chunks[i] = copy;
    return copy;
  }

  private copiedFrom(chunk: Map<K, V>): Map<K, V> | undefined {
    return COPIED_FROM.get(chunk)?.deref() as Map<K, V> | undefined;
  }
}

/** The values of consecutive chunks as one iterator (a plain class: a generator costs more per value in scans). */
class ChunkValues<V> implements IterableIterator<V> {
  private index = 0;
  private current: Iterator<V>;

  constructor(private readonly chunks: Map<unknown, V>[]) {
    this.current = (chunks[0] as Map<unknown, V>).values();
  }

  next(): IteratorResult<V> {
    for (;;) {
      const step = this.current.next();
      if (step.done !== true || ++this.index >= this.chunks.length) return step;
      this.current = (this.chunks[this.index] as Map<unknown, V>).values();
    }
  }

  [Symbol.iterator](): IterableIterator<V> {
    return this;
  }
}
