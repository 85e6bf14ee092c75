import { Clock } from '../../src/common/clock';
import { MessageSender } from '../../src/messages/message-sender.service';
import { OrderExpiry } from '../../src/orders/order-expiry.service';
import { Fixtures } from '../support/fixtures';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const WEEKDAYS_9_TO_18 = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
  sat: [['10:00', '17:00']],
  sun: [],
} as Record<string, Array<[string, string]>>;

interface MailboxMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The pickup promise from opening hours (issue 16), on the application's own clock moved by the test:
 * a store in Amsterdam open 09:00–18:00, closed at night. All times below are Amsterdam's (UTC+1).
 */
describe('the pickup promise: opening hours, holds and reminders', () => {
  let t: TestApp;
  let f: Fixtures;
  let now = new Date(); // the real time until a test sets its own
  const at = (iso: string) => (now = new Date(iso));

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(() => t.close());

  const mailbox = async (to: string): Promise<MailboxMail[]> =>
    ((await t.http().get('/dev/mailbox/messages').expect(200)).body as MailboxMail[]).filter(
      (m) => m.to === to,
    );
  /** One sender pass on the current clock (a pass already running may have read an earlier time). */
  const sendDue = async () => {
    await t.app.get(MessageSender).sendDue();
    await t.app.get(MessageSender).sendDue();
  };
  const order = async (id: string, token: string) =>
    (await t.http().get(`/api/orders/${id}?token=${token}`).expect(200)).body;

  it('promises an order placed after closing for the next opening plus prep; the hold waits out the night; reminder and expiry at local times', async () => {
    const store = await f.location({
      name: 'Grachten Goods De Pijp',
      openingHours: WEEKDAYS_9_TO_18,
      closures: [{ date: '2026-12-25' }],
      pickupPrepMinutes: 60,
      pickupHoldHours: 8,
    });
    const variant = await f.stocked(store, 3, 1250);
    const clerk = (await f.user('clerk', [store.id])).headers;

    // Tuesday 1 December, 21:00: closed. Ready by Wednesday 10:00 (opening 09:00 + 60 minutes).
    at('2026-12-01T20:00:00Z');
    const availability = await t.http().get(`/api/availability?sku=${variant.sku}`).expect(200);
    const here = availability.body[0].locations.find(
      (l: { locationId: string }) => l.locationId === store.id,
    );
    expect(here.readyBy).toBe('2026-12-02T09:00:00.000Z');
    const placed = await f.order(store, variant.sku, 1, 'pickup', {
      name: 'Fenna',
      email: 'fenna@promise.test',
    });
    expect(placed.readyBy).toBe('2026-12-02T09:00:00.000Z');
    // Held 8 open hours: Wednesday 09:00–17:00, not until Wednesday 05:00.
    expect(placed.expiresAt).toBe('2026-12-02T16:00:00.000Z');
    await sendDue();
    const [placedMail] = await mailbox('fenna@promise.test');
    // In Dutch, in the store's time, on a 24-hour clock: "woensdag 2 december om 10:00".
    expect(placedMail.text).toMatch(/woensdag 2 december.*10:00/);
    expect(placedMail.text).toContain('zondag gesloten');

    // Wednesday 16:00: ready. The hold is 8 open hours: 2 today, 6 on Thursday → Thursday 15:00.
    at('2026-12-02T15:00:00Z');
    const ready = await t.http().post(`/api/orders/${placed.id}/ready`).set(clerk).expect(200);
    expect(ready.body.expiresAt).toBe('2026-12-03T14:00:00.000Z');
    expect(ready.body.readyBy).toBe('2026-12-02T09:00:00.000Z');

    // Thursday 00:30: 8.5 hours on the wall clock, but the store was closed: nothing expires.
    at('2026-12-02T23:30:00Z');
    expect(await t.app.get(OrderExpiry).sweepOnce()).toBe(0);
    expect((await order(placed.id, placed.orderToken)).status).toBe('ready');

    // The reminder is due 4 open hours before the end (half the hold): Thursday 11:00.
    at('2026-12-03T09:59:00Z');
    await sendDue();
    expect((await mailbox('fenna@promise.test')).map((m) => m.subject)).toEqual([
      expect.stringContaining('ligt klaar'),
      expect.stringContaining('ontvangen'),
    ]);
    at('2026-12-03T10:00:00Z');
    await sendDue();
    const reminder = (await mailbox('fenna@promise.test'))[0];
    expect(reminder.subject).toContain('Herinnering');
    expect(reminder.text).toContain(placed.pickupCode);
    expect(reminder.text).toMatch(/donderdag 3 december.*15:00/);

    // Expiry at Thursday 15:00 exactly, not a minute before.
    at('2026-12-03T13:59:00Z');
    expect(await t.app.get(OrderExpiry).sweepOnce()).toBe(0);
    at('2026-12-03T14:00:00Z');
    expect(await t.app.get(OrderExpiry).sweepOnce()).toBe(1);
    // The background sender may already have sent the expiry mail; one more pass makes sure it has.
    await sendDue();
    const expired = await order(placed.id, placed.orderToken);
    expect(expired.status).toBe('expired');
    expect(expired.messages.map((m: { kind: string; status: string }) => [m.kind, m.status])).toEqual([
      ['order_placed', 'sent'],
      ['ready_for_pickup', 'sent'],
      ['pickup_reminder', 'sent'],
      ['order_expired', 'sent'],
    ]);
    expect((await mailbox('fenna@promise.test')).length).toBe(4);
  });

  it('a reminder is not sent for a hold that ended another way (collected before it was due)', async () => {
    const store = await f.location({ openingHours: WEEKDAYS_9_TO_18, pickupHoldHours: 8 });
    const variant = await f.stocked(store, 1);
    const clerk = (await f.user('clerk', [store.id])).headers;
    at('2026-12-07T09:00:00Z');
    const placed = await f.order(store, variant.sku, 1, 'pickup', {
      name: 'Gijs',
      email: 'gijs@promise.test',
    });
    await t.http().post(`/api/orders/${placed.id}/ready`).set(clerk).expect(200);
    await t
      .http()
      .post(`/api/orders/${placed.id}/collect`)
      .set(clerk)
      .send({ pickupCode: placed.pickupCode })
      .expect(200);
    at('2026-12-08T17:00:00Z');
    await sendDue();
    const subjects = (await mailbox('gijs@promise.test')).map((m) => m.subject);
    expect(subjects).toHaveLength(2);
    expect(subjects.join(' ')).not.toContain('Herinnering');
  });

  it('the mailbox page shows the placed and the ready email, each with its recipient and subject', async () => {
    const store = await f.location();
    const variant = await f.stocked(store, 1);
    const clerk = (await f.user('clerk', [store.id])).headers;
    at('2026-12-09T10:00:00Z');
    const placed = await f.order(store, variant.sku, 1, 'pickup', {
      name: 'Hanna',
      email: 'hanna@promise.test',
    });
    await t.http().post(`/api/orders/${placed.id}/ready`).set(clerk).expect(200);
    await sendDue();
    const page = await t.http().get('/dev/mailbox').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    const rows = [...page.text.matchAll(/data-testid="mail-row" data-to="([^"]+)" data-subject="([^"]+)"/g)]
      .filter((row) => row[1] === 'hanna@promise.test')
      .map((row) => row[2]);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${placed.number} ligt klaar`),
        expect.stringContaining(`${placed.number} ontvangen`),
      ]),
    );
    // The rendered mail, with its QR as an image, and the text part.
    expect(page.text).toContain('data:image/png;base64,');
    expect(page.text).toContain(placed.pickupCode);
  });

  it('never serves the mailbox in production', async () => {
    const production = await startTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      ADMIN_PASSWORD: `${ADMIN.password}-long`,
      PAYMENT_PROVIDER: 'test',
    });
    try {
      expect((await production.http().get('/dev/mailbox')).status).toBe(404);
      expect((await production.http().get('/dev/mailbox/messages')).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});
