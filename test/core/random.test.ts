import { describe, expect, it } from 'vitest';
import { SeededRandom, seededFaker, seededUuid } from '../../simulators/core/random.ts';

const sequence = (rng: SeededRandom, n: number) => Array.from({ length: n }, () => rng.next());

describe('SeededRandom', () => {
  it('the same seed gives the same sequence; another seed another one', () => {
    expect(sequence(new SeededRandom(42), 20)).toEqual(sequence(new SeededRandom(42), 20));
    expect(sequence(new SeededRandom(42), 20)).not.toEqual(sequence(new SeededRandom(43), 20));
  });

  it('yields floats in [0, 1) that are spread out', () => {
    const values = sequence(new SeededRandom(7), 5000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(new Set(values).size).toBeGreaterThan(4990);
  });

  it('int and pick stay in range and cover it', () => {
    const rng = new SeededRandom(3);
    const ints = new Set(Array.from({ length: 500 }, () => rng.int(6)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const picks = new Set(Array.from({ length: 100 }, () => rng.pick(['a', 'b', 'c'])));
    expect([...picks].sort()).toEqual(['a', 'b', 'c']);
    expect(() => rng.pick([])).toThrow();
  });

  it('snapshot/restore continues the exact sequence', () => {
    const rng = new SeededRandom(99);
    sequence(rng, 13);
    const copy = SeededRandom.restore(rng.snapshot());
    expect(sequence(copy, 10)).toEqual(sequence(rng, 10));
  });

  it('seededUuid is a v4 layout and replays with the seed', () => {
    const a = seededUuid(new SeededRandom(5));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seededUuid(new SeededRandom(5))).toBe(a);
    expect(seededUuid(new SeededRandom(6))).not.toBe(a);
  });
});

describe('seededFaker', () => {
  const sample = (seed: number, salt: string) => {
    const faker = seededFaker(seed, salt);
    return [faker.person.fullName(), faker.company.name(), faker.internet.email(), faker.string.numeric(8)];
  };

  it('same seed and salt → same data', () => {
    expect(sample(42, 'symbee')).toEqual(sample(42, 'symbee'));
  });

  it('a different seed or vendor salt → different data', () => {
    expect(sample(42, 'symbee')).not.toEqual(sample(43, 'symbee'));
    expect(sample(42, 'symbee')).not.toEqual(sample(42, 'sinch'));
  });

  it('instances are independent (one faker’s use does not shift another’s)', () => {
    const a = seededFaker(1, 'x');
    const b = seededFaker(1, 'x');
    a.person.fullName();
    a.person.fullName();
    const fresh = seededFaker(1, 'x');
    expect(b.person.fullName()).toBe(fresh.person.fullName());
  });
});
