/**
 * 6. The machine's limits, measured in the same run as the benchmarks they are compared with:
 * limit-http (a bare node:http server, same load tool and concurrency as the availability benchmark),
 * limit-http-burst (the same server met by the flash sale's load: C shoppers, each on a new
 * connection, POST at the same instant) and limit-sqlite (raw better-sqlite3 "conditional decrement +
 * insert" transactions).
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad } from './lib/load.mjs';

const BARE_SERVER = join(dirname(fileURLToPath(import.meta.url)), 'lib', 'bare-http-server.mjs');

/** @param {import('./run.mjs').BenchContext} ctx */
export async function limitHttp(ctx) {
  await withBareServer(async (url) => {
    const result = await runLoad(
      'autocannon',
      {
        url,
        paths: ['/'],
        connections: 50,
        durationSeconds: ctx.seconds(10),
        warmupSeconds: 1,
      },
      'limit-http',
    );
    ctx.limits.http = result.requests_per_s;
    const { warmup_total: _warmup, ...figures } = result;
    // A property of the machine, whichever database the run uses.
    ctx.report.add({ bench: 'limit-http', concurrency: 50, ...figures, db: 'none' });
  });
}

/**
 * The flash sale's load (`load/orders.mjs` in burst mode, the same order bodies) against the bare
 * server, after the same warm-up round: what the machine's HTTP stack alone answers in that shape.
 * @param {import('./run.mjs').BenchContext} ctx
 */
export async function limitHttpBurst(ctx) {
  await withBareServer(async (url) => {
    const offers = [{ sku: 'BENCH-0001', locationId: 'a' }];
    const burst = (buyers, label) => runLoad('orders', { url, mode: 'burst', buyers, offers }, label);
    await burst(200, 'limit-http-burst warm-up');
    for (const buyers of flashSaleRounds(ctx)) {
      const result = await burst(buyers, `limit-http-burst ${buyers}`);
      ctx.limits.httpBurst[buyers] = result.orders_per_s;
      ctx.report.add({
        bench: 'limit-http-burst',
        buyers,
        requests_per_s: result.orders_per_s,
        p50_ms: result.p50_ms,
        p99_ms: result.p99_ms,
        max_ms: result.max_ms,
        errors: result.network_errors,
        db: 'none',
      });
    }
  });
}

/** The numbers of shoppers of the flash sale's measured rounds. */
export function flashSaleRounds(ctx) {
  return ctx.quick ? [200] : [200, 2000];
}

async function withBareServer(measure) {
  const server = fork(BARE_SERVER, [], { stdio: 'ignore' });
  try {
    const port = await new Promise((resolve) => server.once('message', (m) => resolve(m.port)));
    await measure(`http://127.0.0.1:${port}`);
  } finally {
    server.kill();
  }
}

/** @param {import('./run.mjs').BenchContext} ctx */
export async function limitSqlite(ctx) {
  const result = await runLoad('sqlite-limit', { durationSeconds: ctx.seconds(5) }, 'limit-sqlite');
  ctx.limits.sqlite = result.transactions_per_s;
  ctx.report.add({
    bench: 'limit-sqlite',
    transactions_per_s: result.transactions_per_s,
    transactions: result.transactions,
    db: 'sqlite',
  });
}
