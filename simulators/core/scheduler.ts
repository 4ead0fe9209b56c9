/**
 * Min-heap of (dueAt, key) for clock-driven lifecycles. `advance` pops only what is due, so a request costs
 * O(events due · log n), not a scan of a million records. Entries are invalidated lazily: a model re-checks the
 * item when it pops (it may have changed since it was scheduled), and `schedule` for the same key simply adds a
 * newer entry.
 */
export interface TimedEntry<K> {
  at: number;
  key: K;
}

export class TimedQueue<K> {
  private heap: TimedEntry<K>[] = [];

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, key: K): void {
    const heap = this.heap;
    heap.push({ at, key });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as TimedEntry<K>).at <= at) break;
      heap[i] = heap[parent] as TimedEntry<K>;
      i = parent;
    }
    heap[i] = { at, key };
  }

  peekTime(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Removes and returns the earliest entry due at or before `now`. */
  popDue(now: number): TimedEntry<K> | undefined {
    const top = this.heap[0];
    if (!top || top.at > now) return undefined;
    const last = this.heap.pop() as TimedEntry<K>;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    this.heap = [];
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[start] as TimedEntry<K>;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && (heap[right] as TimedEntry<K>).at < (heap[left] as TimedEntry<K>).at ? right : left;
      if ((heap[child] as TimedEntry<K>).at >= item.at) break;
      heap[i] = heap[child] as TimedEntry<K>;
      i = child;
    }
    heap[i] = item;
  }
}
