import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimedQueue } from '../../simulators/core/scheduler.ts';

function drain<K>(queue: TimedQueue<K>, now: number): { at: number; key: K }[] {
  const out: { at: number; key: K }[] = [];
  for (let e = queue.popDue(now); e; e = queue.popDue(now)) out.push(e);
  return out;
}

describe('TimedQueue', () => {
  it('pops only what is due, earliest first', () => {
    const queue = new TimedQueue<string>();
    queue.schedule(300, 'c');
    queue.schedule(100, 'a');
    queue.schedule(200, 'b');
    queue.schedule(400, 'd');
    expect(queue.size).toBe(4);
    expect(queue.peekTime()).toBe(100);
    expect(queue.popDue(99)).toBeUndefined();
    expect(drain(queue, 250).map((e) => e.key)).toEqual(['a', 'b']);
    expect(queue.size).toBe(2);
    expect(queue.peekTime()).toBe(300);
    expect(drain(queue, 400)).toEqual([
      { at: 300, key: 'c' },
      { at: 400, key: 'd' },
    ]);
    expect(queue.popDue(Infinity)).toBeUndefined();
    expect(queue.peekTime()).toBeUndefined();
  });

  it('an entry due exactly now is due', () => {
    const queue = new TimedQueue<number>();
    queue.schedule(1000, 1);
    expect(queue.popDue(1000)).toEqual({ at: 1000, key: 1 });
  });

  it('keeps duplicate keys (lazy invalidation is the model’s job)', () => {
    const queue = new TimedQueue<string>();
    queue.schedule(50, 'x');
    queue.schedule(10, 'x');
    expect(drain(queue, 100)).toEqual([
      { at: 10, key: 'x' },
      { at: 50, key: 'x' },
    ]);
  });

  it('clear empties it', () => {
    const queue = new TimedQueue<string>();
    queue.schedule(1, 'a');
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.popDue(10)).toBeUndefined();
  });

  it('any interleaving of schedules and pops yields due entries in time order (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('schedule' as const), at: fc.integer({ min: 0, max: 1000 }) }),
      fc.record({ kind: fc.constant('pop' as const), now: fc.integer({ min: 0, max: 1000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const queue = new TimedQueue<number>();
        const model: number[] = [];
        let id = 0;
        for (const o of ops) {
          if (o.kind === 'schedule') {
            queue.schedule(o.at, id++);
            model.push(o.at);
            continue;
          }
          const popped = drain(queue, o.now).map((e) => e.at);
          model.sort((a, b) => a - b);
          const due = model.filter((t) => t <= o.now);
          model.splice(0, due.length);
          expect(popped).toEqual(due);
        }
        expect(queue.size).toBe(model.length);
      }),
      { numRuns: 200 },
    );
  });
});
