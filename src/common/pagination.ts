import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOptional } from './validation';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page } from '@o2o/contracts';
import { AppError } from './app-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** `limit` of every list: the contract's default 50, at most 500. */
export class LimitQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export function pageLimit(query: LimitQuery): number {
  return query.limit ?? DEFAULT_PAGE_SIZE;
}

/** `limit` and the opaque `after` cursor of a keyset-paginated list. */
export class PageQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): CursorValue[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => ['string', 'number'].includes(typeof v))
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through: answered as a validation error below
  }
  throw AppError.invalid('after', 'is not a cursor this list handed out');
}

/**
 * Keyset pagination over (sortColumn, idColumn), ascending unless `descending`: stable under inserts
 * and as cheap on the millionth row as on the first. Columns are given as "alias.column" of the query
 * builder.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keys: {
    sort: string;
    id: string;
    sortOf: (row: T) => CursorValue;
    idOf: (row: T) => CursorValue;
    descending?: boolean;
  },
  query: PageQuery,
): Promise<Page<T>> {
  const limit = pageLimit(query);
  const after = decodeCursor(query.after, 2);
  const [past, direction] = keys.descending ? (['<', 'DESC'] as const) : (['>', 'ASC'] as const);
  if (after) {
    qb.andWhere(
      `(${keys.sort} ${past} :cursorSort OR (${keys.sort} = :cursorSort AND ${keys.id} ${past} :cursorId))`,
      { cursorSort: after[0], cursorId: after[1] },
    );
  }
  const rows = await qb
    .orderBy(keys.sort, direction)
    .addOrderBy(keys.id, direction)
    .take(limit + 1)
    .getMany();
  return pageOf(rows, limit, (last) => [keys.sortOf(last), keys.idOf(last)]);
}

/**
 * The page of a keyset query that read `limit + 1` rows: the extra row is not shown, it only tells
 * that another page follows, whose cursor is made from the last row shown.
 */
export function pageOf<R>(rows: R[], limit: number, cursorOf: (last: R) => CursorValue[]): Page<R> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}

/** Maps the items of a page, keeping its cursor. */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), next: page.next };
}
