/**
 * 5. Growth: availability and location stock-list p99 with 10k, 100k and 1M rows in the stock ledger
 * (bulk-seeded into the database beside the running server), and the ratio of the 1M figure to the
 * 10k one. Reads that do not depend on the ledger's size stay near 1.
 */
import { growLedger, ledgerRows } from './lib/bulk-ledger.mjs';
import { ledgerMismatches, seedStores } from './lib/dataset.mjs';
import { runLoad } from './lib/load.mjs';
import { bar, cpuPerRequest, progress, round } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';

/** @param {import('./run.mjs').BenchContext} ctx */
export async function growth(ctx) {
  const server = await startServer('growth');
  try {
    const { locations, skus, api } = await seedStores(server.url, {
      set: 'GR',
      locations: 4,
      skus: ctx.quick ? 100 : 1000,
      unitsFor: (s, l) => 5 + ((s + l) % 10),
    });
    const adminToken = api.token;
    api.close();
    const endpoints = {
      availability: {
        paths: skus.map((sku) => `/api/availability?sku=${encodeURIComponent(sku)}`),
        headers: {},
      },
      'stock-list': {
        paths: locations.map((l) => `/api/locations/${l.id}/stock?limit=50`),
        headers: { authorization: `Bearer ${adminToken}` },
      },
    };
    const sizes = ctx.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    /** @type {Record<string, number[]>} */
    const p99s = { availability: [], 'stock-list': [] };
    /** @type {Record<string, Array<number | null>>} */
    const cpus = { availability: [], 'stock-list': [] };
    for (const rows of sizes) {
      const have = await ledgerRows(server.db);
      const add = rows - have;
      await growLedger(server.db, add, (done) =>
        progress.show(bar(`growing the ledger to ${rows}`, done, add)),
      );
      progress.clear();
      // The profile (BENCH_PROFILE=1) covers the reads at the largest ledger.
      if (rows === sizes[sizes.length - 1]) await server.measure();
      for (const [endpoint, { paths, headers }] of Object.entries(endpoints)) {
        const cpuBefore = server.cpuMs();
        const result = await runLoad(
          'autocannon',
          {
            url: server.url,
            paths,
            headers,
            connections: 50,
            durationSeconds: ctx.seconds(5),
            warmupSeconds: 1,
          },
          `growth ${endpoint} @ ${rows}`,
        );
        const cpu = cpuPerRequest(server, cpuBefore, result.total + result.warmup_total);
        p99s[endpoint].push(result.p99_ms);
        cpus[endpoint].push(cpu);
        const last = rows === 1_000_000;
        const [cpuAt10k] = cpus[endpoint];
        ctx.report.add({
          bench: 'growth',
          endpoint,
          rows,
          requests_per_s: result.requests_per_s,
          p50_ms: result.p50_ms,
          p99_ms: result.p99_ms,
          non_2xx: result.non_2xx,
          server_cpu_ms_per_req: cpu,
          ...(last
            ? {
                ratio_1m_to_10k: round(result.p99_ms / Math.max(p99s[endpoint][0], 1), 2),
                // The same ratio for CPU per request: what the request costs, free of the machine's noise.
                cpu_ratio_1m_to_10k: cpu && cpuAt10k ? round(cpu / cpuAt10k, 2) : null,
              }
            : {}),
        });
      }
    }
    const mismatches = await ledgerMismatches(server.db);
    if (mismatches)
      ctx.report.note(`growth: ${mismatches} stock levels disagree with their ledger after seeding`);
  } finally {
    ctx.profiles.push(await server.stop());
  }
}
