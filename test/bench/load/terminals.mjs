/**
 * Store terminals: many /terminal sockets, each signed in as a clerk of one location. Records when
 * each `order.created` event reaches each socket and checks every socket's `seq` runs without a gap.
 * Protocol with the harness: connect all → send {type:'ready'} → wait for {type:'finish', orders,
 * graceMs} (the 201s: orderId, locationId, at) → answer latencies from each 201 to each socket.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { io as connect } from 'socket.io-client';
import { nowMs } from '../lib/http-client.mjs';
import { latencySummary } from '../lib/report.mjs';

const CONNECT_BATCH = 50;

/**
 * @param {{ url: string, sockets: Array<{ token: string, locationId: string }> }} args
 * @param {{ progress(text: string): void, send(m: object): void, next(type: string): Promise<any> }} io
 */
export async function run(args, io) {
  const terminals = [];
  for (let i = 0; i < args.sockets.length; i += CONNECT_BATCH) {
    const batch = args.sockets.slice(i, i + CONNECT_BATCH).map((s) => openTerminal(args.url, s));
    terminals.push(...(await Promise.all(batch)));
    io.progress(`${terminals.length}/${args.sockets.length} terminals connected`);
  }
  io.send({ type: 'ready', connected: terminals.length });

  const { orders, graceMs } = await io.next('finish');
  const expected = (t) => orders.filter((o) => o.locationId === t.locationId);
  const deadline = Date.now() + graceMs;
  while (
    Date.now() < deadline &&
    terminals.some((t) => expected(t).some((o) => !t.arrivals.has(o.orderId)))
  ) {
    await sleep(50);
  }

  const latencies = [];
  let missed = 0;
  let before201 = 0;
  for (const terminal of terminals) {
    for (const order of expected(terminal)) {
      const arrived = terminal.arrivals.get(order.orderId);
      if (arrived === undefined) {
        missed++;
        continue;
      }
      // An event can reach a terminal before the shopper's 201 does: the order was known there first.
      if (arrived < order.at) before201++;
      latencies.push(Math.max(0, arrived - order.at));
    }
  }
  for (const terminal of terminals) {
    terminal.closing = true;
    terminal.socket.close();
  }
  return {
    sockets: terminals.length,
    deliveries: latencies.length,
    ...latencySummary(latencies),
    missed,
    seq_gaps: terminals.reduce((sum, t) => sum + t.gaps, 0),
    before_201: before201,
    disconnects: terminals.reduce((sum, t) => sum + t.disconnects, 0),
  };
}

/** One terminal: its socket, when each order.created reached it, and gaps in its seq. */
function openTerminal(url, { token, locationId }) {
  const terminal = {
    locationId,
    socket: null,
    arrivals: new Map(),
    lastSeq: new Map(),
    gaps: 0,
    disconnects: 0,
    closing: false,
  };
  const socket = connect(`${url}/terminal`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: true,
  });
  terminal.socket = socket;
  socket.onAny((type, event) => {
    const at = nowMs();
    if (!event || typeof event.seq !== 'number') return;
    const last = terminal.lastSeq.get(event.locationId);
    if (last !== undefined && event.seq !== last + 1) terminal.gaps++;
    terminal.lastSeq.set(event.locationId, event.seq);
    if (type === 'order.created' && event.data?.orderId) terminal.arrivals.set(event.data.orderId, at);
  });
  socket.on('disconnect', () => {
    if (!terminal.closing) terminal.disconnects++;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(terminal));
    socket.once('connect_error', (error) => reject(new Error(`terminal socket refused: ${error.message}`)));
  });
}
