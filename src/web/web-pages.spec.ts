import { join } from 'node:path';
import {
  findRepoRoot,
  isClientRoute,
  notBuiltPage,
  TERMINAL,
  preferredShopLanguage,
  withShopMeta,
} from './web-pages';

describe('web pages', () => {
  it('answers the index for client routes and not for asset paths', () => {
    expect(isClientRoute('/')).toBe(true);
    expect(isClientRoute('/orders/0b7c5a7e-1f7b-4c1e-9d7e-3a1d2f4c5b6a')).toBe(true);
    expect(isClientRoute('/assets/index-abc123.js')).toBe(false);
    expect(isClientRoute('/favicon.ico')).toBe(false);
  });

  it('finds the repository root from source and from the compiled output', () => {
    const root = findRepoRoot(__dirname);
    expect(findRepoRoot(join(root, 'dist/src/web'))).toBe(root);
  });

  it('explains how to build the pages when they are missing', () => {
    expect(notBuiltPage(TERMINAL)).toContain('npm run build:apps');
  });

  it('picks the shop language the browser asks for first', () => {
    expect(preferredShopLanguage('nl-NL,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(preferredShopLanguage('de-DE,en;q=0.5,nl;q=0.4')).toBe('en');
    expect(preferredShopLanguage('en;q=0.3,nl-BE;q=0.7')).toBe('nl');
    expect(preferredShopLanguage('fr-FR')).toBeNull();
    expect(preferredShopLanguage(undefined)).toBeNull();
  });

  it('puts the retailer and the language into the shop page, escaped', () => {
    const html = '<html lang="en"><head><title>Shop</title></head><body></body></html>';
    const served = withShopMeta(html, { retailerName: 'Bob & "Co" <b>', language: 'nl' });
    expect(served).toContain('<html lang="nl">');
    expect(served).toContain('<title>Bob &amp; &quot;Co&quot; &lt;b&gt;</title>');
    expect(served).toContain('<meta name="retailer-name" content="Bob &amp; &quot;Co&quot; &lt;b&gt;" />');
    expect(served).toContain('<meta name="shop-language" content="nl" />');
  });
});
