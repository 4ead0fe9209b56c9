/**
 * `campaign-sim`: start the simulators in-process (`createSimulator` for a bare request listener, `startSimulator`
 * or `serve` for a listening server). Every vendor is served unless `vendors` says otherwise. Typed reference
 * clients are under `campaign-sim/clients/<vendorId>`, test helpers under `campaign-sim/testing`.
 */
import { serve as serveVendors, type ServeOptions } from './cli/serve.ts';
import {
  createSimulator as createWith,
  type Simulator,
  type SimulatorOptions as KernelSimulatorOptions,
} from '../simulators/core/app.ts';
import { startSimulator as startWith, type RunningSimulator } from '../simulators/core/server.ts';
import { VENDORS } from '../simulators/index.ts';

/** Options of the simulator; `vendors` defaults to every served vendor (`VENDORS`). */
export type SimulatorOptions = Partial<KernelSimulatorOptions>;

export interface StartOptions extends SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port (read it from `url`). */
  port?: number;
}

/** The simulator as one Node request listener (`http.createServer(sim.app)`, supertest), not listening yet. */
export function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return createWith({ ...options, vendors: options.vendors ?? VENDORS });
}

/** A listening simulator (`url`, `stop()`); port 0 (the default) picks a free port. */
export function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  return startWith({ ...options, vendors: options.vendors ?? VENDORS });
}

/** What `campaign-sim serve` starts: 127.0.0.1:4010 by default, journal on, optional persistence. */
export function serve(options: Partial<ServeOptions> = {}): Promise<RunningSimulator> {
  return serveVendors({ host: '127.0.0.1', port: 4010, journal: true, ...options }, VENDORS);
}

export { VENDORS };
export type { Simulator, RunningSimulator, ServeOptions };
export type { SandboxOptions } from '../simulators/core/sandbox.ts';
export type { AnyVendor, VendorDefinition, VendorId } from '../simulators/core/vendor.ts';
export type { JournalEntry } from '../simulators/core/journal.ts';
export type { FaultRule, FaultRuleInput } from '../simulators/core/faults.ts';
