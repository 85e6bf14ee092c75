/** Types of scripts/build-apps.js for the TypeScript callers (the browser tests). */
export declare const ROOT: string;
export declare function newestMtime(dirs: string[]): number;
export declare function appsAreStale(): boolean;
export declare function buildApps(options?: {
  force?: boolean;
  log?: (line: string) => void;
}): Promise<boolean>;
