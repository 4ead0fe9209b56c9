import { describeSandbox } from '../../simulators/core/admin/describe.ts';
import { DEFAULT_SANDBOX_ID } from '../../simulators/core/sandbox.ts';
import { startSimulator, type RunningSimulator } from '../../simulators/core/server.ts';
import type { AnyVendor } from '../../simulators/core/vendor.ts';
import { plainYaml } from './plain-yaml.ts';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir?: string;
  seed?: number;
  journal: boolean;
  autosaveMs?: number;
  /** Required by every `/__admin` route but health (`Authorization: Bearer`); the admin plane is open without it. */
  adminToken?: string;
  /** Cap on request-body bytes read at once across the process (503 + Retry-After beyond it). */
  maxBodyBytesInFlight?: number;
}

export async function serve(options: ServeOptions, vendors: readonly AnyVendor[]): Promise<RunningSimulator> {
  return startSimulator({
    vendors,
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    autosaveMs: options.autosaveMs,
    adminToken: options.adminToken,
    maxBodyBytesInFlight: options.maxBodyBytesInFlight,
    defaultSandbox: {
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      // Load tests: the journal's per-request bookkeeping is pure overhead there.
      ...(options.journal ? {} : { journal: { enabled: false } }),
    },
  });
}

/** The block printed at start: where everything is, and the default sandbox's credentials ready to paste. */
export function startupBanner(running: RunningSimulator, options: ServeOptions, readyMs: number): string {
  const sandbox = running.registry.require(DEFAULT_SANDBOX_ID);
  const described = describeSandbox(running.registry, sandbox, running.url);
  const persistence = options.dataDir
    ? `${options.dataDir} (autosave every ${options.autosaveMs ?? 2000} ms, saved on stop)`
    : 'off (in memory; use --data-dir to keep sandboxes across restarts)';
  const lines = [
    `campaign-sim ready in ${readyMs} ms`,
    '',
    `  base URL     ${running.url}`,
    `  admin URL    ${running.url}/__admin   (health: ${running.url}/__admin/health)`,
    `  vendors      ${running.registry.vendors.map((v) => v.id).join(', ')}`,
    `  persistence  ${persistence}`,
    `  journal      ${sandbox.journal.settings.enabled ? 'on' : 'off'}`,
    `  admin token  ${options.adminToken ? 'required (Authorization: Bearer <token>; health is open)' : 'none (admin API open)'}`,
    '',
    `Default sandbox "${sandbox.id}" (seed ${sandbox.seed}, clock ${described.clock.now}${described.clock.frozen ? ', frozen' : ''}):`,
    '',
    indent(plainYaml(described.vendors), '  '),
    '',
    'Stop with Ctrl+C (state is saved first when persistence is on).',
  ];
  return `${lines.join('\n')}\n`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** Stops (saving first) on SIGINT/SIGTERM and exits 0; a second signal while stopping exits at once. */
export function stopOnSignals(running: RunningSimulator): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: saving and stopping...`);
    running.stop().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        console.error('stop failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
