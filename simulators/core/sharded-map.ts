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
 * Key → value in insertion order, as a Map keeps it, for millions of keys: lookups go through a ShardedMap, the
 * order lives in chunks of at most SPLIT_AT entries appended one after the other (none ever grows past that size).
 * A delete looks for its chunk from the newest back: chunks are few (153 for 5,000,000 entries).
 */
export class OrderedShardedMap<K extends string | number, V> {
  private readonly lookup = new ShardedMap<K, V>();
  private chunks: Map<K, V>[] = [new Map()];

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
      this.chunkOf(key)?.set(key, value);
      this.lookup.set(key, value);
    } else {
      this.append(key, value);
    }
  }

  /** `set` of a key the caller knows is not held (EntityStore checks first): one lookup fewer per insert. */
  append(key: K, value: V): void {
    let last = this.chunks[this.chunks.length - 1] as Map<K, V>;
    if (last.size >= SPLIT_AT) this.chunks.push((last = new Map()));
    last.set(key, value);
    this.lookup.set(key, value);
  }

  delete(key: K): boolean {
    if (!this.lookup.delete(key)) return false;
    this.chunkOf(key)?.delete(key);
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

  private chunkOf(key: K): Map<K, V> | undefined {
    for (let i = this.chunks.length - 1; i >= 0; i--) if ((this.chunks[i] as Map<K, V>).has(key)) return this.chunks[i];
    return undefined;
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
