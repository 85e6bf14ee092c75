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
});
