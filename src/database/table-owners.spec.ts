import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * One owner per table: the feature folder whose entity file declares a table is the only one whose SQL
 * writes it, and the only one that reads it, but for the reads listed in READS_ACROSS with their reason.
 * Other features ask the owner's exported services. (TypeORM entity access across features is held by
 * dependency-cruiser: another feature's entity may only be imported as a type.)
 */
const READS_ACROSS: Record<string, { tables: string[]; why: string }> = {
  'inventory/stock.service.ts': {
    tables: ['variants', 'products'],
    why: 'one page of stock rows is searched and sorted by product title in the same query',
  },
  'inventory/availability.service.ts': {
    tables: ['variants'],
    why: 'the busiest public read turns SKUs into levels in one statement',
  },
  'seed/demo-seed.ts': {
    tables: ['stock_movements'],
    why: 'the demo seed checks whether its opening stock is already recorded',
  },
};

const SRC = join(__dirname, '..');
const TABLE_IN_SQL = /\b(FROM|JOIN|INTO|UPDATE)\s+([a-z_]+)\b/g;
const WRITE_KEYWORDS = new Set(['INTO', 'UPDATE']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const featureOf = (file: string) => relative(SRC, file).split(sep)[0];

function tableOwners(files: string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.entity.ts'))) {
    for (const [, table] of readFileSync(file, 'utf8').matchAll(/@Entity\('([a-z_]+)'\)/g)) {
      owners.set(table, featureOf(file));
    }
  }
  return owners;
}

/** SQL text only: the template literals and strings handed to sql()/query(), not comments or prose. */
function sqlTexts(source: string): string[] {
  return [...source.matchAll(/`([^`]*)`|'([^'\n]*)'/g)].map((match) => match[1] ?? match[2]);
}

describe('one owner per table', () => {
  const files = sourceFiles(SRC);
  const owners = tableOwners(files);

  it('finds the tables and their owners', () => {
    expect(owners.get('orders')).toBe('orders');
    expect(owners.get('stock_levels')).toBe('inventory');
    expect(owners.size).toBeGreaterThan(10);
  });

  it('lets only the owner write a table, and others read it only where allowed and said why', () => {
    const trespasses: string[] = [];
    for (const file of files) {
      const feature = featureOf(file);
      const name = relative(SRC, file).split(sep).join('/');
      for (const text of sqlTexts(readFileSync(file, 'utf8'))) {
        for (const [, keyword, table] of text.matchAll(TABLE_IN_SQL)) {
          const owner = owners.get(table);
          if (!owner || owner === feature) continue;
          const allowed = !WRITE_KEYWORDS.has(keyword) && READS_ACROSS[name]?.tables.includes(table);
          if (!allowed) trespasses.push(`${name}: ${keyword} ${table} (owned by ${owner})`);
        }
      }
    }
    expect(trespasses).toEqual([]);
  });

  it('catches a trespass (the check can fail)', () => {
    const text = sqlTexts('const q = `UPDATE stock_levels SET on_hand = 0 WHERE id = :id`;')[0];
    expect([...text.matchAll(TABLE_IN_SQL)].map((m) => m[2])).toEqual(['stock_levels']);
  });
});
