import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { Fixtures } from '../support/fixtures';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const errorShape = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String) });

describe('foundation: errors, auth, docs, health', () => {
  let t: TestApp;
  let f: Fixtures;
  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
  });
  afterAll(() => t.close());

  it('serves health and a valid OpenAPI document', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    const docs = await t.http().get('/docs-json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/health']));
    await t.http().get('/docs').expect(200).expect('content-type', /html/);
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  (redisUrl ? it : it.skip)(
    'reports Redis in /health when REDIS_URL is set (needs TEST_REDIS_URL)',
    async () => {
      const withRedis = await startTestApp({ REDIS_URL: redisUrl! });
      try {
        const health = await withRedis.http().get('/health').expect(200);
        expect(health.body.info).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
      } finally {
        await withRedis.close();
      }
    },
  );

  it('answers unknown routes, malformed JSON and oversized bodies in the contract shape', async () => {
    const unknown = await t.http().get('/api/no-such-thing').expect(404);
    expect(unknown.body).toEqual(errorShape(404, 'NOT_FOUND'));

    const malformed = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": "a@b.c", ')
      .expect(400);
    expect(malformed.body).toMatchObject(errorShape(400, 'VALIDATION_FAILED'));

    const huge = await t
      .http()
      .post('/api/auth/register')
      .send({ email: 'big@test.local', password: 'x'.repeat(200_000), name: 'Big' })
      .expect(413);
    expect(huge.body).toEqual(errorShape(413, 'PAYLOAD_TOO_LARGE'));
  });

  it('answers a malformed URL and an over-long id in the contract shape, with the request id', async () => {
    for (const path of ['/api/products/%', '/api/scan/%E0%A4%A', '/shop/%zz']) {
      const bad = await t.http().get(path).set('X-Request-Id', 'bad-url-1').expect(400);
      expect(bad.body).toEqual({
        ...errorShape(400, 'VALIDATION_FAILED'),
        details: { fields: [{ field: 'path', errors: ['must be a valid URL (percent-encoding)'] }] },
      });
      expect(bad.headers['x-request-id']).toBe('bad-url-1');
    }

    const long = await t
      .http()
      .get(`/api/products/${'a'.repeat(5000)}`)
      .set('X-Request-Id', 'long-id-1')
      .expect(404);
    expect(long.body).toEqual(errorShape(404, 'NOT_FOUND'));
    expect(long.body.message.length).toBeLessThan(200);
    expect(long.headers['x-request-id']).toBe('long-id-1');
  });

  it('drops prototype keys from JSON and form bodies instead of applying or refusing them', async () => {
    const json = `{"email":"${ADMIN.email}","password":"${ADMIN.password}","__proto__":{"role":"x"},"constructor":{"prototype":{"role":"x"}}}`;
    const signedIn = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(json);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.role).toBe('admin');
    await t
      .http()
      .post('/api/auth/login')
      .type('form')
      .send(
        `email=${encodeURIComponent(ADMIN.email)}&password=${encodeURIComponent(ADMIN.password)}&__proto__=x`,
      )
      .expect(200);
  });

  it('refuses a body that is not JSON, and takes an empty JSON body as no body', async () => {
    const text = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'text/plain')
      .send('email=a@b.c')
      .expect(400);
    expect(text.body).toMatchObject({
      ...errorShape(400, 'VALIDATION_FAILED'),
      details: { fields: [{ field: 'body', errors: ['must be JSON'] }] },
    });

    const empty = await t.http().post('/api/auth/login').set('content-type', 'application/json').expect(400);
    expect(empty.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });

  it('answers every request with its id: a sane one sent is kept, anything else replaced', async () => {
    const sent = await t.http().get('/api/locations').set('X-Request-Id', 'shop-42.retry_1').expect(200);
    expect(sent.headers['x-request-id']).toBe('shop-42.retry_1');

    const generated = await t.http().get('/api/locations').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    for (const hostile of ['a b<script>', 'x'.repeat(65)]) {
      const replaced = await t.http().get('/api/locations').set('X-Request-Id', hostile).expect(200);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }

    const notFound = await t.http().get('/api/no-such-thing').set('X-Request-Id', 'lost-1').expect(404);
    expect(notFound.headers['x-request-id']).toBe('lost-1');

    const unreadable = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .set('X-Request-Id', 'broken-1')
      .send('{')
      .expect(400);
    expect(unreadable.headers['x-request-id']).toBe('broken-1');
  });

  it('lists every invalid field in details, refuses unknown fields, and creates nothing', async () => {
    const response = await t
      .http()
      .post('/api/auth/register')
      .send({ email: 'not-an-email', password: 'short', name: 42, role: 'admin' })
      .expect(400);
    expect(response.body).toMatchObject(errorShape(400, 'VALIDATION_FAILED'));
    const fields = response.body.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['email', 'name', 'password', 'role']);
    await t.http().post('/api/auth/login').send({ email: 'not-an-email', password: 'short' }).expect(401);
  });

  it('registers a customer who can then sign in and read /api/me', async () => {
    const registered = await t
      .http()
      .post('/api/auth/register')
      .send({ email: 'Shopper@Test.local', password: 'long-enough', name: 'Shopper' })
      .expect(201);
    expect(registered.body.user).toMatchObject({
      email: 'shopper@test.local',
      role: 'customer',
      locationIds: [],
    });
    const me = await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${registered.body.accessToken}`)
      .expect(200);
    expect(me.body.email).toBe('shopper@test.local');
    const again = await t
      .http()
      .post('/api/auth/register')
      .send({ email: 'shopper@test.local', password: 'long-enough', name: 'Twin' })
      .expect(400);
    expect(again.body.details.fields[0].field).toBe('email');
  });

  it('refuses missing, forged and expired tokens with 401', async () => {
    expect((await t.http().get('/api/me').expect(401)).body).toEqual(errorShape(401, 'UNAUTHENTICATED'));
    const forged = new JwtService({ secret: 'not-the-server-secret-at-all-0000000000' }).sign({
      sub: 'x',
      role: 'admin',
      loc: [],
      email: 'evil@x',
    });
    await t.http().get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401);
    const expired = t.app
      .get(JwtService)
      .sign({ sub: 'x', role: 'admin', loc: [], email: 'a@b', exp: 1_000_000_000 });
    await t.http().get('/api/me').set('Authorization', `Bearer ${expired}`).expect(401);
    await t.http().get('/api/me').set('Authorization', 'Basic abc').expect(401);
  });

  it("refuses a clerk on another location's route with 403, and lets them into their own", async () => {
    const storeA = await f.location();
    const storeB = await f.location();
    const clerkA = await f.user('clerk', [storeA.id]);
    const refused = await t.http().get(`/api/locations/${storeB.id}/stock`).set(clerkA.headers).expect(403);
    expect(refused.body).toEqual(errorShape(403, 'FORBIDDEN'));
    await t.http().get(`/api/locations/${storeA.id}/stock`).set(clerkA.headers).expect(200);
    const customer = await f.user('customer');
    await t.http().get(`/api/locations/${storeA.id}/stock`).set(customer.headers).expect(403);
  });

  it('lets admins and managers create staff only within their scope', async () => {
    const store = await f.location();
    const other = await f.location();
    const manager = await f.user('manager', [store.id]);
    const clerk = { email: 'new.clerk@test.local', password: 'password-123', name: 'New', role: 'clerk' };
    await t
      .http()
      .post('/api/users')
      .set(manager.headers)
      .send({ ...clerk, locationIds: [store.id] })
      .expect(201);
    await t
      .http()
      .post('/api/users')
      .set(manager.headers)
      .send({ ...clerk, email: 'x@test.local', locationIds: [other.id] })
      .expect(403);
    await t
      .http()
      .post('/api/users')
      .set(manager.headers)
      .send({ ...clerk, email: 'y@test.local', role: 'admin' })
      .expect(403);
    const asClerk = await t.login('new.clerk@test.local', 'password-123');
    await t
      .http()
      .post('/api/users')
      .set(asClerk)
      .send({ ...clerk, email: 'z@test.local' })
      .expect(403);
  });

  it('replays an idempotent write instead of repeating it, and refuses a reused key', async () => {
    const store = await f.location();
    const [variant] = await f.product(['IDEM-1']);
    const admin = await t.asAdmin();
    const send = (key: string, delta: number) =>
      t
        .http()
        .post(`/api/locations/${store.id}/stock/adjustments`)
        .set(admin)
        .set('Idempotency-Key', key)
        .send({ sku: variant.sku, delta, reason: 'receive' });
    const first = await send('key-1', 5).expect(201);
    const retry = await send('key-1', 5).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await f.level(variant.id, store.id)).toMatchObject({ onHand: 5 });
    const reused = await send('key-1', 6).expect(422);
    expect(reused.body).toMatchObject(errorShape(422, 'IDEMPOTENCY_KEY_REUSED'));
    await send('k'.repeat(256), 1).expect(400);
    expect(await f.level(variant.id, store.id)).toMatchObject({ onHand: 5 });
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('replays a refusal to the same key, from memory and then from the database, even after the stock came back', async () => {
    const store = await f.location();
    const [variant] = await f.product(['IDEM-REFUSED']);
    await f.stock(variant, store, 2);
    const admin = await t.asAdmin();
    const take = (key: string, delta: number) =>
      t
        .http()
        .post(`/api/locations/${store.id}/stock/adjustments`)
        .set(admin)
        .set('Idempotency-Key', key)
        .send({ sku: variant.sku, delta, reason: 'damage' });
    const refused = await take('refused-1', -5).expect(409);
    expect(refused.body).toMatchObject(errorShape(409, 'INSUFFICIENT_STOCK'));
    const retry = await take('refused-1', -5).expect(409);
    expect(retry.body).toEqual(refused.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');

    await f.stock(variant, store, 10);
    await new Promise((resolve) => setTimeout(resolve, 200)); // refusals are written in batches
    const later = await take('refused-1', -5).expect(409);
    expect(later.body).toEqual(refused.body);
    await take('refused-1', -1).expect(422);
    expect(await f.level(variant.id, store.id)).toMatchObject({ onHand: 12 });
    expect(await f.ledgerMismatches()).toEqual([]);
  });

  it('rate-limits login attempts per account, then per address', async () => {
    const limited = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
    try {
      const attempt = (email: string) =>
        limited.http().post('/api/auth/login').send({ email, password: 'guess' });
      for (let i = 0; i < 3; i++) await attempt('victim@test.local').expect(401);
      expect((await attempt('victim@test.local').expect(429)).body).toEqual(errorShape(429, 'RATE_LIMITED'));
      // Other accounts from the same address still get through, up to the address's own limit (3 × 3).
      for (let i = 0; i < 5; i++) await attempt(`other${i}@test.local`).expect(401);
      await attempt('one-more@test.local').expect(429);
    } finally {
      await limited.close();
    }
  });

  it('answers an unexpected failure as 500 without internals, with the request id', async () => {
    await t.app.get(DataSource).query('ALTER TABLE users RENAME TO users_gone');
    try {
      const response = await t
        .http()
        .post('/api/auth/login')
        .send(ADMIN)
        .set('X-Request-Id', 'req-123')
        .expect(500);
      expect(response.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: expect.any(String),
        details: { requestId: 'req-123' },
      });
      expect(JSON.stringify(response.body)).not.toMatch(/users|SQL|sqlite|relation/i);
    } finally {
      await t.app.get(DataSource).query('ALTER TABLE users_gone RENAME TO users');
    }
  });
});
