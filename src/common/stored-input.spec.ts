import { MAX_BODY_DEPTH, unstorableIn } from './stored-input';

/** `{"a":{"a":…}}` nested `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('unstorableIn', () => {
  it('takes ordinary text, emoji (a whole surrogate pair) included, at any depth up to the limit', () => {
    expect(unstorableIn({ name: 'Zoë 🙂', lines: [{ sku: 'A-1', qty: 2 }] }, '', MAX_BODY_DEPTH)).toBeNull();
    expect(unstorableIn(nested(MAX_BODY_DEPTH), '', MAX_BODY_DEPTH)).toBeNull();
  });

  it('refuses a body nested deeper than the limit without overflowing the stack itself', () => {
    expect(unstorableIn(nested(MAX_BODY_DEPTH + 1), '', MAX_BODY_DEPTH)?.details).toEqual({
      fields: [{ field: 'body', errors: [`must not be nested more than ${MAX_BODY_DEPTH} levels deep`] }],
    });
    expect(unstorableIn(nested(100_000), '', MAX_BODY_DEPTH)?.code).toBe('VALIDATION_FAILED');
  });

  it('names the field holding a NUL or half a surrogate pair, in values and in names', () => {
    const field = (input: unknown) =>
      (unstorableIn(input, '', Infinity)?.details as { fields: Array<{ field: string }> }).fields[0].field;
    expect(field({ customer: { name: 'a\u0000b' } })).toBe('customer.name');
    expect(field({ lines: [{ sku: '\ud800' }] })).toBe('lines.0.sku');
    expect(field({ lines: [{ sku: 'x\udc00' }] })).toBe('lines.0.sku');
    expect(field({ ['na\u0000me']: 'x' })).toBe('na\\u0000me');
    expect(unstorableIn({ id: '\u0000' }, '', Infinity)?.message).toBe(
      'id must not contain a NUL character (\\u0000)',
    );
  });
});
