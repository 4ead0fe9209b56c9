import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the vendor documents (`shared/vendor-docs/`), which live beside the repository (`../shared` of a clone,
 * as CI has it) or further up (a git worktree nested below the main checkout's parent). Throws when it is missing:
 * tests against the vendor's own files must not pass silently without them.
 */
export function vendorDocPath(...parts: string[]): string {
  let dir = fileURLToPath(new URL('../..', import.meta.url));
  for (;;) {
    const candidate = join(dir, '..', 'shared', 'vendor-docs', ...parts);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`vendor document not found: shared/vendor-docs/${parts.join('/')}`);
    dir = parent;
  }
}
