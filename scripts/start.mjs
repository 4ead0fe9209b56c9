// `npm start` / `npm run sim`: runs the bundled CLI, rebuilding it first when any source is newer (so edits are
// never served stale). Arguments are the CLI's own: `serve`, `replay <files>`, …
// The server runs in this very process, so SIGINT/SIGTERM reach its own handler (save, then exit). The npm scripts
// `exec` this file: without it npm signals the `sh -c` between them, which dies and leaves the server running unsaved.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, isStale } from './build.mjs';

if (isStale()) {
  const started = performance.now();
  await buildBundle();
  console.error(`[campaign-sim] bundled the CLI in ${Math.round(performance.now() - started)} ms`);
}
await import(pathToFileURL(BUNDLE).href);
