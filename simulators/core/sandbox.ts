import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { VirtualClock, type ClockSnapshot } from './clock.ts';
import { AdminError, VendorError, describeIssues } from './errors.ts';
import { FaultInjector, type FaultsSnapshot } from './faults.ts';
import { RequestJournal, type JournalSettings } from './journal.ts';
import { SeededRandom, saltedSeed, seededFaker } from './random.ts';
import type { AnyVendor, SeedContext, VendorId } from './vendor.ts';

export const DEFAULT_SANDBOX_ID = 'default';
export const DEFAULT_SEED = 1;

export interface SandboxOptions {
  id?: string;
  seed?: number;
  clock?: Partial<ClockSnapshot>;
  journal?: Partial<JournalSettings>;
  /** Per-vendor options, passed to each vendor's `create`. */
  options?: Record<VendorId, Record<string, unknown>>;
}

export interface SandboxSnapshot {
  id: string;
  seed: number;
  createdAt: number;
  clock: ClockSnapshot;
  journal: JournalSettings;
  /** Each vendor's RNG stream position. */
  rngs: Record<VendorId, number>;
  /** Fault rules; absent in files written before they were saved. */
  faults?: FaultsSnapshot;
  options: Record<VendorId, Record<string, unknown>>;
  vendors: Record<VendorId, unknown>;
}

export class SandboxError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** One isolated tenant: its own clock, journal, faults, RNG and a state bundle per vendor (LocalStack's store). */
export class Sandbox {
  readonly journal: RequestJournal;
  readonly faults: FaultInjector;
  readonly clock: VirtualClock;
  /**
   * One RNG stream per vendor, used for its fixtures and for every later draw (ids, call outcomes), and saved with the
   * sandbox: a vendor's results depend only on the seed and its own requests, never on another vendor's traffic.
   */
  private readonly rngs = new Map<VendorId, SeededRandom>();
  readonly states = new Map<VendorId, unknown>();
  /** Set by any mutating call; cleared by the persistence layer once saved. */
  dirty = true;

  constructor(
    readonly id: string,
    readonly seed: number,
    readonly createdAt: number,
    readonly options: Record<VendorId, Record<string, unknown>>,
    clock: ClockSnapshot,
    journal: Partial<JournalSettings>,
    saved: Partial<Pick<SandboxSnapshot, 'rngs' | 'faults'>> = {},
  ) {
    this.clock = new VirtualClock(clock);
    this.journal = new RequestJournal(journal);
    for (const [vendorId, state] of Object.entries(saved.rngs ?? {}))
      this.rngs.set(vendorId as VendorId, SeededRandom.restore(state));
    // Faults draw from their own stream: adding a probability rule must not shift the vendors' seeded ids.
    this.faults = saved.faults
      ? FaultInjector.restore(saved.faults)
      : new FaultInjector(new SeededRandom(saltedSeed(seed, 'faults')));
  }

  get isDefault(): boolean {
    return this.id === DEFAULT_SANDBOX_ID;
  }

  rngOf(vendorId: VendorId): SeededRandom {
    let rng = this.rngs.get(vendorId);
    if (!rng) {
      rng = new SeededRandom(saltedSeed(this.seed, `${vendorId}:rng`));
      this.rngs.set(vendorId, rng);
    }
    return rng;
  }

  seedContext(vendor: AnyVendor): SeedContext {
    return {
      sandboxId: this.id,
      seed: this.seed,
      faker: seededFaker(this.seed, vendor.id),
      rng: this.rngOf(vendor.id),
      now: this.clock.now(),
      isDefault: this.isDefault,
      options: this.options[vendor.id] ?? {},
    };
  }

  stateOf<S>(vendorId: VendorId): S {
    const state = this.states.get(vendorId);
    if (state === undefined) throw new SandboxError(404, `vendor ${vendorId} is not served`);
    return state as S;
  }

  snapshot(vendors: readonly AnyVendor[]): SandboxSnapshot {
    const snap: SandboxSnapshot = {
      id: this.id,
      seed: this.seed,
      createdAt: this.createdAt,
      clock: this.clock.snapshot(),
      journal: this.journal.settings,
      rngs: Object.fromEntries([...this.rngs].map(([vendorId, rng]) => [vendorId, rng.snapshot()])),
      faults: this.faults.snapshot(),
      options: this.options,
      vendors: {},
    };
    for (const vendor of vendors) snap.vendors[vendor.id] = vendor.snapshot(this.states.get(vendor.id));
    return snap;
  }
}

/**
 * Marks a sandbox for saving after a call that may have changed it — one that is not read-only, whether it
 * succeeded or failed (`failure`: what it threw). A VendorError or AdminError (the caller's mistake) is by contract
 * thrown before anything changed (models and backdoors validate first), so such a failure leaves the mark as it
 * was; any other failure may have stopped half-way, so it is marked. Marked after the call, never before: a save that
 * runs while an asynchronous call is under way must not clear the mark of changes made after it.
 */
export function markChanged(sandbox: Sandbox, readOnly: boolean, failure?: unknown): void {
  if (readOnly) return;
  if (failure instanceof VendorError || failure instanceof AdminError) return;
  sandbox.dirty = true;
}

/** Vendors validate their own `options.<vendorId>`: a refusal there is the caller's mistake (400), not a crash. */
function createState(vendor: AnyVendor, sandbox: Sandbox): unknown {
  try {
    return vendor.create(sandbox.seedContext(vendor));
  } catch (err) {
    if (err instanceof z.ZodError) throw new SandboxError(400, `options.${vendor.id}: ${describeIssues(err)}`);
    throw err;
  }
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** All sandboxes of the process, and the index from a vendor credential (tenant key) to its sandbox. */
export class SandboxRegistry {
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly tenants = new Map<string, Sandbox>();
  /** Vendor requests whose credentials name no sandbox (runtime only, like every journal). */
  readonly unattributed = new RequestJournal();

  constructor(readonly vendors: readonly AnyVendor[]) {}

  vendor(id: string): AnyVendor | undefined {
    return this.vendors.find((v) => v.id === id);
  }

  create(options: SandboxOptions = {}): Sandbox {
    const id = options.id ?? `sbx-${randomBytes(5).toString('hex')}`;
    if (!ID_PATTERN.test(id)) throw new SandboxError(400, 'sandbox id must be 1-64 letters, digits, "-" or "_"');
    if (this.sandboxes.has(id)) throw new SandboxError(409, `sandbox ${id} already exists`);
    for (const vendorId of Object.keys(options.options ?? {})) {
      if (!this.vendor(vendorId)) throw new SandboxError(400, `options.${vendorId}: vendor ${vendorId} is not served`);
    }
    const seed = options.seed ?? (id === DEFAULT_SANDBOX_ID ? DEFAULT_SEED : Math.floor(Math.random() * 2 ** 31));
    const clock = { now: options.clock?.now ?? Date.now(), frozen: options.clock?.frozen ?? false };
    const sandbox = new Sandbox(id, seed, Date.now(), options.options ?? {}, clock, options.journal ?? {});
    for (const vendor of this.vendors) sandbox.states.set(vendor.id, createState(vendor, sandbox));
    this.add(sandbox);
    return sandbox;
  }

  restore(snap: SandboxSnapshot): Sandbox {
    const sandbox = new Sandbox(snap.id, snap.seed, snap.createdAt, snap.options, snap.clock, snap.journal, snap);
    for (const vendor of this.vendors) {
      const ctx = sandbox.seedContext(vendor);
      const saved = snap.vendors[vendor.id];
      // A vendor added since the snapshot was written starts from fresh fixtures.
      sandbox.states.set(vendor.id, saved === undefined ? vendor.create(ctx) : vendor.restore(saved, ctx));
    }
    sandbox.dirty = false;
    if (this.sandboxes.has(snap.id)) this.delete(snap.id);
    this.add(sandbox);
    return sandbox;
  }

  /** Re-seeds a sandbox in place: same id, seed and options, fresh fixtures, journal and faults. */
  reset(id: string, clock?: Partial<ClockSnapshot>): Sandbox {
    const old = this.require(id);
    this.delete(id);
    return this.create({
      id,
      seed: old.seed,
      options: old.options,
      journal: old.journal.settings,
      clock: { now: clock?.now ?? old.clock.now(), frozen: clock?.frozen ?? old.clock.frozen },
    });
  }

  get(id: string): Sandbox | undefined {
    return this.sandboxes.get(id);
  }

  require(id: string): Sandbox {
    const sandbox = this.sandboxes.get(id);
    if (!sandbox) throw new SandboxError(404, `sandbox ${id} not found`);
    return sandbox;
  }

  list(): Sandbox[] {
    return [...this.sandboxes.values()];
  }

  delete(id: string): boolean {
    const sandbox = this.sandboxes.get(id);
    if (!sandbox) return false;
    for (const [key, owner] of this.tenants) if (owner === sandbox) this.tenants.delete(key);
    this.sandboxes.delete(id);
    return true;
  }

  byTenant(vendorId: VendorId, key: string): Sandbox | undefined {
    return this.tenants.get(`${vendorId}\u0000${key}`);
  }

  /** Moves every vendor's time-driven lifecycle up to the sandbox's current virtual time. */
  advance(sandbox: Sandbox): void {
    const now = sandbox.clock.now();
    for (const vendor of this.vendors) {
      if (!vendor.advance) continue;
      vendor.advance(sandbox.states.get(vendor.id), now, sandbox.rngOf(vendor.id));
    }
  }

  private add(sandbox: Sandbox): void {
    const keys: string[] = [];
    for (const vendor of this.vendors) {
      for (const key of vendor.tenantKeys(sandbox.states.get(vendor.id))) {
        const indexKey = `${vendor.id}\u0000${key}`;
        const owner = this.tenants.get(indexKey);
        if (owner && owner !== sandbox) {
          for (const k of keys) this.tenants.delete(k);
          throw new SandboxError(409, `${vendor.id} credential ${key} is already used by sandbox ${owner.id}`);
        }
        keys.push(indexKey);
        this.tenants.set(indexKey, sandbox);
      }
    }
    this.sandboxes.set(sandbox.id, sandbox);
  }
}
