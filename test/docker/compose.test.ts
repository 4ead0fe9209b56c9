import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../../bench/lib/processes.ts';

/**
 * No Docker engine runs here, so the container files are checked statically (docker-compose's own validation, the
 * Dockerfile's instructions) and the container's command is run as the container would run it: same command, same
 * environment, stopped with SIGTERM.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const tempDirs: string[] = [];

beforeAll(async () => {
  // Installs Debian's docker-compose when missing (CI runs as root); a no-op when it is there.
  await run('bash', [join(ROOT, 'scripts/ensure-docker-compose.sh')], { timeout: 600_000 });
}, 600_000);

afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Runs docker-compose on a file; `env` values of undefined remove the variable. */
function compose(file: string, args: string[], env: Record<string, string | undefined> = {}) {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return run('docker-compose', ['-f', file, '--project-directory', ROOT, ...args], { cwd: ROOT, env: merged });
}

interface ComposeService {
  environment: Record<string, string>;
  ports: ({ published: number | string; target: number | string } | string)[];
  volumes: string[];
}

async function normalizedService(env: Record<string, string | undefined>): Promise<ComposeService> {
  const { stdout } = await compose(join(ROOT, 'docker-compose.yml'), ['config'], env);
  const services = (parse(stdout) as { services: Record<string, ComposeService> }).services;
  expect(Object.keys(services)).toEqual(['campaign-sim']);
  return services['campaign-sim'] as ComposeService;
}

// ---- Dockerfile ----------------------------------------------------------------------------------------------

interface Instruction {
  name: string;
  args: string;
}

/** Dockerfile instructions with comments dropped and `\` continuations joined. */
async function dockerfile(): Promise<Instruction[]> {
  const text = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return logical.map((line) => {
    const [, name, args] = /^\s*(\S+)\s*(.*)$/.exec(line) as RegExpExecArray;
    return { name: (name as string).toUpperCase(), args: (args as string).trim() };
  });
}

/** The exec form (JSON array) of the last instruction with this name. */
function execForm(instructions: Instruction[], name: string): string[] | undefined {
  const found = instructions.filter((i) => i.name === name).at(-1);
  if (!found) return undefined;
  const parsed: unknown = JSON.parse(found.args);
  expect(Array.isArray(parsed), `${name} must use the exec form`).toBe(true);
  return parsed as string[];
}

/** ENV lines: both `ENV A=1 B=2` and the legacy `ENV A 1`. */
function envOf(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, args } of instructions) {
    if (name !== 'ENV') continue;
    if (!args.includes('=')) {
      const [key, ...value] = args.split(/\s+/);
      env[key as string] = value.join(' ');
      continue;
    }
    for (const pair of args.match(/\S+=("[^"]*"|\S*)/g) ?? []) {
      const at = pair.indexOf('=');
      env[pair.slice(0, at)] = pair.slice(at + 1).replace(/^"|"$/g, '');
    }
  }
  return env;
}

/**
 * What `npm start` runs, as argv: `tsx <args>` is `node --import tsx <args>` (tsx's own definition); a leading
 * `exec` only replaces npm's shell with the command.
 */
async function npmStartArgv(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const argv = (pkg.scripts.start as string).trim().split(/\s+/);
  if (argv[0] === 'exec') argv.shift();
  return argv[0] === 'tsx' ? ['node', '--import', 'tsx', ...argv.slice(1)] : argv;
}

/** Local address of the socket listening on `port`, from /proc/net/tcp (e.g. "0.0.0.0"). */
async function listeningAddress(port: number): Promise<string | undefined> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of table.split('\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue; // 0A = LISTEN
    const hex = local.slice(0, 8);
    return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  }
  return undefined;
}

/** Runs the image's HEALTHCHECK command with the container's environment; resolves to its exit code. */
async function healthcheck(argv: string[], env: Record<string, string>): Promise<number> {
  try {
    await run(argv[0] as string, argv.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, timeout: 10_000 });
    return 0;
  } catch (err) {
    return (err as { code?: number }).code ?? -1;
  }
}

describe('docker-compose.yml', () => {
  it('is valid for docker-compose (config -q), which does reject a broken file', async () => {
    await expect(
      compose(join(ROOT, 'docker-compose.yml'), ['config', '-q'], { SIM_ADMIN_TOKEN: 't' }),
    ).resolves.toBeDefined();
    const broken = join(await tempDir('compose-'), 'docker-compose.yml');
    const original = await readFile(join(ROOT, 'docker-compose.yml'), 'utf8');
    await writeFile(broken, original.replace('ports:', 'portz:'));
    await expect(compose(broken, ['config', '-q'], { SIM_ADMIN_TOKEN: 't' })).rejects.toThrow();
  });

  it('sets the admin token from the environment, and refuses to start the published port without one', async () => {
    const service = await normalizedService({ SIM_ADMIN_TOKEN: 'from-env' });
    expect(service.environment.SIM_ADMIN_TOKEN).toBe('from-env');
    for (const missing of [undefined, '']) {
      await expect(
        compose(join(ROOT, 'docker-compose.yml'), ['config', '-q'], { SIM_ADMIN_TOKEN: missing }),
      ).rejects.toThrow(/SIM_ADMIN_TOKEN/);
    }
  });

  it('binds 0.0.0.0 in the container, publishes 4010 and keeps SIM_DATA_DIR on a named volume', async () => {
    const service = await normalizedService({ SIM_DATA_DIR: '', SIM_ADMIN_TOKEN: 't' });
    // SIM_DATA_DIR comes from the caller's environment when set: empty means in memory.
    expect(service.environment).toMatchObject({ SIM_HOST: '0.0.0.0', SIM_PORT: '4010', SIM_DATA_DIR: '' });
    const ports = service.ports.map((p) => (typeof p === 'string' ? p : `${p.published}:${p.target}`));
    expect(ports).toEqual(['4010:4010']);

    const persistent = await normalizedService({ SIM_DATA_DIR: undefined, SIM_ADMIN_TOKEN: 't' });
    expect(persistent.environment.SIM_DATA_DIR).toBe('/data');
    expect(persistent.volumes.map((v) => v.replace(/:rw$/, ''))).toContain('sim-data:/data');
  });
});

describe('Dockerfile', () => {
  it('is node:20-slim with npm ci, port 4010, SIM_HOST=0.0.0.0 and a health check on /__admin/health', async () => {
    const instructions = await dockerfile();
    expect(instructions[0]).toEqual({ name: 'FROM', args: 'node:20-slim' });
    expect(instructions.some((i) => i.name === 'RUN' && /\bnpm ci\b/.test(i.args))).toBe(true);
    expect(instructions.filter((i) => i.name === 'EXPOSE').map((i) => i.args)).toEqual(['4010']);
    expect(envOf(instructions)).toMatchObject({ SIM_HOST: '0.0.0.0', SIM_PORT: '4010' });
    const check = instructions.find((i) => i.name === 'HEALTHCHECK');
    expect(check?.args).toMatch(/CMD \[.*\/__admin\/health/);
  });

  it('starts the same command as `npm start`', async () => {
    const instructions = await dockerfile();
    const entrypoint = execForm(instructions, 'ENTRYPOINT') ?? [];
    const cmd = execForm(instructions, 'CMD') ?? [];
    expect([...entrypoint, ...cmd]).toEqual(await npmStartArgv());
  });

  it('only needs runtime dependencies (the image prunes development dependencies after building)', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    const imported = new Set<string>();
    for (const dir of ['src', 'simulators', 'contracts']) {
      for (const file of await readdir(join(ROOT, dir), { recursive: true })) {
        if (!file.endsWith('.ts')) continue;
        const text = await readFile(join(ROOT, dir, file), 'utf8');
        // Value imports only: `import type` is erased before Node runs the file.
        for (const m of text.matchAll(
          /^\s*(?:import|export)(?!\s+type\b)[^'"]*?from\s+'([^'.][^']*)'|import\('([^'.][^']*)'\)/gm,
        )) {
          const spec = (m[1] ?? m[2]) as string;
          if (spec.startsWith('node:')) continue;
          imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
        }
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    // An optional peer (the Pact verifier behind `campaign-sim verify`) is imported only by the command needing it.
    const missing = [...imported].filter((name) => !(name in pkg.dependencies) && !pkg.peerDependenciesMeta[name]);
    expect(missing, 'imported at run time but only a devDependency (or not declared)').toEqual([]);
    expect(pkg.dependencies, 'build tools are development dependencies').not.toHaveProperty('esbuild');
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });

  it('the .dockerignore keeps node_modules and .git out and everything `npm start` needs in', async () => {
    const ignored = (await readFile(join(ROOT, '.dockerignore'), 'utf8'))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git']));
    for (const needed of ['package.json', 'package-lock.json', 'src', 'simulators', 'contracts']) {
      expect(ignored.some((pattern) => pattern === needed || needed.startsWith(`${pattern}/`))).toBe(false);
    }
  });

  it('runs as the container would: healthy on SIM_PORT, bound to 0.0.0.0, saves and exits 0 on SIGTERM', async () => {
    const instructions = await dockerfile();
    const [command, ...args] = [
      ...(execForm(instructions, 'ENTRYPOINT') ?? []),
      ...(execForm(instructions, 'CMD') ?? []),
    ];
    const healthArgv = JSON.parse(/CMD (\[.*\])$/.exec(instructions.find((i) => i.name === 'HEALTHCHECK')!.args)![1]!);
    const port = await freePort();
    const dataDir = await tempDir('sim-docker-data-');
    const env = { ...envOf(instructions), SIM_PORT: String(port), SIM_DATA_DIR: dataDir };

    const child = spawn(command === 'node' ? process.execPath : (command as string), args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (output.includes('Stop with Ctrl+C')) {
            clearInterval(poll);
            resolve();
          }
        }, 20);
        void exited.then((code) => {
          clearInterval(poll);
          reject(new Error(`exited with ${code}:\n${output}`));
        });
      });
      expect(await listeningAddress(port)).toBe('0.0.0.0');
      expect(await healthcheck(healthArgv, env)).toBe(0);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('stopped');
      expect((await readdir(dataDir)).length).toBeGreaterThan(0);
      // And the health check notices a server that is gone.
      expect(await healthcheck(healthArgv, env)).not.toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
