import { Fixtures } from '../support/fixtures';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logs the first admin in and refuses a wrong password', async () => {
    const good = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
    expect(good.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    const bad = await t
      .http()
      .post('/api/auth/login')
      .send({ ...ADMIN, password: 'nope' })
      .expect(401);
    expect(bad.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
  });

  it('concurrent registrations of one email: one account, the others 400 (never a 500)', async () => {
    const body = { email: 'race@test.local', password: 'password-123', name: 'Race' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => t.http().post('/api/auth/register').send(body)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 201)) {
      expect(r.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('fixtures: stock received through the inventory service keeps the ledger', async () => {
    const f = new Fixtures(t);
    const store = await f.location();
    const [variant] = await f.product(['FIX-1']);
    await f.stock(variant, store, 7);
    expect(await f.level(variant.id, store.id)).toEqual({ onHand: 7, reserved: 0, safetyStock: 0 });
    expect(await f.ledgerMismatches()).toEqual([]);
    const clerk = await f.user('clerk', [store.id]);
    await t.http().get('/api/me').set(clerk.headers).expect(200);
  });
});
