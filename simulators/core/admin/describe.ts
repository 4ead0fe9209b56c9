import type { Sandbox, SandboxRegistry } from '../sandbox.ts';

/**
 * What the admin plane says about sandboxes and the process, apart from its Express routes: the start-up banner
 * prints a description, and health is answered before the admin app is loaded (simulators/core/app.ts).
 */
export function describeSandbox(registry: SandboxRegistry, sandbox: Sandbox, origin: string) {
  const vendors: Record<string, unknown> = {};
  for (const vendor of registry.vendors) vendors[vendor.id] = vendor.describe(sandbox.states.get(vendor.id), origin);
  return {
    id: sandbox.id,
    seed: sandbox.seed,
    default: sandbox.isDefault,
    clock: { now: new Date(sandbox.clock.now()).toISOString(), frozen: sandbox.clock.frozen },
    journal: sandbox.journal.settings,
    vendors,
  };
}

/** `GET /__admin/health`. */
export function healthOf(registry: SandboxRegistry) {
  return { status: 'ok', vendors: registry.vendors.map((v) => v.id), sandboxes: registry.list().length };
}
