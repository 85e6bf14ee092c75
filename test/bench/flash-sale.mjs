/**
 * 1. Flash sale: one variant with 100 units at one store; C shoppers (200, then 2,000) each place a
 * full click-and-collect order at the same instant. Orders answered per second, p50/p99, 201s, 409s,
 * 5xx and oversold (must be 0), with the ledger checked after each round. A warm-up round on another
 * variant comes first, so that the measured rounds do not pay for the server's start.
 */
import { ledgerMismatches, levelOf, seedStores } from './lib/dataset.mjs';
import { runLoad } from './lib/load.mjs';
import { flashSaleRounds } from './limits.mjs';
import { cpuPerRequest, ratio } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';

const UNITS = 100;

/** @param {import('./run.mjs').BenchContext} ctx */
export async function flashSale(ctx) {
  const server = await startServer('flash-sale');
  try {
    const rounds = flashSaleRounds(ctx);
    // One variant per round (and one for the warm-up), all at the same store.
    const { locations, skus, api } = await seedStores(server.url, {
      set: 'FS',
      locations: 1,
      skus: rounds.length + 1,
      unitsFor: () => UNITS,
    });
    api.close();
    const store = locations[0].id;
    const sale = (sku, buyers, label) =>
      runLoad(
        'orders',
        { url: server.url, mode: 'burst', buyers, offers: [{ sku, locationId: store }] },
        label,
      );

    await sale(skus[0], 200, 'flash-sale warm-up');
    await server.measure();
    for (const [i, buyers] of rounds.entries()) {
      const sku = skus[i + 1];
      const cpuBefore = server.cpuMs();
      const result = await sale(sku, buyers, `flash-sale ${buyers} buyers`);
      const cpuPerOrder = cpuPerRequest(server, cpuBefore, result.answered);
      const level = await levelOf(server.db, sku, store);
      const unitsSold = level.reserved + (UNITS - level.onHand);
      const mismatches = await ledgerMismatches(server.db);
      ctx.report.add({
        bench: 'flash-sale',
        buyers,
        orders_per_s: result.orders_per_s,
        p50_ms: result.p50_ms,
        p99_ms: result.p99_ms,
        max_ms: result.max_ms,
        created: result.created,
        rejected: result.rejected,
        errors_5xx: result.errors_5xx,
        other_errors: result.other_4xx + result.network_errors,
        // More units promised than the store had: by the 201s, or by what the level now holds.
        oversold: Math.max(0, result.created - UNITS, unitsSold - UNITS, level.reserves - UNITS),
        ledger_ok: mismatches === 0 && level.reserves === result.created,
        ratio_to_limit: ratio(result.orders_per_s, ctx.limits.sqlite),
        ratio_to_http_burst: ratio(result.orders_per_s, ctx.limits.httpBurst[buyers] ?? null),
        server_cpu_ms_per_req: cpuPerOrder,
      });
      if (Object.keys(result.samples).length)
        ctx.report.note(
          `flash-sale ${buyers}: unexpected answers ${JSON.stringify(result.samples).slice(0, 400)}`,
        );
    }
  } finally {
    ctx.profiles.push(await server.stop());
  }
}
