import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import {
  AVAILABILITY_CHANGED_EVENT,
  AvailabilityChanged,
  JoinAck,
  ResumeAck,
  SeqTracker,
  SESSION_CLOSING_EVENT,
  SessionNotice,
  TERMINAL_EVENT_TYPES,
  TerminalEvent,
  TerminalEventPage,
  WatchAck,
} from '@o2o/contracts';
import { Variant } from '../../src/catalog/product.entity';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { InventoryService } from '../../src/inventory/inventory.service';
import { Location } from '../../src/locations/location.entity';
import { EventRetentionJob } from '../../src/realtime/event-retention.job';
import { EventRow } from '../../src/outbox/event.entity';
import { Fixtures } from '../support/fixtures';
import { until } from '../support/until';
import { startTestApp, TestApp } from '../support/test-app';

/** A terminal socket that records every event it receives. */
interface Terminal {
  socket: Socket;
  events: TerminalEvent[];
  notices: SessionNotice[];
  request<T>(event: string, body: unknown): Promise<T>;
  close(): void;
}

function connect(url: string, auth: Record<string, unknown>): Promise<Terminal> {
  const socket = io(`${url}/terminal`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const terminal: Terminal = {
    socket,
    events: [],
    notices: [],
    request: (event, body) => socket.timeout(15_000).emitWithAck(event, body),
    close: () => socket.disconnect(),
  };
  for (const type of TERMINAL_EVENT_TYPES)
    socket.on(type, (event: TerminalEvent) => terminal.events.push(event));
  socket.on(SESSION_CLOSING_EVENT, (notice: SessionNotice) => terminal.notices.push(notice));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(terminal));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** The handshake refusal a socket gets: the contract's error body in connect_error's data. */
async function refusal(
  url: string,
  auth: Record<string, unknown>,
): Promise<{ code: string; statusCode: number }> {
  try {
    const terminal = await connect(url, auth);
    terminal.close();
  } catch (error) {
    return (error as { data: { code: string; statusCode: number } }).data;
  }
  throw new Error('the socket was accepted');
}

describe('real time: store terminals and the shop', () => {
  let t: TestApp;
  let f: Fixtures;
  let storeA: Location;
  let storeB: Location;
  let variant: Variant;
  let clerkA: Awaited<ReturnType<Fixtures['user']>>;
  let clerkB: Awaited<ReturnType<Fixtures['user']>>;
  const open: Terminal[] = [];

  const token = (headers: { Authorization: string }) => headers.Authorization.slice('Bearer '.length);
  const terminalOf = async (headers: { Authorization: string }, extra: Record<string, unknown> = {}) => {
    const terminal = await connect(t.url, { token: token(headers), ...extra });
    open.push(terminal);
    return terminal;
  };
  const adjust = (location: Location, delta: number, headers = clerkA.headers) =>
    t
      .http()
      .post(`/api/locations/${location.id}/stock/adjustments`)
      .set(headers)
      .send({ sku: variant.sku, delta, reason: delta > 0 ? 'receive' : 'damage' })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    storeA = await f.location();
    storeB = await f.location();
    [variant] = await f.product([`RT-${randomUUID().slice(0, 6)}`]);
    clerkA = await f.user('clerk', [storeA.id]);
    clerkB = await f.user('clerk', [storeB.id]);
  });
  afterEach(() => open.splice(0).forEach((terminal) => terminal.close()));
  afterAll(() => t.close());

  describe('scope', () => {
    it("a clerk's socket of store A gets A's events and none of B's", async () => {
      const a = await terminalOf(clerkA.headers);
      const b = await terminalOf(clerkB.headers);
      const admin = await terminalOf(await t.asAdmin());
      await adjust(storeB, 3, clerkB.headers);
      await adjust(storeA, 2);
      await until(
        () => a.events.length === 1 && b.events.length === 1 && admin.events.length === 2,
        'events',
      );

      expect(a.events[0]).toEqual({
        seq: expect.any(Number),
        locationId: storeA.id,
        type: 'stock.changed',
        at: expect.any(String),
        data: expect.objectContaining({
          sku: variant.sku,
          onHand: expect.any(Number),
          available: expect.any(Number),
        }),
      });
      expect(b.events.map((e) => e.locationId)).toEqual([storeB.id]);
      expect(admin.events.map((e) => e.locationId).sort()).toEqual([storeA.id, storeB.id].sort());
      // B's event was delivered (b and admin got it) before A's was written: A's socket would have it by now.
      expect(a.events.some((e) => e.locationId === storeB.id)).toBe(false);
    });

    it('an admin naming locations gets only those, and may join more', async () => {
      const admin = await terminalOf(await t.asAdmin(), { locationIds: [storeB.id] });
      const sentinel = await terminalOf(clerkA.headers);
      await adjust(storeA, 1);
      await until(() => sentinel.events.length === 1, "A's event at A's clerk");
      await adjust(storeB, 1, clerkB.headers);
      await until(() => admin.events.length === 1, "B's event at the admin");
      expect(admin.events[0].locationId).toBe(storeB.id);

      const joined = await admin.request<JoinAck>('join', { locationId: storeA.id });
      expect(joined).toEqual({ ok: true, locationId: storeA.id, lastSeq: expect.any(Number) });
      await adjust(storeA, 1);
      await until(() => admin.events.length === 2, "A's event after joining");
      expect(admin.events[1]).toMatchObject({
        locationId: storeA.id,
        seq: (joined as { lastSeq: number }).lastSeq + 1,
      });
    });

    it('refuses sockets without a valid staff token, and locations out of scope', async () => {
      expect(await refusal(t.url, {})).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      expect(await refusal(t.url, { token: 'not-a-token' })).toMatchObject({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
      });
      const forged = await new JwtService({ secret: 'x'.repeat(40) }).signAsync(
        { sub: clerkA.user.id, email: clerkA.email, role: 'admin', loc: [] },
        { expiresIn: 60 },
      );
      expect(await refusal(t.url, { token: forged })).toMatchObject({ code: 'UNAUTHENTICATED' });
      const customer = await t
        .http()
        .post('/api/auth/register')
        .send({ email: `c-${randomUUID().slice(0, 8)}@test.local`, password: 'password-123', name: 'C' })
        .expect(201);
      expect(await refusal(t.url, { token: customer.body.accessToken })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refusal(t.url, { token: token(clerkA.headers), locationIds: [storeB.id] })).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await refusal(t.url, { token: token(clerkA.headers), role: 'admin' })).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it("re-checks scope on every resume and join: B's events stay closed to A's clerk", async () => {
      const a = await terminalOf(clerkA.headers);
      const resume = await a.request<ResumeAck>('resume', { locationId: storeB.id, afterSeq: 0 });
      expect(resume).toEqual({
        ok: false,
        error: expect.objectContaining({ statusCode: 403, code: 'FORBIDDEN' }),
      });
      const join = await a.request<JoinAck>('join', { locationId: storeB.id });
      expect(join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await t.http().get(`/api/locations/${storeB.id}/events`).set(clerkA.headers).expect(403);
      await t.http().get(`/api/locations/${storeB.id}/events`).expect(401);
    });

    it('answers bad socket messages with VALIDATION_FAILED and unknown locations with NOT_FOUND', async () => {
      const admin = await terminalOf(await t.asAdmin());
      for (const body of [
        undefined,
        'x',
        { locationId: 'nope', afterSeq: 0 },
        { locationId: storeA.id, afterSeq: -1 },
        { locationId: storeA.id, afterSeq: 1.5 },
        { locationId: storeA.id, afterSeq: '3' },
        { locationId: storeA.id, afterSeq: 0, extra: true },
      ]) {
        const answer = await admin.request<ResumeAck>('resume', body);
        expect(answer).toMatchObject({ ok: false, error: { statusCode: 400, code: 'VALIDATION_FAILED' } });
      }
      const unknown = await admin.request<ResumeAck>('resume', { locationId: randomUUID(), afterSeq: 0 });
      expect(unknown).toMatchObject({ ok: false, error: { statusCode: 404, code: 'NOT_FOUND' } });
      const joinUnknown = await admin.request<JoinAck>('join', { locationId: randomUUID() });
      expect(joinUnknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const admins = await t.asAdmin();
      await t.http().get(`/api/locations/${randomUUID()}/events`).set(admins).expect(404);
      for (const query of ['after=-1', 'after=x', 'limit=0', 'limit=501', 'after=1&other=2']) {
        const response = await t
          .http()
          .get(`/api/locations/${storeA.id}/events?${query}`)
          .set(admins)
          .expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
      await t.http().get('/api/locations/not-a-uuid/events').set(admins).expect(400);
    });

    it('closes a socket when its token expires, saying why', async () => {
      const shortLived = await t.app
        .get(JwtService)
        .signAsync(
          { sub: clerkA.user.id, email: clerkA.email, role: 'clerk', loc: [storeA.id] },
          { expiresIn: 2 },
        );
      const terminal = await terminalOf({ Authorization: `Bearer ${shortLived}` });
      const reason = await new Promise<string>((resolve) => terminal.socket.once('disconnect', resolve));
      expect(reason).toBe('io server disconnect');
      expect(terminal.notices).toEqual([
        expect.objectContaining({ reason: 'token_expired', reconnect: false }),
      ]);
      expect(await refusal(t.url, { token: shortLived })).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  describe('resume after being away', () => {
    it('gives back exactly the 100 missed events, in seq order, over the socket and over HTTP', async () => {
      let terminal = await terminalOf(clerkA.headers);
      await adjust(storeA, 1);
      await until(() => terminal.events.length === 1, 'the first event');
      const seen = terminal.events[0].seq;
      // The terminal loaded its state up to this event; from then on it applies events in seq order.
      const tracker = new SeqTracker({ [storeA.id]: seen });
      const onHandBefore = (terminal.events[0] as TerminalEvent<'stock.changed'>).data.onHand;
      terminal.close();

      for (let i = 0; i < 100; i++) await adjust(storeA, 1);

      terminal = await terminalOf(clerkA.headers);
      const answer = await terminal.request<ResumeAck>('resume', { locationId: storeA.id, afterSeq: seen });
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      expect(answer.lastSeq).toBe(seen + 100);
      expect(answer.events.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => seen + 1 + i));
      expect(answer.events.map((e) => (e as TerminalEvent<'stock.changed'>).data.onHand)).toEqual(
        Array.from({ length: 100 }, (_, i) => onHandBefore + 1 + i),
      );
      expect(new Set(answer.events.map((e) => e.locationId))).toEqual(new Set([storeA.id]));
      expect(tracker.takeMissed(answer.events)).toHaveLength(100);

      // Live events after the resume continue the sequence; a repeat of the resume adds nothing.
      await adjust(storeA, 1);
      await until(() => terminal.events.length === 1, 'the next live event');
      expect(tracker.offer(terminal.events[0])).toBe('new');
      const again = await terminal.request<ResumeAck>('resume', { locationId: storeA.id, afterSeq: seen });
      expect(tracker.takeMissed((again as { events: TerminalEvent[] }).events)).toEqual([]);

      const overHttp: TerminalEvent[] = [];
      let after: string | null = String(seen);
      while (after !== null) {
        const page: { body: TerminalEventPage } = await t
          .http()
          .get(`/api/locations/${storeA.id}/events?after=${after}&limit=30`)
          .set(clerkA.headers)
          .expect(200);
        overHttp.push(...page.body.items);
        expect(page.body.lastSeq).toBe(seen + 101);
        after = page.body.next;
      }
      expect(overHttp.map((e) => e.seq)).toEqual(Array.from({ length: 101 }, (_, i) => seen + 1 + i));
      expect(overHttp.slice(0, 100)).toEqual(answer.events);
    });

    it('a terminal that is up to date gets nothing; one from another history must resync', async () => {
      const terminal = await terminalOf(clerkA.headers);
      const { body } = await t
        .http()
        .get(`/api/locations/${storeA.id}/events?after=0&limit=1`)
        .set(clerkA.headers);
      const lastSeq: number = body.lastSeq;
      expect(await terminal.request('resume', { locationId: storeA.id, afterSeq: lastSeq })).toEqual({
        ok: true,
        events: [],
        lastSeq,
      });
      const ahead = await terminal.request<ResumeAck>('resume', {
        locationId: storeA.id,
        afterSeq: lastSeq + 5,
      });
      expect(ahead).toMatchObject({ ok: false, error: { statusCode: 410, code: 'RESYNC_REQUIRED' } });
    });

    it('after the retention window a resume answers 410 RESYNC_REQUIRED, and the sequence goes on', async () => {
      const store = await f.location();
      const clerk = await f.user('clerk', [store.id]);
      for (let i = 0; i < 3; i++) await adjust(store, 1, clerk.headers);
      const retention = t.app.get(EventRetentionJob);
      // As if the retention window had passed: everything written so far is old.
      const pruned = await retention.run(
        new Date(Date.now() + (t.config.eventRetentionHours + 1) * 3_600_000),
      );
      expect(pruned).toBeGreaterThanOrEqual(3);

      const terminal = await terminalOf(clerk.headers);
      const stale = await terminal.request<ResumeAck>('resume', { locationId: store.id, afterSeq: 1 });
      expect(stale).toMatchObject({ ok: false, error: { statusCode: 410, code: 'RESYNC_REQUIRED' } });
      const overHttp = await t
        .http()
        .get(`/api/locations/${store.id}/events?after=0`)
        .set(clerk.headers)
        .expect(410);
      expect(overHttp.body).toMatchObject({
        statusCode: 410,
        code: 'RESYNC_REQUIRED',
        details: { lastSeq: 3 },
      });

      await adjust(store, 1, clerk.headers);
      await until(() => terminal.events.length === 1, 'the event after pruning');
      expect(terminal.events[0].seq).toBe(4);
      const fresh = await terminal.request<ResumeAck>('resume', { locationId: store.id, afterSeq: 3 });
      expect(fresh).toMatchObject({ ok: true, lastSeq: 4, events: [{ seq: 4 }] });
    });
  });

  describe('the per-location sequence', () => {
    it('20 concurrent writers on one location get seq 1..N with no gap, in commit order', async () => {
      const store = await f.location();
      const other = await f.location();
      const uow = t.app.get(UnitOfWork);
      const inventory = t.app.get(InventoryService);
      const receive = (location: Location) =>
        uow.run((tx) =>
          inventory.adjust(
            tx,
            { variantId: variant.id, sku: variant.sku, locationId: location.id, delta: 1 },
            'receive',
            {},
          ),
        );
      // Each writer changes the store once; every other one also touches a second location in the same unit.
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2
            ? receive(store)
            : uow.run(async () => {
                await receive(other);
                await receive(store);
              }),
        ),
      );
      const rows: Array<{ seq: number; data: string }> = await t.app
        .get(DataSource)
        .getRepository(EventRow)
        .createQueryBuilder('e')
        .select(['e.seq AS seq', 'e.data AS data'])
        .where('e.locationId = :id', { id: store.id })
        .orderBy('e.seq', 'ASC')
        .getRawMany();
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // Every writer added 1 under the level's row lock: seq order is commit order exactly when on-hand counts up.
      expect(rows.map((r) => JSON.parse(r.data).onHand)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const otherSeqs = await t
        .http()
        .get(`/api/locations/${other.id}/events`)
        .set(await t.asAdmin());
      expect(otherSeqs.body.items.map((e: TerminalEvent) => e.seq)).toEqual(
        Array.from({ length: 10 }, (_, i) => i + 1),
      );
    });
  });

  describe('the shop', () => {
    it('a shop socket watching a SKU sees its availability drop when an order reserves it', async () => {
      const store = await f.location();
      const [watched] = await f.product([`RT-SHOP-${randomUUID().slice(0, 6)}`]);
      await f.stock(watched, store, 5);
      const shop = io(`${t.url}/shop`, { transports: ['websocket'], reconnection: false, forceNew: true });
      const changes: AvailabilityChanged[] = [];
      shop.on(AVAILABILITY_CHANGED_EVENT, (change: AvailabilityChanged) => changes.push(change));
      try {
        const bad = await shop.timeout(15_000).emitWithAck('watch', { skus: ['bad sku!'] });
        expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
        const unknown = await shop.timeout(15_000).emitWithAck('watch', { skus: ['NO-SUCH-SKU-123'] });
        expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

        const ack: WatchAck = await shop.timeout(15_000).emitWithAck('watch', { skus: [watched.sku] });
        expect(ack).toMatchObject({ ok: true, skus: [watched.sku] });
        const now = (ack as Extract<WatchAck, { ok: true }>).availability[0];
        expect(now.locations.find((l) => l.locationId === store.id)?.available).toBe(5);

        await t
          .http()
          .post('/api/orders')
          .set('Idempotency-Key', randomUUID())
          .send({
            lines: [{ sku: watched.sku, qty: 2 }],
            fulfillment: { type: 'pickup', locationId: store.id },
            customer: { name: 'Shop Customer', email: 'shop@test.local' },
            payment: 'at_pickup',
          })
          .expect(201);
        // A change from receiving the stock may still be on its way; the order's comes last.
        await until(() => changes.some((change) => change.available === 3), 'availability.changed');
        expect(changes.at(-1)).toEqual({
          sku: watched.sku,
          locationId: store.id,
          available: 3,
          online: now.online - 2,
        });
      } finally {
        shop.disconnect();
      }
    });
  });
});
