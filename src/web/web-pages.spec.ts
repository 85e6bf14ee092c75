import { join } from 'node:path';
import { findRepoRoot, isClientRoute, notBuiltPage, TERMINAL } from './web-pages';

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
});
