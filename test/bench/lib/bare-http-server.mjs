/**
 * The machine's HTTP ceiling: a bare node:http server answering a small JSON body, nothing else.
 * Forked by the limit-http benchmark; tells its parent the port it listens on.
 */
import { Buffer } from 'node:buffer';
import http from 'node:http';
import process from 'node:process';

const body = JSON.stringify({
  sku: 'BENCH-0001',
  online: 12,
  locations: [{ locationId: 'a', available: 12, pickup: true }],
});

const server = http.createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: server.address().port }));
process.on('disconnect', () => process.exit(0));
