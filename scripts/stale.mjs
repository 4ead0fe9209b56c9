// Where the bundled CLI lives and whether it is older than its sources. Kept apart from scripts/build.mjs (esbuild,
// child processes) so that `npm start` loads only node:fs and node:path to decide there is nothing to rebuild.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const BUNDLE = join(ROOT, 'dist', 'campaign-sim.cjs');
export const CODE_CACHE = `${BUNDLE}.cache`;
const SOURCES = ['src', 'simulators', 'contracts'].map((dir) => join(ROOT, dir));
const INPUTS = [join(ROOT, 'package-lock.json'), join(ROOT, 'scripts', 'build.mjs')];

/** True as soon as one .ts file under `dir` is newer than `since` (directory entries typed: no stat of folders). */
function anyNewer(dir, since) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (anyNewer(path, since)) return true;
    } else if (entry.name.endsWith('.ts') && statSync(path, { throwIfNoEntry: false })?.mtimeMs > since) return true;
  }
  return false;
}

export function isStale() {
  const bundle = statSync(BUNDLE, { throwIfNoEntry: false });
  if (!bundle) return true;
  const since = bundle.mtimeMs;
  return (
    INPUTS.some((input) => (statSync(input, { throwIfNoEntry: false })?.mtimeMs ?? 0) > since) ||
    SOURCES.some((dir) => anyNewer(dir, since))
  );
}
