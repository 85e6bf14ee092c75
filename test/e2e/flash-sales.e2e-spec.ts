import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { FlashAdmitter } from '../../src/flash-sales/flash-admitter.service';
import { OrderExpiry } from '../../src/orders/order-expiry.service';
import { Fixtures } from '../support/fixtures';
import { admissionOrder, call, runDrop, soldPerEmail } from '../support/flash-drop';
import { startTestApp, TestApp, testDb } from '../support/test-app';

const MINUTE = 60_000;
/** On PostgreSQL the suite runs with Redis, and the drop on two instances of the one database. */
const onPostgres = testDb() === 'postgres';
const CLUSTER_ENV: Record<string, string> = onPostgres
  ? { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }
  : {};
const FLASH_ENV = { FLASH_ADMIT_PER_SECOND: '400', FLASH_TICKET_RATE_LIMIT: '100000', ...CLUSTER_ENV };

describe('flash sales', () => {
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600', ...FLASH_ENV });
    f = new Fixtures(t);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  /** A live sale of one SKU (price 1,000 at the shelf, 500 in the sale) with `units` set aside. */
  const liveSale = async (units: number, limit = 1, onShelf = units + 5) => {
    const store = await f.location();
    const [variant] = await f.product([`FS-${randomUUID().slice(0, 8)}`], 1_000);
    await f.stock(variant, store, onShelf);
    const now = Date.now();
    const created = await t
      .http()
      .post('/api/flash-sales')
      .set(await t.asAdmin())
      .send({
        title: 'Drop',
        startsAt: new Date(now - MINUTE).toISOString(),
        endsAt: new Date(now + 60 * MINUTE).toISOString(),
        locationId: store.id,
        lines: [{ sku: variant.sku, units, price: 500, perCustomerLimit: limit }],
      })
      .expect(201);
    return { store, variant, sale: created.body as { id: string; endsAt: string } };
  };

  const admissionFor = async (saleId: string, email: string) => {
    const { body } = await t.http().post(`/api/flash-sales/${saleId}/queue`).send({ email }).expect(201);
    // The admitter's own tick may hold its lock at this moment: then that tick admits.
    await t.app.get(FlashAdmitter).sweepOnce();
    let standing = await t.http().get(`/api/flash-sales/queue/${body.ticket}`).expect(200);
    for (let tries = 0; !standing.body.admitted && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      standing = await t.http().get(`/api/flash-sales/queue/${body.ticket}`).expect(200);
    }
    expect(standing.body.admitted).toBe(true);
    return standing.body.admission as string;
  };

  const order = (
    sku: string,
    locationId: string,
    email: string,
    admission?: string,
    qty = 1,
    payment = 'online',
  ) =>
    t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', randomUUID())
      .set(admission ? { 'X-Flash-Sale-Admission': admission } : {})
      .send({
        lines: [{ sku, qty }],
        fulfillment: { type: 'pickup', locationId },
        customer: { name: 'Buyer', email },
        payment,
      });

  it('sets units aside in the ledger, shows status and units left, and gives them back when it ends', async () => {
    const { store, variant, sale } = await liveSale(10, 1, 12);
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 12, reserved: 10, safetyStock: 0 });
    const listed = await t.http().get('/api/flash-sales').expect(200);
    expect(listed.body.find((s: { id: string }) => s.id === sale.id)).toMatchObject({
      status: 'live',
      lines: [{ sku: variant.sku, units: 10, unitsLeft: 10, price: 500 }],
    });
    // The shelf sells only what is not set aside.
    const shelf = await order(variant.sku, store.id, 'shelf@test.local', undefined, 3);
    expect(shelf.status).toBe(409);
    expect(shelf.body.code).toBe('INSUFFICIENT_STOCK');

    const admission = await admissionFor(sale.id, 'one@test.local');
    const bought = await order(variant.sku, store.id, 'one@test.local', admission).expect(201);
    expect(bought.body.lines[0].unitPrice.amount).toBe(500);
    expect((await t.http().get(`/api/flash-sales/${sale.id}`)).body.lines[0].unitsLeft).toBe(9);

    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.parse(sale.endsAt) + 1));
    await t.app.get(FlashAdmitter).sweepOnce();
    const ended = await t.http().get(`/api/flash-sales/${sale.id}`).expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', lines: [{ unitsLeft: 0 }] });
    // Nine go back to the shelf; the one sold stays held by its order.
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 12, reserved: 1, safetyStock: 0 });
    const kinds = await t.app
      .get(DataSource)
      .query(
        `SELECT kind, reserved_delta FROM stock_movements WHERE variant_id = '${variant.id}' ORDER BY created_at, id`,
      );
    expect(kinds.map((row: { kind: string }) => row.kind)).toEqual(
      expect.arrayContaining(['flash_set_aside', 'flash_return', 'reserve']),
    );
    expect(await f.ledgerMismatches()).toEqual([]);
    const late = await t.http().post(`/api/flash-sales/${sale.id}/queue`).send({ email: 'late@test.local' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('SALE_ENDED');
  });

  it('refuses without a valid admission, over the limit, before the start and after the end', async () => {
    const { store, variant, sale } = await liveSale(5, 1);
    const forged = await order(variant.sku, store.id, 'x@test.local', `${randomUUID()}.1.abc`);
    expect([forged.status, forged.body.code]).toEqual([403, 'ADMISSION_REQUIRED']);

    const admission = await admissionFor(sale.id, 'limit@test.local');
    const tooMany = await order(variant.sku, store.id, 'limit@test.local', admission, 2);
    expect([tooMany.status, tooMany.body.code]).toEqual([409, 'LIMIT_PER_CUSTOMER']);
    // Bound to the ticket's email.
    const someoneElse = await order(variant.sku, store.id, 'other@test.local', admission);
    expect([someoneElse.status, someoneElse.body.code]).toEqual([403, 'ADMISSION_REQUIRED']);
    // The refusals rolled back: the admission still buys once, and only once.
    await order(variant.sku, store.id, 'limit@test.local', admission).expect(201);
    const twice = await order(variant.sku, store.id, 'limit@test.local', admission);
    expect([twice.status, twice.body.code]).toEqual([403, 'ADMISSION_REQUIRED']);

    const early = await admissionFor(sale.id, 'early@test.local');
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() - 2 * MINUTE));
    const notYet = await order(variant.sku, store.id, 'early@test.local', early);
    expect([notYet.status, notYet.body.code]).toEqual([409, 'SALE_NOT_STARTED']);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.parse(sale.endsAt) + 1));
    const over = await order(variant.sku, store.id, 'early@test.local', early);
    expect([over.status, over.body.code]).toEqual([409, 'SALE_ENDED']);
  });

  it('answers SOLD_OUT once the units are gone, and rate-limits tickets per address', async () => {
    const { store, variant, sale } = await liveSale(1, 1);
    const first = await admissionFor(sale.id, 'a@test.local');
    await order(variant.sku, store.id, 'a@test.local', first).expect(201);
    // The admitter admits no one while no units are left: a direct admission shows SOLD_OUT.
    const { body } = await t.http().post(`/api/flash-sales/${sale.id}/queue`).send({ email: 'b@test.local' });
    await t.app.get(FlashAdmitter).sweepOnce();
    const waiting = await t.http().get(`/api/flash-sales/queue/${body.ticket}`).expect(200);
    expect(waiting.body).toMatchObject({ admitted: false, position: 1, aheadOfYou: 0 });
    expect(await f.ledgerMismatches()).toEqual([]);
    // What the queue keeps in Redis (ticket rate-limit windows, the admitter's lock) all expires.
    if (onPostgres) expect(await keysWithoutExpiry(['throttle:flash:*', 'lock:flash-sales.*'])).toEqual([]);

    // Its own sale: this instance keeps its queue in the database (its rate limits too), the suite's in Redis.
    const limitedSale = (await liveSale(5, 1)).sale;
    const limited = await startTestApp({ FLASH_TICKET_RATE_LIMIT: '3' }, t.db);
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) {
        answers.push(
          (
            await call(limited.url, 'POST', `/api/flash-sales/${limitedSale.id}/queue`, {
              body: { email: `r${i}@t.local` },
            })
          ).status,
        );
      }
      expect(answers).toEqual([201, 201, 201, 429]);
    } finally {
      await limited.stop();
    }
  });

  it('on /shop: queue positions, then the admission; units left pushed to everyone watching', async () => {
    const { store, variant, sale } = await liveSale(1, 1);
    const first = await t.http().post(`/api/flash-sales/${sale.id}/queue`).send({ email: 'q1@test.local' });
    const second = await t.http().post(`/api/flash-sales/${sale.id}/queue`).send({ email: 'q2@test.local' });
    const socket = io(`${t.url}/shop`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      // Everyone hears every sale's units left, an earlier test's last change perhaps a beat late: this sale's.
      const unitsLeft = new Promise((resolve) =>
        socket.on('flash.units_left', (change) => change.saleId === sale.id && resolve(change)),
      );
      const position = new Promise((resolve) => socket.once('queue.position', resolve));
      const ack = await socket.timeout(5_000).emitWithAck('queue', { ticket: second.body.ticket });
      expect(ack).toMatchObject({ ok: true, standing: { admitted: false } });
      // Second in line: one ahead, or none once the first has been admitted (the admitter runs on its own).
      const pushed = (await position) as { position: number; aheadOfYou: number; estimatedWaitS: number };
      expect([1, 2]).toContain(pushed.position);
      expect(pushed).toEqual({
        position: pushed.position,
        aheadOfYou: pushed.position - 1,
        estimatedWaitS: expect.any(Number),
      });
      // The first buyer's turn comes and goes; then it is this socket's turn, pushed without asking.
      const admitted = new Promise<{ admission: string; until: string }>((resolve) =>
        socket.once('queue.admitted', resolve),
      );
      const firstAdmission = await admissionFor(sale.id, 'q1@test.local');
      expect(first.body.position).toBe(1);
      await order(variant.sku, store.id, 'q1@test.local', firstAdmission).expect(201);
      expect(await unitsLeft).toEqual({ saleId: sale.id, sku: variant.sku, unitsLeft: 0 });
      // Sold out: no admission for the second while no unit is left.
      const race = await Promise.race([
        admitted,
        new Promise((resolve) => setTimeout(() => resolve('waiting'), 1_500)),
      ]);
      expect(race).toBe('waiting');
    } finally {
      socket.close();
    }
  });

  it('on /shop: the admission is pushed when the turn comes, and it buys', async () => {
    const { store, variant, sale } = await liveSale(1, 1);
    const { body } = await t
      .http()
      .post(`/api/flash-sales/${sale.id}/queue`)
      .send({ email: 'push@test.local' });
    const socket = io(`${t.url}/shop`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      const admitted = new Promise<{ admission: string; until: string }>((resolve) =>
        socket.once('queue.admitted', resolve),
      );
      await socket.timeout(5_000).emitWithAck('queue', { ticket: body.ticket });
      const { admission, until } = await admitted;
      expect(Date.parse(until)).toBeGreaterThan(Date.now());
      await order(variant.sku, store.id, 'push@test.local', admission).expect(201);
    } finally {
      socket.close();
    }
  });

  it('an unpaid checkout hold returns to the sale after FLASH_HOLD_MINUTES and sells again', async () => {
    const { store, variant, sale } = await liveSale(1, 1);
    const admission = await admissionFor(sale.id, 'slow@test.local');
    const held = await order(variant.sku, store.id, 'slow@test.local', admission, 1, 'at_pickup').expect(201);
    expect(Date.parse(held.body.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * MINUTE + 1_000);
    expect((await t.http().get(`/api/flash-sales/${sale.id}`)).body.lines[0].unitsLeft).toBe(0);

    const later = new Date(Date.now() + 5 * MINUTE + 1_000);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(later);
    // Earlier tests' unpaid online orders lapse in the same sweep: this one must be among them.
    expect(await t.app.get(OrderExpiry).sweepOnce(later)).toBeGreaterThanOrEqual(1);
    const lapsed = await t
      .http()
      .get(`/api/orders/${held.body.id}?token=${held.body.orderToken}`)
      .expect(200);
    expect(lapsed.body.status).toBe('expired');
    expect((await t.http().get(`/api/flash-sales/${sale.id}`)).body.lines[0].unitsLeft).toBe(1);
    expect(await f.level(variant.id, store.id)).toMatchObject({ reserved: 1 });

    const next = await admissionFor(sale.id, 'fast@test.local');
    await order(variant.sku, store.id, 'fast@test.local', next).expect(201);
    expect((await t.http().get(`/api/flash-sales/${sale.id}`)).body.lines[0].unitsLeft).toBe(0);
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  /** Polls a ticket until it is in `state` (the admitter's lock may be another instance's this moment). */
  const standingWhen = async (ticket: string, state: string) => {
    let standing = (await t.http().get(`/api/flash-sales/queue/${ticket}`).expect(200)).body;
    for (let tries = 0; standing.state !== state && tries < 50; tries++) {
      await t.app.get(FlashAdmitter).sweepOnce();
      await new Promise((resolve) => setTimeout(resolve, 100));
      standing = (await t.http().get(`/api/flash-sales/queue/${ticket}`).expect(200)).body;
    }
    expect(standing.state).toBe(state);
    return standing;
  };

  it('tells a used admission and a passed turn from a usable one; a passed turn queues again at the back', async () => {
    const { store, variant, sale } = await liveSale(1, 1);
    const join = async (email: string) =>
      (await t.http().post(`/api/flash-sales/${sale.id}/queue`).send({ email }).expect(201)).body as {
        ticket: string;
        position: number;
      };
    const ann = await join('ann@test.local');
    const annAdmission = await admissionFor(sale.id, 'ann@test.local');
    const annTurn = await standingWhen(ann.ticket, 'admitted');
    expect(annTurn).toMatchObject({ admitted: true, admission: annAdmission });
    const [ben, cat] = [await join('ben@test.local'), await join('cat@test.local')];
    // One unit, held open for Ann: nobody else is let in meanwhile.
    await t.app.get(FlashAdmitter).sweepOnce();
    expect((await t.http().get(`/api/flash-sales/queue/${ben.ticket}`)).body).toMatchObject({
      state: 'waiting',
      admitted: false,
      position: 1,
    });

    // Ann's turn passes unused: she is told so, her admission no longer buys, and Ben is let in.
    const later = new Date(Date.parse(annTurn.until) + 1_000);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(later);
    expect((await t.http().get(`/api/flash-sales/queue/${ann.ticket}`)).body).toEqual({
      state: 'expired',
      admitted: false,
    });
    const late = await order(variant.sku, store.id, 'ann@test.local', annAdmission);
    expect([late.status, late.body.code]).toEqual([403, 'ADMISSION_REQUIRED']);
    const benTurn = await standingWhen(ben.ticket, 'admitted');

    // Joining again puts her ticket at the back: behind Cat, who waited.
    const again = await join('ann@test.local');
    expect(again).toEqual({ ticket: ann.ticket, position: 2 });
    expect((await t.http().get(`/api/flash-sales/queue/${ann.ticket}`)).body).toMatchObject({
      state: 'waiting',
      position: 2,
      aheadOfYou: 1,
    });
    expect((await t.http().get(`/api/flash-sales/queue/${cat.ticket}`)).body).toMatchObject({ position: 1 });

    // Ben buys: his admission is used, and joining again gives it no second turn.
    await order(variant.sku, store.id, 'ben@test.local', benTurn.admission).expect(201);
    const used = { state: 'used', admitted: false };
    expect((await t.http().get(`/api/flash-sales/queue/${ben.ticket}`)).body).toEqual(used);
    expect(await join('ben@test.local')).toMatchObject({ ticket: ben.ticket });
    expect((await t.http().get(`/api/flash-sales/queue/${ben.ticket}`)).body).toEqual(used);
    const socket = io(`${t.url}/shop`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      const ack = await socket.timeout(5_000).emitWithAck('queue', { ticket: ben.ticket });
      expect(ack).toEqual({ ok: true, standing: used });
    } finally {
      socket.close();
    }
  });

  it(`one ticket per email however often it joins at once${onPostgres ? ' on two instances, the queue in Redis' : ''}; admitted in ticket order`, async () => {
    const second = onPostgres
      ? await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600', ...FLASH_ENV }, t.db)
      : null;
    const apps = second ? [t, second] : [t];
    try {
      const store = await f.location();
      const [variant] = await f.product([`FS-${randomUUID().slice(0, 8)}`], 1_000);
      await f.stock(variant, store, 5);
      const startsAt = new Date(Date.now() + 60 * MINUTE);
      const { body: sale } = await t
        .http()
        .post('/api/flash-sales')
        .set(await t.asAdmin())
        .send({
          title: 'Doubles',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 60 * MINUTE).toISOString(),
          locationId: store.id,
          lines: [{ sku: variant.sku, units: 2, price: 500, perCustomerLimit: 1 }],
        })
        .expect(201);
      const emails = Array.from({ length: 10 }, (_, i) => `twice-${i}@test.local`);
      // Each email six times at once, spread over the instances, some spelt in capitals.
      const answers = await Promise.all(
        emails.flatMap((email) =>
          Array.from({ length: 6 }, (_, k) =>
            call(apps[k % apps.length].url, 'POST', `/api/flash-sales/${sale.id}/queue`, {
              body: { email: k % 2 ? email.toUpperCase() : email },
            }).then((answer) => ({ email, ...answer })),
          ),
        ),
      );
      expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
      const ticketOf = new Map<string, string>();
      for (const { email, body } of answers) {
        expect(body.ticket).toBe(ticketOf.get(email) ?? body.ticket);
        ticketOf.set(email, body.ticket as string);
      }
      const tickets = emails.map((email) => ticketOf.get(email)!);
      const standings = async () =>
        Promise.all(
          tickets.map(
            async (ticket, i) =>
              (await call(apps[i % apps.length].url, 'GET', `/api/flash-sales/queue/${ticket}`)).body,
          ),
        );
      const positions = (await standings()).map((standing) => standing.position as number);
      expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      const ds = t.app.get(DataSource);
      const rows = () =>
        ds.query(`SELECT seq FROM flash_tickets WHERE sale_id = '${sale.id}' AND admitted_at IS NOT NULL`);
      if (onPostgres) {
        // Joining wrote no row: the queue is in Redis, its keys expiring after the sale.
        expect(await ds.query(`SELECT id FROM flash_tickets WHERE sale_id = '${sale.id}'`)).toEqual([]);
        expect(await keysWithoutExpiry([`flash:sale:${sale.id}:*`, 'flash:ticket:*'])).toEqual([]);
      }

      // The sale opens: two units, so the first two tickets are let in, and only they have rows.
      // (Again while the other instance's tick holds the admitter's lock.)
      for (let tries = 0; (await rows()).length < 2 && tries < 50; tries++) {
        await t.app.get(FlashAdmitter).sweepOnce(new Date(startsAt.getTime() + 1_000));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const after = await standings();
      const admitted = positions.filter((_, i) => after[i].state === 'admitted');
      expect(admitted.sort()).toEqual([1, 2]);
      expect(after.filter((standing) => standing.state === 'waiting').map((s) => s.position)).toHaveLength(8);
      expect((await rows()).map((row: { seq: number }) => Number(row.seq)).sort()).toEqual([1, 2]);
      if (onPostgres) {
        const all = await ds.query(`SELECT id FROM flash_tickets WHERE sale_id = '${sale.id}'`);
        expect(all).toHaveLength(2);
        // Redis loses the queue: admitted tickets still stand (they are rows); a waiting one is gone,
        // and its buyer joins again after the tickets already let in.
        const redis = new Redis(CLUSTER_ENV.REDIS_URL);
        try {
          const saleKeys = await redis.keys(`flash:sale:${sale.id}:*`);
          await redis.del(...saleKeys, ...tickets.map((ticket) => `flash:ticket:${ticket}`));
        } finally {
          redis.disconnect();
        }
        const first = tickets[positions.indexOf(1)];
        expect((await call(second!.url, 'GET', `/api/flash-sales/queue/${first}`)).body).toMatchObject({
          state: 'admitted',
        });
        const lost = tickets[positions.indexOf(5)];
        expect((await call(t.url, 'GET', `/api/flash-sales/queue/${lost}`)).status).toBe(404);
        const back = await call(t.url, 'POST', `/api/flash-sales/${sale.id}/queue`, {
          body: { email: emails[positions.indexOf(5)] },
        });
        expect(back.body.position).toBe(1);
        expect(
          (await call(second!.url, 'GET', `/api/flash-sales/queue/${back.body.ticket}`)).body,
        ).toMatchObject({ state: 'waiting', position: 1 });
      }
    } finally {
      await second?.stop();
    }
  });

  const where = onPostgres ? ' on two instances' : '';
  it(`a drop${where}: 100 units, limit 1, 2,000 buyers through the queue: 100 sold, none twice, in ticket order`, async () => {
    const second = onPostgres
      ? await startTestApp({ SWEEP_INTERVAL_SECONDS: '3600', ...FLASH_ENV }, t.db)
      : null;
    const drop = { buyers: 2_000, units: 100, pairs: 4 };
    const { statuses, admittedPositions, sale } = await runDrop(second ? [t, second] : [t], f, drop).finally(
      () => second?.stop(),
    );
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(sale.lines[0].unitsLeft).toBe(0);
    const sold = await soldPerEmail(t, sale.id);
    expect(sold.reduce((sum, row) => sum + row.units, 0)).toBe(100);
    expect(sold.filter((row) => row.units > 1)).toEqual([]);
    // Admitted: exactly the first 100 tickets, and admitted in the order they were issued.
    expect(admittedPositions).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const tickets = await admissionOrder(t, sale.id);
    const admittedAt = tickets.filter((row) => row.admitted_at).map((row) => row.admitted_at!);
    expect(admittedAt).toEqual([...admittedAt].sort());
    expect(tickets.slice(0, admittedAt.length).every((row) => row.admitted_at)).toBe(true);
    // With the queue in Redis, only admitted tickets have rows.
    if (onPostgres) expect(tickets).toHaveLength(admittedAt.length);
    expect(await f.ledgerMismatches()).toEqual([]);
  }, 240_000);
});

/** Keys matching the patterns that have no expiry (PTTL -1), on the suite's Redis. */
async function keysWithoutExpiry(patterns: string[]): Promise<string[]> {
  const redis = new Redis(CLUSTER_ENV.REDIS_URL);
  try {
    const keys = (await Promise.all(patterns.map((match) => redis.keys(match)))).flat();
    // The first pattern matches keys: an empty answer must not pass for "all expire".
    expect(keys.some((key) => key.startsWith(patterns[0].replace('*', '')))).toBe(true);
    const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
    return keys.filter((_, i) => ttls[i] === -1);
  } finally {
    redis.disconnect();
  }
}
