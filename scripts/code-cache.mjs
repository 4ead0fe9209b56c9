// Runs the bundled CLI (CommonJS) with V8's code cache, so a start does not parse and compile 2-3 MB of JavaScript
// again: the bytecode of everything that ran up to "ready" is kept in dist/campaign-sim.cjs.cache and handed to V8
// on the next start (Node 20 has no module.enableCompileCache; vm.Script with cachedData is the same mechanism).
// The cache is keyed to the bundle's size and mtime and to the Node version: V8 itself only checks the source
// length, so a rebuilt bundle of the same length must never reuse an old cache.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { Buffer, isAscii } from 'node:buffer';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setImmediate } from 'node:timers';
import vm from 'node:vm';

/** Emitted by the CLI (`process.emit`) once it serves: everything start-up needs has been compiled by then. */
export const READY_EVENT = 'campaign-sim:ready';

function cacheKey(file) {
  const { size, mtimeMs } = statSync(file);
  return `${size}:${mtimeMs}:${process.version}:${process.arch}`;
}

/** The cached bytecode for `file` as it is now, or undefined (none, another build, another Node). */
function readCache(cacheFile, key) {
  try {
    const data = readFileSync(cacheFile);
    const keyLength = data.readUInt32LE(0);
    if (data.toString('utf8', 4, 4 + keyLength) !== key) return undefined;
    return data.subarray(4 + keyLength);
  } catch {
    return undefined;
  }
}

function writeCache(cacheFile, key, script) {
  try {
    const keyBytes = Buffer.from(key, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(keyBytes.length);
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([length, keyBytes, script.createCachedData()]));
    renameSync(temp, cacheFile);
  } catch {
    // A read-only install (a container's dist owned by another user): start without a cache, as before.
  }
}

/**
 * Runs a CommonJS bundle as Node's own loader would (same wrapper, require, module, __filename), compiled from the
 * code cache when there is a valid one; writes a fresh cache once the CLI reports ready when there was none.
 * `onCacheWritten` is for priming the cache at build time. Returns whether V8 took the cached bytecode.
 */
export function runWithCodeCache(file, cacheFile, onCacheWritten) {
  const key = cacheKey(file);
  const cachedData = readCache(cacheFile, key);
  // esbuild writes ASCII (non-ASCII characters escaped): then the bytes are the string, with no UTF-8 decoding of
  // megabytes to do. A shebang line is legal at the start of a file, not inside the wrapper function.
  const bytes = readFileSync(file);
  const source = (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')).replace(/^#!.*/, '');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  if (!cached) {
    process.once(READY_EVENT, () =>
      setImmediate(() => {
        writeCache(cacheFile, key, script);
        onCacheWritten?.();
      }),
    );
  }
  const module = { exports: {}, filename: file, id: '.', loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return cached;
}
