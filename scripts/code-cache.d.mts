/** Types of scripts/code-cache.mjs (a plain ES module so `npm start` needs no TypeScript loader). */
export declare const READY_EVENT: string;
export declare function runWithCodeCache(file: string, cacheFile: string, onCacheWritten?: () => void): boolean;
