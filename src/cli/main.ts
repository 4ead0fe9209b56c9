#!/usr/bin/env node
/**
 * campaign-sim command line: `serve` (every vendor in one process), `replay` (scenario files) and `verify` (pact files). Subcommand code is
 * imported only when that subcommand runs, so `serve` does no work at import beyond what serving needs.
 */
import { Command, InvalidArgumentError } from 'commander';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    }
    return n;
  };
}

const parsePort = integer('port', 0, 65535);
const parseSeed = integer('seed', 0, 2 ** 31 - 1);
const parseMs = integer('milliseconds', 1, 86_400_000);
const parseBytes = integer('bytes', 1024, 2 ** 40);

/** `--flag` wins over the environment variable, which wins over the default. */
function fromEnv<T>(flag: T | undefined, env: string | undefined, parse: (v: string) => T): T | undefined {
  if (flag !== undefined) return flag;
  return env === undefined || env === '' ? undefined : parse(env);
}

const program = new Command('campaign-sim')
  .description('Stateful simulators of contact-center outbound-campaign vendor APIs')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve every vendor simulator and the /__admin control plane in one process')
  .option('--host <host>', 'interface to listen on (env SIM_HOST)', undefined)
  .option('--port <port>', 'port to listen on, 0 for any free one (env SIM_PORT)', parsePort)
  .option('--data-dir <dir>', 'persist sandboxes in this directory (env SIM_DATA_DIR)')
  .option('--seed <seed>', 'faker seed of the default sandbox', parseSeed)
  .option('--no-journal', 'do not record requests in the default sandbox (load tests)')
  .option('--autosave-ms <ms>', 'how often changed sandboxes are saved (with --data-dir)', parseMs)
  .option(
    '--admin-token <token>',
    'require Authorization: Bearer <token> on /__admin (health excepted) (env SIM_ADMIN_TOKEN)',
  )
  .option(
    '--max-body-bytes-in-flight <bytes>',
    'cap on request-body bytes read at once, all vendors together; beyond it 503 + Retry-After (env SIM_MAX_BODY_BYTES_IN_FLIGHT, default 536870912)',
    parseBytes,
  )
  .action(
    async (opts: {
      adminToken?: string;
      maxBodyBytesInFlight?: number;
      host?: string;
      port?: number;
      dataDir?: string;
      seed?: number;
      journal: boolean;
      autosaveMs?: number;
    }) => {
      const [{ serve, startupBanner, stopOnSignals }, { VENDORS }] = await Promise.all([
        import('./serve.ts'),
        import('../../simulators/index.ts'),
      ]);
      const options = {
        host: fromEnv(opts.host, process.env.SIM_HOST, String) ?? '127.0.0.1',
        port: fromEnv(opts.port, process.env.SIM_PORT, parsePort) ?? 4010,
        dataDir: fromEnv(opts.dataDir, process.env.SIM_DATA_DIR, String),
        seed: opts.seed,
        journal: opts.journal,
        autosaveMs: opts.autosaveMs,
        adminToken: fromEnv(opts.adminToken, process.env.SIM_ADMIN_TOKEN, String),
        maxBodyBytesInFlight: fromEnv(opts.maxBodyBytesInFlight, process.env.SIM_MAX_BODY_BYTES_IN_FLIGHT, parseBytes),
      };
      const running = await serve(options, VENDORS);
      stopOnSignals(running);
      // performance.now() counts from process start (timeOrigin), so this includes loading the code.
      process.stdout.write(startupBanner(running, options, Math.round(performance.now())));
      // scripts/code-cache.mjs (npm start) saves V8's code cache of the bundle now that start-up code has run.
      (process as NodeJS.EventEmitter).emit('campaign-sim:ready');
    },
  );

program
  .command('replay')
  .description('run scenario files (or directories of *.yaml, recursively); exit code 1 when any scenario fails')
  .argument('<paths...>', 'scenario files or directories')
  .option('--url <origin>', 'run against a running simulator (e.g. http://127.0.0.1:4010) instead of an in-process one')
  .option('--junit <file>', 'write a JUnit XML report')
  .option('--timeout-ms <ms>', 'timeout of each HTTP request', parseMs)
  .option('--admin-token <token>', "the running simulator's admin token (env SIM_ADMIN_TOKEN)")
  .action(async (paths: string[], opts: { url?: string; junit?: string; timeoutMs?: number; adminToken?: string }) => {
    const { replay } = await import('./replay.ts');
    process.exitCode = await replay(paths, opts);
  });

program
  .command('verify')
  .description(
    "verify your own pact files against the simulator (the vendor's real paths and credentials, provider states built in); exit code 1 when any interaction fails",
  )
  .argument('<paths...>', 'pact files or directories of *.json')
  .option(
    '--url <origin>',
    'verify against a running simulator (e.g. http://127.0.0.1:4010) instead of an in-process one',
  )
  .option('--vendor <vendorId>', "the vendor, when the pact's provider name does not name it")
  .option('--junit <file>', 'write a JUnit XML report')
  .option('--now <iso>', 'frozen virtual time of every sandbox (default: now)')
  .option('--admin-token <token>', "the running simulator's admin token, with --url (env SIM_ADMIN_TOKEN)")
  .option(
    '--provider-base-url <url>',
    'drift check: verify against the real vendor at this base URL (states skipped, credentials from the environment)',
  )
  .action(
    async (
      paths: string[],
      opts: {
        url?: string;
        vendor?: string;
        junit?: string;
        now?: string;
        providerBaseUrl?: string;
        adminToken?: string;
      },
    ) => {
      const { verifyCommand } = await import('./verify.ts');
      process.exitCode = await verifyCommand(paths, opts);
    },
  );

program
  .command('admin')
  .description(
    'call the admin API of a running simulator; long work (seeding, save, reset) runs as a job with a progress line',
  )
  .argument('<method>', 'GET, POST, DELETE, ...')
  .argument('<path>', 'path below /__admin, e.g. /sandboxes/default/vendors/symbee/records')
  .option('--data <json>', 'JSON request body')
  .option('--url <origin>', 'the running simulator', 'http://127.0.0.1:4010')
  .option('--admin-token <token>', "the simulator's admin token (env SIM_ADMIN_TOKEN)")
  .action(async (method: string, path: string, opts: { data?: string; url: string; adminToken?: string }) => {
    const { adminCommand } = await import('./admin.ts');
    process.exitCode = await adminCommand(method, path, opts);
  });

program.parseAsync().catch((err: unknown) => {
  console.error(`campaign-sim: ${(err as Error).message}`);
  process.exit(2);
});
