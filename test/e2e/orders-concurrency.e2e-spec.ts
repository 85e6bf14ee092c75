import { randomUUID } from 'node:crypto';
import type { Location } from '../../src/locations/location.entity';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { OrderExpiry } from '../../src/orders/order-expiry.service';
import { OrderLifecycle } from '../../src/orders/order-lifecycle.service';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;

describe('orders under concurrency', () => {
  let t: TestApp;
  let f: Fixtures;
  let store: Location;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    f = new Fixtures(t);
    store = await f.location({ name: 'Flagship', pickupHoldHours: 24 });
  });
  afterAll(() => t.close());

  const pickup = (sku: string, n: number, at: Location = store) => ({
    lines: [{ sku, qty: 1 }],
    fulfillment: { type: 'pickup', locationId: at.id },
    customer: { name: `Buyer ${n}`, email: `buyer-${n}@example.com` },
    payment: 'online',
  });

  it('collect vs expire on the same order, 50 times: each ends collected xor expired, stock right', async () => {
    // Runs first, so that the sweep finds no other order due.
    const raceStore = await f.location({ name: 'Race', pickupHoldHours: 24 });
    const raceClerk = (await f.user('clerk', [raceStore.id])).headers;
    const [variant] = await f.product(['RACE-1'], 500);
    await f.stock(variant, raceStore, 50);
    const expiry = t.app.get(OrderExpiry);
    const outcomes = { collected: 0, expired: 0 };
    for (let round = 0; round < 50; round++) {
      const placed = await t
        .http()
        .post('/api/orders')
        .set('Idempotency-Key', randomUUID())
        .send(pickup(variant.sku, round, raceStore))
        .expect(201);
      const order = placed.body;
      await t.http().post(`/api/orders/${order.id}/ready`).set(raceClerk).expect(200);
      // The sweep runs as if its deadline had passed, at the moment the customer is at the counter.
      const [collect, expired] = await Promise.all([
        t
          .http()
          .post(`/api/orders/${order.id}/collect`)
          .set(raceClerk)
          .send({ pickupCode: order.pickupCode }),
        // A random head start of a few ms, so that either may come first.
        new Promise((resolve) => setTimeout(resolve, Math.random() * 12)).then(() =>
          expiry.sweepOnce(new Date(Date.now() + 25 * HOUR)),
        ),
      ]);
      const seen = await t.http().get(`/api/orders/${order.id}`).set(raceClerk).expect(200);
      if (collect.status === 200) {
        expect(expired).toBe(0);
        expect(seen.body.status).toBe('collected');
        outcomes.collected++;
      } else {
        expect(collect.status).toBe(409);
        expect(collect.body.code).toBe('INVALID_TRANSITION');
        expect(expired).toBe(1);
        expect(seen.body.status).toBe('expired');
        outcomes.expired++;
      }
    }
    expect(outcomes.collected + outcomes.expired).toBe(50);
    // Collected units left the store; expired holds came back; nothing is still held.
    expect(await f.level(variant.id, raceStore.id)).toEqual({
      onHand: 50 - outcomes.collected,
      reserved: 0,
      safetyStock: 0,
    });
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('flash sale: 50 available, 300 concurrent orders → exactly 50 placed, 250 refused, nothing oversold', async () => {
    const [variant] = await f.product(['FLASH-1'], 999);
    await f.stock(variant, store, 50);
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, n) =>
        t.http().post('/api/orders').set('Idempotency-Key', randomUUID()).send(pickup(variant.sku, n)),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(250);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body).toMatchObject({
        code: 'INSUFFICIENT_STOCK',
        details: { lines: [{ sku: 'FLASH-1', requested: 1, available: 0 }] },
      });
    }
    const ids = new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(50);
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 50, reserved: 50, safetyStock: 0 });
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('concurrent cancels of one order return its stock and refund it exactly once', async () => {
    const [variant] = await f.product(['CANCEL-1'], 700);
    await f.stock(variant, store, 3);
    const placed = await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', randomUUID())
      .send(pickup(variant.sku, 1))
      .expect(201);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http().post(`/api/orders/${placed.body.id}/cancel`).set('X-Order-Token', placed.body.orderToken),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409 && r.body.code === 'INVALID_TRANSITION')).toHaveLength(9);
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 3, reserved: 0, safetyStock: 0 });
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('two sweeps at once, with or without the lock, expire each order once', async () => {
    const [variant] = await f.product(['SWEEP-1'], 100);
    await f.stock(variant, store, 20);
    for (let n = 0; n < 20; n++) {
      await t
        .http()
        .post('/api/orders')
        .set('Idempotency-Key', randomUUID())
        .send(pickup(variant.sku, n))
        .expect(201);
    }
    const expiry = t.app.get(OrderExpiry);
    const later = new Date(Date.now() + 25 * HOUR);
    // One sweep under the lock, one as another instance would run it if the lock were lost.
    const uow = t.app.get(UnitOfWork);
    const lifecycle = t.app.get(OrderLifecycle);
    const [swept, unlocked] = await Promise.all([
      expiry.sweepOnce(later),
      uow.run((tx) => lifecycle.expireDue(tx, later, { limit: 500 })),
    ]);
    expect(swept + unlocked).toBeGreaterThanOrEqual(20);
    expect(await expiry.sweepOnce(later)).toBe(0);
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 20, reserved: 0, safetyStock: 0 });
    expect(await f.ledgerMismatches()).toEqual([]);
  });
});
