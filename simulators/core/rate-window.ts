/**
 * A sliding-window rate limit in O(1) per request: a ring of the times of the last `limit` accepted requests. A
 * request is over the limit exactly when the oldest of those is still inside the window — the same answer as counting
 * every accepted request in the window, without filtering the window on every request (which took a limit of 10,000
 * from ~3,600 down to ~120 requests/s). Times come from a virtual clock, which never moves backwards.
 */
export class SlidingWindow {
  /** Grows up to `limit` entries, then is reused as a ring starting at `oldest`. */
  private readonly accepted: number[] = [];
  private oldest = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts the request when it fits; otherwise returns the ms until a slot frees. */
  take(now: number): number | undefined {
    if (this.limit === 0) return this.windowMs;
    if (this.accepted.length < this.limit) {
      this.accepted.push(now);
      return undefined;
    }
    const first = this.accepted[this.oldest] as number;
    if (first > now - this.windowMs) return first + this.windowMs - now;
    this.accepted[this.oldest] = now;
    this.oldest = (this.oldest + 1) % this.limit;
    return undefined;
  }
}
