import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClockError, VirtualClock } from '../../simulators/core/clock.ts';

const T0 = Date.parse('2021-11-03T05:00:00Z');

describe('VirtualClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('a running clock follows wall time from its anchor', () => {
    const clock = new VirtualClock({ now: Date.parse('2030-01-01T00:00:00Z'), frozen: false });
    vi.setSystemTime(T0 + 1500);
    expect(clock.now()).toBe(Date.parse('2030-01-01T00:00:01.500Z'));
    expect(clock.frozen).toBe(false);
  });

  it('a frozen clock stands still until told to move', () => {
    const clock = new VirtualClock({ now: T0, frozen: true });
    vi.setSystemTime(T0 + 60_000);
    expect(clock.now()).toBe(T0);
    clock.advance(250);
    expect(clock.now()).toBe(T0 + 250);
    clock.set(T0 + 10_000);
    expect(clock.now()).toBe(T0 + 10_000);
  });

  it('defaults to a running clock at wall time', () => {
    const clock = new VirtualClock();
    expect(clock.snapshot()).toEqual({ now: T0, frozen: false });
  });

  it('freezing keeps the current virtual time; unfreezing resumes from it', () => {
    const clock = new VirtualClock({ now: T0, frozen: false });
    vi.setSystemTime(T0 + 1000);
    clock.freeze(true);
    vi.setSystemTime(T0 + 5000);
    expect(clock.now()).toBe(T0 + 1000);
    clock.freeze(false);
    vi.setSystemTime(T0 + 5200);
    expect(clock.now()).toBe(T0 + 1200);
  });

  it('set and advance move a running clock, which then keeps running', () => {
    const clock = new VirtualClock({ now: T0, frozen: false });
    clock.advance(3_600_000);
    expect(clock.now()).toBe(T0 + 3_600_000);
    clock.set(T0 + 7_200_000);
    vi.setSystemTime(T0 + 10);
    expect(clock.now()).toBe(T0 + 7_200_010);
  });

  it('never moves backwards', () => {
    const clock = new VirtualClock({ now: T0, frozen: true });
    expect(() => clock.set(T0 - 1)).toThrow(ClockError);
    expect(() => clock.set(T0 - 1)).toThrow(/backwards/);
    expect(clock.now()).toBe(T0);
    clock.set(T0); // staying put is allowed
    expect(clock.now()).toBe(T0);
  });

  it('refuses invalid targets and advances without moving', () => {
    const clock = new VirtualClock({ now: T0, frozen: true });
    for (const bad of [NaN, Infinity, -Infinity]) expect(() => clock.set(bad)).toThrow(ClockError);
    for (const bad of [-1, 1.5, NaN, Infinity]) expect(() => clock.advance(bad)).toThrow(ClockError);
    expect(clock.now()).toBe(T0);
  });

  it('refuses to leave the range of representable dates (ISO rendering must keep working)', () => {
    const clock = new VirtualClock({ now: T0, frozen: true });
    expect(() => clock.advance(Number.MAX_SAFE_INTEGER)).toThrow(ClockError);
    expect(() => clock.set(8.64e15 + 1)).toThrow(ClockError);
    expect(new Date(clock.now()).toISOString()).toBe('2021-11-03T05:00:00.000Z');
  });

  it('change() applies now/advanceMs/frozen together, or nothing when invalid', () => {
    const clock = new VirtualClock({ now: T0, frozen: false });
    expect(() => clock.change({ now: T0 - 1000, frozen: true })).toThrow(ClockError);
    expect(clock.frozen).toBe(false);
    clock.change({ now: T0 + 5000, frozen: true });
    vi.setSystemTime(T0 + 99_000);
    expect(clock.snapshot()).toEqual({ now: T0 + 5000, frozen: true });
    clock.change({ advanceMs: 1000 });
    expect(clock.now()).toBe(T0 + 6000);
    expect(() => clock.change({ now: T0 + 7000, advanceMs: 1 })).toThrow(ClockError);
    expect(clock.now()).toBe(T0 + 6000);
  });

  it('snapshot round-trips', () => {
    const clock = new VirtualClock({ now: T0 + 42, frozen: true });
    const copy = new VirtualClock(clock.snapshot());
    expect(copy.snapshot()).toEqual({ now: T0 + 42, frozen: true });
  });
});
