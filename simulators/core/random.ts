import type { Faker } from '@faker-js/faker';
// The per-locale entry point: the package root loads every locale (~250 ms), which would dominate startup.
import { faker as enFaker } from '@faker-js/faker/locale/en';

const FakerClass = enFaker.constructor as typeof Faker;

/** Deterministic PRNG (mulberry32): same seed, same sequence — outcomes and fault probabilities replay exactly. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  snapshot(): number {
    return this.state;
  }

  static restore(state: number): SeededRandom {
    const rng = new SeededRandom(0);
    rng.state = state >>> 0;
    return rng;
  }
}

/** A faker seeded for one vendor of one sandbox, so adding a vendor never changes another vendor's fixtures. */
export function seededFaker(seed: number, salt: string): Faker {
  const faker = new FakerClass({ locale: enFaker.rawDefinitions });
  faker.seed(saltedSeed(seed, salt));
  return faker;
}

/** Derives an independent seed per purpose (vendor id, …) from the sandbox seed. */
export function saltedSeed(seed: number, salt: string): number {
  let hash = seed >>> 0;
  for (const ch of salt) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return hash;
}

/** RFC 4122 version-4 layout from the seeded RNG, so record ids replay with the seed. */
export function seededUuid(rng: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16));
  hex[12] = '4';
  hex[16] = ((rng.int(4) + 8) as number).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
