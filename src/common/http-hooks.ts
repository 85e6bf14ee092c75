import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

const SANE_REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * The request's id (Fastify's `request.id`): a sane incoming X-Request-Id is kept, anything else gets a
 * new one. Written back to the header so that the request log reads the same id.
 */
export function requestIdOf(raw: IncomingMessage): string {
  const incoming = raw.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  raw.headers['x-request-id'] = requestId;
  return requestId;
}

/** Answers the request id in X-Request-Id (the error filter does so for failures before this point). */
export function registerRequestId(server: FastifyInstance): void {
  server.addHook('preHandler', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
}

/** JSON bodies, where an empty body means no body (as a POST without one), not a parse error. */
export function jsonBodyParser(server: FastifyInstance): FastifyBodyParser<Buffer> {
  const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = server.initialConfig;
  const parseJson = server.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);
  return (request, body, done) => {
    if (body.length === 0) return done(null, undefined);
    // Kept for webhooks, whose signature covers the bytes as sent.
    (request as FastifyRequest & { rawBody?: Buffer }).rawBody = body;
    parseJson(request, body.toString('utf8'), done);
  };
}

/** The request's path, without its query string. */
export function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
}

/** How much of a refused body is read and thrown away, and for how long, before the connection is cut. */
const LINGER_BYTES = 64 * 1024 * 1024;
const LINGER_MS = 30_000;

/**
 * A request answered before its body was read (413 too large, 400 not JSON) keeps its connection while
 * the rest of the body arrives, which is read and thrown away, up to a bound, as nginx's lingering
 * close does. Fastify marks such an answer `Connection: close`, and Node then closes the socket while
 * the client is still sending: fetch and browsers see the connection reset, never the answer.
 */
export function registerLingeringClose(server: FastifyInstance): void {
  server.addHook('onSend', (request, reply, _payload, done) => {
    if (!request.raw.complete && !request.raw.destroyed) {
      void reply.removeHeader('connection');
      discardRest(request.raw);
    }
    done();
  });
}

function discardRest(raw: IncomingMessage): void {
  let discarded = 0;
  const cut = () => raw.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS).unref();
  raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) cut();
  });
  raw.once('close', () => clearTimeout(timer));
}

/**
 * One line per request at info, written as its answer goes out: who asked what, the answer and how
 * long it took. Every route (API, pages, unknown paths) but /health, which load balancers poll.
 */
export function registerRequestLog(server: FastifyInstance, logger: Logger): void {
  server.addHook('onResponse', (request, reply, done) => {
    if (pathOf(request) !== '/health') {
      logger.info(
        { req: request, res: reply.raw, responseTime: Math.round(reply.elapsedTime) },
        'request completed',
      );
    }
    done();
  });
}
