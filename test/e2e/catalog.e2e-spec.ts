import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectError } from '../support/expect-error';

describe('catalog', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  const variantCount = async () =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM variants'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.asAdmin();
  });
  afterAll(() => t.close());

  const tee = {
    title: 'Organic cotton T-shirt',
    description: 'Heavyweight jersey',
    variants: [
      { sku: 'CAT-TEE-M', price: 2495, barcode: '8712345678906', attributes: { size: 'M', colour: 'White' } },
      { sku: 'CAT-TEE-L', price: 2495, attributes: { size: 'L', colour: 'White' } },
    ],
  };

  it('creates a product with variants; money comes back as {amount, currency}', async () => {
    const res = await t.http().post('/api/products').set(admin).send(tee).expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      title: tee.title,
      variants: [
        {
          sku: 'CAT-TEE-M',
          barcode: '8712345678906',
          price: { amount: 2495, currency: 'EUR' },
          attributes: { size: 'M', colour: 'White' },
          title: 'Organic cotton T-shirt – White / M',
        },
        { sku: 'CAT-TEE-L', barcode: null },
      ],
    });
    const one = await t.http().get(`/api/products/${res.body.id}`).expect(200);
    expect(one.body).toEqual(res.body);
    const variant = await t.http().get('/api/variants/CAT-TEE-L').expect(200);
    expect(variant.body).toMatchObject({ sku: 'CAT-TEE-L', productId: res.body.id });
  });

  it('finds products by text, SKU or barcode', async () => {
    await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({ title: 'Stoneware mug 100%', variants: [{ sku: 'CAT-MUG', price: 1495 }] })
      .expect(201);
    const titles = async (q: string) =>
      (
        await t
          .http()
          .get(`/api/products?q=${encodeURIComponent(q)}`)
          .expect(200)
      ).body.items.map((p: { title: string }) => p.title);
    expect(await titles('cotton')).toEqual(['Organic cotton T-shirt']);
    expect(await titles('STONEWARE')).toEqual(['Stoneware mug 100%']);
    expect(await titles('CAT-TEE-L')).toEqual(['Organic cotton T-shirt']);
    expect(await titles('8712345678906')).toEqual(['Organic cotton T-shirt']);
    expect(await titles('100%')).toEqual(['Stoneware mug 100%']);
    expect(await titles('1_0')).toEqual([]); // _ and % match themselves, not any character
    expect(await titles('nothing like this')).toEqual([]);
  });

  it('pages with a cursor, every product once', async () => {
    const f = new Fixtures(t);
    for (let i = 0; i < 7; i++) await f.product([`CAT-PAGE-${i}`]);
    const seen: string[] = [];
    let after: string | null = '';
    while (after !== null) {
      const res: Response = await t
        .http()
        .get(`/api/products?limit=3${after ? `&after=${after}` : ''}`)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      after = res.body.next;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });

  it('refuses duplicate SKUs and barcodes, naming them, and writes nothing', async () => {
    const before = await variantCount();
    const taken = await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({
        title: 'Copy',
        variants: [
          { sku: 'CAT-NEW', price: 1 },
          { sku: 'CAT-TEE-M', price: 1 },
        ],
      });
    expect(expectError(taken, 400, 'VALIDATION_FAILED').fields).toEqual([
      { field: 'variants.1.sku', errors: ['CAT-TEE-M is taken'] },
    ]);
    const twice = await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({
        title: 'Twice',
        variants: [
          { sku: 'CAT-2X', price: 1 },
          { sku: 'CAT-2X', price: 1 },
        ],
      });
    expectError(twice, 400, 'VALIDATION_FAILED');
    const barcode = await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({ title: 'Barcode', variants: [{ sku: 'CAT-BC', price: 1, barcode: '8712345678906' }] });
    expectError(barcode, 400, 'VALIDATION_FAILED');
    expect(await variantCount()).toBe(before);
  });

  it.each([
    ['no variants', { title: 'X', variants: [] }],
    ['negative price', { title: 'X', variants: [{ sku: 'CAT-X', price: -1 }] }],
    ['fractional price', { title: 'X', variants: [{ sku: 'CAT-X', price: 9.99 }] }],
    ['price as text', { title: 'X', variants: [{ sku: 'CAT-X', price: '999' }] }],
    ['a sku with spaces', { title: 'X', variants: [{ sku: 'CAT X', price: 1 }] }],
    [
      'a non-string attribute',
      { title: 'X', variants: [{ sku: 'CAT-X', price: 1, attributes: { size: 3 } }] },
    ],
    ['an unknown field', { title: 'X', status: 'active', variants: [{ sku: 'CAT-X', price: 1 }] }],
    ['an unknown variant field', { title: 'X', variants: [{ sku: 'CAT-X', price: 1, stock: 5 }] }],
    ['no title', { variants: [{ sku: 'CAT-X', price: 1 }] }],
  ])('refuses a product with %s (400)', async (_name, body) => {
    const before = await variantCount();
    const res = await t.http().post('/api/products').set(admin).send(body);
    expect(expectError(res, 400, 'VALIDATION_FAILED').fields.length).toBeGreaterThan(0);
    expect(await variantCount()).toBe(before);
  });

  it('concurrent creates of one SKU: exactly one wins, the others are refused 400 (never a 500)', async () => {
    const before = await variantCount();
    const body = { title: 'Race', variants: [{ sku: 'CAT-RACE', price: 100 }] };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => t.http().post('/api/products').set(admin).send(body)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 201)) expectError(r, 400, 'VALIDATION_FAILED');
    expect(await variantCount()).toBe(before + 1);
  });

  it('lets only admins create products; unknown ids and SKUs are 404', async () => {
    const f = new Fixtures(t);
    const store = await f.location();
    const manager = await f.user('manager', [store.id]);
    const body = { title: 'X', variants: [{ sku: 'CAT-Y', price: 1 }] };
    expectError(await t.http().post('/api/products').set(manager.headers).send(body), 403, 'FORBIDDEN');
    expectError(await t.http().post('/api/products').send(body), 401, 'UNAUTHENTICATED');
    expectError(await t.http().get('/api/products/00000000-0000-0000-0000-000000000000'), 404, 'NOT_FOUND');
    expectError(await t.http().get('/api/variants/NO-SUCH-SKU'), 404, 'NOT_FOUND');
    expectError(await t.http().get('/api/products?limit=0'), 400, 'VALIDATION_FAILED');
  });
});
