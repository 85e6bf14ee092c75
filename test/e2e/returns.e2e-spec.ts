import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { ErrorCode, ReturnView, TerminalEvent } from '@o2o/contracts';
import type { Variant } from '../../src/catalog/product.entity';
import { sql } from '../../src/database/sql';
import { UnitOfWork } from '../../src/database/unit-of-work';
import type { Location } from '../../src/locations/location.entity';
import { PaymentsService } from '../../src/payments/payments.service';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

type Headers = { Authorization: string };

describe('returns at any store, refunds and exchanges', () => {
  let t: TestApp;
  let f: Fixtures;
  let central: Location;
  let west: Location;
  let centralClerk: Headers;
  let westClerk: Headers;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    central = await f.location({ name: 'Central' });
    west = await f.location({ name: 'West' });
    centralClerk = (await f.user('clerk', [central.id])).headers;
    westClerk = (await f.user('clerk', [west.id])).headers;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  /** A guest's online pickup order at Central, paid, made ready and collected: its money is captured. */
  async function collected(
    variant: Variant,
    qty: number,
    customer = { name: 'Ada', email: 'ada@example.com' },
  ) {
    const order = await f.order(central, variant.sku, qty, 'pickup', customer);
    await t.http().post(`/api/orders/${order.id}/ready`).set(centralClerk).expect(200);
    const handed = await t
      .http()
      .post(`/api/orders/${order.id}/collect`)
      .set(centralClerk)
      .send({ pickupCode: order.pickupCode });
    expect(handed.status).toBe(200);
    expect(handed.body.payment.captured.amount).toBe(qty * variant.priceAmount);
    return order as { id: string; number: string; pickupCode: string; orderToken: string };
  }

  function giveBack(
    orderId: string,
    body: object,
    headers: Headers = westClerk,
    key: string | null = randomUUID(),
  ) {
    const request = t.http().post(`/api/orders/${orderId}/returns`).set(headers);
    return (key === null ? request : request.set('Idempotency-Key', key)).send(body);
  }

  const paymentOf = async (orderId: string) =>
    (await t.http().get(`/api/orders/${orderId}`).set(centralClerk).expect(200)).body.payment;
  const returnsOf = async (orderId: string): Promise<ReturnView[]> =>
    (await t.http().get(`/api/orders/${orderId}/returns`).set(westClerk).expect(200)).body.items;

  function terminal(headers: Headers): Promise<{ heard: TerminalEvent[] }> {
    const socket = io(`${t.url}/terminal`, {
      auth: { token: headers.Authorization.slice('Bearer '.length) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    const heard: TerminalEvent[] = [];
    socket.on('return.recorded', (event: TerminalEvent) => heard.push(event));
    return new Promise((resolve) => socket.once('connect', () => resolve({ heard })));
  }

  it('a return at another store puts the unit on hand there with a return ledger row, refunds it, and tells both stores live', async () => {
    const [variant] = await f.product([`RET-${randomUUID().slice(0, 8)}`], 1500);
    await f.stock(variant, central, 2);
    const order = await collected(variant, 2);
    const [atCentral, atWest] = [await terminal(centralClerk), await terminal(westClerk)];
    const key = randomUUID();
    const body = { locationId: west.id, lines: [{ sku: variant.sku, qty: 1, condition: 'resaleable' }] };

    const answer = await giveBack(order.id, body, westClerk, key);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      orderId: order.id,
      locationId: west.id,
      lines: [{ sku: variant.sku, qty: 1, condition: 'resaleable', unitPrice: { amount: 1500 } }],
      refund: { amount: 1500, currency: 'EUR', method: 'online', status: 'refunded' },
    });
    expect(await f.level(variant.id, west.id)).toEqual({ onHand: 1, reserved: 0, safetyStock: 0 });
    const ledger = await t
      .http()
      .get(`/api/locations/${west.id}/movements?sku=${variant.sku}`)
      .set(westClerk)
      .expect(200);
    expect(ledger.body.items).toEqual([
      expect.objectContaining({
        kind: 'return',
        onHandDelta: 1,
        reservedDelta: 0,
        orderId: order.id,
        note: `return ${answer.body.id}`,
      }),
    ]);
    expect(await paymentOf(order.id)).toMatchObject({
      status: 'partially_refunded',
      captured: { amount: 3000 },
      refunded: { amount: 1500 },
    });
    const seen = await t.http().get(`/api/orders/${order.id}`).set(centralClerk);
    expect(seen.body.messages.map((m: { kind: string }) => m.kind)).toContain('refund_issued');

    await until(
      () => atCentral.heard.length > 0 && atWest.heard.length > 0,
      'return.recorded at both stores',
    );
    for (const [{ heard }, locationId] of [
      [atCentral, central.id],
      [atWest, west.id],
    ] as const) {
      expect(heard).toEqual([
        expect.objectContaining({
          locationId,
          type: 'return.recorded',
          data: expect.objectContaining({
            returnId: answer.body.id,
            orderId: order.id,
            number: order.number,
          }),
        }),
      ]);
    }

    // The same key again: the first answer, nothing more on hand or refunded.
    const again = await giveBack(order.id, body, westClerk, key);
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: answer.body });
    expect(await f.level(variant.id, west.id)).toMatchObject({ onHand: 1 });
    expect((await paymentOf(order.id)).refunded.amount).toBe(1500);
    expect(await returnsOf(order.id)).toEqual([answer.body]);
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('writes damaged units off (never on hand, never sellable) and can refund in cash', async () => {
    const variant = await f.stocked(central, 1, 800);
    const order = await collected(variant, 1);
    const answer = await giveBack(order.id, {
      locationId: west.id,
      lines: [{ sku: variant.sku, qty: 1, condition: 'damaged' }],
      refundTo: 'cash',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.refund).toEqual({ amount: 800, currency: 'EUR', method: 'cash', status: 'refunded' });
    expect(await f.level(variant.id, west.id)).toEqual({ onHand: 0, reserved: 0, safetyStock: 0 });
    const ledger = await t
      .http()
      .get(`/api/locations/${west.id}/movements?sku=${variant.sku}`)
      .set(westClerk);
    expect(ledger.body.items).toEqual([
      expect.objectContaining({ kind: 'write_off', onHandDelta: 0, orderId: order.id }),
    ]);
    const availability = await t.http().get(`/api/availability?sku=${variant.sku}`).expect(200);
    const here = availability.body[0].locations.find((l: { locationId: string }) => l.locationId === west.id);
    expect(here?.available ?? 0).toBe(0);
    expect(await paymentOf(order.id)).toMatchObject({ status: 'refunded', refunded: { amount: 800 } });
  });

  it('20 concurrent returns of one order, each sent twice: returned ≤ bought, refunded ≤ captured, ledger = levels', async () => {
    const variant = await f.stocked(central, 3, 1000);
    const order = await collected(variant, 3);
    const keys = Array.from({ length: 20 }, () => randomUUID());
    const bodyOf = (i: number) => ({
      locationId: i % 2 ? west.id : central.id,
      lines: [{ sku: variant.sku, qty: 1, condition: i % 3 ? 'resaleable' : 'damaged' }],
      refundTo: i % 4 ? 'original' : 'cash',
    });
    const clerkOf = (i: number) => (i % 2 ? westClerk : centralClerk);
    const answers = await Promise.all(
      [...keys, ...keys].map((key, n) => giveBack(order.id, bodyOf(n % 20), clerkOf(n % 20), key)),
    );
    for (const answer of answers) {
      expect([201, 409]).toContain(answer.status);
      if (answer.status === 409)
        expect(['RETURN_EXCEEDS_PURCHASED', 'IDEMPOTENCY_IN_PROGRESS']).toContain(answer.body.code);
    }
    // Retried once the dust settles: every key answers what it first did.
    const settled = await Promise.all(keys.map((key, i) => giveBack(order.id, bodyOf(i), clerkOf(i), key)));
    const accepted = settled.filter((answer) => answer.status === 201);
    expect(accepted).toHaveLength(3);
    for (const answer of settled.filter((a) => a.status !== 201))
      expectError(answer, 409, 'RETURN_EXCEEDS_PURCHASED');

    const returns = await returnsOf(order.id);
    expect(returns.map((r) => r.id).sort()).toEqual(accepted.map((a) => a.body.id).sort());
    const payment = await paymentOf(order.id);
    expect(payment).toMatchObject({
      status: 'refunded',
      captured: { amount: 3000 },
      refunded: { amount: 3000 },
    });
    const restocked = returns.filter((r) => r.lines[0].condition === 'resaleable');
    const onHandAt = async (location: Location) => (await f.level(variant.id, location.id))?.onHand ?? 0;
    expect((await onHandAt(central)) + (await onHandAt(west))).toBe(restocked.length);
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('20 concurrent refunds of one payment, keys repeated: never more than captured, a repeated key refunds nothing more', async () => {
    const variant = await f.stocked(central, 4, 1000);
    const order = await collected(variant, 3);
    const payments = t.app.get(PaymentsService);
    const uow = t.app.get(UnitOfWork);
    const keys = Array.from({ length: 10 }, () => `test:${randomUUID()}`);
    const outcomes = await Promise.allSettled(
      [...keys, ...keys].map((key) => uow.run((tx) => payments.refund(tx, order.id, 1000, key))),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    for (const outcome of refused)
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED' });
    expect(await paymentOf(order.id)).toMatchObject({
      captured: { amount: 3000 },
      refunded: { amount: 3000 },
    });
    const { rows } = await sql<{ n: number; total: number }>(
      t.app.get(DataSource).manager,
      `SELECT COUNT(*) AS n, SUM(e.amount) AS total FROM payment_events e JOIN payments p ON p.id = e.payment_id
        WHERE p.order_id = :orderId AND e.kind = 'refunded'`,
      { orderId: order.id },
    );
    expect({ n: Number(rows[0].n), total: Number(rows[0].total) }).toEqual({ n: 3, total: 3000 });

    // One after the other, the same key twice: the second refunds nothing.
    const another = await collected(variant, 1);
    for (let i = 0; i < 2; i++) await uow.run((tx) => payments.refund(tx, another.id, 400, 'test:once'));
    expect((await paymentOf(another.id)).refunded.amount).toBe(400);
  });

  it('refuses bad input in plain words and changes nothing', async () => {
    const variant = await f.stocked(central, 2, 700);
    const order = await collected(variant, 1);
    const line = { sku: variant.sku, qty: 1, condition: 'resaleable' };
    const unsent = await f.order(central, variant.sku, 1);
    const cases: Array<[Promise<{ status: number; body: { code: string } }>, number, ErrorCode]> = [
      [
        giveBack(order.id, { locationId: west.id, lines: [{ ...line, sku: 'NO-SUCH-SKU' }] }),
        400,
        'VALIDATION_FAILED',
      ],
      [giveBack(order.id, { locationId: west.id, lines: [{ ...line, qty: 0 }] }), 400, 'VALIDATION_FAILED'],
      [
        giveBack(order.id, { locationId: west.id, lines: [{ ...line, condition: 'broken' }] }),
        400,
        'VALIDATION_FAILED',
      ],
      [giveBack(order.id, { locationId: west.id, lines: [] }), 400, 'VALIDATION_FAILED'],
      [giveBack(order.id, { locationId: west.id, lines: [line] }, westClerk, null), 400, 'VALIDATION_FAILED'],
      [giveBack(order.id, { locationId: central.id, lines: [line] }, westClerk), 403, 'FORBIDDEN'],
      [
        giveBack(order.id, { locationId: west.id, lines: [{ ...line, qty: 2 }] }),
        409,
        'RETURN_EXCEEDS_PURCHASED',
      ],
      [giveBack(unsent.id, { locationId: west.id, lines: [line] }), 409, 'INVALID_TRANSITION'],
      [giveBack(randomUUID(), { locationId: west.id, lines: [line] }), 404, 'NOT_FOUND'],
      [
        t
          .http()
          .post(`/api/orders/${order.id}/returns`)
          .set('X-Order-Token', order.orderToken)
          .set('Idempotency-Key', randomUUID())
          .send({ locationId: west.id, lines: [line] }),
        401,
        'UNAUTHENTICATED',
      ],
    ];
    for (const [request, status, code] of cases) {
      const answer = await request;
      expectError(answer as never, status, code);
      expect(answer.body).toHaveProperty('message', expect.stringMatching(/\w+ \w+/));
    }
    expect(await returnsOf(order.id)).toEqual([]);
    expect((await paymentOf(order.id)).refunded.amount).toBe(0);
    expect(await f.level(variant.id, west.id)).toBeNull();
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('finds an order by number, email, phone and the text of its pickup or receipt QR (staff only)', async () => {
    const variant = await f.stocked(central, 1, 900);
    const email = `finder-${randomUUID().slice(0, 6)}@example.com`;
    const phone = `+31 6 ${String(Date.now()).slice(-8)}`;
    const order = await collected(variant, 1, { name: 'Finder', email, phone } as never);
    // The printed receipt carries the QR whose text (order:<id>) finds it again.
    const receipt = await t.http().get(`/api/orders/${order.id}/receipt.html`).set(centralClerk).expect(200);
    expect(receipt.text).toMatch(/<div class="qr"><svg[^>]*>/);
    const typed = [
      order.number,
      order.number.toLowerCase().replace(/-/g, ''),
      email.toUpperCase(),
      phone.replace(/\s/g, ''),
      `pickup:${order.id}:${order.pickupCode}`,
      `order:${order.id}`,
    ];
    for (const q of typed) {
      const found = await t.http().get('/api/orders/lookup').query({ q }).set(westClerk);
      expect({ q, status: found.status, ids: found.body.items.map((o: { id: string }) => o.id) }).toEqual({
        q,
        status: 200,
        ids: [order.id],
      });
    }
    expect(
      (await t.http().get('/api/orders/lookup').query({ q: 'O-ZZZZ-ZZZZZ' }).set(westClerk)).body,
    ).toEqual({ items: [], next: null });
    expectError(await t.http().get('/api/orders/lookup').query({ q: email }), 401, 'UNAUTHENTICATED');
  });

  describe('exchanges', () => {
    function exchange(orderId: string, body: object, key = randomUUID()) {
      return t
        .http()
        .post(`/api/orders/${orderId}/exchanges`)
        .set(westClerk)
        .set('Idempotency-Key', key)
        .send(body);
    }

    it('returns and sells in one unit, charging the difference; a cheaper swap refunds it; a refusal undoes both', async () => {
      const old = await f.stocked(central, 2, 1500);
      const dearer = await f.stocked(west, 1, 2000);
      const cheaper = await f.stocked(west, 1, 1000);
      const order = await collected(old, 2);

      const up = await exchange(order.id, {
        locationId: west.id,
        returnLines: [{ sku: old.sku, qty: 1, condition: 'resaleable' }],
        newLines: [{ sku: dearer.sku, qty: 1 }],
        payment: 'card',
      });
      expect(up.status).toBe(201);
      expect(up.body.difference).toEqual({ amount: 500, currency: 'EUR' });
      expect(up.body.return.refund).toMatchObject({ amount: 1500, method: 'exchange' });
      expect(up.body.order).toMatchObject({ status: 'completed', total: { amount: 2000 } });
      expect(await f.level(dearer.id, west.id)).toMatchObject({ onHand: 0 });
      expect(await f.level(old.id, west.id)).toMatchObject({ onHand: 1 });

      const down = await exchange(order.id, {
        locationId: west.id,
        returnLines: [{ sku: old.sku, qty: 1, condition: 'resaleable' }],
        newLines: [{ sku: cheaper.sku, qty: 1 }],
        refundTo: 'cash',
      });
      expect(down.status).toBe(201);
      expect(down.body.difference).toEqual({ amount: -500, currency: 'EUR' });
      expect(down.body.return.refund).toMatchObject({ amount: 1500, method: 'cash' });
      expect(await paymentOf(order.id)).toMatchObject({ status: 'refunded', refunded: { amount: 3000 } });

      // Nothing left to return: the new sale is refused with it (its stock stays).
      const more = await f.stocked(west, 1, 100);
      const refused = await exchange(order.id, {
        locationId: west.id,
        returnLines: [{ sku: old.sku, qty: 1, condition: 'resaleable' }],
        newLines: [{ sku: more.sku, qty: 1 }],
      });
      expectError(refused, 409, 'RETURN_EXCEEDS_PURCHASED');
      expect(await f.level(more.id, west.id)).toMatchObject({ onHand: 1 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });
  });
});
