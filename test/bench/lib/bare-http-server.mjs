/**
 * The machine's HTTP ceiling: a bare node:http server answering a small JSON body, nothing else (a POST
 * is read to its end first). Forked by the limit-http benchmarks; tells its parent the port it listens
 * on. Its listen backlog is the app server's, so that a burst of connections meets the same kernel queue.
 */
import { Buffer } from 'node:buffer';
import http from 'node:http';
import process from 'node:process';

const body = JSON.stringify({
  sku: 'BENCH-0001',
  online: 12,
  locations: [{ locationId: 'a', available: 12, pickup: true }],
});

const server = http.createServer((request, response) => {
  const answer = () => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  };
  if (request.method === 'GET') return answer();
  request.resume();
  request.once('end', answer);
});
server.keepAliveTimeout = 65_000;
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () =>
  process.send?.({ type: 'listening', port: server.address().port }),
);
process.on('disconnect', () => process.exit(0));
