import { randomUUID } from 'node:crypto';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';
import { requestContext } from './request-context';

const SANE_REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * Gives every request an id (or keeps a sane incoming X-Request-Id), answered in X-Request-Id even on
 * errors and 404s, and runs the route inside the request's context.
 */
export function registerRequestContext(server: FastifyInstance): void {
  server.addHook('onRequest', (request, reply, done) => {
    const incoming = request.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    request.headers['x-request-id'] = requestId;
    void reply.header('X-Request-Id', requestId);
    done();
  });
  // Entered after the body is read: the route (guards, pipes, handler, filters) runs inside it.
  server.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ requestId: request.headers['x-request-id'] as string }, done);
  });
}

/** JSON bodies, where an empty body means no body (as a POST without one), not a parse error. */
export function jsonBodyParser(server: FastifyInstance): FastifyBodyParser<Buffer> {
  const parseJson = server.getDefaultJsonParser('error', 'error');
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
