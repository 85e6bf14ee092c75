import {
  checkProductRecord,
  checkStockRecord,
  formatNameValues,
  formatPrice,
  headerProblem,
  parsePrice,
  productCsvRow,
} from './csv-rows';

describe('CSV rows of the catalog and of stock', () => {
  it('prices read and write in the currency’s own decimals, and refuse what is no price', () => {
    expect(parsePrice('12.5', 'EUR')).toBe(1250);
    expect(parsePrice('12.50', 'EUR')).toBe(1250);
    expect(parsePrice('0', 'EUR')).toBe(0);
    expect(parsePrice('1200', 'JPY')).toBe(1200);
    for (const bad of ['12,50', '12.505', '-1', '', 'twelve', '1.5e3'])
      expect(parsePrice(bad, 'EUR')).toBeNull();
    expect(parsePrice('12.5', 'JPY')).toBeNull();
    expect(formatPrice(1250, 'EUR')).toBe('12.50');
    expect(formatPrice(5, 'EUR')).toBe('0.05');
    expect(formatPrice(1200, 'JPY')).toBe('1200');
  });

  it('a header names what is missing, unknown or repeated', () => {
    expect(headerProblem('products', ['sku', 'product_title', 'price'])).toBeNull();
    expect(headerProblem('stock', ['sku', 'title', 'on_hand'])).toBeNull();
    const problem = headerProblem('stock', ['sku', 'qty', 'sku']);
    expect(problem).toContain('lacks the column on_hand');
    expect(problem).toContain('unknown columns qty');
    expect(problem).toContain('repeats the columns sku');
  });

  it('an exported row reads back as the same variant', () => {
    const variant = {
      productId: '0b8c2f52-6c1e-4a57-9d39-2f3b0f1c9a11',
      title: 'Linen shirt',
      description: 'Soft, "washed"',
      status: 'active' as const,
      sku: 'SHIRT-M',
      price: 2995,
      currency: 'EUR',
      barcode: '8712345678906',
      options: { Size: 'M' },
      attributes: { colour: 'White', fit: 'Loose' },
    };
    const cells = productCsvRow(variant);
    const columns = [
      'product_id',
      'product_title',
      'description',
      'status',
      'sku',
      'price',
      'currency',
      'barcode',
      'options',
      'attributes',
    ];
    const checked = checkProductRecord(Object.fromEntries(columns.map((c, i) => [c, cells[i]])));
    expect(checked.row).toEqual(variant);
    expect(formatNameValues({ b: '2', a: '1' })).toBe('a=1; b=2');
  });

  it('bad cells are named by field in plain words; absent columns leave the stored value alone', () => {
    const checked = checkProductRecord({
      sku: 'bad sku',
      product_title: '',
      price: '1.999',
      options: 'Size',
    });
    expect(checked.problems?.map((p) => p.field)).toEqual(['sku', 'product_title', 'price', 'options']);
    const sparse = checkProductRecord({ sku: 'A-1', product_title: 'Mug', price: '4' });
    expect(sparse.row).toMatchObject({ description: undefined, barcode: undefined, options: undefined });
    expect(checkStockRecord({ sku: 'A-1', on_hand: '7' }).row).toEqual({ sku: 'A-1', onHand: 7 });
    expect(checkStockRecord({ sku: 'A-1', on_hand: '-1' }).problems?.[0].field).toBe('on_hand');
    expect(checkStockRecord({ sku: 'A-1', on_hand: '2.5' }).problems?.[0].message).toContain('whole number');
  });
});
