import { fieldLabel, plainReason } from './plain-words';

describe('plain words for refused fields', () => {
  it('labels fields as people say them', () => {
    expect(fieldLabel('customer.email')).toBe('Customer email');
    expect(fieldLabel('lines.0.qty')).toBe('Line 1 quantity');
    expect(fieldLabel('locationIds')).toBe('Location ids');
    expect(fieldLabel('sku')).toBe('SKU');
  });

  it("rephrases class-validator's messages and never repeats the field's name", () => {
    expect(plainReason('isEmail', 'email must be an email', 'email')).toBe(
      'must be an email address, like name@example.com',
    );
    expect(plainReason('min', 'qty must not be less than 1', 'qty')).toBe('must be at least 1');
    expect(plainReason('max', 'qty must not be greater than 999', 'qty')).toBe('must be at most 999');
    expect(plainReason('isLength', 'name must be longer than or equal to 1 characters', 'name')).toBe(
      'must be at least 1 character long',
    );
    expect(plainReason('isIn', 'role must be one of the following values: admin, clerk', 'role')).toBe(
      'must be one of: admin, clerk',
    );
    expect(plainReason('arrayMaxSize', 'lines must contain no more than 100 elements', 'lines')).toBe(
      'may hold at most 100 items',
    );
    expect(plainReason('whitelistValidation', 'property price should not exist', 'price')).toBe(
      'is not something this request takes',
    );
    expect(plainReason('isSku', 'sku must be 1-64 letters, digits', 'sku')).toBe(
      'must be 1-64 letters, digits',
    );
  });
});
