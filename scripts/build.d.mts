/** Types of scripts/build.mjs (a plain ES module so `npm start` needs no TypeScript loader). */
export declare const ROOT: string;
export declare const BUNDLE: string;
export declare const DASHBOARD_SCRIPT: string;
export declare function isStale(): boolean;
export declare function buildBundle(): Promise<void>;
export declare const CODE_CACHE: string;
export declare function primeCodeCache(): Promise<void>;
