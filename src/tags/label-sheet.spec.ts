import { escapeHtml, formatPrice } from '../common/html';
import { LabelContent, renderLabelSheet, variantLine } from './label-sheet';

const label = (n: number, overrides: Partial<LabelContent> = {}): LabelContent => ({
  code: `code${n}`,
  url: `https://shop.example/s/code${n}`,
  sku: `SKU-${n}`,
  productTitle: `Product ${n}`,
  variantTitle: 'White / M',
  price: { amount: 1999, currency: 'EUR' },
  qrSvg: '<svg viewBox="0 0 1 1"></svg>',
  ...overrides,
});

describe('label sheets', () => {
  it('print A4 sheets of 24 labels with name, variant, price, SKU and inline QR', () => {
    const html = renderLabelSheet({
      format: 'a4',
      location: { name: 'Riverside', code: 'RIV' },
      labels: Array.from({ length: 25 }, (_, i) => label(i + 1)),
    });
    expect(html).toContain('@page { size: A4');
    expect(html.match(/<section class="page">/g)).toHaveLength(2);
    expect(html.match(/<article class="label"/g)).toHaveLength(25);
    expect(html).toContain('data-sku="SKU-7" data-code="code7"');
    expect(html).toContain('Product 7');
    expect(html).toContain('White / M');
    expect(html).toContain('€19.99');
    expect(html).toContain('<svg viewBox="0 0 1 1"></svg>');
  });

  it('print one 50 × 30 mm label per page for label printers', () => {
    const html = renderLabelSheet({
      format: 'label',
      location: { name: 'Riverside', code: 'RIV' },
      labels: [label(1), label(2), label(3)],
    });
    expect(html).toContain('@page { size: 50mm 30mm');
    expect(html.match(/<section class="page">/g)).toHaveLength(3);
  });

  it('escape every text that comes from the catalog', () => {
    const html = renderLabelSheet({
      format: 'a4',
      location: { name: '<b>Shop</b>', code: 'X' },
      labels: [label(1, { productTitle: '<script>alert(1)</script>', sku: 'A"B' })],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Shop</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('data-sku="A&quot;B"');
  });

  it('escape HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('formatPrice', () => {
  it('uses the minor units of the currency', () => {
    expect(formatPrice({ amount: 1999, currency: 'EUR' })).toBe('€19.99');
    expect(formatPrice({ amount: 1999, currency: 'JPY' })).toBe('JP¥1,999');
    expect(formatPrice({ amount: 500, currency: 'GBP' })).toBe('£5.00');
  });
});

describe('variantLine', () => {
  it('prefers attribute values, sorted by attribute name', () => {
    expect(variantLine('Shirt', 'Shirt – White / M', { size: 'M', colour: 'White' })).toBe('White / M');
  });

  it('shows the variant title only when it adds something', () => {
    expect(variantLine('Shirt', 'Shirt', {})).toBe('');
    expect(variantLine('Shirt', 'Limited edition', {})).toBe('Limited edition');
  });
});
