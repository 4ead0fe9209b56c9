import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderedShardedMap, ShardedMap } from '../../simulators/core/sharded-map.ts';

/**
 * The sharded maps behind EntityStore must answer exactly as one Map would — lookups, sizes, deletes, re-adds and
 * (for the ordered one) insertion order — below and above the size where they split into shards and chunks.
 */
type Op = { kind: 'set'; key: string | number; value: number } | { kind: 'delete'; key: string | number };

function replay(ops: Op[]): {
  model: Map<string | number, number>;
  ordered: OrderedShardedMap<string | number, number>;
} {
  const model = new Map<string | number, number>();
  const ordered = new OrderedShardedMap<string | number, number>();
  const plain = new ShardedMap<string | number, number>();
  for (const op of ops) {
    if (op.kind === 'set') {
      model.set(op.key, op.value);
      ordered.set(op.key, op.value);
      plain.set(op.key, op.value);
    } else {
      const held = model.delete(op.key);
      expect(ordered.delete(op.key)).toBe(held);
      expect(plain.delete(op.key)).toBe(held);
    }
  }
  expect(plain.size).toBe(model.size);
  for (const key of model.keys()) expect(plain.get(key)).toBe(model.get(key));
  return { model, ordered };
}

/** Many operations over a key space large enough to cross the split (32,768 keys), from a fixed seed. */
function manyOps(count: number, keySpace: number, seed: number): Op[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    const n = Math.floor(next() * keySpace);
    const key = n % 3 === 0 ? n : `task-${n.toString(16)}`;
    ops.push(next() < 0.8 ? { kind: 'set', key, value: i } : { kind: 'delete', key });
  }
  return ops;
}

describe('sharded maps', () => {
  it('answer as one Map for random small histories', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 3 }));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const { model, ordered } = replay(ops);
        expect([...ordered.values()]).toEqual([...model.values()]);
        expect(ordered.size).toBe(model.size);
      }),
    );
  });

  it('answer as one Map, in the same order, across the split into shards and chunks', () => {
    const { model, ordered } = replay(manyOps(250_000, 120_000, 7));
    expect(model.size).toBeGreaterThan(1 << 15);
    expect(ordered.size).toBe(model.size);
    expect([...ordered.values()]).toEqual([...model.values()]);
    for (const key of model.keys()) expect(ordered.get(key)).toBe(model.get(key));
    expect(ordered.has('task-never')).toBe(false);
  });

  it('clear empties them, and they fill again in order', () => {
    const { ordered } = replay(manyOps(60_000, 50_000, 3));
    ordered.clear();
    expect(ordered.size).toBe(0);
    expect([...ordered.values()]).toEqual([]);
    ordered.set('a', 1);
    ordered.set('b', 2);
    expect([...ordered.values()]).toEqual([1, 2]);
  });

  it('frozen views keep the entries as they were while the map goes on changing, across chunks', () => {
    const ops = manyOps(120_000, 60_000, 11);
    const model = new Map<string | number, number>();
    const ordered = new OrderedShardedMap<string | number, number>((value) => -value);
    const views: {
      expected: [string | number, number][];
      chunks: readonly ReadonlyMap<string | number, number>[];
      touched: Set<string | number>; // keys set or deleted since the view was taken
    }[] = [];
    ops.forEach((op, i) => {
      if (i % 20_000 === 0) views.push({ expected: [...model], chunks: ordered.freeze(), touched: new Set() });
      if (model.has(op.key)) for (const view of views) view.touched.add(op.key);
      if (op.kind === 'set') {
        model.set(op.key, op.value);
        ordered.set(op.key, op.value);
      } else {
        model.delete(op.key);
        ordered.delete(op.key);
      }
    });
    expect(model.size).toBeGreaterThan(1 << 15);
    expect([...ordered.values()]).toEqual([...model.values()]);
    // Each view: the keys in the order the map had when it was taken; an entry that changed or left since is there
    // as `keepAside` made it (negated), in its place.
    expect(views.at(-1)!.touched.size).toBeGreaterThan(1000);
    for (const { expected, chunks, touched } of views) {
      expect(chunks.flatMap((chunk) => [...chunk])).toEqual(
        expected.map(([key, value]) => [key, touched.has(key) ? -value : value]),
      );
    }
  });
});
