import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Only configuration and the database connection are global Nest modules: any other `@Global()` would
 * let a feature use a provider its module never imports, hiding a dependency the layering rules check.
 */
const ALLOWED = ['config/config.module.ts', 'database/database.module.ts'];
const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('global modules', () => {
  it('are only configuration and the database connection', () => {
    const globals = sourceFiles(SRC)
      .filter((file) => /@Global\(\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file).split('\\').join('/'))
      .sort();
    expect(globals).toEqual(ALLOWED);
  });
});
