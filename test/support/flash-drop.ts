import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { FlashSaleView, QueueStanding } from '@o2o/contracts';
import { Clock } from '../../src/common/clock';
import { FlashAdmitter } from '../../src/flash-sales/flash-admitter.service';
import type { Fixtures } from './fixtures';
import type { TestApp } from './test-app';

/** Moves every instance's clock `offsetMs` ahead of the wall clock. */
export function shiftClocks(apps: TestApp[], offsetMs: () => number): void {
  for (const app of apps) {
    jest.spyOn(app.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offsetMs()));
  }
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export async function call(
  url: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

interface Buyer {
  email: string;
  /** Bearer headers of the accounts this person buys with (none: a guest). */
  accounts: Array<Record<string, string>>;
  retries: boolean;
  ticket?: string;
  position?: number;
  done?: boolean;
}

export interface DropOutcome {
  statuses: number[];
  admittedPositions: number[];
  sale: FlashSaleView;
}

/**
 * A drop as buyers live it: everyone joins the queue before the start (two accounts on one email
 * share its ticket), the sale opens, each admitted buyer orders (some with both accounts at once, some
 * retrying with the same key and again with a new one), until the sale has no units left.
 */
export async function runDrop(
  apps: TestApp[],
  f: Fixtures,
  { buyers: buyerCount, units, pairs }: { buyers: number; units: number; pairs: number },
): Promise<DropOutcome> {
  let offset = 0;
  shiftClocks(apps, () => offset);
  const urls = apps.map((app) => app.url);
  const store = await f.location({ name: 'Drop store' });
  const [variant] = await f.product([`DROP-${randomUUID().slice(0, 6)}`], 12_000);
  await f.stock(variant, store, units + 20);
  const admin = await apps[0].asAdmin();
  const startsAt = new Date(Date.now() + 3_600_000);
  const created = await call(urls[0], 'POST', '/api/flash-sales', {
    headers: admin,
    body: {
      title: 'Sneaker drop',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      locationId: store.id,
      lines: [{ sku: variant.sku, units, price: 4_900, perCustomerLimit: 1 }],
    },
  });
  expect(created.status).toBe(201);
  const saleId = created.body.id as string;
  const statuses: number[] = [];
  const record = async (pending: Promise<Answer>) => {
    const answer = await pending;
    statuses.push(answer.status);
    return answer;
  };

  const buyers: Buyer[] = [];
  for (let i = 0; i < buyerCount; i++) {
    buyers.push({ email: `buyer-${i}@drop.test`, accounts: [], retries: i % 5 === 0 });
  }
  // Some people have two customer accounts with the one email they buy with.
  for (let i = 0; i < pairs; i++) {
    const first = await f.user('customer');
    const second = await f.user('customer');
    buyers[i * 7].accounts = [first.headers, second.headers];
  }
  await inParallel(buyers, 40, async (buyer, i) => {
    const join = () =>
      record(
        call(urls[i % urls.length], 'POST', `/api/flash-sales/${saleId}/queue`, {
          body: { email: buyer.email },
        }),
      );
    const joined = await join();
    expect(joined.status).toBe(201);
    buyer.ticket = joined.body.ticket as string;
    buyer.position = joined.body.position as number;
    if (buyer.accounts.length) {
      // The second account (same email) joins too and gets the same place.
      const again = await join();
      expect(again.body.ticket).toBe(buyer.ticket);
    }
  });
  // Positions were handed out 1..N, one per email.
  expect(buyers.map((buyer) => buyer.position).sort((a, b) => a! - b!)).toEqual(
    Array.from({ length: buyerCount }, (_, i) => i + 1),
  );
  offset = startsAt.getTime() - Date.now() + 1_000;

  const admittedPositions: number[] = [];
  const byPosition = [...buyers].sort((a, b) => a.position! - b.position!);
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    const sale = (await record(call(urls[0], 'GET', `/api/flash-sales/${saleId}`)))
      .body as unknown as FlashSaleView;
    const waiting = byPosition.filter((buyer) => !buyer.done).slice(0, 2 * units);
    // Every admitted buyer has ordered by the end of a round: no units left means sold out.
    if (sale.lines[0].unitsLeft === 0) break;
    let progressed = false;
    await inParallel(waiting, 40, async (buyer, i) => {
      const standing = (
        await record(call(urls[i % urls.length], 'GET', `/api/flash-sales/queue/${buyer.ticket}`))
      ).body as unknown as QueueStanding;
      if (!standing.admitted) return;
      progressed = true;
      buyer.done = true;
      admittedPositions.push(buyer.position!);
      await buy(buyer, standing.admission, urls[(i + 1) % urls.length], store.id, variant.sku, record);
    });
    if (!progressed) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const sale = (await call(urls[0], 'GET', `/api/flash-sales/${saleId}`)).body as unknown as FlashSaleView;
  return {
    statuses,
    admittedPositions: admittedPositions.sort((a, b) => a - b),
    sale: { ...sale, id: saleId },
  };
}

async function buy(
  buyer: Buyer,
  admission: string,
  url: string,
  locationId: string,
  sku: string,
  record: (pending: Promise<Answer>) => Promise<Answer>,
): Promise<void> {
  const body = {
    lines: [{ sku, qty: 1 }],
    fulfillment: { type: 'pickup', locationId },
    customer: { name: 'Drop buyer', email: buyer.email },
    payment: 'online',
  };
  const order = (key: string, headers: Record<string, string> = {}) =>
    record(
      call(url, 'POST', '/api/orders', {
        body,
        headers: { 'idempotency-key': key, 'x-flash-sale-admission': admission, ...headers },
      }),
    );
  if (buyer.accounts.length) {
    // Both accounts at once with the one admission: one order, the other refused.
    const answers = await Promise.all(buyer.accounts.map((account) => order(randomUUID(), account)));
    const codes = answers.map((answer) => answer.status).sort();
    expect(codes).toEqual([201, 403]);
    return;
  }
  const key = randomUUID();
  const first = await order(key);
  expect([first.status, first.body.code]).toEqual([201, undefined]);
  // At the sale price, not the catalog's.
  expect((first.body.lines as Array<{ unitPrice: { amount: number } }>)[0].unitPrice.amount).toBe(4_900);
  if (buyer.retries) {
    const replay = await order(key);
    expect(replay.body.id).toBe(first.body.id);
    const again = await order(randomUUID());
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('ADMISSION_REQUIRED');
  }
}

/** What the database says about the drop: units sold per email, and admissions by ticket number. */
export async function soldPerEmail(app: TestApp, saleId: string) {
  const ds = app.app.get(DataSource);
  return (
    (await ds.query(
      `SELECT o.customer_email AS email, SUM(l.qty) AS units FROM flash_sale_orders f
         JOIN orders o ON o.id = f.order_id JOIN order_lines l ON l.order_id = o.id
        WHERE f.sale_id = '${saleId}' GROUP BY o.customer_email`,
    )) as Array<{ email: string; units: string }>
  ).map((row) => ({ email: row.email, units: Number(row.units) }));
}

export async function admissionOrder(app: TestApp, saleId: string) {
  const ds = app.app.get(DataSource);
  return (await ds.query(
    `SELECT seq, admitted_at FROM flash_tickets WHERE sale_id = '${saleId}' ORDER BY seq`,
  )) as Array<{ seq: number; admitted_at: string | null }>;
}

export const admitter = (app: TestApp) => app.app.get(FlashAdmitter);
