import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource, DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { SnakeNamingStrategy } from './naming.strategy';

const MIGRATIONS = [join(__dirname, 'migrations', '*.{ts,js}')];

/** The entity classes the schema is made of: the app lists them (src/entities.ts), the database knows none. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type Entities = MixedList<Function | string | EntitySchema>;

export function dataSourceOptions(db: DatabaseConfig, entities: Entities): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
  } as const;
  if (db.type === 'postgres') {
    return { ...common, type: 'postgres', url: db.url, extra: { max: 20 } };
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    enableWAL: true,
    // Commits survive a crash of the process; only a power cut can lose the last few (WAL + NORMAL).
    prepareDatabase: (sqlite: { pragma(sql: string): unknown }) => {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('foreign_keys = ON');
    },
  };
}

export function createDataSource(db: DatabaseConfig, entities: Entities): DataSource {
  return new DataSource(dataSourceOptions(db, entities));
}
