/**
 * 6. The machine's limits, measured in the same run as the benchmarks they are compared with:
 * limit-http (a bare node:http server, same load tool and concurrency as the availability benchmark)
 * and limit-sqlite (raw better-sqlite3 "conditional decrement + insert" transactions).
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad } from './lib/load.mjs';

const BARE_SERVER = join(dirname(fileURLToPath(import.meta.url)), 'lib', 'bare-http-server.mjs');

/** @param {import('./run.mjs').BenchContext} ctx */
export async function limitHttp(ctx) {
  const server = fork(BARE_SERVER, [], { stdio: 'ignore' });
  try {
    const port = await new Promise((resolve) => server.once('message', (m) => resolve(m.port)));
    const result = await runLoad(
      'autocannon',
      {
        url: `http://127.0.0.1:${port}`,
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
