/**
 * A package-lock.json for a throw-away consumer project: the packed tarball plus, for its dependencies and any extra
 * packages, exactly the entries (versions and integrity) of this repository's own lockfile. `npm ci --offline` then
 * installs it from the npm cache that `npm ci` in this repository filled: a real npm install of the tarball, its
 * `dependencies` resolved as npm resolves them, and no network.
 */
interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bin?: Record<string, string> | string;
  optional?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [key: string]: unknown;
}

export interface Lockfile {
  name: string;
  lockfileVersion: number;
  requires: boolean;
  packages: Record<string, LockEntry>;
}

/** Where node would find `name` when required from the package installed at `from` (a lock path or ''). */
function resolveFrom(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** Every lock path reachable from `roots` (names resolved from the top level), optional platform packages included. */
export function closure(source: Lockfile, roots: string[]): Set<string> {
  const reached = new Set<string>();
  const visit = (from: string, name: string, optional: boolean) => {
    const path = resolveFrom(source.packages, from, name);
    if (!path) {
      if (optional) return;
      throw new Error(`${name} (needed by ${from || 'the consumer'}) is not in this repository's lockfile`);
    }
    if (reached.has(path)) return;
    reached.add(path);
    const entry = source.packages[path] as LockEntry;
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(path, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) {
      visit(path, dep, entry.peerDependenciesMeta?.[dep]?.optional === true);
    }
  };
  for (const name of roots) visit('', name, false);
  return reached;
}

export interface ConsumerLock {
  lock: Lockfile;
  /** Lock paths installed because the tarball depends on them (for its installed size). */
  packagePaths: string[];
}

/**
 * The consumer's lockfile: `dependencies` of the root (the tarball as `file:` plus extras at this repository's
 * versions) and the entries they reach, with the dev/peer flags of this repository dropped.
 */
export function consumerLock(
  source: Lockfile,
  tarball: { file: string; integrity: string; manifest: LockEntry & { name: string; version: string } },
  extras: string[],
): ConsumerLock {
  const { manifest } = tarball;
  const runtime = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}).filter((p) => !manifest.peerDependenciesMeta?.[p]?.optional),
  ];
  const packagePaths = [...closure(source, runtime)];
  const extraPaths = closure(source, extras);
  const rootDependencies: Record<string, string> = { [manifest.name]: `file:${tarball.file}` };
  for (const name of extras) rootDependencies[name] = source.packages[`node_modules/${name}`]?.version as string;

  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', version: '1.0.0', dependencies: rootDependencies },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: `file:${tarball.file}`,
      integrity: tarball.integrity,
      ...pick(manifest, ['dependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'license']),
    },
  };
  for (const path of new Set([...packagePaths, ...extraPaths])) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = source.packages[path] as LockEntry;
    packages[path] = entry;
  }
  return { lock: { name: 'consumer', lockfileVersion: 3, requires: true, packages }, packagePaths };
}

function pick(entry: LockEntry, keys: string[]): LockEntry {
  return Object.fromEntries(keys.filter((k) => entry[k] !== undefined).map((k) => [k, entry[k]]));
}
