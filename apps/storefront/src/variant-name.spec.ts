import { variantName } from './variant-name';

describe('a variant as a line names it', () => {
  it('names the product once, whether or not the variant title repeats it', () => {
    expect(variantName('Organic cotton T-shirt', 'Organic cotton T-shirt – Black / M')).toBe(
      'Organic cotton T-shirt – Black / M',
    );
    expect(variantName('Rain coat', 'Ochre / M')).toBe('Rain coat — Ochre / M');
    expect(variantName('Rain coat', 'Rain coat')).toBe('Rain coat');
    expect(variantName('Rain coat', '')).toBe('Rain coat');
  });
});
