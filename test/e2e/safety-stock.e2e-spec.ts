import { randomUUID } from 'node:crypto';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Safety stock per SKU and location (issue 19): set by a manager, honoured wherever stock is promised. */
describe('safety stock per SKU and location', () => {
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
  });
  afterAll(() => t.close());

  it('a manager keeps units back: availability drops, orders beyond it are refused, the change is audited', async () => {
    const store = await f.location();
    const other = await f.location();
    const variant = await f.stocked(store, 5);
    const manager = await f.user('manager', [store.id]);
    const set = (safetyStock: unknown, headers = manager.headers, sku = variant.sku) =>
      t.http().put(`/api/locations/${store.id}/stock/${sku}/safety-stock`).set(headers).send({ safetyStock });
    const available = async () =>
      (
        await t.http().get('/api/availability').query({ sku: variant.sku }).expect(200)
      ).body[0].locations.find((l: { locationId: string }) => l.locationId === store.id).available;

    const level = await set(3).expect(200);
    expect(level.body).toMatchObject({
      sku: variant.sku,
      onHand: 5,
      reserved: 0,
      safetyStock: 3,
      available: 2,
    });
    expect(await available()).toBe(2);
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 5, reserved: 0, safetyStock: 3 });
    const order = (qty: number) =>
      t
        .http()
        .post('/api/orders')
        .set('Idempotency-Key', randomUUID())
        .send({
          lines: [{ sku: variant.sku, qty }],
          fulfillment: { type: 'pickup', locationId: store.id },
          customer: { name: 'Ada', email: 'ada@example.com' },
          payment: 'online',
        });
    expectError(await order(3), 409, 'INSUFFICIENT_STOCK');
    await order(2).expect(201);

    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'stock' })
      .set(await t.asAdmin())
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      entityId: `${variant.sku}@${store.id}`,
      action: 'safety_stock',
      changes: { safetyStock: [0, 3] },
    });

    // Refusals change nothing.
    const clerk = await f.user('clerk', [store.id]);
    const otherManager = await f.user('manager', [other.id]);
    expectError(await set(0, clerk.headers), 403, 'FORBIDDEN');
    expectError(await set(0, otherManager.headers), 403, 'FORBIDDEN');
    expectError(await set(-1), 400, 'VALIDATION_FAILED');
    expectError(await set('2'), 400, 'VALIDATION_FAILED');
    expectError(await set(1, manager.headers, 'NO-SUCH-SKU'), 404, 'NOT_FOUND');
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 5, reserved: 2, safetyStock: 3 });

    await set(0).expect(200);
    expect(await available()).toBe(3);
  });
});
