import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest as Request } from 'fastify';
import { ErrorBody, ErrorCode } from '@o2o/contracts';
import { AppError } from './app-error';
import { pathOf } from './http-hooks';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const logger = new Logger('Errors');

/** Answers every failure in the contract's error shape. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly httpAdapter: AbstractHttpAdapter) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const response: unknown = http.getResponse();
    const request = http.getRequest<Request>();
    const body = errorBody(error, request);
    if (this.httpAdapter.isHeadersSent(response)) return;
    this.httpAdapter.setHeader(response, 'X-Request-Id', request.id);
    this.httpAdapter.reply(response, body, body.statusCode);
  }
}

/**
 * Fastify's router refuses a malformed URL (bad percent-encoding) or an over-long path parameter before
 * any route, hook or Nest filter runs: answered here in the contract's shape, with the request id.
 */
export function answerFrameworkError(error: Error, request: Request, reply: FastifyReply): void {
  const body = errorBody(error, request);
  void reply.header('X-Request-Id', request.id).status(body.statusCode).send(body);
}

/**
 * Node's HTTP parser refuses a request before Fastify has one: headers (URL included) past 16 KB, a
 * request too slow to arrive, bytes that are not HTTP. Answered in the contract's shape, then closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = clientErrorBody(error.code);
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
    );
  }
  socket.destroy();
}

function clientErrorBody(code: string | undefined): ErrorBody {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message: 'The URL and headers are too large (16 KB at most)',
    };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { statusCode: 408, code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' };
  }
  return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request is not valid HTTP' };
}

/** The contract's error shape for any failure. Anything unexpected is logged and answered 500. */
export function errorBody(error: unknown, request?: Request): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  const routerError = routerErrorBody(error, request);
  if (routerError) return routerError;
  if (error instanceof ThrottlerException) {
    return {
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: 'Too many requests: slow down and try again shortly',
    };
  }
  const parserError = bodyParserError(error);
  if (parserError) return parserError;
  if (error instanceof HttpException && error.getStatus() < 500 && CODE_BY_STATUS[error.getStatus()]) {
    const code = CODE_BY_STATUS[error.getStatus()];
    const message = code === 'NOT_FOUND' && request ? noRoute(request) : plainMessage(error);
    return new AppError(code, message).toBody();
  }
  if (error instanceof HttpException && error.getStatus() === 503) {
    const details = error.getResponse();
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'A service this depends on is down',
      details: typeof details === 'object' ? (details as Record<string, unknown>) : undefined,
    };
  }
  const requestId = request?.id;
  logger.error({ err: error, requestId }, 'unexpected error');
  return {
    statusCode: 500,
    code: 'INTERNAL_ERROR',
    message: 'Something went wrong on our side; it has been logged',
    details: { requestId },
  };
}

/** Errors from reading the body (Fastify's, which Nest wraps in an HttpException with the cause). */
function bodyParserError(error: unknown): ErrorBody | null {
  const cause = error instanceof HttpException ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('FST_ERR_CTP_')) return null;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY') return invalidJson();
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      statusCode: HttpStatus.BAD_REQUEST,
      code: 'VALIDATION_FAILED',
      message: 'Send the request body as JSON (Content-Type: application/json)',
      details: { fields: [{ field: 'body', errors: ['must be JSON'] }] },
    };
  }
  return {
    statusCode: HttpStatus.BAD_REQUEST,
    code: 'VALIDATION_FAILED',
    message: `The request body could not be read (${code})`,
  };
}

/** The router's refusals: a URL that cannot be decoded, or a path parameter longer than any id. */
function routerErrorBody(error: unknown, request?: Request): ErrorBody | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_ERR_BAD_URL') {
    return {
      statusCode: HttpStatus.BAD_REQUEST,
      code: 'VALIDATION_FAILED',
      message: 'The URL is not valid: a % must start an escape such as %20',
      details: { fields: [{ field: 'path', errors: ['must be a valid URL (percent-encoding)'] }] },
    };
  }
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') {
    // No id is that long: nothing is there, like any other unknown id.
    return {
      statusCode: HttpStatus.NOT_FOUND,
      code: 'NOT_FOUND',
      message: request ? noRoute(request) : 'Not found',
    };
  }
  return null;
}

const PATH_SHOWN = 100;

function noRoute(request: Request): string {
  const path = pathOf(request);
  return `No route for ${request.method} ${path.length > PATH_SHOWN ? `${path.slice(0, PATH_SHOWN)}…` : path}`;
}

function invalidJson(): ErrorBody {
  return {
    statusCode: HttpStatus.BAD_REQUEST,
    code: 'VALIDATION_FAILED',
    message: 'The request body is not valid JSON',
    details: { fields: [{ field: 'body', errors: ['must be valid JSON'] }] },
  };
}

function plainMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}
