/**
 * 1b. Flash sale through the waiting room: 10,000 buyers (one email each, 200 arriving at a time) take
 * tickets, follow them on /shop and order at the sale price as soon as they are admitted, until the sale's units are sold out,
 * on one instance. Tickets per second, how late the position and admission pushes come after the serving
 * counter moved (from the tickets' admission times in the database), completed orders per second
 * (and their ratio to the bare `node:http` burst measured in the same run), time to sell out; the
 * ledger and the units sold are checked afterwards.
 */
import { clearInterval, setInterval } from 'node:timers';
import { ledgerMismatches, levelOf, seedStores, ticketsOf } from './lib/dataset.mjs';
import { runLoad } from './lib/load.mjs';
import { latencySummary, ratio, round } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';
import { flashSaleRounds } from './limits.mjs';

const UNITS = 2_000;
const SALE_PRICE = 490;

/** @param {import('./run.mjs').BenchContext} ctx */
export async function flashQueue(ctx) {
  const buyers = ctx.quick ? 1_000 : 10_000;
  const units = ctx.quick ? 200 : UNITS;
  const server = await startServer('flash-queue', {
    // The buyers come from one address, and the admission rate is what the bench asks the server for.
    FLASH_TICKET_RATE_LIMIT: '1000000',
    FLASH_ADMIT_PER_SECOND: String(units * 4),
  });
  try {
    const { locations, skus, api } = await seedStores(server.url, {
      set: 'FQ',
      locations: 1,
      skus: 1,
      unitsFor: () => units,
    });
    const store = locations[0].id;
    // Opens shortly after the first buyers arrive; later ones join a sale already under way, as in a real drop.
    const startsAt = new Date(Date.now() + (ctx.quick ? 5_000 : 15_000));
    const sale = await api.call(
      'POST',
      '/api/flash-sales',
      {
        title: 'Bench drop',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        locationId: store,
        lines: [{ sku: skus[0], units, price: SALE_PRICE, perCustomerLimit: 1 }],
      },
      { headers: { 'idempotency-key': `bench-drop-${Date.now()}` } },
    );
    api.close();
    await server.measure();
    const cpuBefore = server.cpuMs();
    // The server's CPU through the run, so that the sell-out's share can be read afterwards.
    const cpuTrace = [];
    const sampler = setInterval(() => cpuTrace.push({ at: Date.now(), ms: server.cpuMs() ?? 0 }), 100);
    const result = await runLoad(
      'flash-queue',
      {
        url: server.url,
        saleId: sale.id,
        startsAt: sale.startsAt,
        sku: skus[0],
        locationId: store,
        buyers,
        units,
        timeoutSeconds: 240,
      },
      `flash-queue ${buyers} buyers`,
    ).finally(() => clearInterval(sampler));
    const serverCpuMs = (server.cpuMs() ?? 0) - (cpuBefore ?? 0);
    const sellOut = saleCpu(cpuTrace, result);
    const delays = pushDelays(await ticketsOf(server.db, sale.id), result);
    const level = await levelOf(server.db, skus[0], store);
    const mismatches = await ledgerMismatches(server.db);
    const burst = ctx.limits.httpBurst[flashSaleRounds(ctx).at(-1)] ?? null;
    ctx.report.add({
      bench: 'flash-queue',
      buyers,
      arrived_before_sell_out: result.arrived,
      units,
      tickets_per_s: result.tickets_per_s,
      position_pushes: delays.positions.count,
      position_push_p50_ms: delays.positions.p50_ms,
      position_push_p99_ms: delays.positions.p99_ms,
      admission_push_p99_ms: delays.admissions.p99_ms,
      admitted_to_order_p99_ms: result.admitted_to_order.p99_ms,
      completed_orders_per_s: result.completed_per_s,
      sell_out_s: result.sell_out_s === null ? null : Math.round(result.sell_out_s * 10) / 10,
      created: result.created,
      errors_5xx: result.errors_5xx,
      other_errors: result.other_errors,
      oversold: Math.max(0, result.created - units, level.reserves - units),
      ledger_ok: mismatches === 0 && level.reserves === result.created,
      ratio_to_http_burst: ratio(result.completed_per_s, burst),
      server_cpu_ms: serverCpuMs,
      server_cpu_ms_per_buyer: round(serverCpuMs / result.arrived, 2),
      sell_out_server_cores: sellOut.cores,
      sell_out_server_cpu_ms_per_order: sellOut.msPerOrder,
      client_cpu_ms: result.client_cpu_ms,
    });
    if (Object.keys(result.samples).length)
      ctx.report.note(`flash-queue: unexpected answers ${JSON.stringify(result.samples).slice(0, 400)}`);
  } finally {
    ctx.profiles.push(await server.stop());
  }
}

/**
 * How late each push came: a position p for ticket number s says the serving counter reached s - p,
 * which it did when ticket s - p was admitted; an admission, when its own ticket was. Only pushes after
 * the follow's answer count (that answer is the standing at the time, not a change).
 */
function pushDelays(tickets, result) {
  const seqOf = new Map(tickets.map((t) => [t.token, Number(t.seq)]));
  const admittedAt = new Map(
    tickets.filter((t) => t.admitted_at).map((t) => [Number(t.seq), Date.parse(t.admitted_at)]),
  );
  const late = (at, seq) => (admittedAt.has(seq) ? [Math.max(0, at - admittedAt.get(seq))] : []);
  const positions = result.pushes.flatMap(({ ticket, position, at }) =>
    late(at, seqOf.get(ticket) - position),
  );
  const admissions = result.admission_pushes.flatMap(({ ticket, at }) => late(at, seqOf.get(ticket)));
  return {
    positions: { count: positions.length, ...latencySummary(positions) },
    admissions: latencySummary(admissions),
  };
}

/**
 * The server's CPU from the first order to the last: the cores it kept busy (1 = one saturated event
 * loop) and its CPU per order, the buyers still arriving meanwhile included.
 */
function saleCpu(trace, result) {
  const cpuAt = (at) => (trace.findLast((sample) => sample.at <= at) ?? trace[0])?.ms;
  const from = cpuAt(result.first_order_at);
  const to = cpuAt(result.last_order_at);
  const wallMs = result.last_order_at - result.first_order_at;
  if (from === undefined || to === undefined || !wallMs) return { cores: null, msPerOrder: null };
  return { cores: round((to - from) / wallMs, 2), msPerOrder: round((to - from) / result.created, 2) };
}
