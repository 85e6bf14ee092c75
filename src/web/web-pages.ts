import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A page app as the server mounts it: where its build lives and which URLs answer its index. */
export interface PageApp {
  /** Folder name under dist/apps (and apps/). */
  name: string;
  /** What a person calls it, for the "not built" answer. */
  label: string;
  /** The URL prefix its assets (vite `base`) and client-side routes live under. */
  mount: string;
}

export const TERMINAL: PageApp = { name: 'terminal', label: 'store terminal', mount: '/terminal' };
export const STOREFRONT: PageApp = { name: 'storefront', label: 'online shop', mount: '/shop' };
export const BACK_OFFICE: PageApp = { name: 'admin', label: 'back office', mount: '/admin' };

/** The repository root: the nearest folder above this file with a package.json (src/ or dist/src/). */
export function findRepoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/**
 * Client-side routes answer the app's index.html; a path that names a file (has an extension) is
 * an asset, and a missing asset is a plain 404, never an HTML page the browser would run as script.
 */
export function isClientRoute(path: string): boolean {
  const last = path.split('/').pop() ?? '';
  return !last.includes('.');
}

/** The page a browser gets when the apps were never built, so the cause and the fix are plain. */
export function notBuiltPage(app: PageApp): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not built</title>
<body style="font:18px system-ui;margin:3rem;max-width:40rem">
<h1>The ${app.label} has not been built</h1>
<p>Its files are missing from <code>dist/apps/${app.name}</code>. Run <code>npm run build:apps</code>
(or start the server with <code>npm start</code>, which builds them when missing) and reload.</p>
<p>The API is up: see <a href="/docs">/docs</a>.</p></body></html>`;
}
