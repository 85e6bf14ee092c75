import { randomUUID } from 'node:crypto';
import type { Variant } from '../../src/catalog/product.entity';
import type { Location } from '../../src/locations/location.entity';
import { DataSource } from 'typeorm';
import { RefusalBuffer } from '../../src/idempotency/refusal-buffer';
import { sql } from '../../src/database/sql';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp, testDb } from '../support/test-app';
import { until } from '../support/until';

type Headers = { Authorization: string };

describe('orders: Idempotency-Key on the moves', () => {
  let t: TestApp;
  let f: Fixtures;
  let store: Location;
  let clerk: Headers;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    f = new Fixtures(t);
    store = await f.location({ name: 'Idempotent moves', pickupHoldHours: 24 });
    clerk = (await f.user('clerk', [store.id])).headers;
  });
  afterAll(() => t.close());

  const stocked = (qty: number): Promise<Variant> => f.stocked(store, qty);
  const placed = (sku: string, qty = 1, type: 'pickup' | 'ship' = 'pickup') => f.order(store, sku, qty, type);

  describe('an Idempotency-Key on a write that moves stock replays the first answer', () => {
    const retried = async (path: string, headers: Record<string, string>, body: object = {}) => {
      const key = randomUUID();
      const first = await t.http().post(path).set(headers).set('Idempotency-Key', key).send(body);
      const again = await t.http().post(path).set(headers).set('Idempotency-Key', key).send(body);
      return { first, again };
    };

    it('cancel', async () => {
      const variant = await stocked(2);
      const order = await placed(variant.sku, 2);
      const { first, again } = await retried(`/api/orders/${order.id}/cancel`, {
        'X-Order-Token': order.orderToken,
      });
      expect(first.status).toBe(200);
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
      expect(await f.level(variant.id, store.id)).toEqual({ onHand: 2, reserved: 0, safetyStock: 0 });
    });

    it('cancel: never to a guest without the order token, even with the same key', async () => {
      const variant = await stocked(1);
      const order = await placed(variant.sku);
      const key = randomUUID();
      const path = `/api/orders/${order.id}/cancel`;
      await t
        .http()
        .post(path)
        .set('X-Order-Token', order.orderToken)
        .set('Idempotency-Key', key)
        .expect(200);
      const stranger = await t.http().post(path).set('Idempotency-Key', key);
      expect(stranger.status).toBe(404);
      expect(JSON.stringify(stranger.body)).not.toContain(order.pickupCode);
      const viaQuery = await t.http().post(`${path}?token=${order.orderToken}`).set('Idempotency-Key', key);
      expect(viaQuery.status).toBe(200);
      expect(viaQuery.body.pickupCode).toBe(order.pickupCode);
    });

    it('collect, and a wrong code counted once', async () => {
      const variant = await stocked(1);
      const order = await placed(variant.sku);
      await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
      const path = `/api/orders/${order.id}/collect`;
      const wrong = await retried(path, clerk, {
        pickupCode: order.pickupCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ',
      });
      expect({ status: wrong.first.status, code: wrong.first.body.code }).toEqual({
        status: 422,
        code: 'PICKUP_CODE_INVALID',
      });
      expect(wrong.first.body.details.attemptsLeft).toBe(4);
      expect({ status: wrong.again.status, body: wrong.again.body }).toEqual({
        status: 422,
        body: wrong.first.body,
      });
      // Another wrong code (a new key) is the second one counted.
      const second = await retried(path, clerk, { pickupCode: 'ZZZZZY' });
      expect(second.first.body.details.attemptsLeft).toBe(3);
      const { first, again } = await retried(path, clerk, { pickupCode: order.pickupCode });
      expect(first.status).toBe(200);
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
      expect(await f.level(variant.id, store.id)).toEqual({ onHand: 0, reserved: 0, safetyStock: 0 });
    });

    it('ship', async () => {
      const variant = await stocked(2);
      const order = await placed(variant.sku, 2, 'ship');
      const { first, again } = await retried(`/api/orders/${order.id}/ship`, clerk, {
        carrier: 'PostNL',
        trackingNumber: '3S123',
      });
      expect(first.status).toBe(200);
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
      expect(await f.level(variant.id, store.id)).toEqual({ onHand: 0, reserved: 0, safetyStock: 0 });
    });

    it('short pick', async () => {
      const variant = await stocked(5);
      const order = await placed(variant.sku, 3);
      const { first, again } = await retried(`/api/orders/${order.id}/lines/${variant.sku}/short`, clerk, {
        found: 2,
      });
      expect(first.status).toBe(200);
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
      // One unit written off once, two still held.
      expect(await f.level(variant.id, store.id)).toEqual({ onHand: 4, reserved: 2, safetyStock: 0 });
    });
  });

  it('keeps the refusals of a sold-out sale, also those refused before any unit of work started', async () => {
    const variant = await stocked(1);
    await placed(variant.sku);
    const keys = Array.from({ length: 5 }, () => randomUUID());
    const order = {
      lines: [{ sku: variant.sku, qty: 1 }],
      fulfillment: { type: 'pickup', locationId: store.id },
      customer: { name: 'Late Shopper', email: 'late@example.com' },
      payment: 'at_pickup',
    };
    for (const key of keys) {
      await t.http().post('/api/orders').set('Idempotency-Key', key).send(order).expect(409);
    }
    // Refusals are written in batches a few milliseconds later: every one of them, each under its key.
    const buffer = t.app.get(RefusalBuffer);
    await until(() => keys.every((key) => !buffer.find({ caller: 'guest', key })), 'the batch to be written');
    const { n } = await t.app
      .get(DataSource)
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .from('idempotency_records', 'r')
      .where('r.key IN (:...keys)', { keys })
      .getRawOne();
    expect(Number(n)).toBe(keys.length);
  });

  /**
   * The same order twice under one key, the retry sent while the first still waits for the stock row
   * (another writer holds it): both may be refused only with the first one's own answer.
   */
  async function doubleTap(retryTo: TestApp) {
    const variant = await stocked(1);
    const key = randomUUID();
    const order = {
      lines: [{ sku: variant.sku, qty: 1 }],
      fulfillment: { type: 'pickup', locationId: store.id },
      customer: { name: 'Double Tap', email: 'double@example.com' },
      payment: 'at_pickup',
    };
    const send = (to: TestApp) => to.http().post('/api/orders').set('Idempotency-Key', key).send(order);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const holding = t.app.get(UnitOfWork).run(async (tx) => {
      await sql(tx.em, 'UPDATE stock_levels SET version = version WHERE variant_id = :id', {
        id: variant.id,
      });
      await gate;
    });
    const first = send(t).then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const retry = send(retryTo).then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 150));
    open();
    await holding;
    const answers = await Promise.all([first, retry]);
    const created = answers.find((a) => a.status === 201);
    expect(created).toBeDefined();
    for (const answer of answers) {
      // The contract: the first answer again, or IDEMPOTENCY_IN_PROGRESS while it runs; never a refusal
      // that the first request did not get.
      if (answer.status === 201) expect(answer.body.id).toBe(created!.body.id);
      else
        expect({ status: answer.status, code: answer.body.code }).toEqual({
          status: 409,
          code: 'IDEMPOTENCY_IN_PROGRESS',
        });
    }
    const again = await send(t);
    expect({ status: again.status, id: again.body.id }).toEqual({ status: 201, id: created!.body.id });
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 1, reserved: 1, safetyStock: 0 });
  }

  it('a retry that runs while the first is still writing gets its answer, never a refusal of its own', () =>
    doubleTap(t));

  // Several instances share one database only on PostgreSQL (SQLite serves one instance).
  if (testDb() === 'postgres') {
    it('the same, with the retry sent to another instance', async () => {
      const other = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' }, t.db);
      try {
        await doubleTap(other);
      } finally {
        await other.stop();
      }
    });
  }
});
