// Bundles the CLI (src/cli/main.ts and everything it imports, dependencies included) into one minified CommonJS file
// with esbuild, so `npm start` runs plain `node` without a TypeScript loader, and primes V8's code cache for it
// (scripts/code-cache.mjs): start-up is then mostly deserializing bytecode, not parsing and compiling megabytes of
// JavaScript. `isStale()` (scripts/stale.mjs) lets scripts/start.mjs rebuild whenever a source is newer than the bundle.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { BUNDLE, CODE_CACHE, ROOT } from './stale.mjs';

export { BUNDLE, CODE_CACHE, ROOT, isStale } from './stale.mjs';
export const DASHBOARD_SCRIPT = join(ROOT, 'dist', 'dashboard.js');

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
    // CommonJS: V8's code cache is reachable for a script (vm.Script), not for an ES module, on Node 20.
    format: 'cjs',
    target: 'node20',
    // Half the bytes to read and hash; the source map keeps stack traces readable (node --enable-source-maps).
    minify: true,
    sourcemap: true,
    // Only `campaign-sim verify` uses Pact (an optional peer): 2.5 of the 6.4 MB bundle, loaded when verify runs.
    external: ['@pact-foundation/pact'],
    // …through require(): a script compiled from a code cache has no dynamic import() on Node 20
    // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and Pact is CommonJS.
    supported: { 'dynamic-import': false },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
    define: {
      __DASHBOARD_SCRIPT__: JSON.stringify(dashboard.outputFiles[0].text),
      'import.meta.url': '__bundleUrl',
    },
  });
  rmSync(CODE_CACHE, { force: true });
  writeFileSync(DASHBOARD_SCRIPT, dashboard.outputFiles[0].text);
}

/**
 * Starts the new bundle once (`serve` on a free port, in memory) so that it writes its code cache at "ready", then
 * stops it: the first `npm start` after a build is as fast as the next ones.
 */
export function primeCodeCache() {
  const env = { ...process.env, CAMPAIGN_SIM_PRIME_CODE_CACHE: '1' };
  delete env.SIM_DATA_DIR;
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), 'serve', '--port', '0', '--no-journal'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`priming the code cache: the bundle exited with ${code}`));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildBundle();
  await primeCodeCache();
  console.log(`built ${BUNDLE} and its code cache in ${Math.round(performance.now() - started)} ms`);
}
