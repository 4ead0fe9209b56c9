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

export class ClockError extends Error {}

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
    if (!Number.isFinite(target)) throw new ClockError('"now" must be a valid date-time');
    if (target < this.now()) throw new ClockError('the clock cannot move backwards');
    this.anchor(target);
  }

  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) throw new ClockError('"advanceMs" must be a non-negative integer');
    this.anchor(this.now() + ms);
  }

  freeze(frozen: boolean): void {
    this.anchor(this.now());
    this.isFrozen = frozen;
  }

  snapshot(): ClockSnapshot {
    return { now: this.now(), frozen: this.isFrozen };
  }

  private anchor(virtual: number): void {
    this.anchorVirtual = virtual;
    this.anchorReal = Date.now();
  }
}
