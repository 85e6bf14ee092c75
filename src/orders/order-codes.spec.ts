import {
  CODE_ALPHABET,
  hashToken,
  newOrderNumber,
  newOrderToken,
  newPickupCode,
  pickupQrPayload,
  readPickupInput,
  sameCode,
} from './order-codes';

const ORDER_ID = '3f2b8c1e-5d4a-4e6b-9a7c-1b2c3d4e5f60';

describe('order codes', () => {
  it('makes pickup codes of 6 unambiguous characters that differ every time', () => {
    const codes = Array.from({ length: 2000 }, newPickupCode);
    for (const code of codes) {
      expect(code).toHaveLength(6);
      expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    }
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('makes readable order numbers and long tokens', () => {
    expect(newOrderNumber()).toMatch(/^O-[2-9A-Z]{4}-[2-9A-Z]{5}$/);
    expect(newOrderToken().length).toBeGreaterThanOrEqual(32);
    expect(hashToken('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken('abc')).not.toBe(hashToken('abd'));
  });

  it('reads a typed code in any case, with spaces or dashes', () => {
    expect(readPickupInput(' ab3-k9z ')).toEqual({ code: 'AB3K9Z' });
    expect(readPickupInput('ab 3k 9z')).toEqual({ code: 'AB3K9Z' });
  });

  it('reads a scanned QR payload with its order id', () => {
    const payload = pickupQrPayload(ORDER_ID, 'AB3K9Z');
    expect(payload).toBe(`pickup:${ORDER_ID}:AB3K9Z`);
    expect(readPickupInput(payload)).toEqual({ code: 'AB3K9Z', orderId: ORDER_ID });
    expect(readPickupInput(payload.toUpperCase())).toEqual({ code: 'AB3K9Z', orderId: ORDER_ID });
  });

  it('compares codes exactly', () => {
    expect(sameCode('AB3K9Z', 'AB3K9Z')).toBe(true);
    expect(sameCode('AB3K9Z', 'AB3K9Y')).toBe(false);
    expect(sameCode('AB3K9Z', 'AB3K9')).toBe(false);
  });
});
