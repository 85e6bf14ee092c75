import { randomUUID } from 'node:crypto';
import type { OrderEventData } from '@o2o/contracts';
import type { Variant } from '../../src/catalog/product.entity';
import type { Location } from '../../src/locations/location.entity';
import { EventLog } from '../../src/outbox/event-log.service';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = { Authorization: string };

describe('orders: contract details', () => {
  let t: TestApp;
  let f: Fixtures;
  let store: Location;
  let clerk: Headers;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    f = new Fixtures(t);
    store = await f.location({ name: 'Contract', pickupHoldHours: 24 });
    clerk = (await f.user('clerk', [store.id])).headers;
  });
  afterAll(() => t.close());

  const stocked = (qty: number): Promise<Variant> => f.stocked(store, qty);
  const placed = (sku: string, qty = 1, type: 'pickup' | 'ship' = 'pickup') => f.order(store, sku, qty, type);

  it('tells the terminals of every wrong pickup code (attempts left) and of the lock, as it does of the unlock', async () => {
    const variant = await stocked(1);
    const order = await placed(variant.sku);
    await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
    const before = await t.app.get(EventLog).lastSeq(store.id);
    const wrong = order.pickupCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    for (let attempt = 1; attempt <= 5; attempt++) {
      await t
        .http()
        .post(`/api/orders/${order.id}/collect`)
        .set(clerk)
        .send({ pickupCode: wrong })
        .expect(422);
    }
    const { events } = await t.app.get(EventLog).readAfter(store.id, before);
    const updates = events.filter((e) => e.type === 'order.updated').map((e) => e.data as OrderEventData);
    expect(updates).toEqual(
      [4, 3, 2, 1, 0].map((attemptsLeft) =>
        expect.objectContaining({
          orderId: order.id,
          status: 'ready',
          attemptsLeft,
          locked: attemptsLeft === 0,
        }),
      ),
    );
  });
  it('a counter sale counts a hold past its deadline as free at once, as an order does', async () => {
    const variant = await stocked(1);
    const hold = await placed(variant.sku);
    const soon = new Date(Date.now() + 1200).toISOString();
    await t.http().patch(`/api/orders/${hold.id}`).set(clerk).send({ expiresAt: soon }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sale = await t
      .http()
      .post('/api/orders')
      .set(clerk)
      .set('Idempotency-Key', randomUUID())
      .send({
        lines: [{ sku: variant.sku, qty: 1 }],
        fulfillment: { type: 'instore', locationId: store.id },
      });
    expect({ status: sale.status, body: sale.body }).toMatchObject({
      status: 201,
      body: { status: 'completed' },
    });
    const seen = await t.http().get(`/api/orders/${hold.id}`).set(clerk).expect(200);
    expect(seen.body.status).toBe('expired');
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 0, reserved: 0, safetyStock: 0 });
    expect(await f.ledgerMismatches()).toEqual([]);
  });
});
