import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error';

/** Deeper than any body of the API (an order's address is 3 levels); far below what overflows the stack. */
export const MAX_BODY_DEPTH = 32;

/**
 * Text PostgreSQL cannot hold: a NUL character, or half of a surrogate pair (not UTF-8 at all). Either
 * failed the query with a 5xx on PostgreSQL while SQLite stored it: both databases now answer the same.
 */
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Before any route sees the request, refuses what no route can take: a body nested deeper than
 * MAX_BODY_DEPTH (turning it into a DTO would overflow the stack) and text PostgreSQL cannot store in
 * the query string or the body (values and field names alike). A path id holding such text names
 * nothing that exists: the route answers its own 404, as it does for any unknown id.
 */
export function refuseUnstorableInput(server: FastifyInstance): void {
  server.addHook('preValidation', (request, _reply, done) => {
    unknowableIds(request.params);
    done(
      unstorableIn(request.query, '', Infinity) ??
        unstorableIn(request.body, '', MAX_BODY_DEPTH) ??
        undefined,
    );
  });
}

/**
 * Path parameters with their unstorable characters written as U+FFFD, which no id, code or SKU holds:
 * the lookup runs (on PostgreSQL too) and finds nothing, so the route answers its own 404.
 */
function unknowableIds(params: unknown): void {
  if (!params || typeof params !== 'object') return;
  const byName = params as Record<string, unknown>;
  for (const [name, value] of Object.entries(byName)) {
    if (typeof value === 'string' && UNSTORABLE.test(value)) {
      byName[name] = value.replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd');
    }
  }
}

/**
 * VALIDATION_FAILED naming the first field that holds unstorable text or lies too deep, or null.
 * Walks with its own stack: a recursive walk would overflow on the very bodies it must refuse.
 */
export function unstorableIn(input: unknown, root: string, maxDepth: number): AppError | null {
  const pending: Array<{ value: unknown; field: string; depth: number }> = [
    { value: input, field: root, depth: 0 },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, field, depth } = next;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return refusal(field || 'value', value, false);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      return new AppError(
        'VALIDATION_FAILED',
        `The request body is nested too deeply (more than ${maxDepth} levels)`,
        { fields: [{ field: 'body', errors: [`must not be nested more than ${maxDepth} levels deep`] }] },
      );
    }
    for (const [key, child] of Object.entries(value)) {
      const path = field ? `${field}.${key}` : key;
      if (UNSTORABLE.test(key)) return refusal(shown(path), key, true);
      pending.push({ value: child, field: path, depth: depth + 1 });
    }
  }
  return null;
}

function refusal(field: string, text: string, inName: boolean): AppError {
  const what = text.includes('\0')
    ? 'a NUL character (\\u0000)'
    : 'half of a surrogate pair (not valid text)';
  return AppError.invalid(field, inName ? `must not have ${what} in its name` : `must not contain ${what}`);
}

/** A field name as it can be shown in an answer: unstorable characters written as \u escapes. */
function shown(path: string): string {
  return path.replace(
    new RegExp(UNSTORABLE.source, 'g'),
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
