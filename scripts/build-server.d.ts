/** Types of scripts/build-server.js for the TypeScript callers (tests that run the built server). */
export declare const SERVER_ENTRY: string;
export declare function buildServer(options?: { log?: (line: string) => void }): void;
