// `npm start` / `npm run sim`: runs the bundled CLI, rebuilding it first when any source is newer (so edits are
// never served stale). Arguments are the CLI's own: `serve`, `replay <files>`, …
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, isStale } from './build.mjs';

if (isStale()) {
  const started = performance.now();
  await buildBundle();
  console.error(`[campaign-sim] bundled the CLI in ${Math.round(performance.now() - started)} ms`);
}
await import(pathToFileURL(BUNDLE).href);
