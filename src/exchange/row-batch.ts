import type { ImportRowError } from '@o2o/contracts';
import { AppError } from '../common/app-error';

/** A checked row with its row number in the file (the header is row 1). */
export interface NumberedRow<T> {
  rowNumber: number;
  row: T;
}

/** What one batch of rows did. */
export interface BatchOutcome {
  created: number;
  updated: number;
  errors: ImportRowError[];
}

export const emptyOutcome = (): BatchOutcome => ({ created: 0, updated: 0, errors: [] });

/** A refused row in plain words: the field a business refusal names (details.fields), else `fallback`. */
export function rowErrorOf(rowNumber: number, error: unknown, fallback: string): ImportRowError {
  if (!(error instanceof AppError)) {
    return { row: rowNumber, field: fallback, message: 'could not be saved; import this row again' };
  }
  const fields = (error.details?.fields ?? []) as Array<{ field: string; errors: string[] }>;
  const field = fields[0]?.field.split('.').pop() ?? fallback;
  return { row: rowNumber, field, message: fields[0]?.errors[0] ?? error.message };
}

/**
 * Applies a batch in one unit of work; a row the business rules refuse is listed and the others go on.
 * If the unit fails as a whole (a constraint the checks could not foresee, e.g. a SKU taken meanwhile),
 * every row is applied again in a unit of its own, so that one bad row never stops the good ones.
 */
export async function applyInBatch<T>(
  rows: Array<NumberedRow<T>>,
  inOneUnit: (rows: Array<NumberedRow<T>>) => Promise<BatchOutcome>,
  fallbackField: string,
): Promise<BatchOutcome> {
  try {
    return await inOneUnit(rows);
  } catch {
    const outcome = emptyOutcome();
    for (const row of rows) {
      try {
        const one = await inOneUnit([row]);
        outcome.created += one.created;
        outcome.updated += one.updated;
        outcome.errors.push(...one.errors);
      } catch (error) {
        outcome.errors.push(rowErrorOf(row.rowNumber, error, fallbackField));
      }
    }
    return outcome;
  }
}
