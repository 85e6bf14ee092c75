/**
 * 3. Availability reads: GET /api/availability?sku=<random> at concurrency 50 against 1,000 SKUs
 * stocked at 4 stores; req/s and p99, and req/s as a ratio to the bare node:http server.
 */
import { seedStores } from './lib/dataset.mjs';
import { runLoad } from './lib/load.mjs';
import { cpuPerRequest, ratio } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';

/** @param {import('./run.mjs').BenchContext} ctx */
export async function availability(ctx) {
  const server = await startServer('availability');
  try {
    const { skus, api } = await seedStores(server.url, {
      set: 'AV',
      locations: 4,
      skus: ctx.quick ? 100 : 1000,
      unitsFor: (s, l) => ((s + l) % 5 === 0 ? 0 : 5 + ((s * 7 + l) % 20)),
    });
    api.close();
    await server.measure();
    const cpuBefore = server.cpuMs();
    const result = await runLoad(
      'autocannon',
      {
        url: server.url,
        paths: skus.map((sku) => `/api/availability?sku=${encodeURIComponent(sku)}`),
        connections: 50,
        durationSeconds: ctx.seconds(10),
        warmupSeconds: 2,
      },
      'availability',
    );
    const cpuPerReq = cpuPerRequest(server, cpuBefore, result.total + result.warmup_total);
    const { warmup_total: _warmup, ...figures } = result;
    ctx.report.add({
      bench: 'availability',
      concurrency: 50,
      skus: skus.length,
      ...figures,
      ratio_to_limit: ratio(result.requests_per_s, ctx.limits.http),
      server_cpu_ms_per_req: cpuPerReq,
    });
    if (result.non_2xx || result.errors)
      ctx.report.note(`availability: ${result.non_2xx} non-2xx answers, ${result.errors} errors`);
  } finally {
    ctx.profiles.push(await server.stop());
  }
}
