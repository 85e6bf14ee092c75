/**
 * 2. Orders at scale: 10,000 units over 1,000 SKUs at 4 stores (each SKU's 10 units spread 3/3/2/2),
 * 50 shoppers placing pickup orders of 1-3 lines for 30 s. Orders answered per second, orders created
 * per second, p99; the ledger is checked after.
 */
import { ledgerMismatches, seedStores } from './lib/dataset.mjs';
import { runLoad } from './lib/load.mjs';
import { cpuPerRequest, ratio } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';

const SPREAD = [3, 3, 2, 2];

/** @param {import('./run.mjs').BenchContext} ctx */
export async function ordersAtScale(ctx) {
  const server = await startServer('orders-at-scale');
  try {
    const { offers, levels, api } = await seedStores(server.url, {
      set: 'OS',
      locations: 4,
      skus: ctx.quick ? 100 : 1000,
      unitsFor: (s, l) => SPREAD[(s + l) % SPREAD.length],
    });
    api.close();
    const durationSeconds = ctx.seconds(30);
    await server.measure();
    const cpuBefore = server.cpuMs();
    const result = await runLoad(
      'orders',
      { url: server.url, mode: 'closed', concurrency: 50, durationSeconds, offers, linesPerOrder: [1, 3] },
      'orders-at-scale',
    );
    const cpuPerOrder = cpuPerRequest(server, cpuBefore, result.answered);
    const mismatches = await ledgerMismatches(server.db);
    ctx.report.add({
      bench: 'orders-at-scale',
      units: levels.reduce((sum, l) => sum + l.qty, 0),
      skus: levels.length / 4,
      locations: 4,
      concurrency: 50,
      seconds: durationSeconds,
      orders_per_s: result.orders_per_s,
      created_per_s: result.created_per_s,
      p50_ms: result.p50_ms,
      p99_ms: result.p99_ms,
      created: result.created,
      rejected: result.rejected,
      errors_5xx: result.errors_5xx,
      other_errors: result.other_4xx + result.network_errors,
      ledger_ok: mismatches === 0,
      ratio_to_limit: ratio(result.orders_per_s, ctx.limits.sqlite),
      server_cpu_ms_per_req: cpuPerOrder,
    });
    if (Object.keys(result.samples).length)
      ctx.report.note(`orders-at-scale: unexpected answers ${JSON.stringify(result.samples).slice(0, 400)}`);
  } finally {
    ctx.profiles.push(await server.stop());
  }
}
