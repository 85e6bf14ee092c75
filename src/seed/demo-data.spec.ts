import { DEMO_LOCATIONS, DEMO_PRODUCTS, demoQuantity, ean13, variantsOf } from './demo-data';

describe('demo data', () => {
  it('computes EAN-13 check digits', () => {
    expect(ean13('400638133393')).toBe('4006381333931');
    expect(ean13('871234567890')).toBe('8712345678906');
  });

  it('has at least 40 products and 100 variants with unique SKUs and barcodes', () => {
    const variants = DEMO_PRODUCTS.flatMap((p, i) => variantsOf(p, i));
    expect(DEMO_PRODUCTS.length).toBeGreaterThanOrEqual(40);
    expect(variants.length).toBeGreaterThanOrEqual(100);
    expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length);
    expect(new Set(variants.map((v) => v.barcode)).size).toBe(variants.length);
    for (const v of variants) {
      expect(v.sku).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
      expect(ean13(v.barcode.slice(0, 12))).toBe(v.barcode);
    }
  });

  it('gives the same stock figure every time', () => {
    expect(demoQuantity('TEE-WHT-M', DEMO_LOCATIONS[0])).toBe(demoQuantity('TEE-WHT-M', DEMO_LOCATIONS[0]));
  });
});
