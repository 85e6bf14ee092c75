import { Fixtures } from '../support/fixtures';
import { expectError } from '../support/expect-error';
import { startTestApp, TestApp } from '../support/test-app';
import type { Location } from '../../src/locations/location.entity';
import type { Variant } from '../../src/catalog/product.entity';

/**
 * A shipping address's postcode is checked against its country's format (NL, BE, DE, FR, GB and the
 * others validator.js knows): a wrong one is refused in words, naming the field, and orders nothing.
 */
describe('shipping addresses', () => {
  let t: TestApp;
  let f: Fixtures;
  let store: Location;
  let variant: Variant;
  let attempt = 0;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    store = await f.location({ name: 'Central' });
    [variant] = await f.product(['SHIP-POSTCODE'], 1500);
    await f.stock(variant, store, 50);
  });
  afterAll(() => t.close());

  const ship = (country: string, postalCode: string) =>
    t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', `postcode-${++attempt}`)
      .send({
        lines: [{ sku: variant.sku, qty: 1 }],
        fulfillment: { type: 'ship', address: { line1: 'Somewhere 1', city: 'Town', postalCode, country } },
        customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
        payment: 'online',
      });

  it.each([
    ['NL', '1016 GV'],
    ['NL', '1016gv'],
    ['BE', '1000'],
    ['DE', '10115'],
    ['FR', '75001'],
    ['GB', 'SW1A 1AA'],
    ['IT', '00184'],
  ])('ships to %s %s', async (country, postalCode) => {
    const response = await ship(country, postalCode).expect(201);
    expect(response.body.fulfillment.address).toMatchObject({ country, postalCode });
  });

  it.each([
    ['NL', '10166', 'is not a postcode of NL, like 1016 GV'],
    ['NL', 'Ne', 'is not a postcode of NL, like 1016 GV'],
    ['BE', '10000', 'is not a postcode of BE, like 1000'],
    ['DE', '1011 AB', 'is not a postcode of DE, like 10115'],
    ['FR', '7500', 'is not a postcode of FR, like 75001'],
    ['GB', '12345', 'is not a postcode of GB, like SW1A 1AA'],
  ])('refuses %s %s in words, naming the field, and orders nothing', async (country, postalCode, reason) => {
    const before = await f.level(variant.id, store.id);
    const response = await ship(country, postalCode);
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.details.fields).toEqual([
      { field: 'fulfillment.address.postalCode', errors: [reason] },
    ]);
    expect(response.body.message).not.toMatch(/\$property|isPostcode/);
    expect(await f.level(variant.id, store.id)).toEqual(before);
  });
});
