import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type {
  OrderView,
  PickupsReportView,
  SalesReportRow,
  SalesReportView,
  ScansReportView,
  StockValueReportView,
} from '@o2o/contracts';
import { Clock } from '../../src/common/clock';
import type { Location } from '../../src/locations/location.entity';
import { OrderExpiry } from '../../src/orders/order-expiry.service';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = { Authorization: string };
const MINUTE = 60_000;
const RANGE = { from: '2026-11-30', to: '2026-12-06' };

/** The local calendar day of an instant in a time zone, by Intl (not the server's dayjs). */
const dayIn = (timeZone: string, iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

/**
 * Reports (issue 19): a week of orders and stock movements made through the API on the application's
 * clock, in a store in Amsterdam and one in New York, and reports that add up to exactly those orders
 * and that ledger, with days in each store's time zone.
 */
describe('reports add up to the orders and the ledger they come from', () => {
  let t: TestApp;
  let f: Fixtures;
  let now = new Date('2026-11-29T08:00:00.000Z');
  let amsterdam: Location;
  let newYork: Location;
  let admin: Headers;
  let manager: Headers;
  let clerk: Headers;
  const skus = { mug: `MUG-${randomUUID().slice(0, 6)}`, tea: `TEA-${randomUUID().slice(0, 6)}` };
  /** Every order the test made, as staff read it back after the week. */
  const made: string[] = [];
  const readyMinutes: number[] = [];
  let tagCode: string;

  const at = (iso: string) => (now = new Date(iso));
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  const place = async (body: object, headers?: Headers) => {
    const request = t.http().post('/api/orders').set('Idempotency-Key', randomUUID());
    const response = await (headers ? request.set(headers) : request).send(body).expect(201);
    made.push(response.body.id);
    return response.body as OrderView & { orderToken: string; payment: { checkoutUrl: string } };
  };
  const counterSale = (store: Location, sku: string, qty: number, payment: 'cash' | 'card') =>
    place(
      {
        lines: [{ sku, qty }],
        fulfillment: { type: 'instore', locationId: store.id },
        payment,
        ...(payment === 'cash' ? { tendered: 100_000 } : {}),
      },
      admin,
    );
  const paidOnline = async (store: Location, sku: string, qty: number, type: 'pickup' | 'ship') => {
    const order = await f.order(store, sku, qty, type);
    made.push(order.id);
    return order as OrderView & { pickupCode: string };
  };
  const ready = (id: string) => t.http().post(`/api/orders/${id}/ready`).set(admin).send({}).expect(200);
  const collect = (order: { id: string; pickupCode: string }) =>
    t
      .http()
      .post(`/api/orders/${order.id}/collect`)
      .set(admin)
      .send({ pickupCode: order.pickupCode })
      .expect(200);
  /** A pickup made ready now and collected `minutes` later. */
  const collectedAfter = async (store: Location, sku: string, minutes: number) => {
    const order = await paidOnline(store, sku, 1, 'pickup');
    later(20 * MINUTE);
    await ready(order.id);
    later(minutes * MINUTE);
    await collect(order);
    if (store.id === amsterdam.id) readyMinutes.push(minutes);
  };
  const report = async <T>(path: string, headers: Headers = admin, query: object = RANGE) =>
    (await t.http().get(`/api/reports/${path}`).query(query).set(headers).expect(200)).body as T;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600' });
    f = new Fixtures(t);
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
    amsterdam = await f.location({
      name: 'Amsterdam Centraal',
      timezone: 'Europe/Amsterdam',
      pickupHoldHours: 48,
    });
    newYork = await f.location({ name: 'New York SoHo', timezone: 'America/New_York' });
    admin = await t.asAdmin();
    manager = (await f.user('manager', [amsterdam.id])).headers;
    clerk = (await f.user('clerk', [amsterdam.id])).headers;
    for (const [sku, price] of [
      [skus.mug, 1250],
      [skus.tea, 799],
    ] as const) {
      await t
        .http()
        .post('/api/products')
        .set(admin)
        .send({ title: sku, variants: [{ sku, price }] })
        .expect(201);
      for (const store of [amsterdam, newYork]) {
        await t
          .http()
          .post(`/api/locations/${store.id}/stock/adjustments`)
          .set(admin)
          .set('Idempotency-Key', randomUUID())
          .send({ sku, delta: 100, reason: 'receive' })
          .expect(201);
      }
    }
    const tag = await t.http().post('/api/tags').set(admin).send({ sku: skus.mug, locationId: amsterdam.id });
    expect(tag.status).toBeLessThan(300);
    tagCode = tag.body.code;

    // The week. Amsterdam is UTC+1 in December, New York UTC−5.
    at('2026-11-29T22:30:00.000Z'); // Sunday 23:30 in Amsterdam: the day before the range
    await counterSale(amsterdam, skus.tea, 1, 'cash');
    at('2026-11-29T23:30:00.000Z'); // Monday 00:30 in Amsterdam: the first day of the range
    await counterSale(amsterdam, skus.mug, 2, 'card');

    at('2026-11-30T09:00:00.000Z');
    await counterSale(amsterdam, skus.tea, 3, 'cash');
    const noShow = await paidOnline(amsterdam, skus.mug, 1, 'pickup');
    later(30 * MINUTE);
    await ready(noShow.id);
    await collectedAfter(amsterdam, skus.tea, 10);

    at('2026-12-01T10:00:00.000Z');
    await collectedAfter(amsterdam, skus.mug, 45);
    const shipment = await paidOnline(amsterdam, skus.tea, 2, 'ship');
    await t
      .http()
      .post(`/api/orders/${shipment.id}/ship`)
      .set(admin)
      .send({ carrier: 'PostNL', trackingNumber: '3S123' })
      .expect(200);

    at('2026-12-02T13:00:00.000Z'); // the no-show's hold (48 h) has run out
    expect(await t.app.get(OrderExpiry).sweepOnce(now)).toBe(1);
    await counterSale(amsterdam, skus.mug, 1, 'card');
    await collectedAfter(amsterdam, skus.tea, 30);
    // Shoppers scan the mug's shelf tag eight times; the mug is reserved for pickup there 4 times this week.
    for (let i = 0; i < 8; i++) await t.http().get(`/api/scan/${tagCode}`).expect(200);
    const scanned = await paidOnline(amsterdam, skus.mug, 1, 'pickup');
    await ready(scanned.id);
    later(5 * MINUTE);
    await collect(scanned);
    readyMinutes.push(5);

    at('2026-12-03T03:30:00.000Z'); // 22:30 on 2 December in New York, 04:30 on the 3rd in Amsterdam
    await counterSale(newYork, skus.mug, 4, 'cash');
    await counterSale(amsterdam, skus.tea, 1, 'card');

    at('2026-12-04T15:00:00.000Z');
    await collectedAfter(amsterdam, skus.mug, 120);
    const stillPlaced = await paidOnline(amsterdam, skus.tea, 1, 'pickup'); // not a sale yet
    expect(stillPlaced.status).toBe('placed');

    at('2026-12-05T11:00:00.000Z');
    await collectedAfter(newYork, skus.tea, 15);
    const secondNoShow = await paidOnline(amsterdam, skus.tea, 1, 'pickup');
    await ready(secondNoShow.id);

    at('2026-12-06T22:59:00.000Z'); // Sunday 23:59 in Amsterdam, the last minute of the range
    await counterSale(amsterdam, skus.mug, 1, 'cash');
    at('2026-12-06T23:30:00.000Z'); // Monday in Amsterdam: after the range
    await counterSale(amsterdam, skus.tea, 2, 'card');

    at('2026-12-08T00:00:00.000Z'); // the second no-show's hold has run out too
    await t.app.get(OrderExpiry).sweepOnce(now);
  });
  afterAll(() => t.close());

  /** The orders as staff read them now. */
  const ordersNow = () =>
    Promise.all(
      made.map(
        async (id) => (await t.http().get(`/api/orders/${id}`).set(admin).expect(200)).body as OrderView,
      ),
    );
  const timezoneOf = (order: OrderView) =>
    (order.fulfillment.locationId === amsterdam.id ? amsterdam : newYork).timezone;
  const inRange = (order: OrderView) => {
    const day = dayIn(timezoneOf(order), order.createdAt);
    return day >= RANGE.from && day <= RANGE.to;
  };
  const sold = (order: OrderView) => ['completed', 'collected', 'shipped'].includes(order.status);
  const unitsOf = (order: OrderView) => order.lines.reduce((n, line) => n + line.qty, 0);

  it('sales per local day, store, channel and payment method add up to the orders that sold', async () => {
    const orders = (await ordersNow()).filter((order) => sold(order) && inRange(order));
    const sales = await report<SalesReportView>('sales');

    const expected = new Map<string, SalesReportRow>();
    for (const order of orders) {
      const { locationId, type } = order.fulfillment;
      const date = dayIn(timezoneOf(order), order.createdAt);
      const key = `${date}|${locationId}|${type}|${order.payment.method}`;
      const row = expected.get(key) ?? {
        date,
        locationId,
        channel: type,
        paymentMethod: order.payment.method,
        orders: 0,
        units: 0,
        revenue: { amount: 0, currency: 'EUR' },
      };
      row.orders += 1;
      row.units += unitsOf(order);
      row.revenue.amount += order.total.amount;
      expected.set(key, row);
    }
    expect(sales.rows).toEqual(
      expect.arrayContaining([...expected.values()].map((row) => expect.objectContaining(row))),
    );
    expect(sales.rows).toHaveLength(expected.size);
    expect(sales.totals).toEqual({
      orders: orders.length,
      units: orders.reduce((n, order) => n + unitsOf(order), 0),
      revenue: { amount: orders.reduce((sum, order) => sum + order.total.amount, 0), currency: 'EUR' },
    });
    // Spelled out: 13 sales in the range (not the sales before and after it, the no-shows, the unsold pickup).
    expect(sales.totals.orders).toBe(13);
    // 00:30 on Monday in Amsterdam is Monday's, though it is Sunday in UTC; 22:30 in New York is its own day.
    expect(sales.rows).toContainEqual(
      expect.objectContaining({
        date: '2026-11-30',
        locationId: amsterdam.id,
        channel: 'instore',
        paymentMethod: 'card',
        orders: 1,
        units: 2,
        revenue: { amount: 2500, currency: 'EUR' },
      }),
    );
    expect(sales.rows).toContainEqual(
      expect.objectContaining({
        date: '2026-12-02',
        locationId: newYork.id,
        channel: 'instore',
        paymentMethod: 'cash',
        orders: 1,
        units: 4,
        revenue: { amount: 5000, currency: 'EUR' },
      }),
    );
    expect(sales.rows).toContainEqual(
      expect.objectContaining({
        date: '2026-12-06',
        locationId: amsterdam.id,
        paymentMethod: 'cash',
        orders: 1,
      }),
    );
    expect(sales.rows).toContainEqual(
      expect.objectContaining({
        date: '2026-12-01',
        channel: 'ship',
        paymentMethod: 'online',
        units: 2,
        // Revenue is what the customer paid: the lines (15.98) and the shipping fee (4.95 by default).
        revenue: { amount: 1598 + 495, currency: 'EUR' },
      }),
    );
  });

  it('pickups: ready-to-collected median and p90, and the no-show rate, per store', async () => {
    const { rows } = await report<PickupsReportView>('pickups');
    const sorted = [...readyMinutes].sort((a, b) => a - b); // 5, 10, 30, 45, 120
    expect(rows).toContainEqual({
      locationId: amsterdam.id,
      ready: 7,
      collected: 5,
      noShows: 2,
      noShowRate: Math.round((2 / 7) * 10_000) / 10_000,
      medianMinutes: sorted[2],
      p90Minutes: sorted[4],
    });
    expect(rows).toContainEqual({
      locationId: newYork.id,
      ready: 1,
      collected: 1,
      noShows: 0,
      noShowRate: 0,
      medianMinutes: 15,
      p90Minutes: 15,
    });
  });

  it('scans that became reservations, per store and SKU', async () => {
    const scans = await report<ScansReportView>('scans');
    expect(scans.rows).toEqual([
      { locationId: amsterdam.id, sku: skus.mug, scans: 8, reservations: 4, conversion: 0.5 },
    ]);
    expect(scans.totals).toEqual({ scans: 8, reservations: 4, conversion: 0.5 });
    const before = await report<ScansReportView>('scans', admin, { from: '2026-11-01', to: '2026-11-29' });
    expect(before.rows).toEqual([]);
  });

  it('stock value per store equals Σ on hand × price, and on hand equals the ledger', async () => {
    expect(await f.ledgerMismatches()).toEqual([]);
    const { rows } = await report<StockValueReportView>('stock-value', admin, {});
    for (const store of [amsterdam, newYork]) {
      const levels = (await t.http().get(`/api/locations/${store.id}/stock`).set(admin).expect(200)).body
        .items as Array<{
        sku: string;
        onHand: number;
        price: { amount: number };
      }>;
      const movements = (
        await t
          .http()
          .get(`/api/locations/${store.id}/movements`)
          .query({ limit: 500 })
          .set(admin)
          .expect(200)
      ).body.items as Array<{ sku: string; onHandDelta: number }>;
      const price = { [skus.mug]: 1250, [skus.tea]: 799 };
      const units = (sku: string) =>
        movements.filter((m) => m.sku === sku).reduce((n, m) => n + m.onHandDelta, 0);
      expect(levels.map((level) => level.onHand)).toEqual(levels.map((level) => units(level.sku)));
      expect(rows).toContainEqual({
        locationId: store.id,
        skus: 2,
        units: units(skus.mug) + units(skus.tea),
        value: {
          amount: units(skus.mug) * price[skus.mug] + units(skus.tea) * price[skus.tea],
          currency: 'EUR',
        },
      });
    }
  });

  it('answers the same rows as CSV, by path or by format', async () => {
    const sales = await report<SalesReportView>('sales');
    for (const request of [
      t.http().get('/api/reports/sales.csv').query(RANGE),
      t
        .http()
        .get('/api/reports/sales')
        .query({ ...RANGE, format: 'csv' }),
    ]) {
      const response = await request.set(admin).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toContain('sales-2026-11-30-2026-12-06.csv');
      const records = parse(response.text, { columns: true }) as Array<Record<string, string>>;
      expect(
        records.map((r) => [
          r.date,
          r.location_id,
          r.channel,
          r.payment_method,
          +r.orders,
          +r.units,
          +r.revenue_amount,
        ]),
      ).toEqual(
        sales.rows.map((r) => [
          r.date,
          r.locationId,
          r.channel,
          r.paymentMethod,
          r.orders,
          r.units,
          r.revenue.amount,
        ]),
      );
    }
    const value = await t.http().get('/api/reports/stock-value.csv').set(manager).expect(200);
    const records = parse(value.text, { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.location)).toEqual(['Amsterdam Centraal']);
  });

  it('managers see their stores only; clerks and strangers none; bad ranges are refused in words', async () => {
    const mine = await report<SalesReportView>('sales', manager);
    expect(new Set(mine.rows.map((row) => row.locationId))).toEqual(new Set([amsterdam.id]));
    expectError(
      await t
        .http()
        .get('/api/reports/sales')
        .query({ ...RANGE, locationId: newYork.id })
        .set(manager),
      403,
      'FORBIDDEN',
    );
    expectError(await t.http().get('/api/reports/pickups').set(clerk), 403, 'FORBIDDEN');
    expectError(await t.http().get('/api/reports/stock-value.csv'), 401, 'UNAUTHENTICATED');
    expectError(
      await t.http().get('/api/reports/sales').query({ from: '2026-12-06', to: '2026-12-01' }).set(admin),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.http().get('/api/reports/sales').query({ from: '2025-01-01', to: '2026-12-01' }).set(admin),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.http().get('/api/reports/sales').query({ from: '30-11-2026' }).set(admin),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.http().get('/api/reports/scans').query({ format: 'xlsx' }).set(admin),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.http().get('/api/reports/scans').query({ locationId: randomUUID() }).set(admin),
      404,
      'NOT_FOUND',
    );
  });
});
