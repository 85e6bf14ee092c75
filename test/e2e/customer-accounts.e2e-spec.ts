import { randomUUID } from 'node:crypto';
import { Clock } from '../../src/common/clock';
import { MessageSender } from '../../src/messages/message-sender.service';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

interface OrderSummary {
  id: string;
  number: string;
  status: string;
  total: { amount: number; currency: string };
  fulfillment: { type: string; locationId: string };
  lines: Array<{ sku: string; qty: number }>;
}

const SHOP_URL = 'https://shop.grachten.test';
const VERIFY_LINK = /(https?:\/\/\S+\/shop\/account\/verify\?token=([\w-]+))/;

/** Shoppers' accounts: a verified email brings the guest orders placed with it (issue 18). */
describe('customer accounts and their orders', () => {
  let t: TestApp;
  let f: Fixtures;
  let store: { id: string };
  let sku: string;

  beforeAll(async () => {
    // Room for the suite's own sign-ins and registrations (20 per account, 60 per address a minute).
    t = await startTestApp({ LOGIN_RATE_LIMIT: '20', PUBLIC_BASE_URL: SHOP_URL });
    f = new Fixtures(t);
    store = await f.location({ name: 'Grachten Goods Jordaan' });
    sku = (await f.stocked(store, 100, 1250)).sku;
  });
  afterAll(() => t.close());

  const newEmail = (who: string) => `${who}-${randomUUID().slice(0, 8)}@shopper.test`;

  async function register(email: string, locale?: 'nl' | 'en') {
    const response = await t
      .http()
      .post('/api/auth/register')
      .send({ email, password: 'password-123', name: 'Anna de Vries', ...(locale ? { locale } : {}) })
      .expect(201);
    return {
      user: response.body.user as { id: string; emailVerified: boolean },
      headers: { Authorization: `Bearer ${response.body.accessToken as string}` },
    };
  }

  /** The verification link mailed to `email` (the in-app mailbox, after the sender's pass). */
  async function mailedLink(email: string): Promise<{ mail: Mail; url: string; token: string }> {
    await t.app.get(MessageSender).sendDue();
    const mails = (await t.http().get('/dev/mailbox/messages').expect(200)).body as Mail[];
    const mail = mails.find((m) => m.to === email && VERIFY_LINK.test(m.text));
    if (!mail) throw new Error(`no verification mail to ${email}`);
    const [, url, token] = VERIFY_LINK.exec(mail.text)!;
    return { mail, url, token };
  }

  async function placeSignedIn(headers: { Authorization: string }, email: string) {
    const response = await t
      .http()
      .post('/api/orders')
      .set(headers)
      .set('Idempotency-Key', randomUUID())
      .send({
        lines: [{ sku, qty: 2 }],
        fulfillment: { type: 'pickup', locationId: store.id },
        customer: { name: 'Anna de Vries', email },
        payment: 'at_pickup',
      })
      .expect(201);
    return response.body as OrderSummary;
  }

  const mine = async (headers: { Authorization: string }) =>
    (await t.http().get('/api/orders/mine').set(headers).expect(200)).body.items as OrderSummary[];

  it('register → verify by the mailed link → the guest orders with that email show, newest first', async () => {
    const email = newEmail('anna');
    const guestBefore = await f.order(store, sku, 1, 'pickup', { name: 'Anna', email });
    const { user, headers } = await register(email, 'nl');
    expect(user.emailVerified).toBe(false);

    // Not verified yet: only what was placed while signed in, which carries the account.
    const signedIn = await placeSignedIn(headers, email);
    expect((await mine(headers)).map((o) => o.id)).toEqual([signedIn.id]);
    expectError(await t.http().get(`/api/orders/${guestBefore.id}`).set(headers), 404, 'NOT_FOUND');

    const { mail, url, token } = await mailedLink(email);
    expect(mail.subject).toContain('Bevestig je e-mailadres');
    expect(mail.text).toContain('Anna de Vries');
    expect(mail.html).toContain(url);
    expect(url.startsWith(`${SHOP_URL}/shop/account/verify?token=`)).toBe(true);

    const verified = await t.http().post('/api/auth/verify-email').send({ token }).expect(200);
    expect(verified.body).toMatchObject({ id: user.id, email, emailVerified: true });
    expect((await t.http().get('/api/me').set(headers).expect(200)).body.emailVerified).toBe(true);

    // A guest order placed after verifying joins too; a guest order with another email never does.
    const guestAfter = await f.order(store, sku, 3, 'ship', { name: 'Anna', email: email.toUpperCase() });
    await f.order(store, sku, 1, 'pickup', { name: 'Someone', email: newEmail('someone') });
    const orders = await mine(headers);
    expect(orders.map((o) => o.id)).toEqual([guestAfter.id, signedIn.id, guestBefore.id]);
    expect(orders[0]).toMatchObject({
      number: guestAfter.number,
      status: 'placed',
      // Three lines and the shipping fee (SHIP_FEE, 4.95 by default).
      total: { amount: 3 * 1250 + 495, currency: 'EUR' },
      fulfillment: { type: 'ship', locationId: store.id },
      lines: [expect.objectContaining({ sku, qty: 3 })],
    });
    expect(orders[2]).toMatchObject({ fulfillment: { type: 'pickup' }, total: { amount: 1250 } });

    // Its order page opens for the account (no order token needed), with the pickup code it owns.
    const page = await t.http().get(`/api/orders/${guestBefore.id}`).set(headers).expect(200);
    expect(page.body.pickupCode).toBe(guestBefore.pickupCode);

    // Pages run newest to oldest without a gap or a repeat.
    const first = await t.http().get('/api/orders/mine?limit=2').set(headers).expect(200);
    const rest = await t
      .http()
      .get(`/api/orders/mine?limit=2&after=${first.body.next}`)
      .set(headers)
      .expect(200);
    expect([...first.body.items, ...rest.body.items].map((o: OrderSummary) => o.id)).toEqual(
      orders.map((o) => o.id),
    );
    expect(rest.body.next).toBeNull();
  });

  it('a send asked for while the sender is mid-pass also sends what became due after that pass listed', async () => {
    // Its own app, whose sender passes only when asked: this test decides when a pass lists its messages.
    const quiet = await startTestApp({ MESSAGE_POLL_MS: '600000', PUBLIC_BASE_URL: SHOP_URL });
    try {
      const sender = quiet.app.get(MessageSender);
      let list!: () => void;
      const listed = new Promise<void>((resolve) => (list = resolve));
      // The pass under way lists the due messages before the registration below has committed.
      jest
        .spyOn(sender as unknown as { dueIds: () => Promise<string[]> }, 'dueIds')
        .mockImplementationOnce(() => listed.then(() => []));
      const underWay = sender.sendDue();
      const email = newEmail('dora');
      await quiet
        .http()
        .post('/api/auth/register')
        .send({ email, password: 'password-123', name: 'Dora' })
        .expect(201);
      const asked = sender.sendDue();
      list();
      expect(await underWay).toBe(0);
      expect(await asked).toBe(1);
      const mails = (await quiet.http().get('/dev/mailbox/messages').expect(200)).body as Mail[];
      expect(mails.filter((mail) => mail.to === email)).toHaveLength(1);
    } finally {
      await quiet.close();
    }
  });

  it('another customer never sees those orders, verified or not', async () => {
    const email = newEmail('bea');
    const guest = await f.order(store, sku, 1, 'pickup', { name: 'Bea', email });
    const owner = await register(email);
    await t
      .http()
      .post('/api/auth/verify-email')
      .send({ token: (await mailedLink(email)).token })
      .expect(200);
    expect((await mine(owner.headers)).map((o) => o.id)).toEqual([guest.id]);

    const otherEmail = newEmail('carl');
    const other = await register(otherEmail);
    await t
      .http()
      .post('/api/auth/verify-email')
      .send({ token: (await mailedLink(otherEmail)).token })
      .expect(200);
    expect(await mine(other.headers)).toEqual([]);
    expectError(await t.http().get(`/api/orders/${guest.id}`).set(other.headers), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/orders/${guest.id}/cancel`).set(other.headers), 404, 'NOT_FOUND');
  });

  it('an account that has not verified its email does not get the guest orders with it', async () => {
    const email = newEmail('dirk');
    const guest = await f.order(store, sku, 1, 'pickup', { name: 'Dirk', email });
    const { headers } = await register(email, 'en');
    const { mail } = await mailedLink(email); // mailed, but never opened
    expect(mail.subject).toContain('Confirm your email address');
    expect(await mine(headers)).toEqual([]);
    expectError(await t.http().get(`/api/orders/${guest.id}`).set(headers), 404, 'NOT_FOUND');
  });

  it('a link works once, and not after it expires', async () => {
    const email = newEmail('eva');
    const { headers } = await register(email);
    const { token } = await mailedLink(email);
    await t.http().post('/api/auth/verify-email').send({ token }).expect(200);
    const reused = await t.http().post('/api/auth/verify-email').send({ token });
    expectError(reused, 410, 'VERIFICATION_LINK_INVALID');
    expect(reused.body.message).toMatch(/used already/);
    expect(reused.body.details).toEqual({ reason: 'used' });
    expectError(
      await t.http().post('/api/auth/verify-email/resend').set(headers).send({}),
      400,
      'VALIDATION_FAILED',
    );

    const lateEmail = newEmail('frits');
    const late = await register(lateEmail);
    const guest = await f.order(store, sku, 1, 'pickup', { name: 'Frits', email: lateEmail });
    const stale = (await mailedLink(lateEmail)).token;
    const clock = t.app.get(Clock);
    const now = Date.now();
    const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(now + 49 * 3600_000));
    try {
      const expired = await t.http().post('/api/auth/verify-email').send({ token: stale });
      expectError(expired, 410, 'VERIFICATION_LINK_INVALID');
      expect(expired.body.message).toMatch(/expired/);
      expect(expired.body.details).toEqual({ reason: 'expired' });
      expect((await t.http().get('/api/me').set(late.headers).expect(200)).body.emailVerified).toBe(false);
      expect(await mine(late.headers)).toEqual([]);

      // A new link (asked for while signed in) works; the old one stays refused.
      await t
        .http()
        .post('/api/auth/verify-email/resend')
        .set(late.headers)
        .send({ locale: 'nl' })
        .expect(202);
      const fresh = await t.app
        .get(MessageSender)
        .sendDue()
        .then(() => t.http().get('/dev/mailbox/messages'))
        .then((r) => (r.body as Mail[]).find((m) => m.to === lateEmail && !m.text.includes(stale))!);
      const [, , freshToken] = VERIFY_LINK.exec(fresh.text)!;
      await t.http().post('/api/auth/verify-email').send({ token: freshToken }).expect(200);
      expect((await mine(late.headers)).map((o) => o.id)).toEqual([guest.id]);
      expectError(
        await t.http().post('/api/auth/verify-email').send({ token: stale }),
        410,
        'VERIFICATION_LINK_INVALID',
      );
    } finally {
      spy.mockRestore();
    }

    const unknown = await t.http().post('/api/auth/verify-email').send({ token: 'not-a-token-we-sent' });
    expectError(unknown, 410, 'VERIFICATION_LINK_INVALID');
    expect(unknown.body.message).toMatch(/not valid/);
  });

  it('refuses bad input in plain words and changes nothing', async () => {
    const email = newEmail('gijs');
    await register(email);
    const duplicate = await t
      .http()
      .post('/api/auth/register')
      .send({ email: email.toUpperCase(), password: 'another-password', name: 'Gijs' });
    expectError(duplicate, 400, 'VALIDATION_FAILED');
    expect(duplicate.body.message).toMatch(/exists already/);
    expect(duplicate.body.details.fields).toEqual([{ field: 'email', errors: ['is taken'] }]);

    const wrongPassword = await t.http().post('/api/auth/login').send({ email, password: 'not-my-password' });
    expectError(wrongPassword, 401, 'UNAUTHENTICATED');
    expect(wrongPassword.body.message).toBe('Wrong email or password');

    const refused = [
      { email: 'not-an-email', password: 'password-123', name: 'X' },
      { email: newEmail('h'), password: 'short', name: 'X' },
      { email: newEmail('i'), password: 'password-123', name: '' },
      { email: newEmail('j'), password: 'password-123', name: 'X', role: 'admin' },
      { email: newEmail('k'), password: 'password-123', name: 'X', locale: 'de' },
    ];
    for (const body of refused) {
      const response = await t.http().post('/api/auth/register').send(body);
      expectError(response, 400, 'VALIDATION_FAILED');
      await t.http().post('/api/auth/login').send({ email: body.email, password: body.password }).expect(401);
    }
    expectError(await t.http().post('/api/auth/verify-email').send({}), 400, 'VALIDATION_FAILED');
    expectError(
      await t
        .http()
        .post('/api/auth/verify-email')
        .send({ token: ['a'] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await t.http().post('/api/auth/verify-email/resend').send({}), 401, 'UNAUTHENTICATED');
    expectError(await t.http().get('/api/orders/mine'), 401, 'UNAUTHENTICATED');
    const clerk = (await f.user('clerk', [store.id])).headers;
    expectError(await t.http().get('/api/orders/mine').set(clerk), 403, 'FORBIDDEN');
  });

  it('limits how often an address may try links', async () => {
    let status = 0;
    for (let i = 0; i < 80 && status !== 429; i++) {
      status = (
        await t
          .http()
          .post('/api/auth/verify-email')
          .send({ token: `guess-${i}` })
      ).status;
    }
    expect(status).toBe(429);
  });
});
