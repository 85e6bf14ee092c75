import { parseHandshake, parseJoin, parseResume, parseWatch } from './socket-payloads';

const LOCATION = '3f1c7a52-8d3e-4b6a-9f2e-1a2b3c4d5e6f';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { code: string; details?: { fields: Array<{ field: string }> } };
  }
  throw new Error('expected a refusal');
};

describe('socket payloads', () => {
  it('reads a handshake: a token, and optionally location ids', () => {
    expect(parseHandshake({ token: 't' })).toEqual({ token: 't' });
    expect(parseHandshake({ token: 't', locationIds: [LOCATION, LOCATION] })).toEqual({
      token: 't',
      locationIds: [LOCATION],
    });
    expect(failure(() => parseHandshake({})).code).toBe('UNAUTHENTICATED');
    expect(failure(() => parseHandshake(undefined)).code).toBe('UNAUTHENTICATED');
    expect(failure(() => parseHandshake({ token: 't', locationIds: ['x'] })).details?.fields).toEqual([
      expect.objectContaining({ field: 'locationIds' }),
    ]);
    expect(failure(() => parseHandshake({ token: 't', role: 'admin' })).details?.fields).toEqual([
      expect.objectContaining({ field: 'role' }),
    ]);
  });

  it('reads resume and join, listing every bad field', () => {
    expect(parseResume({ locationId: LOCATION, afterSeq: 0 })).toEqual({ locationId: LOCATION, afterSeq: 0 });
    expect(parseJoin({ locationId: LOCATION })).toEqual({ locationId: LOCATION });
    const bad = failure(() => parseResume({ locationId: 'x', afterSeq: -1 }));
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.details?.fields.map((f) => f.field)).toEqual(['locationId', 'afterSeq']);
    for (const body of [null, [], 'x', { locationId: LOCATION, afterSeq: 2 ** 31 }]) {
      expect(failure(() => parseResume(body)).code).toBe('VALIDATION_FAILED');
    }
  });

  it('reads watch: 1 to 100 valid SKUs, each once', () => {
    expect(parseWatch({ skus: ['A-1', 'A-1', 'B.2'] })).toEqual({ skus: ['A-1', 'B.2'] });
    for (const body of [
      { skus: [] },
      { skus: ['has space'] },
      { skus: 'A-1' },
      { skus: Array(101).fill('A') },
    ]) {
      expect(failure(() => parseWatch(body)).code).toBe('VALIDATION_FAILED');
    }
  });
});
