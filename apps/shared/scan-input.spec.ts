/// <reference types="jest" />
import { MAX_SCAN_GAP_MS, parseScan, ScannerBurst } from './scan-input';

const ORDER_ID = '3f1c2a4e-9b7d-4c1e-8f00-0123456789ab';

describe('parseScan', () => {
  it.each([
    ['https://shop.example.com/s/Abc_12-xy', 'Abc_12-xy'],
    ['http://192.168.1.20:3000/s/Abc_12-xy/', 'Abc_12-xy'],
    ['/s/Abc_12-xy', 'Abc_12-xy'],
    ['  https://shop.example.com/s/Abc  ', 'Abc'],
  ])('reads the shelf tag URL %s', (raw, code) => {
    expect(parseScan(raw)).toEqual({ kind: 'tag', code });
  });

  it('reads a pickup QR and keeps the code as printed', () => {
    expect(parseScan(`pickup:${ORDER_ID.toUpperCase()}:K7Q2MX`)).toEqual({
      kind: 'pickup',
      orderId: ORDER_ID,
      pickupCode: 'K7Q2MX',
    });
  });

  it.each([
    ['8712345678906'],
    ['MUG-BLUE'],
    ['blue mug'],
    ['pickup:not-an-id:K7Q2MX'],
    [`pickup:${ORDER_ID}:`],
    ['https://shop.example.com/s/'],
    ['https://shop.example.com/s/abc/extra'],
    ['https://shop.example.com/shop/products/1'],
    [''],
  ])('takes %p as plain text (barcode, SKU or words)', (raw) => {
    expect(parseScan(raw)).toEqual({ kind: 'text', value: raw.trim() });
  });
});

describe('ScannerBurst', () => {
  /** Feeds keys `gapMs` apart from `startMs`; answers what each key press returned. */
  function type(burst: ScannerBurst, keys: string[], gapMs: number, startMs = 1000) {
    return keys.map((key, i) => burst.key(key, startMs + i * gapMs));
  }

  it('answers a fast burst when Enter ends it', () => {
    const results = type(new ScannerBurst(), [...'8712345678906', 'Enter'], 5);
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(results.at(-1)).toBe('8712345678906');
  });

  it('ignores a person typing slowly', () => {
    expect(type(new ScannerBurst(), [...'MUG-BLUE', 'Enter'], 200).at(-1)).toBeNull();
  });

  it('ignores a burst shorter than a code, such as Enter after two keys', () => {
    expect(type(new ScannerBurst(), ['a', 'b', 'Enter'], 5).at(-1)).toBeNull();
  });

  it('drops what was typed before a pause and keeps the burst after it', () => {
    const burst = new ScannerBurst();
    type(burst, [...'xyz'], 5, 0);
    const after = type(burst, [...'CODE1234', 'Enter'], 5, 1000 + MAX_SCAN_GAP_MS);
    expect(after.at(-1)).toBe('CODE1234');
  });

  it('skips named keys such as Shift inside a burst', () => {
    expect(type(new ScannerBurst(), ['Shift', 'A', 'Shift', 'B', '1', '2', 'Enter'], 5).at(-1)).toBe('AB12');
  });

  it('starts afresh after each scan', () => {
    const burst = new ScannerBurst();
    expect(type(burst, [...'FIRST1', 'Enter'], 5, 0).at(-1)).toBe('FIRST1');
    expect(type(burst, [...'SECOND', 'Enter'], 5, 35).at(-1)).toBe('SECOND');
  });
});
