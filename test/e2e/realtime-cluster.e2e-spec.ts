import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import {
  AVAILABILITY_CHANGED_EVENT,
  AvailabilityChanged,
  ResumeAck,
  TERMINAL_EVENT_TYPES,
  TerminalEvent,
} from '@o2o/contracts';
import { Fixtures } from '../support/fixtures';
import { until } from '../support/until';
import { startTestApp, TestApp, testDb } from '../support/test-app';

/**
 * Several instances on one PostgreSQL with the Redis adapter: SQLite is one instance by design, so
 * this runs only on the PostgreSQL pass (and needs Redis: TEST_REDIS_URL or the local default).
 */
const describeOnPostgres = testDb() === 'postgres' ? describe : describe.skip;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describeOnPostgres('real time across instances (PostgreSQL + Redis)', () => {
  let one: TestApp;
  let two: TestApp;
  let f: Fixtures;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    one = await startTestApp({ REDIS_URL });
    two = await startTestApp({ REDIS_URL }, one.db);
    f = new Fixtures(one);
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));
  afterAll(async () => {
    await two?.stop();
    await one?.close();
  });

  it('an order placed through instance 1 reaches a terminal and a shop connected to instance 2', async () => {
    const store = await f.location();
    const [variant] = await f.product([`CL-${randomUUID().slice(0, 6)}`]);
    await f.stock(variant, store, 4);
    const clerk = await f.user('clerk', [store.id]);

    const terminal = await connected(
      io(`${two.url}/terminal`, {
        auth: { token: clerk.headers.Authorization.slice(7) },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      }),
    );
    sockets.push(terminal);
    const events: TerminalEvent[] = [];
    for (const type of TERMINAL_EVENT_TYPES) terminal.on(type, (event: TerminalEvent) => events.push(event));
    const shop = await connected(
      io(`${two.url}/shop`, { transports: ['websocket'], reconnection: false, forceNew: true }),
    );
    sockets.push(shop);
    const changes: AvailabilityChanged[] = [];
    shop.on(AVAILABILITY_CHANGED_EVENT, (change: AvailabilityChanged) => changes.push(change));
    expect(await shop.timeout(15_000).emitWithAck('watch', { skus: [variant.sku] })).toMatchObject({
      ok: true,
    });
    const { body: before } = await two
      .http()
      .get(`/api/locations/${store.id}/events?limit=500`)
      .set(clerk.headers);

    const placed = await one
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', randomUUID())
      .send({
        lines: [{ sku: variant.sku, qty: 3 }],
        fulfillment: { type: 'pickup', locationId: store.id },
        customer: { name: 'Cluster Customer', email: 'cluster@test.local' },
        payment: 'at_pickup',
      })
      .expect(201);

    await until(() => events.some((e) => e.type === 'order.created'), 'order.created on instance 2');
    const created = events.find((e) => e.type === 'order.created') as TerminalEvent<'order.created'>;
    expect(created).toMatchObject({
      locationId: store.id,
      data: { orderId: placed.body.id, number: placed.body.number },
    });
    // The terminal on instance 2 got every event of the order's unit, continuing the location's sequence.
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: events.length }, (_, i) => before.lastSeq + 1 + i),
    );
    const resumed = (await terminal
      .timeout(15_000)
      .emitWithAck('resume', { locationId: store.id, afterSeq: before.lastSeq })) as ResumeAck;
    expect(resumed.ok && resumed.events).toEqual([...events].sort((a, b) => a.seq - b.seq));

    await until(() => changes.some((c) => c.available === 1), 'availability.changed on instance 2');
    expect(changes.at(-1)).toMatchObject({ sku: variant.sku, locationId: store.id, available: 1 });
  });
});
