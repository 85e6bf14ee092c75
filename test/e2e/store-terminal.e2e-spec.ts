import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { OrderEventData } from '@o2o/contracts';
import { CatalogService } from '../../src/catalog/catalog.service';
import type { Location } from '../../src/locations/location.entity';
import { EventLog } from '../../src/outbox/event-log.service';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = { Authorization: string };

function expectError(response: Response, status: number, code: string): void {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { statusCode: status, code, message: expect.any(String) },
  });
}

/**
 * What the store terminal needs of the server beyond placing and moving orders: a counter sale paid
 * in cash with its change and receipt, the end-of-day report, the manager's unlock with a reason,
 * transfers and stock rows with the names people read.
 */
describe('store terminal support', () => {
  let t: TestApp;
  let f: Fixtures;
  let store: Location;
  let otherStore: Location;
  let clerk: Headers;
  let otherClerk: Headers;
  let manager: Headers;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    f = new Fixtures(t);
    store = await f.location({ name: 'Central' });
    otherStore = await f.location({ name: 'Harbour' });
    clerk = (await f.user('clerk', [store.id])).headers;
    otherClerk = (await f.user('clerk', [otherStore.id])).headers;
    manager = (await f.user('manager', [store.id])).headers;
  });
  afterAll(() => t.close());

  const sell = (body: object, headers: Headers = clerk, key = randomUUID()) =>
    t.http().post('/api/orders').set(headers).set('Idempotency-Key', key).send(body);

  describe('counter sale', () => {
    it('paid in cash answers the change, kept on the order and printed on the receipt', async () => {
      const sku = `CASH-${randomUUID().slice(0, 6)}`;
      await t
        .http()
        .post('/api/products')
        .set(await t.asAdmin())
        .send({ title: 'Teapot <large>', variants: [{ sku, price: 1250 }] })
        .expect(201);
      const variant = await t.app.get(CatalogService).variantBySku(sku);
      await f.stock(variant, store, 5);
      const body = {
        lines: [{ sku: variant.sku, qty: 2 }],
        fulfillment: { type: 'instore', locationId: store.id },
        payment: 'cash',
        tendered: 3000,
      };
      const sale = await sell(body).expect(201);
      expect(sale.body).toMatchObject({
        status: 'completed',
        total: { amount: 2500, currency: 'EUR' },
        payment: { method: 'cash', status: 'captured', captured: { amount: 2500, currency: 'EUR' } },
        tendered: { amount: 3000, currency: 'EUR' },
        change: { amount: 500, currency: 'EUR' },
      });
      const read = await t.http().get(`/api/orders/${sale.body.id}`).set(clerk).expect(200);
      expect(read.body.change).toEqual({ amount: 500, currency: 'EUR' });

      const receipt = await t.http().get(`/api/orders/${sale.body.id}/receipt.html`).set(clerk).expect(200);
      expect(receipt.headers['content-type']).toMatch(/^text\/html/);
      expect(receipt.text).toContain('Central');
      expect(receipt.text).toContain('2 × Teapot &lt;large&gt;');
      expect(receipt.text).toContain('€25.00');
      expect(receipt.text).toContain('€30.00');
      expect(receipt.text).toContain('€5.00');
      expect(receipt.text).toContain('80mm');
      expectError(
        await t.http().get(`/api/orders/${sale.body.id}/receipt.html`).set(otherClerk),
        403,
        'FORBIDDEN',
      );
      expectError(await t.http().get(`/api/orders/${sale.body.id}/receipt.html`), 401, 'UNAUTHENTICATED');
      expect(await f.level(variant.id, store.id)).toMatchObject({ onHand: 3, reserved: 0 });
    });

    it('card and other need no cash; bad payments are refused and sell nothing', async () => {
      const variant = await f.stocked(store, 4, 700);
      const line = {
        lines: [{ sku: variant.sku, qty: 1 }],
        fulfillment: { type: 'instore', locationId: store.id },
      };
      const card = await sell({ ...line, payment: 'card' }).expect(201);
      expect(card.body.payment).toMatchObject({
        method: 'card',
        status: 'captured',
        captured: { amount: 700 },
      });
      expect(card.body.change).toBeUndefined();
      await sell({ ...line, payment: 'other' }).expect(201);

      expectError(await sell({ ...line, payment: 'cash', tendered: 699 }), 400, 'VALIDATION_FAILED');
      expectError(await sell({ ...line, payment: 'card', tendered: 1000 }), 400, 'VALIDATION_FAILED');
      expectError(await sell({ ...line, payment: 'cash', tendered: -1 }), 400, 'VALIDATION_FAILED');
      expectError(await sell({ ...line, payment: 'cheque' }), 400, 'VALIDATION_FAILED');
      const pickupPaidInCash = {
        lines: line.lines,
        fulfillment: { type: 'pickup', locationId: store.id },
        customer: { name: 'Ada', email: 'ada@example.com' },
        payment: 'cash',
      };
      expectError(await sell(pickupPaidInCash), 400, 'VALIDATION_FAILED');
      expect(await f.level(variant.id, store.id)).toMatchObject({ onHand: 2, reserved: 0 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });
  });

  describe('locked pickups', () => {
    it('every wrong code tells the terminals how many are left; the unlock carries the reason', async () => {
      const variant = await f.stocked(store, 1);
      const order = await f.order(store, variant.sku);
      await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
      const fresh = await t.http().get(`/api/orders/${order.id}`).set(clerk).expect(200);
      expect(fresh.body).toMatchObject({ locked: false, attemptsLeft: 5 });
      const before = await t.app.get(EventLog).lastSeq(store.id);
      const wrong = order.pickupCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
      for (let attempt = 1; attempt <= 5; attempt++) {
        await t
          .http()
          .post(`/api/orders/${order.id}/collect`)
          .set(clerk)
          .send({ pickupCode: wrong })
          .expect(422);
        const seen = await t.http().get(`/api/orders/${order.id}`).set(clerk).expect(200);
        expect(seen.body).toMatchObject({ attemptsLeft: 5 - attempt, locked: attempt === 5 });
      }
      expectError(
        await t.http().post(`/api/orders/${order.id}/unlock`).set(manager).send({ reason: '' }),
        400,
        'VALIDATION_FAILED',
      );
      await t
        .http()
        .post(`/api/orders/${order.id}/unlock`)
        .set(manager)
        .send({ reason: 'Passport checked' })
        .expect(200);
      const { events } = await t.app.get(EventLog).readAfter(store.id, before);
      const updates = events.filter((e) => e.type === 'order.updated').map((e) => e.data as OrderEventData);
      expect(updates.map((u) => [u.attemptsLeft, u.locked])).toEqual([
        [4, false],
        [3, false],
        [2, false],
        [1, false],
        [0, true],
        [5, false],
      ]);
      expect(updates[5]).toMatchObject({ unlockReason: 'Passport checked' });
      const unlocked = await t.http().get(`/api/orders/${order.id}`).set(clerk).expect(200);
      expect(unlocked.body).toMatchObject({ locked: false, attemptsLeft: 5 });
      await t
        .http()
        .post(`/api/orders/${order.id}/collect`)
        .set(clerk)
        .send({ pickupCode: order.pickupCode })
        .expect(200);
    });
  });

  describe('clerk-assisted orders', () => {
    it('a clerk reserves for a customer at another store with only a phone number; that store is told', async () => {
      const variant = await f.stocked(otherStore, 2);
      const before = await t.app.get(EventLog).lastSeq(otherStore.id);
      const body = {
        lines: [{ sku: variant.sku, qty: 1 }],
        fulfillment: { type: 'pickup', locationId: otherStore.id },
        customer: { name: 'Walk-in Wim', phone: '+31 6 1234 5678' },
        payment: 'at_pickup',
      };
      expectError(
        await t.http().post('/api/orders').set('Idempotency-Key', randomUUID()).send(body),
        400,
        'VALIDATION_FAILED',
      );
      const placed = await sell(body).expect(201);
      expect(placed.body).toMatchObject({
        status: 'placed',
        fulfillment: { type: 'pickup', locationId: otherStore.id },
        customer: { name: 'Walk-in Wim', email: '', phone: '+31 6 1234 5678' },
      });
      const { events } = await t.app.get(EventLog).readAfter(otherStore.id, before);
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'order.created',
          data: expect.objectContaining({ orderId: placed.body.id }),
        }),
      );
      const queue = await t
        .http()
        .get(`/api/locations/${otherStore.id}/orders?status=placed`)
        .set(otherClerk)
        .expect(200);
      expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(placed.body.id);
      expect(await f.level(variant.id, otherStore.id)).toMatchObject({ onHand: 2, reserved: 1 });
    });
  });

  describe('end of day', () => {
    it('counts the day of one store: sales per payment method, pickups collected, no-shows, open', async () => {
      const day = await f.location({ name: 'Day store' });
      const dayClerk = (await f.user('clerk', [day.id])).headers;
      const variant = await f.stocked(day, 20, 1000);
      const sale = (payment: string, extra: object = {}) =>
        sell(
          {
            lines: [{ sku: variant.sku, qty: 1 }],
            fulfillment: { type: 'instore', locationId: day.id },
            payment,
            ...extra,
          },
          dayClerk,
        ).expect(201);
      await sale('cash', { tendered: 2000 });
      await sale('cash');
      await sale('card');
      const collected = await f.order(day, variant.sku);
      await t.http().post(`/api/orders/${collected.id}/ready`).set(dayClerk).expect(200);
      await t
        .http()
        .post(`/api/orders/${collected.id}/collect`)
        .set(dayClerk)
        .send({ pickupCode: collected.pickupCode })
        .expect(200);
      const waiting = await f.order(day, variant.sku);
      await t.http().post(`/api/orders/${waiting.id}/ready`).set(dayClerk).expect(200);
      await f.order(day, variant.sku);

      const report = await t.http().get(`/api/locations/${day.id}/day-report`).set(dayClerk).expect(200);
      expect(report.body).toMatchObject({
        locationId: day.id,
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        sales: {
          count: 3,
          total: { amount: 3000, currency: 'EUR' },
          byPayment: [
            { method: 'card', count: 1, total: { amount: 1000, currency: 'EUR' } },
            { method: 'cash', count: 2, total: { amount: 2000, currency: 'EUR' } },
          ],
        },
        pickupsCollected: 1,
        noShows: 0,
        open: { placed: 1, ready: 1 },
      });
      const yesterday = await t
        .http()
        .get(`/api/locations/${day.id}/day-report?date=2020-01-01`)
        .set(dayClerk)
        .expect(200);
      expect(yesterday.body).toMatchObject({ sales: { count: 0, byPayment: [] }, pickupsCollected: 0 });
      expectError(
        await t.http().get(`/api/locations/${day.id}/day-report?date=2020-02-31`).set(dayClerk),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await t.http().get(`/api/locations/${day.id}/day-report`).set(clerk), 403, 'FORBIDDEN');
    });
  });

  describe('names for people', () => {
    it('transfers name both locations and every item, for staff at either end', async () => {
      const [variant] = await f.product([`TRN-${randomUUID().slice(0, 6)}`], 900, 'Oak stool');
      await f.stock(variant, store, 6);
      const sent = await t
        .http()
        .post('/api/transfers')
        .set(clerk)
        .set('Idempotency-Key', randomUUID())
        .send({
          fromLocationId: store.id,
          toLocationId: otherStore.id,
          lines: [{ sku: variant.sku, qty: 2 }],
        })
        .expect(201);
      const named = {
        fromLocationName: 'Central',
        toLocationName: 'Harbour',
        lines: [{ sku: variant.sku, title: 'Oak stool', qty: 2, receivedQty: null }],
      };
      expect(sent.body).toMatchObject(named);
      const arriving = await t
        .http()
        .get(`/api/locations/${otherStore.id}/transfers?direction=in&status=in_transit`)
        .set(otherClerk)
        .expect(200);
      expect(arriving.body.items).toEqual([expect.objectContaining({ id: sent.body.id, ...named })]);
      const received = await t
        .http()
        .post(`/api/transfers/${sent.body.id}/receive`)
        .set(otherClerk)
        .set('Idempotency-Key', randomUUID())
        .send({})
        .expect(200);
      expect(received.body).toMatchObject({ ...named, lines: [{ title: 'Oak stool', receivedQty: 2 }] });
    });

    it('stock rows carry the item name, its options, barcode and price, and are found by name', async () => {
      const admin = await t.asAdmin();
      const sku = `SHIRT-${randomUUID().slice(0, 6)}`;
      await t
        .http()
        .post('/api/products')
        .set(admin)
        .send({
          title: 'Linen shirt',
          variants: [
            {
              sku,
              price: 4500,
              barcode: `87${Date.now()}`.slice(0, 13),
              attributes: { size: 'M', colour: 'White' },
            },
          ],
        })
        .expect(201);
      await t
        .http()
        .post(`/api/locations/${store.id}/stock/adjustments`)
        .set(clerk)
        .set('Idempotency-Key', randomUUID())
        .send({ sku, delta: 3, reason: 'receive' })
        .expect(201);
      const rows = await t.http().get(`/api/locations/${store.id}/stock?q=linen`).set(clerk).expect(200);
      expect(rows.body.items).toEqual([
        expect.objectContaining({
          sku,
          title: 'Linen shirt – White / M',
          attributes: { size: 'M', colour: 'White' },
          barcode: expect.stringMatching(/^87/),
          price: { amount: 4500, currency: 'EUR' },
          onHand: 3,
          available: 3,
        }),
      ]);
    });
  });
});
