import { randomUUID } from 'node:crypto';
import type { OrderView, ReturnView } from '@o2o/contracts';
import type { Variant } from '../../src/catalog/product.entity';
import { Clock } from '../../src/common/clock';
import type { Location } from '../../src/locations/location.entity';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = { Authorization: string };
const euros = (amount: number) => ({ amount, currency: 'EUR' });
/** Tuesday 1 December 2026, 11:00 in Amsterdam: before the 15:00 cut-off. */
const TUESDAY_MORNING = new Date('2026-12-01T10:00:00Z');

/**
 * A shipment costs SHIP_FEE (free from SHIP_FREE_FROM), which is part of the total the customer is
 * quoted, authorised for, charged when it ships and, with the order's last units, refunded.
 */
describe('shipping fee and delivery estimate', () => {
  let t: TestApp;
  let f: Fixtures;
  let warehouse: Location;
  let clerk: Headers;

  beforeAll(async () => {
    t = await startTestApp({
      SHIP_FEE: '495',
      SHIP_FREE_FROM: '5000',
      SHIP_CUTOFF: '15:00',
      SHIP_DAYS: '1-2',
    });
    f = new Fixtures(t);
    warehouse = await f.location({ name: 'Warehouse', type: 'warehouse', pickupEnabled: false });
    clerk = (await f.user('clerk', [warehouse.id])).headers;
  });
  beforeEach(() => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(TUESDAY_MORNING));
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const stocked = (qty: number, price: number): Promise<Variant> => f.stocked(warehouse, qty, price);
  const quote = (lines: Array<{ sku: string; qty: number }>) =>
    t.http().post('/api/orders/shipping-quote').send({ lines });

  /** A guest's ship order from the warehouse, paid online (authorised). */
  async function shipOrder(lines: Array<{ sku: string; qty: number }>) {
    const placed = await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', randomUUID())
      .send({
        lines,
        fulfillment: {
          type: 'ship',
          address: { line1: 'Prinsengracht 1', postalCode: '1016 GV', city: 'Amsterdam', country: 'NL' },
        },
        customer: { name: 'Ada', email: 'ada@example.com' },
        payment: 'online',
      });
    expect(placed.status).toBe(201);
    expect((await f.payWebhook(placed.body.payment.checkoutUrl, 'authorized')).status).toBe(200);
    return placed.body as OrderView & { orderToken: string };
  }

  const staffView = async (orderId: string): Promise<OrderView> =>
    (await t.http().get(`/api/orders/${orderId}`).set(clerk).expect(200)).body;
  const ship = (orderId: string) =>
    t
      .http()
      .post(`/api/orders/${orderId}/ship`)
      .set(clerk)
      .send({ carrier: 'PostNL', trackingNumber: '3SABC123' });
  const giveBack = (orderId: string, sku: string, qty: number) =>
    t
      .http()
      .post(`/api/orders/${orderId}/returns`)
      .set(clerk)
      .set('Idempotency-Key', randomUUID())
      .send({ locationId: warehouse.id, lines: [{ sku, qty, condition: 'resaleable' }] });

  it('quotes the fee, the total and the delivery window before ordering, and nothing below the free threshold', async () => {
    const mug = await stocked(5, 1250);
    const cheap = await quote([{ sku: mug.sku, qty: 2 }]).expect(200);
    expect(cheap.body).toEqual({
      subtotal: euros(2500),
      shippingFee: euros(495),
      total: euros(2995),
      freeFrom: euros(5000),
      // Leaves today (before 15:00 in Amsterdam), 1-2 business days on the way.
      deliveryEstimate: { from: '2026-12-02', to: '2026-12-03' },
    });
    const free = await quote([{ sku: mug.sku, qty: 4 }]).expect(200);
    expect(free.body).toMatchObject({ subtotal: euros(5000), shippingFee: euros(0), total: euros(5000) });
  });

  it('quotes no delivery window when no one location has every line, and refuses bad lines in words', async () => {
    const scarce = await stocked(1, 1000);
    const tooMany = await quote([{ sku: scarce.sku, qty: 3 }]).expect(200);
    expect(tooMany.body).toMatchObject({ shippingFee: euros(495), deliveryEstimate: null });
    expectError(await quote([]), 400, 'VALIDATION_FAILED');
    const unknown = await quote([{ sku: 'NO-SUCH-SKU', qty: 1 }]);
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
  });

  it('makes the fee part of the total, the authorisation and the capture of a ship order', async () => {
    const mug = await stocked(5, 1250);
    const order = await shipOrder([{ sku: mug.sku, qty: 2 }]);
    expect(order).toMatchObject({
      subtotal: euros(2500),
      shippingFee: euros(495),
      total: euros(2995),
      deliveryEstimate: { from: '2026-12-02', to: '2026-12-03' },
      payment: { amount: euros(2995) },
    });
    const shipped = await ship(order.id).expect(200);
    expect(shipped.body.payment).toMatchObject({ status: 'captured', captured: euros(2995) });
    expect((await f.orderAsGuest(order)).total).toEqual(euros(2995));
  });

  it('ships free from the threshold, and a pickup order never pays for shipping', async () => {
    const lamp = await stocked(5, 5000);
    const free = await shipOrder([{ sku: lamp.sku, qty: 1 }]);
    expect(free).toMatchObject({ subtotal: euros(5000), shippingFee: euros(0), total: euros(5000) });

    const store = await f.location({ name: 'Pickup store' });
    const cup = await f.stocked(store, 1, 800);
    const pickup = await f.order(store, cup.sku, 1, 'pickup');
    expect(pickup).toMatchObject({ subtotal: euros(800), shippingFee: euros(0), total: euros(800) });
    expect(pickup.deliveryEstimate).toBeUndefined();
  });

  it('keeps the fee when a line is picked short (never more), and charges the rest plus the fee', async () => {
    const mug = await stocked(5, 1250);
    const plate = await stocked(5, 900);
    const order = await shipOrder([
      { sku: mug.sku, qty: 2 },
      { sku: plate.sku, qty: 1 },
    ]);
    expect(order.total).toEqual(euros(3400 + 495));
    await t
      .http()
      .post(`/api/orders/${order.id}/lines/${plate.sku}/short`)
      .set(clerk)
      .send({ found: 0 })
      .expect(200);
    expect(await staffView(order.id)).toMatchObject({
      subtotal: euros(2500),
      shippingFee: euros(495),
      total: euros(2995),
    });
    const shipped = await ship(order.id).expect(200);
    expect(shipped.body.payment.captured).toEqual(euros(2995));
  });

  it('refunds only the lines on a partial return, and the fee with the last units', async () => {
    const mug = await stocked(5, 1250);
    const order = await shipOrder([{ sku: mug.sku, qty: 2 }]);
    await ship(order.id).expect(200);

    const first = await giveBack(order.id, mug.sku, 1);
    expect(first.status).toBe(201);
    expect(first.body as ReturnView).toMatchObject({ refund: euros(1250), shippingFee: euros(0) });
    const last = await giveBack(order.id, mug.sku, 1);
    expect(last.status).toBe(201);
    expect(last.body as ReturnView).toMatchObject({ refund: euros(1250 + 495), shippingFee: euros(495) });

    const payment = (await staffView(order.id)).payment;
    expect(payment).toMatchObject({ status: 'refunded', captured: euros(2995), refunded: euros(2995) });
    const listed = (await t.http().get(`/api/orders/${order.id}/returns`).set(clerk).expect(200)).body.items;
    // Both made at the same (frozen) moment: compared in any order.
    expect(listed.map((r: ReturnView) => r.shippingFee.amount).sort()).toEqual([0, 495]);
  });
});
