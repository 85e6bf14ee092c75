import { randomUUID } from 'node:crypto';
import type { Location } from '../../src/locations/location.entity';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Moves of one order that race with a short pick of that order: the held stock must come back once. */
describe('orders: short pick racing other moves', () => {
  let t: TestApp;
  let f: Fixtures;
  let store: Location;
  let clerk: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    f = new Fixtures(t);
    store = await f.location({ name: 'Short race', pickupHoldHours: 24 });
    clerk = (await f.user('clerk', [store.id])).headers;
  });
  afterAll(() => t.close());

  const order = (sku: string, qty: number, n: number) => ({
    lines: [{ sku, qty }],
    fulfillment: { type: 'pickup', locationId: store.id },
    customer: { name: `Buyer ${n}`, email: `race-${n}@example.com` },
    payment: 'online',
  });
  const place = async (sku: string, qty: number, n: number) =>
    (
      await t
        .http()
        .post('/api/orders')
        .set('Idempotency-Key', randomUUID())
        .send(order(sku, qty, n))
        .expect(201)
    ).body;

  it('cancel vs short pick, 20 times: only the order gives back what it held, once', async () => {
    const [variant] = await f.product(['SHORTRACE-1'], 300);
    await f.stock(variant, store, 200);
    // Another customer's hold that must survive every round untouched.
    await place(variant.sku, 10, 0);
    let shortened = 0;
    for (let round = 1; round <= 20; round++) {
      const placed = await place(variant.sku, 3, round);
      const [cancel, short] = await Promise.all([
        t.http().post(`/api/orders/${placed.id}/cancel`).set('X-Order-Token', placed.orderToken),
        t.http().post(`/api/orders/${placed.id}/lines/${variant.sku}/short`).set(clerk).send({ found: 1 }),
      ]);
      expect(cancel.status).toBe(200);
      expect([200, 409]).toContain(short.status);
      if (short.status === 200) shortened++;
      else expect(short.body.code).toBe('INVALID_TRANSITION');
      const level = await f.level(variant.id, store.id);
      // Each successful short pick wrote off the 2 missing units; the bystander's 10 stay held.
      expect(level).toEqual({ onHand: 200 - 2 * shortened, reserved: 10, safetyStock: 0 });
    }
    expect(await f.ledgerMismatches()).toEqual([]);
  });
});
