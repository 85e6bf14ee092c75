import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createScratchDatabase, ScratchDatabase } from '../../src/database/scratch-database';
import { Fixtures } from '../support/fixtures';
import { OpenApiDocument, operationsOf } from '../support/openapi';
import { buildServer, ServerProcess, startServerProcess } from '../support/server-process';
import { ADMIN, startTestApp, TestApp, testDb } from '../support/test-app';
import { until } from '../support/until';

type Headers = { Authorization: string };

function expectRefused(response: Response, status: number, code: string): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: expect.objectContaining({ statusCode: status, code, message: expect.any(String) }),
  });
}

/** `{"a":{"a":…}}` nested `depth` levels deep, as text (JSON.stringify would overflow building it). */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The four holes reported from outside (issue #13) and NUL bytes on PostgreSQL (issue #21). */
describe('hardening: bad input answered 4xx, changing nothing', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Headers;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    admin = await t.asAdmin();
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number((await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('refuses null where a value is required (delta, onHand) instead of taking it as 0', async () => {
    const store = await f.location();
    const variant = await f.stocked(store, 5);
    const movements = await count('stock_movements');
    for (const body of [
      { sku: variant.sku, delta: null, reason: 'correction' },
      { sku: variant.sku, onHand: null, reason: 'count' },
      { sku: variant.sku, delta: 2, reason: 'correction', note: null },
      { sku: variant.sku, delta: 2, reason: 'count', expectedOnHand: null },
    ]) {
      const refused = await t
        .http()
        .post(`/api/locations/${store.id}/stock/adjustments`)
        .set(admin)
        .send(body);
      expectRefused(refused, 400, 'VALIDATION_FAILED');
      const [field] = Object.keys(body).filter((key) => body[key as keyof typeof body] === null);
      expect(refused.body.details.fields).toEqual([{ field, errors: expect.any(Array) }]);
    }
    expect(await f.level(variant.id, store.id)).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await count('stock_movements')).toBe(movements);
  });

  it('refuses null in nested and optional fields of other bodies too', async () => {
    const store = await f.location();
    const variant = await f.stocked(store, 3);
    const order = (body: object) =>
      t.http().post('/api/orders').set('Idempotency-Key', randomUUID()).send(body);
    const valid = {
      lines: [{ sku: variant.sku, qty: 1 }],
      fulfillment: { type: 'pickup', locationId: store.id },
      customer: { name: 'Ada', email: 'ada@example.com' },
      payment: 'online',
    };
    expectRefused(
      await order({ ...valid, lines: [{ sku: variant.sku, qty: null }] }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await order({ ...valid, customer: { ...valid.customer, phone: null } }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(await order({ ...valid, fulfillment: null }), 400, 'VALIDATION_FAILED');
    expect(await f.level(variant.id, store.id)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('refuses an order token given twice in the query (a list, not a token), on every route that takes one', async () => {
    const store = await f.location();
    const variant = await f.stocked(store, 2);
    const placed = await f.order(store, variant.sku);
    const token = encodeURIComponent(placed.orderToken);
    for (const [method, path] of [
      ['get', `/api/orders/${placed.id}`],
      ['get', `/api/orders/${placed.id}/pickup-qr.svg`],
      ['post', `/api/orders/${placed.id}/cancel`],
    ] as const) {
      expectRefused(await t.http()[method](`${path}?token=${token}&token=x`), 400, 'VALIDATION_FAILED');
    }
    expect((await t.http().get(`/api/orders/${placed.id}?token=${token}`)).body.status).toBe('placed');
  });

  it('answers a body nested 10,000 levels deep with 400 before building the DTO, on every route', async () => {
    const store = await f.location();
    const deep = nested(10_000);
    for (const [path, headers] of [
      ['/api/auth/login', {}],
      ['/api/orders', { 'Idempotency-Key': randomUUID() }],
      [`/api/locations/${store.id}/stock/adjustments`, admin],
    ] as const) {
      const refused = await t
        .http()
        .post(path)
        .set(headers)
        .set('content-type', 'application/json')
        .send(deep);
      expectRefused(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.message).toMatch(/nested too deeply/);
    }
    // An ordinary body nested a few levels (an order's lines and address) is still taken.
    const variant = await f.stocked(store, 1);
    await f.order(store, variant.sku, 1, 'ship');
  });

  it('answers every id route of /docs-json with a NUL in its id 400 or 404, never 5xx, on both databases', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body as OpenApiDocument;
    const idRoutes = operationsOf(document).filter((operation) => operation.path.includes('{'));
    expect(idRoutes.length).toBeGreaterThan(20);
    const answers: string[] = [];
    for (const operation of idRoutes) {
      for (const id of ['%00', 'abc%00def', '%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00']) {
        const http = t.http();
        const path = operation.path.replace(/\{\w+\}/g, id);
        const response = await http[operation.method.toLowerCase() as 'get'](path)
          .set(admin)
          .set('Idempotency-Key', randomUUID());
        answers.push(`${operation.id} ${id}: ${response.status} ${response.body?.code}`);
      }
    }
    expect(answers.filter((answer) => !/: (400 VALIDATION_FAILED|404 NOT_FOUND)$/.test(answer))).toEqual([]);
  });

  it('refuses NUL bytes and lone surrogates in query strings and body strings', async () => {
    const store = await f.location();
    const variant = await f.stocked(store, 2);
    const orders = await count('orders');
    const query = await t.http().get(`/api/locations/${store.id}/stock?q=a%00b`).set(admin);
    expectRefused(query, 400, 'VALIDATION_FAILED');
    expect(query.body.details.fields).toEqual([{ field: 'q', errors: [expect.stringMatching(/NUL/)] }]);

    for (const text of ['Ada\u0000Lovelace', 'Ada\ud800']) {
      const refused = await t
        .http()
        .post('/api/orders')
        .set('Idempotency-Key', randomUUID())
        .send({
          lines: [{ sku: variant.sku, qty: 1 }],
          fulfillment: { type: 'pickup', locationId: store.id },
          customer: { name: text, email: 'ada@example.com' },
          payment: 'online',
        });
      expectRefused(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.details.fields).toEqual([{ field: 'customer.name', errors: expect.any(Array) }]);
    }
    // A NUL in a key is refused the same way.
    const key = await t
      .http()
      .post('/api/auth/login')
      .send({ 'email\u0000': 'x', ...ADMIN });
    expectRefused(key, 400, 'VALIDATION_FAILED');
    expect(await count('orders')).toBe(orders);
    expect(await f.level(variant.id, store.id)).toMatchObject({ onHand: 2, reserved: 0 });

    // Text that is valid, however unusual (whole surrogate pairs, right-to-left marks), is stored and
    // read back exactly.
    const name = 'Zoë 🙂 ﷽ \u202e Łódź';
    const placed = await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', randomUUID())
      .send({
        lines: [{ sku: variant.sku, qty: 1 }],
        fulfillment: { type: 'pickup', locationId: store.id },
        customer: { name, email: 'zoe@example.com' },
        payment: 'online',
      })
      .expect(201);
    const read = await t.http().get(`/api/orders/${placed.body.id}`).set(admin).expect(200);
    expect(read.body.customer.name).toBe(name);
  });
});

/** Run as its own process: a client in the server's own process would never see a reset connection. */
describe('the server as clients reach it over the network', () => {
  let db: ScratchDatabase;
  let server: ServerProcess;
  let url: string;
  beforeAll(async () => {
    buildServer();
    db = await createScratchDatabase(testDb(), process.env.TEST_POSTGRES_URL);
    server = await startServerProcess({ DATABASE_URL: db.url, SEED_DEMO: 'false', LOG_LEVEL: 'info' });
    url = server.url;
  });
  afterAll(async () => {
    await server.stop();
    await db.drop();
  });

  it('answers an over-limit body 413 so that fetch receives it (the rest is read and discarded)', async () => {
    for (const size of [200_000, 20_000_000]) {
      const response = await fetch(`${url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'big@test.local', password: 'x'.repeat(size), name: 'Big' }),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.any(String),
      });
    }
    // The same for a body in a type the API does not read, and the server still serves the next request.
    const notJson = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(1_000_000),
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    expect((await fetch(`${url}/api/locations`)).status).toBe(200);
  });

  it('closes the connection of a body far past any bound without reading it all', async () => {
    // A raw socket: Node's own http client stops sending once it has an answer, so it would never tell.
    const { answer, bytesWritten } = await new Promise<{ answer: string; bytesWritten: number }>(
      (resolve) => {
        const { port } = new URL(url);
        const socket = connect(Number(port), '127.0.0.1');
        let answer = '';
        socket.setEncoding('utf8').on('data', (text: string) => (answer += text));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve({ answer, bytesWritten: socket.bytesWritten }));
        socket.write(
          'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
            `Content-Length: ${1_000_000_000}\r\n\r\n`,
        );
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => {
          while (!socket.destroyed && socket.write(chunk));
          if (!socket.destroyed) socket.once('drain', pump);
        };
        pump();
      },
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"PAYLOAD_TOO_LARGE"');
    expect(bytesWritten).toBeLessThan(1_000_000_000);
  });

  it('writes one line per request at info', async () => {
    const ids = ['log-once-1', 'log-once-2', 'log-once-3'];
    await fetch(`${url}/api/locations`, { headers: { 'X-Request-Id': ids[0] } });
    await fetch(`${url}/api/no-such-route`, { headers: { 'X-Request-Id': ids[1] } });
    await fetch(`${url}/health`, { headers: { 'X-Request-Id': 'health-1' } });
    await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'X-Request-Id': ids[2], 'content-type': 'application/json' },
      body: '{}',
    });
    const lines = () =>
      server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { req?: { id?: string }; msg?: string });
    // The line is written as the answer goes out: wait for the last one, then count each.
    await until(() => lines().some((line) => line.req?.id === ids[2]), 'the last request line');
    for (const id of ids) {
      expect(lines().filter((line) => line.req?.id === id)).toEqual([
        expect.objectContaining({ msg: 'request completed' }),
      ]);
    }
    // Load balancers poll /health: never logged (it was, twice).
    expect(lines().filter((line) => line.req?.id === 'health-1')).toEqual([]);
  });
});
