import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { consumerLock, type Lockfile } from './lockfile.ts';

/**
 * Packs this repository once and installs the tarball into an empty project outside it, offline (see lockfile.ts),
 * as a user would: `npm install campaign-sim-<version>.tgz`.
 */
export const ROOT = new URL('../..', import.meta.url).pathname;
export const run = promisify(execFile);

const BUILT = join(ROOT, 'dist', 'src', 'index.js');
const SOURCE_DIRS = ['src', 'simulators', 'contracts'];

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
  }
  return newest;
}

/** `npm ci` built the package (prepare); rebuilds only when a source changed since, so a run never packs stale code. */
export async function ensureBuilt(): Promise<void> {
  const built = await stat(BUILT).catch(() => undefined);
  const newest = Math.max(...(await Promise.all(SOURCE_DIRS.map((d) => newestSource(join(ROOT, d))))));
  if (built && built.mtimeMs >= newest) return;
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
  });
}

export interface Installed {
  /** The consumer project (node_modules/campaign-sim installed from the tarball). */
  dir: string;
  tarball: string;
  tarballBytes: number;
  /** Files in the tarball, as `npm pack` lists them. */
  files: string[];
  /** On disk: the package plus its runtime dependencies (not the extras). */
  installedBytes: number;
}

async function duBytes(paths: string[]): Promise<number> {
  const { stdout } = await run('du', ['-sbc', ...paths]);
  return Number(/(\d+)\s+total\s*$/.exec(stdout)?.[1]);
}

/** Packs (scripts skipped: built above) and installs the tarball plus `extras` at this repository's versions. */
export async function packAndInstall(extras: string[]): Promise<Installed> {
  await ensureBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'campaign-sim-consumer-'));
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, '--loglevel', 'error'],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const [packed] = JSON.parse(stdout) as { filename: string; size: number; files: { path: string }[] }[];
  if (!packed) throw new Error(`npm pack printed nothing: ${stdout}`);
  const tarball = join(dir, packed.filename);
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const integrity = `sha512-${createHash('sha512')
    .update(await readFile(tarball))
    .digest('base64')}`;
  const source = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  const { lock, packagePaths } = consumerLock(source, { file: packed.filename, integrity, manifest }, extras);
  const root = lock.packages[''] as { dependencies: Record<string, string> };
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      version: '1.0.0',
      private: true,
      type: 'module',
      dependencies: root.dependencies,
    }),
  );
  await writeFile(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'error'], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const installedBytes = await duBytes([
    join(dir, 'node_modules', manifest.name),
    ...packagePaths.map((p) => join(dir, p)),
  ]);
  return { dir, tarball, tarballBytes: packed.size, files: packed.files.map((f) => f.path), installedBytes };
}

/** Copies the consumer fixture files (test/package/fixtures/...) into the installed project. */
export async function addConsumerFiles(installed: Installed, fixtureDir: string): Promise<void> {
  await cp(join(ROOT, 'test', 'package', 'fixtures', fixtureDir), installed.dir, { recursive: true });
}
