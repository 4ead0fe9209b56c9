/**
 * Virtual clock of one sandbox. Every time-dependent behaviour of every vendor reads `now()` from here, never
 * `Date.now()`, so QA can jump a whole campaign forward in a single admin call.
 *
 * A running clock follows wall time from its anchor; a frozen clock only moves when told to (deterministic tests).
 */
export interface ClockSnapshot {
  now: number;
  frozen: boolean;
}

export interface ClockChange {
  now?: number;
  advanceMs?: number;
  frozen?: boolean;
}

export class ClockError extends Error {}

/** The largest time a JavaScript Date can hold: beyond it timestamps cannot be rendered at all. */
const MAX_TIME = 8.64e15;

export class VirtualClock {
  private anchorVirtual: number;
  private anchorReal: number;
  private isFrozen: boolean;

  constructor(start: ClockSnapshot = { now: Date.now(), frozen: false }) {
    this.anchorVirtual = start.now;
    this.anchorReal = Date.now();
    this.isFrozen = start.frozen;
  }

  now(): number {
    return this.isFrozen ? this.anchorVirtual : this.anchorVirtual + (Date.now() - this.anchorReal);
  }

  get frozen(): boolean {
    return this.isFrozen;
  }

  /** Moves the clock to an absolute time. Time never runs backwards: lifecycles scheduled on it would break. */
  set(target: number): void {
    this.anchor(this.checkTarget(target));
  }

  advance(ms: number): void {
    this.anchor(this.checkTarget(this.now() + this.checkAdvance(ms)));
  }

  /** Applies an admin clock change as one step: either all of it (freeze, then move) or, when invalid, nothing. */
  change(change: ClockChange): void {
    if (change.now !== undefined && change.advanceMs !== undefined) {
      throw new ClockError('give "now" or "advanceMs", not both');
    }
    const target =
      change.now !== undefined
        ? this.checkTarget(change.now)
        : change.advanceMs !== undefined
          ? this.checkTarget(this.now() + this.checkAdvance(change.advanceMs))
          : undefined;
    if (change.frozen !== undefined) this.freeze(change.frozen);
    if (target !== undefined) this.anchor(target);
  }

  freeze(frozen: boolean): void {
    this.anchor(this.now());
    this.isFrozen = frozen;
  }

  snapshot(): ClockSnapshot {
    return { now: this.now(), frozen: this.isFrozen };
  }

  private checkTarget(target: number): number {
    if (!Number.isFinite(target)) throw new ClockError('"now" must be a valid date-time');
    if (target < this.now()) throw new ClockError('the clock cannot move backwards');
    if (target > MAX_TIME) throw new ClockError('the clock cannot move past +275760-09-13T00:00:00.000Z');
    return target;
  }

  private checkAdvance(ms: number): number {
    if (!Number.isInteger(ms) || ms < 0) throw new ClockError('"advanceMs" must be a non-negative integer');
    return ms;
  }

  private anchor(virtual: number): void {
    this.anchorVirtual = virtual;
    this.anchorReal = Date.now();
  }
}
