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

const HEX_DIGITS = '0123456789abcdef';

/** RFC 4122 version-4 layout from the seeded RNG, so record ids replay with the seed. */
export function seededUuid(rng: SeededRandom): string {
  // 32 digits drawn in order, the 13th shown as the version (4) and the 17th replaced by the variant, drawn last.
  // Built without intermediate arrays (bulk seeding makes millions), drawing exactly what the array version drew.
  let head = '';
  for (let i = 0; i < 16; i++) {
    const digit = HEX_DIGITS[rng.int(16)] as string;
    head += i === 12 ? '4' : digit;
  }
  rng.int(16);
  let tail = '';
  for (let i = 17; i < 32; i++) tail += HEX_DIGITS[rng.int(16)];
  const variant = HEX_DIGITS[rng.int(4) + 8] as string;
  return `${head.slice(0, 8)}-${head.slice(8, 12)}-${head.slice(12, 16)}-${variant}${tail.slice(0, 3)}-${tail.slice(3)}`;
}
