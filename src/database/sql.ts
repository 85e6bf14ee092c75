import type { Database, Statement } from 'better-sqlite3';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';

export interface SqlResult<T> {
  rows: T[];
  affected: number;
}

/**
 * Runs hand-written SQL with :name (and :...list) placeholders on SQLite and PostgreSQL alike, and
 * answers the rows (SELECT or RETURNING) and the number of rows changed. Used where the database must
 * decide (conditional updates), never for read-then-write in application code.
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: Record<string, unknown> = {},
): Promise<SqlResult<T>> {
  const [query, values] = em.connection.driver.escapeQueryWithParameters(text, params);
  if (em.connection.driver.options.type === 'better-sqlite3') {
    return onSqlite(em.connection.driver as BetterSqlite3Driver, query, values);
  }
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const result = await runner.query(query, values, true);
    const rows = Array.isArray(result.records) ? (result.records as T[]) : [];
    return { rows, affected: typeof result.affected === 'number' ? result.affected : rows.length };
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

const STATEMENTS_KEPT = 500;
const preparedStatements = new WeakMap<Database, Map<string, Statement>>();

/**
 * On SQLite every unit of work runs on the one connection, one unit at a time, so a statement runs on
 * it directly and is prepared once. (TypeORM's runner keeps prepared statements per runner, and a read
 * outside a unit gets a new runner, so it prepared again every time: most of a hot read's cost.)
 */
function onSqlite<T>(driver: BetterSqlite3Driver, query: string, values: unknown[]): SqlResult<T> {
  const db = driver.databaseConnection as Database;
  let statements = preparedStatements.get(db);
  if (!statements) preparedStatements.set(db, (statements = new Map()));
  try {
    let statement = statements.get(query);
    if (statement)
      statements.delete(query); // most recently used last: a busy statement is never the one dropped
    else statement = db.prepare(query);
    statements.set(query, statement);
    if (statements.size > STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
    if (statement.reader) {
      const rows = statement.all(...values) as T[];
      return { rows, affected: rows.length };
    }
    return { rows: [], affected: statement.run(...values).changes };
  } catch (error) {
    throw new QueryFailedError(query, values, error as Error);
  }
}

/**
 * Whether a read issued now sees committed rows only. Always on PostgreSQL (each read has its own
 * snapshot); on SQLite only while no transaction is open on the one connection every unit shares.
 */
export function readsCommittedRows(dataSource: DataSource): boolean {
  const { driver } = dataSource;
  if (driver.options.type !== 'better-sqlite3') return true;
  return !((driver as BetterSqlite3Driver).databaseConnection as Database).inTransaction;
}

const UNIQUE_VIOLATION_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * Whether a write failed on a unique index. A check-then-insert inside a unit of work does not stop
 * two concurrent units on PostgreSQL (neither sees the other's row until commit): the index decides,
 * and the loser must be answered like a failed check, not with a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return typeof code === 'string' && UNIQUE_VIOLATION_CODES.has(code);
}

/** Makes % and _ in user input match themselves in a LIKE pattern (escape character \). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
