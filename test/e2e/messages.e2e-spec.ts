import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { MessageSender } from '../../src/messages/message-sender.service';
import { Fixtures } from '../support/fixtures';
import { freePort } from '../support/server-process';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

interface MessageView {
  id: string;
  kind: string;
  channel: string;
  to: string;
  status: string;
  attempts: number;
}

/** Messages to customers over a real SMTP exchange (issue 16). */
describe('messages to customers by email', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: '"Grachten Goods" <orders@grachten.test>' });
    f = new Fixtures(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function readyOrder(customer: { name: string; email: string; locale?: string }) {
    const store = await f.location({ name: 'Grachten Goods Kalverstraat' });
    const clerk = (await f.user('clerk', [store.id])).headers;
    const variant = await f.stocked(store, 5, 1250);
    const order = await f.order(store, variant.sku, 1, 'pickup', customer);
    await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
    return { store, clerk, order };
  }

  it('sends the ready email over SMTP: both parts, the code as text, an inline QR that decodes to it', async () => {
    const { order } = await readyOrder({ name: 'Ada Lovelace', email: 'ada@smtp.test', locale: 'en' });
    await until(
      () => smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes('ada@smtp.test')).length === 2,
      'two emails',
    );
    const mails = smtp.received.filter((m) => JSON.stringify(m.to).includes('ada@smtp.test'));
    const ready = mails.find((m) => m.subject?.includes('ready for pickup'))!;
    expect(ready).toBeDefined();
    expect(ready.from?.text).toContain('orders@grachten.test');
    expect(ready.subject).toContain(order.number);
    expect(ready.text).toContain(order.pickupCode);
    expect(ready.html).toContain(order.pickupCode);
    expect(ready.text).toContain('Grachten Goods Kalverstraat');
    expect(ready.text).toMatch(/\/shop\/orders\/[0-9a-f-]{36}\?token=/);
    const qr = ready.attachments.find((a) => a.contentId === 'pickup-qr' || a.cid === 'pickup-qr')!;
    expect(qr.contentType).toBe('image/png');
    expect(qr.contentDisposition).toBe('inline');
    expect(decodeQr(qr.content)).toBe(`pickup:${order.id}:${order.pickupCode}`);
    // The placed email says when it will be ready, but never hands over the code.
    const placed = mails.find((m) => m !== ready)!;
    expect(placed.text).not.toContain(order.pickupCode);
    expect(placed.attachments).toHaveLength(0);

    // The order shows what was sent; the Message-ID is the message's id, so a duplicate would show.
    const seen = await t.http().get(`/api/orders/${order.id}?token=${order.orderToken}`).expect(200);
    const messages = seen.body.messages as MessageView[];
    expect(messages.filter((m) => m.kind !== 'pickup_reminder')).toEqual([
      expect.objectContaining({
        kind: 'order_placed',
        channel: 'email',
        to: 'ada@smtp.test',
        status: 'sent',
        attempts: 1,
      }),
      expect.objectContaining({ kind: 'ready_for_pickup', channel: 'email', status: 'sent', attempts: 1 }),
    ]);
    const readyId = messages.find((m) => m.kind === 'ready_for_pickup')!.id;
    expect(ready.messageId).toContain(readyId);
    // The link in the email opens the order page without the order token.
    const link = new URL(ready.text!.match(/http\S+\/shop\/orders\/\S+/)![0]);
    await t.http().get(`/api/orders/${order.id}${link.search}`).expect(200);
  });

  it('writes in Dutch for a Dutch store: 24-hour times and nl-NL money', async () => {
    const { order } = await readyOrder({ name: 'Bram', email: 'bram@smtp.test' });
    await until(
      () => smtp.received.filter((m) => JSON.stringify(m.to).includes('bram@smtp.test')).length === 2,
      'two emails',
    );
    const ready = smtp.received.find(
      (m) => JSON.stringify(m.to).includes('bram@smtp.test') && m.subject?.includes('ligt klaar'),
    )!;
    expect(ready.text).toContain('Beste Bram');
    expect(ready.text).toContain(`Je ophaalcode: ${order.pickupCode}`);
    // 12,50 euro in Dutch; times like 14:05, never an ISO string.
    expect(ready.text).toMatch(/€\s?12,50/);
    expect(ready.text).toMatch(/\b([01]\d|2[0-3]):[0-5]\d\b/);
    expect(ready.text).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it("staff resend a message: a new one is sent; another store's clerk may not; an unknown kind is refused", async () => {
    const { order, clerk } = await readyOrder({ name: 'Cas', email: 'cas@smtp.test' });
    await until(
      () => smtp.received.filter((m) => JSON.stringify(m.to).includes('cas@smtp.test')).length === 2,
      'two emails',
    );
    const other = await f.location();
    const otherClerk = (await f.user('clerk', [other.id])).headers;
    const path = `/api/orders/${order.id}/messages/resend`;
    expect((await t.http().post(path).set(otherClerk).send({ kind: 'ready_for_pickup' })).status).toBe(403);
    const bad = await t.http().post(path).set(clerk).send({ kind: 'hello' });
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const resent = await t
      .http()
      .post(path)
      .set(clerk)
      .set('Idempotency-Key', 'resend-1')
      .send({ kind: 'ready_for_pickup' })
      .expect(200);
    const again = await t
      .http()
      .post(path)
      .set(clerk)
      .set('Idempotency-Key', 'resend-1')
      .send({ kind: 'ready_for_pickup' })
      .expect(200);
    expect(again.body).toEqual(resent.body);
    const readies = (resent.body.messages as MessageView[]).filter((m) => m.kind === 'ready_for_pickup');
    expect(readies).toHaveLength(2);
    await until(
      () => smtp.received.filter((m) => JSON.stringify(m.to).includes('cas@smtp.test')).length === 3,
      'the resent email',
    );
  });
  it('mails the receipt of a counter sale to the customer who gave an email, and nothing to one who did not', async () => {
    const store = await f.location({ name: 'Grachten Goods Kalverstraat' });
    const clerk = (await f.user('clerk', [store.id])).headers;
    const variant = await f.stocked(store, 5, 1250);
    const sell = (customer?: { name: string; email: string }) =>
      t
        .http()
        .post('/api/orders')
        .set(clerk)
        .set('Idempotency-Key', `counter-${customer?.email ?? 'anonymous'}`)
        .send({
          lines: [{ sku: variant.sku, qty: 2 }],
          fulfillment: { type: 'instore', locationId: store.id },
          payment: 'card',
          ...(customer ? { customer } : {}),
        })
        .expect(201);
    const mailed = (await sell({ name: 'Dirk', email: 'dirk@smtp.test' })).body;
    const unmailed = (await sell()).body;
    await until(
      () => smtp.received.some((m) => JSON.stringify(m.to).includes('dirk@smtp.test')),
      'the receipt',
    );
    const receipt = smtp.received.find((m) => JSON.stringify(m.to).includes('dirk@smtp.test'))!;
    expect(receipt.subject).toContain(mailed.number);
    expect(receipt.text).toContain(mailed.lines[0].title);
    expect(receipt.text).toMatch(/25[,.]00/);
    expect(mailed.messages).toEqual([expect.objectContaining({ kind: 'receipt', to: 'dirk@smtp.test' })]);
    expect(unmailed.messages).toEqual([]);
  });
});

describe('messages to customers by SMS', () => {
  let t: TestApp;
  let f: Fixtures;
  let gateway: Server;
  const posted: Array<{ to: string; text: string; reference: string }> = [];

  beforeAll(async () => {
    gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        posted.push(JSON.parse(body));
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const { port } = gateway.address() as AddressInfo;
    t = await startTestApp({
      SMS_WEBHOOK_URL: `http://127.0.0.1:${port}/sms`,
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    });
    f = new Fixtures(t);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => gateway.close(resolve));
  });

  it('texts the customer who gave a phone number, with the pickup code; email waits while its server is away', async () => {
    const store = await f.location();
    const clerk = (await f.user('clerk', [store.id])).headers;
    const variant = await f.stocked(store, 5);
    const order = await f.order(store, variant.sku, 1, 'pickup', {
      name: 'Dee',
      email: 'dee@sms.test',
      phone: '+31612345678',
    });
    const noPhone = await f.order(store, variant.sku, 1, 'pickup', { name: 'Eve', email: 'eve@sms.test' });
    await t.http().post(`/api/orders/${order.id}/ready`).set(clerk).expect(200);
    await t.http().post(`/api/orders/${noPhone.id}/ready`).set(clerk).expect(200);
    await until(
      () => posted.filter((sms) => sms.text.includes(order.pickupCode)).length === 1,
      'the ready SMS',
    );
    await t.app.get(MessageSender).sendDue();
    expect(posted.every((sms) => sms.to === '+31612345678')).toBe(true);
    const seen = await t.http().get(`/api/orders/${order.id}?token=${order.orderToken}`).expect(200);
    const messages = seen.body.messages as MessageView[];
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'ready_for_pickup',
          channel: 'sms',
          to: '+31612345678',
          status: 'sent',
        }),
        expect.objectContaining({ kind: 'ready_for_pickup', channel: 'email', status: 'queued' }),
      ]),
    );
    const email = messages.find((m) => m.kind === 'order_placed' && m.channel === 'email')!;
    expect(email.attempts).toBeGreaterThanOrEqual(1);
  });
});
