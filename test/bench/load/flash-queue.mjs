/**
 * A drop through the waiting room, as its buyers live it: every buyer takes a ticket (POST
 * /api/flash-sales/:id/queue) and at once follows it on /shop (`queue` {ticket}, then `queue.position` pushes),
 * and orders with the admission (`queue.admitted`) at once. Ends when the sale's units are all sold.
 * The pushes are answered raw ({ticket, position, at}): how late each was is told by the harness, which
 * knows from the database when the serving counter moved. The load's own CPU time is answered too.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { createHttpClient, inPool, nowMs } from '../lib/http-client.mjs';
import { latencySummary } from '../lib/report.mjs';

const BUYER_CONCURRENCY = 200;

/**
 * @param {{ url: string, saleId: string, startsAt: string, sku: string, locationId: string,
 *           buyers: number, units: number, timeoutSeconds: number }} args
 * @param {{ progress(text: string): void }} loadIo
 */
export async function run(args, loadIo) {
  const cpuBefore = process.cpuUsage();
  const client = createHttpClient(args.url, { connections: BUYER_CONCURRENCY });
  const tally = { tickets: 0, ticketErrors: 0, created: 0, refused: 0, errors5xx: 0, other: 0 };
  const samples = {};
  const buyers = Array.from({ length: args.buyers }, (_, i) => ({ email: `buyer-${i}@queue.bench`, i }));
  const sockets = [];
  const timer = setInterval(
    () =>
      loadIo.progress(
        `${tally.tickets}/${args.buyers} tickets, ${sockets.length} following, ${tally.created}/${args.units} sold`,
      ),
    250,
  );
  try {
    /** Position and admission pushes after the follow's answer: {ticket, position?, at} (epoch ms). */
    const pushes = [];
    const admissionPushes = [];
    /** From the admission's push to the order's 201 (ms). */
    const admittedToOrder = [];
    const orderTimes = [];
    let soldOut;
    const allSold = new Promise((resolve) => (soldOut = resolve));
    const buy = async (buyer, admission, socket) => {
      if (buyer.buying) return;
      buyer.buying = true;
      const admittedAt = performance.now();
      const answer = await order(client, args, buyer, admission);
      if (answer.status === 201) {
        tally.created++;
        admittedToOrder.push(performance.now() - admittedAt);
        orderTimes.push(nowMs());
        if (tally.created >= args.units) soldOut();
      } else if (answer.status === 409) tally.refused++;
      else if (answer.status >= 500) tally.errors5xx++;
      else tally.other++;
      if (answer.status !== 201 && answer.status !== 409) samples[`order ${answer.status}`] ??= answer.body;
      socket.close();
    };
    // As the shop's page does: every (re)connect follows the ticket again, and its answer may be the turn.
    // What is pushed before the answer is the ticket's standing then; what comes after is a change.
    const follow = (buyer) =>
      new Promise((resolve) => {
        const socket = io(`${args.url}/shop`, { transports: ['websocket'], forceNew: true });
        sockets.push(socket);
        let answered = false;
        socket.on('queue.position', ({ position }) => {
          if (answered) pushes.push({ ticket: buyer.ticket, position, at: Date.now() });
        });
        socket.on('queue.admitted', ({ admission }) => {
          if (answered) admissionPushes.push({ ticket: buyer.ticket, at: Date.now() });
          void buy(buyer, admission, socket);
        });
        socket.on('connect', () =>
          socket.emit('queue', { ticket: buyer.ticket }, (answer) => {
            answered = true;
            if (answer.ok && answer.standing.admitted) void buy(buyer, answer.standing.admission, socket);
            resolve();
          }),
        );
        socket.on('connect_error', () => resolve());
      });
    const ticketTimes = [];
    let over = false;
    // Each buyer takes a ticket and follows it at once, as the sale page does; none come once it is over.
    const arrivals = inPool(buyers, BUYER_CONCURRENCY, async (buyer) => {
      if (over) return;
      const answer = await client.request('POST', `/api/flash-sales/${args.saleId}/queue`, {
        body: { email: buyer.email },
      });
      if (answer.status !== 201) {
        tally.ticketErrors++;
        samples[`ticket ${answer.status}`] ??= answer.body;
        return;
      }
      tally.tickets++;
      ticketTimes.push(answer.at);
      buyer.ticket = answer.body.ticket;
      await follow(buyer);
    });
    const startsAt = Date.parse(args.startsAt);
    // Unpaid holds lapse after FLASH_HOLD_MINUTES and sell again: the run stops at the first sell-out.
    const timeout = sleep(args.timeoutSeconds * 1000).then(() => 'timeout');
    const ended = await Promise.race([allSold.then(() => 'sold out'), timeout]);
    over = true;
    await arrivals;
    const ticketSeconds = (Math.max(...ticketTimes) - Math.min(...ticketTimes)) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const first = Math.min(...orderTimes);
    const last = Math.max(...orderTimes);
    return {
      arrived: tally.tickets + tally.ticketErrors,
      tickets: tally.tickets,
      ticket_errors: tally.ticketErrors,
      tickets_per_s: Math.round(tally.tickets / ticketSeconds),
      pushes,
      admission_pushes: admissionPushes,
      admitted_to_order: latencySummary(admittedToOrder),
      created: tally.created,
      refused: tally.refused,
      errors_5xx: tally.errors5xx,
      other_errors: tally.other + tally.ticketErrors,
      completed_per_s: orderTimes.length > 1 ? Math.round(orderTimes.length / ((last - first) / 1000)) : null,
      first_order_at: first,
      last_order_at: last,
      sell_out_s: ended === 'sold out' ? (last - startsAt) / 1000 : null,
      ended,
      samples,
      client_cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
    };
  } finally {
    clearInterval(timer);
    for (const socket of sockets) socket.close();
    client.close();
  }
}

function order(client, args, buyer, admission) {
  return client.request('POST', '/api/orders', {
    body: {
      lines: [{ sku: args.sku, qty: 1 }],
      fulfillment: { type: 'pickup', locationId: args.locationId },
      customer: { name: `Buyer ${buyer.i}`, email: buyer.email },
      payment: 'at_pickup',
    },
    headers: { 'idempotency-key': randomUUID(), 'x-flash-sale-admission': admission },
  });
}
