import { randomUUID } from 'node:crypto';
import http from 'node:http';
import QRCode from 'qrcode';
import type { Response } from 'supertest';
import type { OrderEventData } from '@o2o/contracts';
import { DataSource } from 'typeorm';
import type { Variant } from '../../src/catalog/product.entity';
import type { Location } from '../../src/locations/location.entity';
import { OrderExpiry } from '../../src/orders/order-expiry.service';
import { EventLog } from '../../src/outbox/event-log.service';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectError } from '../support/expect-error';

type Headers = { Authorization: string };
const HOUR = 3_600_000;

/** An order's money moves in the payment ledger (webhook facts left out), oldest first. */
const MONEY_MOVES = `SELECT e.kind, e.amount FROM payment_events e JOIN payments p ON p.id = e.payment_id
  WHERE p.order_id = ? AND e.kind IN ('captured', 'voided', 'refunded') ORDER BY e.created_at, e.kind`;

describe('orders', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Headers;
  let store: Location;
  let otherStore: Location;
  let clerk: Headers;
  let otherClerk: Headers;
  let manager: Headers;
  let skuCounter = 0;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    f = new Fixtures(t);
    admin = await t.asAdmin();
    store = await f.location({ name: 'Central', pickupHoldHours: 48 });
    otherStore = await f.location({ name: 'Riverside' });
    clerk = (await f.user('clerk', [store.id])).headers;
    otherClerk = (await f.user('clerk', [otherStore.id])).headers;
    manager = (await f.user('manager', [store.id])).headers;
  });
  afterAll(() => t.close());

  /** A fresh SKU with `qty` units at `where`. */
  async function stocked(qty: number, where: Location = store, price = 1250): Promise<Variant> {
    const [variant] = await f.product([`ORD-${++skuCounter}-${randomUUID().slice(0, 4)}`], price);
    if (qty) await f.stock(variant, where, qty);
    return variant;
  }

  function pickup(sku: string, qty = 1, extra: object = {}) {
    return {
      lines: [{ sku, qty }],
      fulfillment: { type: 'pickup', locationId: store.id },
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      payment: 'at_pickup',
      ...extra,
    };
  }

  /** A paid shipment, sourced at the store unless another location is named. */
  function shipment(sku: string, qty = 1, locationId = store.id) {
    return {
      ...pickup(sku, qty),
      fulfillment: {
        type: 'ship',
        locationId,
        address: { line1: 'a', city: 'b', postalCode: '1011 AB', country: 'NL' },
      },
      payment: 'online',
    };
  }

  /** A clerk of the store marks a line short, having found `found` units. */
  function markShort(orderId: string, sku: string, found: number) {
    return t.http().post(`/api/orders/${orderId}/lines/${sku}/short`).set(clerk).send({ found });
  }

  function place(body: object, key: string = randomUUID(), headers: Record<string, string> = {}) {
    return t.http().post('/api/orders').set('Idempotency-Key', key).set(headers).send(body);
  }

  async function placed(body: object, headers: Record<string, string> = {}) {
    const res = await place(body, randomUUID(), headers);
    expect(res.status).toBe(201);
    if (res.body.payment.status !== 'pending' || !res.body.payment.checkoutUrl) return res.body;
    // Online: the shopper pays at the provider, whose signed webhook authorises the payment.
    expect((await f.payWebhook(res.body.payment.checkoutUrl, 'authorized')).status).toBe(200);
    return { ...res.body, ...(await f.orderAsGuest(res.body)) };
  }

  const level = (variant: Variant, where: Location = store) => f.level(variant.id, where.id);
  const orderCount = async () =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM orders'))[0].n);
  const paymentsOf = (orderId: string) =>
    t.app
      .get(DataSource)
      .query(
        t.app.get(DataSource).options.type === 'postgres' ? MONEY_MOVES.replace('?', '$1') : MONEY_MOVES,
        [orderId],
      );

  describe('placing', () => {
    it('reserves a pickup order and answers its token, code and deadline', async () => {
      const variant = await stocked(5);
      const before = Date.now();
      const res = await place(pickup(variant.sku, 2)).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        number: expect.stringMatching(/^O-/),
        status: 'placed',
        lines: [{ sku: variant.sku, qty: 2, unitPrice: { amount: 1250, currency: 'EUR' }, status: 'ok' }],
        fulfillment: { type: 'pickup', locationId: store.id },
        total: { amount: 2500, currency: 'EUR' },
        orderToken: expect.any(String),
        pickupCode: expect.stringMatching(/^[2-9A-Z]{6}$/),
        payment: { method: 'at_pickup', status: 'pending' },
      });
      const deadline = new Date(res.body.expiresAt).getTime();
      expect(deadline).toBeGreaterThanOrEqual(before + 48 * HOUR - 1000);
      expect(await level(variant)).toEqual({ onHand: 5, reserved: 2, safetyStock: 0 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('refuses all lines when one is short, naming it and what is available', async () => {
      const plenty = await stocked(10);
      const scarce = await stocked(1);
      const body = pickup(plenty.sku, 2);
      body.lines.push({ sku: scarce.sku, qty: 3 });
      const res = await place(body);
      expect(expectError(res, 409, 'INSUFFICIENT_STOCK').lines).toEqual([
        { sku: scarce.sku, requested: 3, available: 1 },
      ]);
      expect(await level(plenty)).toMatchObject({ reserved: 0 });
      expect(await level(scarce)).toMatchObject({ reserved: 0 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('sums a SKU named twice into one line', async () => {
      const variant = await stocked(5);
      const body = pickup(variant.sku, 1);
      body.lines.push({ sku: variant.sku, qty: 2 });
      const order = await placed(body);
      expect(order.lines).toEqual([expect.objectContaining({ sku: variant.sku, qty: 3 })]);
      expect(await level(variant)).toMatchObject({ reserved: 3 });
    });

    it('refuses bad input with 400/404 and changes nothing', async () => {
      const variant = await stocked(5);
      const count = await orderCount();
      const noKey = await t.http().post('/api/orders').send(pickup(variant.sku));
      expectError(noKey, 400, 'VALIDATION_FAILED');
      expectError(await place({ ...pickup(variant.sku), total: 1 }), 400, 'VALIDATION_FAILED');
      expectError(await place(pickup(variant.sku, 0)), 400, 'VALIDATION_FAILED');
      expectError(await place({ ...pickup(variant.sku), lines: [] }), 400, 'VALIDATION_FAILED');
      expectError(await place({ ...pickup(variant.sku), customer: undefined }), 400, 'VALIDATION_FAILED');
      expectError(await place({ ...pickup(variant.sku), payment: 'cash' }), 400, 'VALIDATION_FAILED');
      expectError(
        await place({ ...pickup(variant.sku), fulfillment: { type: 'pickup' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await place({
          ...pickup(variant.sku),
          fulfillment: {
            type: 'ship',
            address: { line1: 'x', city: 'y', postalCode: '1011 AB', country: 'NL' },
          },
        }),
        400,
        'VALIDATION_FAILED',
      ); // at_pickup is only for pickup
      expectError(
        await place({ ...pickup(variant.sku), fulfillment: { type: 'pickup', locationId: randomUUID() } }),
        404,
        'NOT_FOUND',
      );
      const unknownSku = await place(pickup('NO-SUCH-SKU'));
      expectError(unknownSku, 404, 'NOT_FOUND');
      const noPickup = await f.location({ pickupEnabled: false });
      expectError(
        await place({ ...pickup(variant.sku), fulfillment: { type: 'pickup', locationId: noPickup.id } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(await orderCount()).toBe(count);
      expect(await level(variant)).toMatchObject({ reserved: 0 });
    });

    it('sells at the counter at once, by staff of that store only', async () => {
      const variant = await stocked(4);
      const body = {
        lines: [{ sku: variant.sku, qty: 1 }],
        fulfillment: { type: 'instore', locationId: store.id },
      };
      expectError(await place(body), 401, 'UNAUTHENTICATED');
      expectError(await place(body, randomUUID(), otherClerk), 403, 'FORBIDDEN');
      const sale = await placed(body, clerk);
      expect(sale).toMatchObject({ status: 'completed', payment: { status: 'captured' } });
      expect(sale.pickupCode).toBeUndefined();
      expect(await level(variant)).toEqual({ onHand: 3, reserved: 0, safetyStock: 0 });
      // The token does not open a counter sale; staff of the store see it.
      const asGuest = await t.http().get(`/api/orders/${sale.id}`).set('X-Order-Token', sale.orderToken);
      expectError(asGuest, 404, 'NOT_FOUND');
      await t.http().get(`/api/orders/${sale.id}`).set(clerk).expect(200);
    });

    it('ships from the nearest location that has every line', async () => {
      const near = await f.location({ name: 'Near', lat: 51.9, lng: 4.5 });
      const far = await f.location({ name: 'Far', lat: 53.2, lng: 6.5 });
      const partial = await f.location({ name: 'Nearest but partial', lat: 51.91, lng: 4.49 });
      const a = await stocked(0);
      const b = await stocked(0);
      for (const where of [near, far]) {
        await f.stock(a, where, 5);
        await f.stock(b, where, 5);
      }
      await f.stock(a, partial, 50);
      const address = {
        line1: '1 Quay',
        city: 'Rotterdam',
        postalCode: '3011 AA',
        country: 'NL',
        lat: 51.92,
        lng: 4.48,
      };
      const order = await placed({
        lines: [
          { sku: a.sku, qty: 2 },
          { sku: b.sku, qty: 1 },
        ],
        fulfillment: { type: 'ship', address },
        customer: { name: 'Grace', email: 'grace@example.com' },
        payment: 'online',
      });
      expect(order).toMatchObject({ status: 'placed', fulfillment: { type: 'ship', locationId: near.id } });
      expect(order.pickupCode).toBeUndefined();
      expect(await level(a, near)).toMatchObject({ reserved: 2 });
      // Authorised, not taken: the money is captured when the parcel leaves. The lines (37.50) plus the
      // shipping fee (SHIP_FEE, 4.95 by default: below the free threshold).
      expect(order.payment).toMatchObject({ status: 'authorized', amount: { amount: 3750 + 495 } });
      expect(await paymentsOf(order.id)).toEqual([]);

      // Without coordinates: the location with the most stock of the order's lines.
      await f.stock(b, far, 20);
      const { lat: _lat, lng: _lng, ...noCoordinates } = address;
      const second = await placed({
        lines: [{ sku: b.sku, qty: 1 }],
        fulfillment: { type: 'ship', address: noCoordinates },
        customer: { name: 'Grace', email: 'grace@example.com' },
        payment: 'online',
      });
      expect(second.fulfillment.locationId).toBe(far.id);

      const tooMuch = await place({
        lines: [
          { sku: a.sku, qty: 60 },
          { sku: b.sku, qty: 1 },
        ],
        fulfillment: { type: 'ship', address },
        customer: { name: 'Grace', email: 'grace@example.com' },
        payment: 'online',
      });
      expect(expectError(tooMuch, 409, 'INSUFFICIENT_STOCK').lines).toEqual([
        { sku: a.sku, requested: 60, available: 50 },
      ]);
    });
  });

  it('documents the order routes in the OpenAPI document', async () => {
    const doc = await t.http().get('/docs-json').expect(200);
    for (const path of [
      '/api/orders',
      '/api/orders/mine',
      '/api/orders/{id}',
      '/api/orders/{id}/pickup-qr.svg',
      '/api/orders/{id}/ready',
      '/api/orders/{id}/ship',
      '/api/orders/{id}/collect',
      '/api/orders/{id}/cancel',
      '/api/orders/{id}/unlock',
      '/api/orders/{id}/lines/{sku}/short',
      '/api/locations/{id}/orders',
    ]) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
    expect(doc.body.paths['/api/orders'].post.description).toContain('pickupHoldHours');
    expect(doc.body.components.schemas.PlaceOrderDto.properties).toHaveProperty('fulfillment');
  });

  describe('idempotency', () => {
    it('replays the first answer for the same key and body, making one order', async () => {
      const variant = await stocked(5);
      const key = randomUUID();
      const first = await place(pickup(variant.sku), key).expect(201);
      const again = await place(pickup(variant.sku), key).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await level(variant)).toMatchObject({ reserved: 1 });
      const reused = await place(pickup(variant.sku, 2), key);
      expectError(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await level(variant)).toMatchObject({ reserved: 1 });
    });

    it('after a client that gave up mid-flight, the retry makes one order', async () => {
      const variant = await stocked(5);
      const key = randomUUID();
      const body = JSON.stringify(
        pickup(variant.sku, 1, { customer: { name: 'Gone', email: 'gone@example.com' } }),
      );
      await new Promise<void>((resolve) => {
        const req = http.request(`${t.url}/api/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        });
        req.on('error', () => resolve());
        req.on('close', () => resolve());
        req.end(body, () => setImmediate(() => req.destroy()));
      });
      let retry: Response;
      for (;;) {
        retry = await place(JSON.parse(body), key);
        if (retry.status !== 409 || retry.body.code !== 'IDEMPOTENCY_IN_PROGRESS') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(retry.status).toBe(201);
      const again = await place(JSON.parse(body), key).expect(201);
      expect(again.body.id).toBe(retry.body.id);
      const queue = await t.http().get(`/api/locations/${store.id}/orders?limit=500`).set(clerk).expect(200);
      const mine = queue.body.items.filter(
        (o: { customer: { email: string } }) => o.customer.email === 'gone@example.com',
      );
      expect(mine).toHaveLength(1);
      expect(await level(variant)).toMatchObject({ reserved: 1 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });
  });

  describe('access', () => {
    it('opens an order to its token, its customer and staff of its store only', async () => {
      const variant = await stocked(5);
      const guest = await placed(pickup(variant.sku));
      const other = await placed(pickup(variant.sku));
      const withToken = await t
        .http()
        .get(`/api/orders/${guest.id}`)
        .set('X-Order-Token', guest.orderToken)
        .expect(200);
      expect(withToken.body).toMatchObject({ id: guest.id, pickupCode: guest.pickupCode });
      await t.http().get(`/api/orders/${guest.id}?token=${guest.orderToken}`).expect(200);
      // The token of one order never opens another.
      expectError(
        await t.http().get(`/api/orders/${other.id}`).set('X-Order-Token', guest.orderToken),
        404,
        'NOT_FOUND',
      );
      expectError(await t.http().get(`/api/orders/${guest.id}`), 404, 'NOT_FOUND');
      expectError(await t.http().get(`/api/orders/${randomUUID()}`).set(admin), 404, 'NOT_FOUND');
      expectError(await t.http().get(`/api/orders/${guest.id}`).set(otherClerk), 404, 'NOT_FOUND');
      const asStaff = await t.http().get(`/api/orders/${guest.id}`).set(clerk).expect(200);
      expect(asStaff.body.pickupCode).toBeUndefined(); // the code proves the customer: staff never see it

      const registered = await t
        .http()
        .post('/api/auth/register')
        .send({ email: `c-${randomUUID().slice(0, 6)}@example.com`, password: 'password-123', name: 'Cy' })
        .expect(201);
      const customer = { Authorization: `Bearer ${registered.body.accessToken}` };
      const own = await placed(pickup(variant.sku), customer);
      await t.http().get(`/api/orders/${own.id}`).set(customer).expect(200);
      expectError(await t.http().get(`/api/orders/${guest.id}`).set(customer), 404, 'NOT_FOUND');
      const mine = await t.http().get('/api/orders/mine').set(customer).expect(200);
      expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([own.id]);
      expectError(await t.http().get('/api/orders/mine'), 401, 'UNAUTHENTICATED');
    });

    it("lists a store's queue for its staff only", async () => {
      const variant = await stocked(5);
      const order = await placed(pickup(variant.sku));
      const queue = await t
        .http()
        .get(`/api/locations/${store.id}/orders?status=placed&limit=500`)
        .set(clerk)
        .expect(200);
      expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(order.id);
      expect(queue.body.items.every((o: { status: string }) => o.status === 'placed')).toBe(true);
      expectError(await t.http().get(`/api/locations/${store.id}/orders`).set(otherClerk), 403, 'FORBIDDEN');
      expectError(
        await t.http().get(`/api/locations/${store.id}/orders?status=lost`).set(clerk),
        400,
        'VALIDATION_FAILED',
      );
      const firstPage = await t
        .http()
        .get(`/api/locations/${store.id}/orders?limit=1`)
        .set(clerk)
        .expect(200);
      expect(firstPage.body.items).toHaveLength(1);
      const secondPage = await t
        .http()
        .get(`/api/locations/${store.id}/orders?limit=1&after=${firstPage.body.next}`)
        .set(clerk)
        .expect(200);
      expect(secondPage.body.items[0].id).not.toBe(firstPage.body.items[0].id);
    });

    it('shows the customer a QR of pickup:<orderId>:<code>', async () => {
      const variant = await stocked(2);
      const order = await placed(pickup(variant.sku));
      const res = await t
        .http()
        .get(`/api/orders/${order.id}/pickup-qr.svg?token=${order.orderToken}`)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/image\/svg\+xml/);
      const svg = res.text ?? res.body.toString();
      const expected = await QRCode.toString(`pickup:${order.id}:${order.pickupCode}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      expect(svg).toBe(expected);
      expectError(await t.http().get(`/api/orders/${order.id}/pickup-qr.svg`).set(clerk), 404, 'NOT_FOUND');
    });
  });

  describe('pickup lifecycle', () => {
    it('placed → ready → collected with the right code; stock leaves once; messages on the order', async () => {
      const variant = await stocked(3);
      const order = await placed(pickup(variant.sku, 2));
      expectError(await t.http().post(`/api/orders/${order.id}/ready`).set(otherClerk), 403, 'FORBIDDEN');
      const ready = await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
      expect(ready.body.status).toBe('ready');
      expect(new Date(ready.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 47 * HOUR);
      // Scanned from the customer's QR.
      const collected = await t
        .http()
        .post(`/api/orders/${order.id}/collect`)
        .set(clerk)
        .send({ pickupCode: `pickup:${order.id}:${order.pickupCode}` })
        .expect(200);
      expect(collected.body).toMatchObject({ status: 'collected', payment: { status: 'captured' } });
      expect(await level(variant)).toEqual({ onHand: 1, reserved: 0, safetyStock: 0 });
      expect(await paymentsOf(order.id)).toEqual([{ kind: 'captured', amount: 2500 }]);
      const seen = await t
        .http()
        .get(`/api/orders/${order.id}`)
        .set('X-Order-Token', order.orderToken)
        .expect(200);
      expect(seen.body.messages.map((m: { kind: string }) => m.kind)).toEqual([
        'order_placed',
        'ready_for_pickup',
      ]);
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('tells the store terminal: order.created on placement, order.updated on each move', async () => {
      const variant = await stocked(2, otherStore);
      const before = await t.app.get(EventLog).lastSeq(otherStore.id);
      const order = await placed({
        ...pickup(variant.sku, 2),
        fulfillment: { type: 'pickup', locationId: otherStore.id },
      });
      await t.http().post(`/api/orders/${order.id}/ready`).set(otherClerk).expect(200);
      const { events } = await t.app.get(EventLog).readAfter(otherStore.id, before);
      const about = events.filter((e) => e.type.startsWith('order.'));
      expect(about.map((e) => [e.type, (e.data as OrderEventData).status])).toEqual([
        ['order.created', 'placed'],
        ['order.updated', 'ready'],
      ]);
      expect(about[0].data).toEqual({
        orderId: order.id,
        number: order.number,
        status: 'placed',
        readyBy: order.readyBy,
        fulfillmentType: 'pickup',
        customerName: 'Ada Lovelace',
        lineCount: 1,
        total: { amount: 2500, currency: 'EUR' },
        expiresAt: order.expiresAt,
      });
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => before + 1 + i));
    });

    it('locks after 5 wrong codes until a manager unlocks; a clerk of another store cannot collect', async () => {
      const variant = await stocked(2);
      const order = await placed(pickup(variant.sku));
      await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
      const wrongCode = order.pickupCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
      expectError(
        await t
          .http()
          .post(`/api/orders/${order.id}/collect`)
          .set(otherClerk)
          .send({ pickupCode: order.pickupCode }),
        403,
        'FORBIDDEN',
      );
      for (let attempt = 1; attempt <= 5; attempt++) {
        const res = await t
          .http()
          .post(`/api/orders/${order.id}/collect`)
          .set(clerk)
          .send({ pickupCode: wrongCode });
        expect(expectError(res, 422, 'PICKUP_CODE_INVALID').attemptsLeft).toBe(5 - attempt);
      }
      const locked = await t
        .http()
        .post(`/api/orders/${order.id}/collect`)
        .set(clerk)
        .send({ pickupCode: order.pickupCode });
      expectError(locked, 429, 'TOO_MANY_ATTEMPTS');
      expect(await level(variant)).toMatchObject({ onHand: 2, reserved: 1 });
      expectError(await t.http().post(`/api/orders/${order.id}/unlock`).set(clerk), 403, 'FORBIDDEN');
      await t.http().post(`/api/orders/${order.id}/unlock`).set(manager).expect(200);
      await t
        .http()
        .post(`/api/orders/${order.id}/collect`)
        .set(clerk)
        .send({ pickupCode: order.pickupCode.toLowerCase() })
        .expect(200);
    });

    it('answers a locked order that was then cancelled as cancelled, and unlocking an order that is not locked changes nothing', async () => {
      const variant = await stocked(2);
      const order = await placed(pickup(variant.sku));
      await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
      const wrongCode = order.pickupCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
      const collect = (pickupCode: string) =>
        t.http().post(`/api/orders/${order.id}/collect`).set(clerk).send({ pickupCode });
      for (let attempt = 1; attempt <= 5; attempt++) await collect(wrongCode).expect(422);
      await t
        .http()
        .post(`/api/orders/${order.id}/cancel`)
        .set('X-Order-Token', order.orderToken)
        .expect(200);
      expectError(await collect(order.pickupCode), 409, 'INVALID_TRANSITION');

      const other = await placed(pickup(variant.sku));
      await t.http().post(`/api/orders/${other.id}/ready`).set(clerk).expect(200);
      const before = await t.app.get(EventLog).lastSeq(store.id);
      const unlocked = await t.http().post(`/api/orders/${other.id}/unlock`).set(manager).expect(200);
      expect(unlocked.body).toMatchObject({ status: 'ready', locked: false });
      expect(await t.app.get(EventLog).lastSeq(store.id)).toBe(before);
    });

    it('collects with the right code after a few wrong ones', async () => {
      const variant = await stocked(1);
      const order = await placed(pickup(variant.sku));
      await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
      for (let i = 0; i < 4; i++) {
        await t
          .http()
          .post(`/api/orders/${order.id}/collect`)
          .set(clerk)
          .send({ pickupCode: 'WRONG2' })
          .expect(422);
      }
      const res = await t
        .http()
        .post(`/api/orders/${order.id}/collect`)
        .set(clerk)
        .send({ pickupCode: order.pickupCode });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('collected');
    });

    it('answers INVALID_TRANSITION for every move not allowed, changing nothing', async () => {
      const variant = await stocked(10);
      const order = await placed(pickup(variant.sku));
      const post = (path: string, body: object = {}) =>
        t.http().post(`/api/orders/${order.id}/${path}`).set(clerk).send(body);
      const ship = { carrier: 'PostNL', trackingNumber: 'T1' };
      expectError(await post('collect', { pickupCode: order.pickupCode }), 409, 'INVALID_TRANSITION');
      expectError(await post('ship', ship), 409, 'INVALID_TRANSITION');
      await post('ready').expect(200);
      expectError(await post('ready'), 409, 'INVALID_TRANSITION');
      await post('collect', { pickupCode: order.pickupCode }).expect(200);
      const after = await level(variant);
      for (const [path, body] of [
        ['ready', {}],
        ['collect', { pickupCode: order.pickupCode }],
        ['cancel', {}],
        ['ship', ship],
      ] as const) {
        const res = await post(path, body);
        expect(expectError(res, 409, 'INVALID_TRANSITION')).toEqual({ from: 'collected', action: path });
      }
      expectError(
        await t
          .http()
          .patch(`/api/orders/${order.id}`)
          .set(clerk)
          .send({ expiresAt: new Date(Date.now() + HOUR).toISOString() }),
        409,
        'INVALID_TRANSITION',
      );
      expectError(
        await t.http().post(`/api/orders/${order.id}/cancel`).set('X-Order-Token', order.orderToken),
        409,
        'INVALID_TRANSITION',
      );
      expect(await level(variant)).toEqual(after);
      const seen = await t.http().get(`/api/orders/${order.id}`).set(clerk).expect(200);
      expect(seen.body.status).toBe('collected');

      // A ship order is never readied or collected; a counter sale never moves.
      const shipOrder = await placed(shipment(variant.sku));
      expectError(
        await t.http().post(`/api/orders/${shipOrder.id}/ready`).set(clerk),
        409,
        'INVALID_TRANSITION',
      );
      expectError(
        await t
          .http()
          .patch(`/api/orders/${shipOrder.id}`)
          .set(clerk)
          .send({ expiresAt: new Date(Date.now() + HOUR).toISOString() }),
        409,
        'INVALID_TRANSITION',
      );
      await t.http().post(`/api/orders/${shipOrder.id}/ship`).set(clerk).send(ship).expect(200);
      expectError(
        await t.http().post(`/api/orders/${shipOrder.id}/cancel`).set(clerk),
        409,
        'INVALID_TRANSITION',
      );
      const sale = await placed(
        { lines: [{ sku: variant.sku, qty: 1 }], fulfillment: { type: 'instore', locationId: store.id } },
        clerk,
      );
      expectError(await t.http().post(`/api/orders/${sale.id}/cancel`).set(clerk), 409, 'INVALID_TRANSITION');
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('cancels by token before collection: stock returns once, an online payment is refunded once', async () => {
      const variant = await stocked(3);
      const order = await placed(pickup(variant.sku, 2, { payment: 'online' }));
      expect(order.payment).toMatchObject({ method: 'online', status: 'authorized' });
      const other = await placed(pickup(variant.sku, 1));
      expectError(
        await t.http().post(`/api/orders/${order.id}/cancel`).set('X-Order-Token', other.orderToken),
        404,
        'NOT_FOUND',
      );
      const cancelled = await t
        .http()
        .post(`/api/orders/${order.id}/cancel`)
        .set('X-Order-Token', order.orderToken)
        .expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: { status: 'voided' } });
      expectError(
        await t.http().post(`/api/orders/${order.id}/cancel`).set('X-Order-Token', order.orderToken),
        409,
        'INVALID_TRANSITION',
      );
      expect(await level(variant)).toEqual({ onHand: 3, reserved: 1, safetyStock: 0 });
      expect(await paymentsOf(order.id)).toEqual([{ kind: 'voided', amount: 0 }]);
      const seen = await t.http().get(`/api/orders/${order.id}?token=${order.orderToken}`).expect(200);
      expect(seen.body.messages.map((m: { kind: string }) => m.kind)).toEqual([
        'order_placed',
        'order_cancelled',
      ]);
    });

    it('lets staff move a hold deadline, only into the future', async () => {
      const variant = await stocked(1);
      const order = await placed(pickup(variant.sku));
      const tomorrow = new Date(Date.now() + 24 * HOUR).toISOString();
      const res = await t
        .http()
        .patch(`/api/orders/${order.id}`)
        .set(clerk)
        .send({ expiresAt: tomorrow })
        .expect(200);
      expect(res.body.expiresAt).toBe(tomorrow);
      expectError(
        await t
          .http()
          .patch(`/api/orders/${order.id}`)
          .set(clerk)
          .send({ expiresAt: new Date(Date.now() - HOUR).toISOString() }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await t.http().patch(`/api/orders/${order.id}`).set(clerk).send({ expiresAt: 'tomorrow' }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await t.http().patch(`/api/orders/${order.id}`).set(otherClerk).send({ expiresAt: tomorrow }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('expiry', () => {
    it('the sweeper expires holds past their deadline, gives stock back and refunds once', async () => {
      const variant = await stocked(4);
      const unready = await placed(pickup(variant.sku, 1, { payment: 'online' }));
      const ready = await placed(pickup(variant.sku, 2));
      await t.http().post(`/api/orders/${ready.id}/ready`).set(clerk).expect(200);
      const expiry = t.app.get(OrderExpiry);
      expect(await expiry.sweepOnce(new Date(Date.now() + HOUR))).toBe(0);
      expect(await expiry.sweepOnce(new Date(Date.now() + 49 * HOUR))).toBeGreaterThanOrEqual(2);
      expect(await expiry.sweepOnce(new Date(Date.now() + 49 * HOUR))).toBe(0);
      for (const order of [unready, ready]) {
        const seen = await t.http().get(`/api/orders/${order.id}?token=${order.orderToken}`).expect(200);
        expect(seen.body.status).toBe('expired');
        expect(seen.body.messages.map((m: { kind: string }) => m.kind)).toContain('order_expired');
      }
      expect(await level(variant)).toEqual({ onHand: 4, reserved: 0, safetyStock: 0 });
      expect(await paymentsOf(unready.id)).toEqual([{ kind: 'voided', amount: 0 }]);
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('counts a hold past its deadline as free for the next order at once', async () => {
      const variant = await stocked(1);
      const first = await placed(pickup(variant.sku));
      const soon = new Date(Date.now() + 1200).toISOString();
      await t.http().patch(`/api/orders/${first.id}`).set(clerk).send({ expiresAt: soon }).expect(200);
      expectError(await place(pickup(variant.sku)), 409, 'INSUFFICIENT_STOCK');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await placed(pickup(variant.sku));
      const seen = await t.http().get(`/api/orders/${first.id}`).set(clerk).expect(200);
      expect(seen.body.status).toBe('expired');
      expect(await level(variant)).toEqual({ onHand: 1, reserved: 1, safetyStock: 0 });
    });

    it('refuses a short order alike before the writer queue and, with an overdue hold here, inside it', async () => {
      const scarce = await stocked(1);
      const early = await place(pickup(scarce.sku, 2));
      expectError(early, 409, 'INSUFFICIENT_STOCK');
      // An overdue hold of another SKU at the store: now the unit runs (releasing it first) and refuses.
      const other = await stocked(1);
      const hold = await placed(pickup(other.sku));
      const soon = new Date(Date.now() + 1200).toISOString();
      await t.http().patch(`/api/orders/${hold.id}`).set(clerk).send({ expiresAt: soon }).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const inUnit = await place(pickup(scarce.sku, 2));
      expect(inUnit.body).toEqual(early.body);
      expect(early.body.details).toEqual({
        locationId: store.id,
        lines: [{ sku: scarce.sku, requested: 2, available: 1 }],
      });
      expect(await level(scarce)).toEqual({ onHand: 1, reserved: 0, safetyStock: 0 });
    });
  });

  describe('short picks', () => {
    it('counts the shelf down and keeps what was found, telling the customer', async () => {
      const variant = await stocked(5);
      const other = await stocked(2);
      const body = pickup(variant.sku, 3);
      body.lines.push({ sku: other.sku, qty: 1 });
      const order = await placed(body);
      expectError(await markShort(order.id, variant.sku, 3), 400, 'VALIDATION_FAILED');
      expectError(await markShort(order.id, 'NOPE', 0), 404, 'NOT_FOUND');
      const res = await markShort(order.id, variant.sku, 1).expect(200);
      expect(res.body.lines).toEqual(
        expect.arrayContaining([expect.objectContaining({ sku: variant.sku, qty: 1, status: 'short' })]),
      );
      expect(res.body.total.amount).toBe(2 * 1250);
      // 2 units were missing: written off by a count; the order holds the 1 found.
      expect(await level(variant)).toEqual({ onHand: 3, reserved: 1, safetyStock: 0 });
      const seen = await t.http().get(`/api/orders/${order.id}?token=${order.orderToken}`).expect(200);
      expect(seen.body.messages.map((m: { kind: string }) => m.kind)).toEqual([
        'order_placed',
        'line_cancelled',
      ]);
      // Nothing left of the last line: it is cancelled; nothing left at all: the order is.
      await markShort(order.id, other.sku, 0).expect(200);
      const last = await markShort(order.id, variant.sku, 0).expect(200);
      expect(last.body.status).toBe('cancelled');
      expect(await level(variant)).toEqual({ onHand: 2, reserved: 0, safetyStock: 0 });
      expect(await level(other)).toEqual({ onHand: 1, reserved: 0, safetyStock: 0 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('moves a short shipment whole to another location that has every line', async () => {
      const elsewhere = await f.location({
        name: 'Backup warehouse',
        type: 'warehouse',
        pickupEnabled: false,
      });
      const variant = await stocked(2);
      await f.stock(variant, elsewhere, 5);
      const order = await placed(shipment(variant.sku, 2));
      const res = await markShort(order.id, variant.sku, 1).expect(200);
      expect(res.body.fulfillment.locationId).toBe(elsewhere.id);
      expect(res.body.lines[0]).toMatchObject({ qty: 2, status: 'ok' });
      expect(await level(variant)).toEqual({ onHand: 1, reserved: 0, safetyStock: 0 });
      expect(await level(variant, elsewhere)).toEqual({ onHand: 5, reserved: 2, safetyStock: 0 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('re-sources a short shipment to a store whose stock an overdue hold still kept, freeing it first', async () => {
      const nearby = await f.location({ name: 'Nearby store' });
      const variant = await stocked(2);
      await f.stock(variant, nearby, 2);
      const hold = await placed({
        ...pickup(variant.sku, 2),
        fulfillment: { type: 'pickup', locationId: nearby.id },
      });
      const soon = new Date(Date.now() + 1200).toISOString();
      await t.http().patch(`/api/orders/${hold.id}`).set(admin).send({ expiresAt: soon }).expect(200);
      const order = await placed(shipment(variant.sku, 2));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const res = await markShort(order.id, variant.sku, 1).expect(200);
      expect(res.body.fulfillment.locationId).toBe(nearby.id);
      expect(res.body.lines[0]).toMatchObject({ qty: 2, status: 'ok' });
      const expired = await t.http().get(`/api/orders/${hold.id}`).set(admin).expect(200);
      expect(expired.body.status).toBe('expired');
      expect(await level(variant, nearby)).toEqual({ onHand: 2, reserved: 2, safetyStock: 0 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });
  });
});
