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

/** Character codes of the hex digits, and the dashes' places in a UUID. */
const HEX_CODES = Array.from(HEX_DIGITS, (ch) => ch.charCodeAt(0));
const UUID_DASHES = [8, 13, 18, 23];
/** Reused by every call: a UUID is written into it, then read out as one string. */
const uuidCodes: number[] = Array.from({ length: 36 }, (_, i) => (UUID_DASHES.includes(i) ? 0x2d : 0));

/** Where the n-th of the 32 hex digits goes in the 36-character text. */
const digitAt = (n: number) => n + (n >= 20 ? 4 : n >= 16 ? 3 : n >= 12 ? 2 : n >= 8 ? 1 : 0);

/**
 * RFC 4122 version-4 layout from the seeded RNG, so record ids replay with the seed. 32 digits drawn in order, the
 * 13th shown as the version (4) and the 17th replaced by the variant, drawn last. Written as character codes into one
 * buffer and read out once (bulk seeding makes millions): one flat string, no pieces of it built and thrown away,
 * drawing exactly what the string-building version drew.
 */
export function seededUuid(rng: SeededRandom): string {
  const codes = uuidCodes;
  for (let n = 0; n < 32; n++) {
    const digit = HEX_CODES[rng.int(16)] as number;
    if (n !== 12 && n !== 16) codes[digitAt(n)] = digit;
  }
  codes[digitAt(12)] = 0x34; // '4'
  codes[digitAt(16)] = HEX_CODES[rng.int(4) + 8] as number;
  return String.fromCharCode.apply(null, codes);
}
