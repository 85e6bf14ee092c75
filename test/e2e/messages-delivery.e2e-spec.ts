import { DataSource } from 'typeorm';
import { MessageSender } from '../../src/messages/message-sender.service';
import { Fixtures } from '../support/fixtures';
import { buildServer, freePort, ServerProcess, startServerProcess } from '../support/server-process';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { ADMIN, startTestApp, TestApp, testDb } from '../support/test-app';
import { until } from '../support/until';

// Two app starts, 100 emails and a build on a busy 2-core machine: a generous bound, not a timing.
jest.setTimeout(300_000);

const ORDERS = 50;
/** Each order sends two emails now (placed, ready); the reminder is due long after. */
const EMAILS = ORDERS * 2;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FAST_SENDER = { MESSAGE_POLL_MS: '20', MESSAGE_RETRY_SECONDS: '1' };

/** Places ORDERS pickup orders at a fresh store and marks each ready, through the instances given in turn. */
async function readyOrders(apps: TestApp[], f: Fixtures): Promise<string[]> {
  const store = await f.location();
  const variant = await f.stocked(store, ORDERS);
  const ids: string[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const order = await f.order(store, variant.sku, 1, 'pickup', {
      name: `Customer ${i}`,
      email: `c${i}@mail.test`,
    });
    const app = apps[i % apps.length];
    await app
      .http()
      .post(`/api/orders/${order.id}/ready`)
      .set(await app.asAdmin())
      .expect(200);
    ids.push(order.id);
  }
  return ids;
}

async function statusCounts(ds: DataSource): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: string }> = await ds.query(
    "SELECT status, COUNT(*) AS n FROM messages WHERE kind <> 'pickup_reminder' GROUP BY status",
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/** Every mail exactly once: as many as there are messages, each Message-ID (the row's id) once. */
function expectEachOnce(smtp: SmtpSink): void {
  const ids = smtp.received.map((mail) => mail.messageId);
  expect(ids).toHaveLength(EMAILS);
  expect(new Set(ids).size).toBe(EMAILS);
}

describe('messages: delivered exactly once', () => {
  let smtpPort: number;
  let smtp: SmtpSink | null = null;
  let t: TestApp;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    buildServer();
    smtpPort = await freePort();
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await smtp?.close();
    await t?.close();
  });

  it('mail server down while 50 orders become ready: after it returns, each is delivered once, across a restart', async () => {
    const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
    // The first run's sender passes only when the test asks, so that each message is tried about once.
    t = await startTestApp({ SMTP_URL: smtpUrl, ...FAST_SENDER, MESSAGE_POLL_MS: '600000' });
    const f = new Fixtures(t);
    const ids = await readyOrders([t], f);
    const ds = t.app.get(DataSource);
    // Every message is tried and refused (nothing listens), and waits in the queue to be retried.
    const untried = async () =>
      Number(
        (
          await ds.query(
            "SELECT COUNT(*) AS n FROM messages WHERE kind <> 'pickup_reminder' AND attempts = 0",
          )
        )[0].n,
      );
    while ((await untried()) > 0) await t.app.get(MessageSender).sendDue();
    expect(await statusCounts(ds)).toEqual({ queued: EMAILS });
    await t.stop();

    // The mail server comes back, and the app starts again (as a process) on the same database.
    smtp = await startSmtpSink(smtpPort);
    server = await startServerProcess({
      NODE_ENV: 'test',
      DATABASE_URL: t.db.url,
      SEED_DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SMTP_URL: smtpUrl,
      ...FAST_SENDER,
    });
    await until(() => smtp!.received.length >= EMAILS, 'every email', 60_000);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    for (const id of ids) {
      const order = await fetch(`${server.url}/api/orders/${id}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const { messages } = (await order.json()) as {
        messages: Array<{ kind: string; status: string; attempts: number }>;
      };
      const sent = messages.filter((m) => m.kind !== 'pickup_reminder');
      expect(sent.map((m) => [m.kind, m.status])).toEqual([
        ['order_placed', 'sent'],
        ['ready_for_pickup', 'sent'],
      ]);
      expect(sent.every((m) => m.attempts >= 2)).toBe(true);
    }
    expectEachOnce(smtp);
    const customers = new Set(smtp.received.map((mail) => (mail.to as { text: string }).text));
    expect(customers.size).toBe(ORDERS);
  });
});

const describeOnPostgres = testDb() === 'postgres' ? describe : describe.skip;

describeOnPostgres('messages: two instances on PostgreSQL and Redis', () => {
  let smtp: SmtpSink;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const env = { SMTP_URL: smtp.url, REDIS_URL, ...FAST_SENDER };
    one = await startTestApp(env);
    two = await startTestApp(env, one.db);
  });
  afterAll(async () => {
    await two?.stop();
    await one?.close();
    await smtp?.close();
  });

  it('both senders claim from one queue and never send a message twice', async () => {
    await readyOrders([one, two], new Fixtures(one));
    await until(() => smtp.received.length >= EMAILS, 'every email', 60_000);
    const ds = one.app.get(DataSource);
    for (;;) {
      if ((await statusCounts(ds)).sent === EMAILS) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Both instances have passed over the queue since: nothing is left to send twice.
    await Promise.all([one, two].map((app) => app.app.get(MessageSender).sendDue()));
    expectEachOnce(smtp);
  });
});
