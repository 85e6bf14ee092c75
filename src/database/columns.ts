import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as ISO-8601 UTC text ("2026-01-31T09:30:00.000Z") on SQLite and PostgreSQL
 * alike: one format, compared as strings, decided on the application's clock.
 */
const isoTransformer: ValueTransformer = {
  to: (value: Date | string | null | undefined) =>
    value == null ? value : value instanceof Date ? value.toISOString() : new Date(value).toISOString(),
  from: (value: string | null) => (value == null ? null : new Date(value)),
};

export function TimestampColumn(
  options: Omit<ColumnOptions, 'type' | 'transformer'> = {},
): PropertyDecorator {
  return Column({ ...options, type: 'varchar', length: 24, transformer: isoTransformer });
}

/** JSON kept as text, the same on both databases. */
export function JsonColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ ...options, type: 'simple-json' });
}

/** The column type of ids: UUIDs made by the application. */
export const ID = { type: 'varchar', length: 36 } as const;

export function nowIso(): string {
  return new Date().toISOString();
}
