/** Types of scripts/stale.mjs (a plain ES module so `npm start` needs no TypeScript loader). */
export declare const ROOT: string;
export declare const BUNDLE: string;
export declare const CODE_CACHE: string;
export declare function isStale(): boolean;
