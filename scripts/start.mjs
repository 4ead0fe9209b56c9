// `npm start` / `npm run sim`: runs the bundled CLI, rebuilding it first when any source is newer (so edits are
// never served stale), from V8's code cache (scripts/code-cache.mjs). Arguments are the CLI's own: `serve`, …
// The server runs in this very process, so SIGINT/SIGTERM reach its own handler (save, then exit). The npm scripts
// `exec` this file: without it npm signals the `sh -c` between them, which dies and leaves the server running unsaved.
import { runWithCodeCache } from './code-cache.mjs';
import { BUNDLE, CODE_CACHE, isStale } from './stale.mjs';

if (isStale()) {
  const started = performance.now();
  // Only now: esbuild and the build script are not loaded for a start that has nothing to rebuild.
  const { buildBundle } = await import('./build.mjs');
  await buildBundle();
  console.error(`[campaign-sim] bundled the CLI in ${Math.round(performance.now() - started)} ms`);
}
// Priming (scripts/build.mjs): stop as soon as the cache is written.
const primed = process.env.CAMPAIGN_SIM_PRIME_CODE_CACHE === '1' ? () => process.exit(0) : undefined;
runWithCodeCache(BUNDLE, CODE_CACHE, primed);
