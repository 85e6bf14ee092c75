import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';

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
    parseJson(request, body.toString('utf8'), done);
  };
}

/** The request's path, without its query string. */
export function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
}
