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

/** The languages the shop speaks; the first is the fallback. */
export const SHOP_LANGUAGES = ['en', 'nl'] as const;
export type ShopLanguage = (typeof SHOP_LANGUAGES)[number];

/**
 * The shop language the browser asks for first ("nl-NL,nl;q=0.9,en;q=0.8" → nl), by quality then order;
 * null when it names none the shop speaks (the page then follows navigator.language).
 */
export function preferredShopLanguage(acceptLanguage: string | undefined): ShopLanguage | null {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { language: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && (SHOP_LANGUAGES as readonly string[]).includes(entry.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.language as ShopLanguage | undefined) ?? null;
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The shop's index with what only the server knows: the retailer's name (the brand and the tab
 * title before the app starts) and the language the browser asked for (Accept-Language).
 */
export function withShopMeta(
  html: string,
  meta: { retailerName: string; language: ShopLanguage | null },
): string {
  const name = escapeAttribute(meta.retailerName);
  const tags =
    `<meta name="retailer-name" content="${name}" />` +
    (meta.language ? `<meta name="shop-language" content="${meta.language}" />` : '');
  return html
    .replace('<html lang="en">', `<html lang="${meta.language ?? 'en'}">`)
    .replace(/<title>[^<]*<\/title>/, `<title>${name}</title>`)
    .replace('</head>', `${tags}</head>`);
}
