import type { QueryRunner } from 'typeorm';

/**
 * A migration holds the same schema change as generated for each driver (see src/cli/generate-migration.ts),
 * so that SQLite and PostgreSQL end up with equivalent schemas from one migration history.
 */
export interface DriverQueries {
  sqlite: string[];
  postgres: string[];
}

export async function runDriverQueries(runner: QueryRunner, queries: DriverQueries): Promise<void> {
  const kind = runner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
  for (const sql of queries[kind]) await runner.query(sql);
}
