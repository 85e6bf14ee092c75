/**
 * 4. Terminal sync: 500 /terminal sockets (clerks of 4 stores, 125 each) connected while shoppers place
 * orders at a steady rate. For every order and every socket of its store: the time from the order's
 * 201 (at the shopper) to its `order.created` event (at the terminal); p50/p99/max, and events missed
 * (must be 0) after a grace period. Sockets and shoppers are two processes besides the server.
 */
import { seedStores } from './lib/dataset.mjs';
import { runLoad, startLoad } from './lib/load.mjs';
import { startServer } from './lib/server.mjs';

const GRACE_MS = 5000;

/** @param {import('./run.mjs').BenchContext} ctx */
export async function terminalSync(ctx) {
  const server = await startServer('terminal-sync');
  try {
    const { locations, offers, api } = await seedStores(server.url, {
      set: 'TS',
      locations: 4,
      skus: 100,
      unitsFor: () => 10_000,
    });
    const tokens = [];
    for (const location of locations)
      tokens.push({ locationId: location.id, token: await api.clerkToken(location.id) });
    api.close();
    const socketCount = ctx.quick ? 100 : 500;
    const sockets = Array.from({ length: socketCount }, (_, i) => tokens[i % tokens.length]);

    const terminals = startLoad('terminals', { url: server.url, sockets }, 'terminal-sync sockets');
    const ready = await Promise.race([terminals.waitFor('ready'), terminals.result]);
    await server.measure();
    const ratePerSecond = 50;
    const durationSeconds = ctx.seconds(10);
    const orders = await runLoad(
      'orders',
      { url: server.url, mode: 'rate', ratePerSecond, durationSeconds, offers, keepCreated: true },
      'terminal-sync orders',
    );
    terminals.send({ type: 'finish', orders: orders.createdOrders, graceMs: GRACE_MS });
    const sync = await terminals.result;
    ctx.report.add({
      bench: 'terminal-sync',
      sockets: ready.connected,
      order_rate_per_s: ratePerSecond,
      orders: orders.created,
      deliveries: sync.deliveries,
      p50_ms: sync.p50_ms,
      p99_ms: sync.p99_ms,
      max_ms: sync.max_ms,
      missed: sync.missed,
      seq_gaps: sync.seq_gaps,
      order_p99_ms: orders.p99_ms,
      errors_5xx: orders.errors_5xx,
    });
    if (orders.created < orders.answered)
      ctx.report.note(
        `terminal-sync: ${orders.answered - orders.created} orders were not created: ${JSON.stringify(orders.samples).slice(0, 300)}`,
      );
    if (sync.disconnects)
      ctx.report.note(`terminal-sync: ${sync.disconnects} socket disconnects during the run`);
  } finally {
    ctx.profiles.push(await server.stop());
  }
}
