import { DataSource } from 'typeorm';
import { createScratchDatabase, ScratchDatabase } from '../../src/database/scratch-database';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp, testDb } from '../support/test-app';

const TABLES = [
  'locations',
  'products',
  'variants',
  'stock_levels',
  'stock_movements',
  'users',
  'events',
  'orders',
  'returns',
];

async function counts(t: TestApp): Promise<Record<string, number>> {
  const ds = t.app.get(DataSource);
  const result: Record<string, number> = {};
  for (const table of TABLES)
    result[table] = Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return result;
}

describe('demo seed', () => {
  let db: ScratchDatabase;
  let t: TestApp | undefined;

  beforeAll(async () => {
    db = await createScratchDatabase(testDb(), process.env.TEST_POSTGRES_URL);
  });
  afterAll(async () => {
    await t?.stop();
    await db.drop();
  });

  it('seeds a believable retailer once: a second start adds nothing', async () => {
    t = await startTestApp({ SEED_DEMO: 'true' }, db);
    const first = await counts(t);
    expect(first.locations).toBe(4);
    expect(first.products).toBeGreaterThanOrEqual(40);
    expect(first.variants).toBeGreaterThanOrEqual(100);
    expect(first.users).toBe(6); // admin, manager, three clerks, customer
    expect(first.stock_movements).toBeGreaterThan(first.variants);
    expect(await new Fixtures(t).ledgerMismatches()).toEqual([]);
    // Paid, collected and returned orders for the screens to show.
    const ds = t.app.get(DataSource);
    const statuses = await ds.query(
      'SELECT status, COUNT(*) AS n FROM orders GROUP BY status ORDER BY status',
    );
    expect(statuses.map((row: { status: string; n: number }) => [row.status, Number(row.n)])).toEqual([
      ['collected', 2],
      ['completed', 2],
    ]);
    expect(first.returns).toBe(2);
    const refunded = await ds.query(
      "SELECT COUNT(*) AS n FROM payments WHERE status IN ('refunded', 'partially_refunded')",
    );
    expect(Number(refunded[0].n)).toBe(2);

    const locations = (await t.http().get('/api/locations').expect(200)).body.items;
    expect(locations.map((l: { code: string }) => l.code).sort()).toEqual([
      'AMS-KAL',
      'AMS-OOST',
      'AMS-PIJP',
      'AMS-WH',
    ]);
    for (const location of locations) {
      expect(location).toMatchObject({
        timezone: 'Europe/Amsterdam',
        address: { city: 'Amsterdam', country: 'NL' },
      });
      expect(location.lat).toBeCloseTo(52.37, 0);
    }
    const tee = await t.http().get('/api/products?q=TEE-WHT-M').expect(200);
    expect(tee.body.items[0].variants.find((v: { sku: string }) => v.sku === 'TEE-WHT-M')).toMatchObject({
      price: { amount: 2495, currency: 'EUR' },
      barcode: expect.stringMatching(/^\d{13}$/),
      attributes: { colour: 'White', size: 'M' },
    });
    // A description a shopper reads: no internal category tacked on.
    expect(tee.body.items[0].description).not.toMatch(/\((apparel|shoes|home)\)/);

    // The demo accounts work, within their scope.
    const kal = locations.find((l: { code: string }) => l.code === 'AMS-KAL');
    const pijp = locations.find((l: { code: string }) => l.code === 'AMS-PIJP');
    const clerk = await t.login('clerk.kalverstraat@demo.local', 'demo-clerk');
    const stock = await t.http().get(`/api/locations/${kal.id}/stock?limit=500`).set(clerk).expect(200);
    expect(stock.body.items.length).toBeGreaterThan(50);
    await t.http().get(`/api/locations/${pijp.id}/stock`).set(clerk).expect(403);
    const manager = await t.login('manager@demo.local', 'demo-manager');
    await t.http().get(`/api/locations/${pijp.id}/stock`).set(manager).expect(200);
    await t.login('customer@demo.local', 'demo-customer');

    await t.stop();
    t = await startTestApp({ SEED_DEMO: 'true' }, db);
    expect(await counts(t)).toEqual(first);
  });
});
