import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * One build recipe for every page app: served by the Nest server under `/<base>/`, written to
 * dist/apps/<name>, JSX compiled for preact. Each app's vite.config.ts only names itself.
 */
export function pageAppConfig(name: string, base: string): UserConfig {
  return defineConfig({
    root: resolve(repoRoot, 'apps', name),
    base: `/${base}/`,
    publicDir: false,
    logLevel: 'warn',
    // The contracts' import alias, as apps/tsconfig.json "paths" names it.
    resolve: { alias: { '@o2o/contracts': resolve(repoRoot, 'libs/contracts/src') } },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: resolve(repoRoot, 'dist/apps', name),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      chunkSizeWarningLimit: 400,
    },
  });
}
