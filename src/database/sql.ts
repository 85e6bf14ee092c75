import type { EntityManager } from 'typeorm';

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
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const result = await runner.query(query, values, true);
    const rows = Array.isArray(result.records) ? (result.records as T[]) : [];
    return { rows, affected: typeof result.affected === 'number' ? result.affected : rows.length };
  } finally {
    if (!em.queryRunner) await runner.release();
  }
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
