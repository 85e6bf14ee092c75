/**
 * Click-and-collect orders as shoppers place them: every request a full POST /api/orders with a fresh
 * Idempotency-Key. Three shapes of load:
 * - burst: `buyers` shoppers all at once, one order each (the flash sale);
 * - closed: `concurrency` shoppers, each placing its next order as soon as the last is answered, for
 *   `durationSeconds` (orders at scale);
 * - rate: `ratePerSecond` orders started on a fixed schedule for `durationSeconds`, however the server
 *   keeps up (terminal sync), answering every 201 with the instant it arrived.
 */
import { randomUUID } from 'node:crypto';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHttpClient } from '../lib/http-client.mjs';
import { latencySummary } from '../lib/report.mjs';

/**
 * @typedef {{ sku: string, locationId: string }} Offer a SKU that can be ordered for pickup at a location
 * @typedef {{ url: string, mode: 'burst' | 'closed' | 'rate', offers: Offer[], linesPerOrder?: [number, number],
 *             buyers?: number, concurrency?: number, durationSeconds?: number, ratePerSecond?: number,
 *             keepCreated?: boolean }} OrdersArgs
 */

/** @param {OrdersArgs} args @param {{ progress(text: string): void }} io */
export async function run(args, io) {
  const connections = args.mode === 'burst' ? args.buyers : args.mode === 'closed' ? args.concurrency : 256;
  const client = createHttpClient(args.url, { connections });
  const tally = new Tally(args.keepCreated);
  const started = Date.now();
  const timer = setInterval(() => io.progress(tally.line(started, args)), 250);
  try {
    if (args.mode === 'burst') await burst(args, client, tally);
    else if (args.mode === 'closed') await closed(args, client, tally);
    else await atRate(args, client, tally);
  } finally {
    clearInterval(timer);
    client.close();
  }
  return tally.result((Date.now() - started) / 1000);
}

async function burst(args, client, tally) {
  await Promise.all(Array.from({ length: args.buyers }, () => placeOne(args, client, tally)));
}

async function closed(args, client, tally) {
  const until = Date.now() + args.durationSeconds * 1000;
  const shopper = async () => {
    while (Date.now() < until) await placeOne(args, client, tally);
  };
  await Promise.all(Array.from({ length: args.concurrency }, shopper));
}

async function atRate(args, client, tally) {
  const count = Math.round(args.ratePerSecond * args.durationSeconds);
  const interval = 1000 / args.ratePerSecond;
  const start = Date.now();
  const inFlight = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    if (due > Date.now()) await sleep(due - Date.now());
    inFlight.push(placeOne(args, client, tally));
  }
  await Promise.all(inFlight);
}

/** One shopper's order: random offers (all at one location, as a pickup must be). */
function orderBody(offers, [min, max] = [1, 1]) {
  const first = offers[Math.floor(Math.random() * offers.length)];
  const count = min + Math.floor(Math.random() * (max - min + 1));
  const here = count > 1 ? offers.filter((o) => o.locationId === first.locationId) : [first];
  const skus = new Set([first.sku]);
  for (let tries = 0; skus.size < count && tries < count * 4; tries++) {
    skus.add(here[Math.floor(Math.random() * here.length)].sku);
  }
  const n = randomUUID().slice(0, 8);
  return {
    lines: [...skus].map((sku) => ({ sku, qty: 1 })),
    fulfillment: { type: 'pickup', locationId: first.locationId },
    customer: { name: `Shopper ${n}`, email: `shopper-${n}@bench.example.com` },
    payment: 'at_pickup',
  };
}

async function placeOne(args, client, tally) {
  const body = orderBody(args.offers, args.linesPerOrder);
  const answer = await client.request('POST', '/api/orders', {
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
  tally.add(answer, body);
}

class Tally {
  constructor(keepCreated = false) {
    this.keepCreated = keepCreated;
    this.latencies = [];
    this.created = 0;
    this.rejected = 0;
    this.errors5xx = 0;
    this.other = 0;
    this.network = 0;
    /** @type {Record<string, number>} units ordered per `${locationId}|${sku}` by orders that got a 201 */
    this.units = {};
    /** @type {Array<{ orderId: string, locationId: string, at: number }>} */
    this.createdOrders = [];
    /** @type {Record<string, unknown>} the first answer of each unexpected kind, for the report */
    this.samples = {};
  }

  add(answer, body) {
    this.latencies.push(answer.ms);
    if (answer.status === 201) {
      this.created++;
      const locationId = body.fulfillment.locationId;
      for (const line of body.lines) {
        const key = `${locationId}|${line.sku}`;
        this.units[key] = (this.units[key] ?? 0) + line.qty;
      }
      if (this.keepCreated) this.createdOrders.push({ orderId: answer.body.id, locationId, at: answer.at });
      return;
    }
    if (answer.status === 409 && answer.body?.code === 'INSUFFICIENT_STOCK') this.rejected++;
    else if (answer.status >= 500) this.errors5xx++;
    else if (answer.status === 0) this.network++;
    else this.other++;
    if (answer.status !== 409) this.samples[String(answer.status)] ??= answer.body;
  }

  line(started, args) {
    const seconds = (Date.now() - started) / 1000;
    const target = args.mode === 'burst' ? `/${args.buyers}` : '';
    const answered = this.latencies.length;
    return `${answered}${target} answered in ${seconds.toFixed(1)} s: ${this.created} created, ${this.rejected} out of stock, ${this.errors5xx} 5xx`;
  }

  result(seconds) {
    const answered = this.latencies.length;
    return {
      seconds,
      answered,
      orders_per_s: Math.round(answered / seconds),
      created_per_s: Math.round(this.created / seconds),
      ...latencySummary(this.latencies),
      created: this.created,
      rejected: this.rejected,
      errors_5xx: this.errors5xx,
      other_4xx: this.other,
      network_errors: this.network,
      units: this.units,
      createdOrders: this.createdOrders,
      samples: this.samples,
    };
  }
}
