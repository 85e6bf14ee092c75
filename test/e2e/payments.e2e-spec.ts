import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import type { Variant } from '../../src/catalog/product.entity';
import type { Location } from '../../src/locations/location.entity';
import { OrderExpiry } from '../../src/orders/order-expiry.service';
import { signTestWebhook, TEST_SIGNATURE_HEADER } from '../../src/payments/test-payment-provider';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = { Authorization: string };
const MINUTE = 60_000;

describe('payments: the test provider, webhooks and the payment hold', () => {
  let t: TestApp;
  let f: Fixtures;
  let store: Location;
  let clerk: Headers;
  let now: number;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600', PAYMENT_HOLD_MINUTES: '15' });
    f = new Fixtures(t);
    store = await f.location({ name: 'Central', pickupHoldHours: 48 });
    clerk = (await f.user('clerk', [store.id])).headers;
  });
  beforeEach(() => {
    now = Date.now();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  async function stocked(qty: number, price = 1000): Promise<Variant> {
    const [variant] = await f.product([`PAY-${randomUUID().slice(0, 8)}`], price);
    await f.stock(variant, store, qty);
    return variant;
  }

  /** A guest's online pickup order, not yet paid. */
  async function unpaid(lines: Array<{ sku: string; qty: number }>) {
    const res = await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', randomUUID())
      .send({
        lines,
        fulfillment: { type: 'pickup', locationId: store.id },
        customer: { name: 'Ada', email: 'ada@example.com' },
        payment: 'online',
      });
    expect(res.status).toBe(201);
    return res.body;
  }

  const seen = (order: { id: string; orderToken: string }) => f.orderAsGuest(order);
  const level = (variant: Variant) => f.level(variant.id, store.id);
  const ledgerRows = async () =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM payment_events'))[0].n);

  it('answers pending with a checkout page; approving there authorises through the signed webhook', async () => {
    const variant = await stocked(2);
    const order = await unpaid([{ sku: variant.sku, qty: 1 }]);
    expect(order.payment).toMatchObject({
      method: 'online',
      status: 'pending',
      amount: { amount: 1000, currency: 'EUR' },
      captured: { amount: 0 },
      refunded: { amount: 0 },
    });
    expect(order.payment.checkoutUrl).toMatch(/^\/pay\/[0-9a-f-]{36}$/);
    // Held only while the shopper pays.
    expect(new Date(order.expiresAt).getTime()).toBe(now + 15 * MINUTE);

    const page = await t.http().get(order.payment.checkoutUrl).expect(200);
    expect(page.text).toContain('data-testid="pay-approve"');
    expect(page.text).toContain('data-testid="pay-decline"');
    expect(page.text).toContain('EUR 10.00');

    const paymentId = order.payment.checkoutUrl.split('/').pop();
    await t.http().post(`/api/payments/test/${paymentId}/approve`).expect(202);
    let paid = await seen(order);
    for (let i = 0; i < 200 && paid.payment.status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      paid = await seen(order);
    }
    expect(paid.payment.status).toBe('authorized');
    expect(paid.payment.checkoutUrl).toBeUndefined();
    // Paid: the usual pickup hold (48 hours of a store that never closes) replaces the payment hold.
    expect(new Date(paid.expiresAt).getTime()).toBeGreaterThan(now + 47 * 60 * MINUTE);
  });

  it('acts once on a webhook delivered five times, and a late decline does not undo the authorisation', async () => {
    const variant = await stocked(2);
    const order = await unpaid([{ sku: variant.sku, qty: 2 }]);
    const eventId = `evt_${randomUUID()}`;
    const before = await ledgerRows();
    for (let i = 0; i < 5; i++) {
      const res = await f.payWebhook(order.payment.checkoutUrl, 'authorized', eventId);
      expect(res.status).toBe(200);
    }
    expect(await ledgerRows()).toBe(before + 1);
    expect((await f.payWebhook(order.payment.checkoutUrl, 'failed')).status).toBe(200);
    expect((await seen(order)).payment.status).toBe('authorized');
    expect(await level(variant)).toEqual({ onHand: 2, reserved: 2, safetyStock: 0 });
  });

  it('refuses a webhook with a bad signature with 401, changing nothing', async () => {
    const variant = await stocked(1);
    const order = await unpaid([{ sku: variant.sku, qty: 1 }]);
    const paymentId = order.payment.checkoutUrl.split('/').pop();
    const body = JSON.stringify({ id: `evt_${randomUUID()}`, type: 'payment.authorized', paymentId });
    const before = await ledgerRows();
    const forged = [
      signTestWebhook('not-the-secret', body),
      signTestWebhook(t.config.payments.testWebhookSecret, `${body} `),
      '',
    ];
    for (const signature of forged) {
      const res = await t
        .http()
        .post('/api/payments/webhooks/test')
        .set('Content-Type', 'application/json')
        .set(TEST_SIGNATURE_HEADER, signature)
        .send(body);
      expectError(res, 401, 'UNAUTHENTICATED');
    }
    const unsigned = await t.http().post('/api/payments/webhooks/test').send({ id: 'x', paymentId });
    expectError(unsigned, 401, 'UNAUTHENTICATED');
    expect(await ledgerRows()).toBe(before);
    expect((await seen(order)).payment.status).toBe('pending');
  });

  it('a declined or abandoned payment frees the stock at expiresAt, never earlier', async () => {
    const variant = await stocked(2);
    const declined = await unpaid([{ sku: variant.sku, qty: 1 }]);
    const abandoned = await unpaid([{ sku: variant.sku, qty: 1 }]);
    expect((await f.payWebhook(declined.payment.checkoutUrl, 'failed')).status).toBe(200);
    expect((await seen(declined)).payment.status).toBe('failed');
    const expiry = t.app.get(OrderExpiry);
    const deadline = new Date(declined.expiresAt).getTime();

    now = deadline - 1000;
    await expiry.sweepOnce(new Date(now));
    expect(await level(variant)).toEqual({ onHand: 2, reserved: 2, safetyStock: 0 });
    expectError(
      await t
        .http()
        .post('/api/orders')
        .set('Idempotency-Key', randomUUID())
        .send({
          lines: [{ sku: variant.sku, qty: 1 }],
          fulfillment: { type: 'pickup', locationId: store.id },
          customer: { name: 'Bo', email: 'bo@example.com' },
          payment: 'at_pickup',
        }),
      409,
      'INSUFFICIENT_STOCK',
    );

    now = deadline;
    await expiry.sweepOnce(new Date(now));
    expect(await level(variant)).toEqual({ onHand: 2, reserved: 0, safetyStock: 0 });
    for (const order of [declined, abandoned]) {
      const after = await seen(order);
      expect(after.status).toBe('expired');
      expect(after.payment.status).toBe('voided');
    }
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('voids a late authorisation for an order that already expired, without taking its stock again', async () => {
    const variant = await stocked(1);
    const order = await unpaid([{ sku: variant.sku, qty: 1 }]);
    now += 16 * MINUTE;
    await t.app.get(OrderExpiry).sweepOnce(new Date(now));
    expect((await seen(order)).status).toBe('expired');
    for (let i = 0; i < 2; i++) {
      expect(
        (await f.payWebhook(order.payment.checkoutUrl, 'authorized', 'evt_late_' + order.id)).status,
      ).toBe(200);
    }
    const after = await seen(order);
    expect(after).toMatchObject({
      status: 'expired',
      payment: { status: 'voided', captured: { amount: 0 } },
    });
    expect(await level(variant)).toEqual({ onHand: 1, reserved: 0, safetyStock: 0 });
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('refuses to hand over an order not yet paid online; captures only the lines handed over', async () => {
    const a = await stocked(2, 1000);
    const b = await stocked(1, 450);
    const order = await unpaid([
      { sku: a.sku, qty: 2 },
      { sku: b.sku, qty: 1 },
    ]);
    await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
    const code = { pickupCode: order.pickupCode };
    expectError(
      await t.http().post(`/api/orders/${order.id}/collect`).set(clerk).send(code),
      409,
      'INVALID_TRANSITION',
    );
    expect((await seen(order)).status).toBe('ready');

    expect((await f.payWebhook(order.payment.checkoutUrl, 'authorized')).status).toBe(200);
    // The clerk finds one unit of A: the customer takes one A and the B.
    await t
      .http()
      .post(`/api/orders/${order.id}/lines/${a.sku}/short`)
      .set(clerk)
      .send({ found: 1 })
      .expect(200);
    const collected = await t
      .http()
      .post(`/api/orders/${order.id}/collect`)
      .set(clerk)
      .send(code)
      .expect(200);
    expect(collected.body.payment).toMatchObject({
      status: 'captured',
      amount: { amount: 2450 },
      captured: { amount: 1450 },
      refunded: { amount: 0 },
    });
    expect(await f.ledgerMismatches()).toEqual([]);
  });
});
