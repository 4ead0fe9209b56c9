// Bundles the CLI (src/cli/main.ts and everything it imports, dependencies included) into one ES module with
// esbuild, so `npm start` runs plain `node` without a TypeScript loader: start-up to healthy drops from ~1 s to
// well under half a second. `isStale()` lets scripts/start.mjs rebuild whenever a source is newer than the bundle.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const BUNDLE = join(ROOT, 'dist', 'campaign-sim.mjs');
export const DASHBOARD_SCRIPT = join(ROOT, 'dist', 'dashboard.js');
const SOURCES = ['src', 'simulators', 'contracts'].map((dir) => join(ROOT, dir));
const INPUTS = [join(ROOT, 'package-lock.json'), join(ROOT, 'scripts', 'build.mjs')];

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return path.endsWith('.ts') || INPUTS.includes(path) ? stat.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isStale() {
  const bundle = statSync(BUNDLE, { throwIfNoEntry: false });
  if (!bundle) return true;
  return Math.max(...SOURCES.map(newestMtime), ...INPUTS.map(newestMtime)) > bundle.mtimeMs;
}

export async function buildBundle() {
  const esbuild = await import('esbuild');
  // The dashboard's browser script: embedded in the bundle (simulators/core/admin/ui.ts reads __DASHBOARD_SCRIPT__)
  // and written to dist/dashboard.js for the sources and the package's compiled tree.
  const dashboard = await esbuild.build({
    entryPoints: [join(ROOT, 'simulators', 'core', 'admin', 'ui', 'client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
  });
  await esbuild.build({
    entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // CommonJS dependencies (express…) inside an ES module bundle still call require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'error',
    define: { __DASHBOARD_SCRIPT__: JSON.stringify(dashboard.outputFiles[0].text) },
  });
  writeFileSync(DASHBOARD_SCRIPT, dashboard.outputFiles[0].text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildBundle();
  console.log(`built ${BUNDLE} in ${Math.round(performance.now() - started)} ms`);
}
