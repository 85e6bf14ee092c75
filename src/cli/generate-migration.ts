/**
 * Writes a migration with what the entities need beyond the existing migrations, generated for SQLite
 * and for PostgreSQL. Usage: npm run migration:generate -- <Name>   (needs TEST_POSTGRES_URL or the
 * machine's PostgreSQL at postgres://127.0.0.1:5432/test).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataSource } from '../database/data-source';
import { DriverQueries } from '../database/migration-support';
import { createScratchDatabase } from '../database/scratch-database';
import { ENTITIES } from '../entities';

async function pending(kind: 'sqlite' | 'postgres', postgresUrl: string) {
  const scratch = await createScratchDatabase(kind, postgresUrl);
  const ds = createDataSource(scratch.config, ENTITIES);
  try {
    await ds.initialize();
    await ds.runMigrations();
    const log = await ds.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await scratch.drop();
  }
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('usage: generate-migration <PascalCaseName>');
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const sqlite = await pending('sqlite', postgresUrl);
  const postgres = await pending('postgres', postgresUrl);
  if (!sqlite.up.length && !postgres.up.length) {
    console.log('The entities and the migrations agree: nothing to generate.');
    return;
  }
  const stamp = Date.now();
  const up: DriverQueries = { sqlite: sqlite.up, postgres: postgres.up };
  const down: DriverQueries = { sqlite: sqlite.down, postgres: postgres.down };
  const file = join(__dirname, '..', '..', '..', 'src', 'database', 'migrations', `${stamp}-${name}.ts`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = ${JSON.stringify(up, null, 2)};

const DOWN: DriverQueries = ${JSON.stringify(down, null, 2)};

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
`,
  );
  console.log(`Wrote ${file}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
