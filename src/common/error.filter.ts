import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ERROR_STATUS, ErrorBody, ErrorCode } from '../../libs/contracts/src';
import { AppError } from './app-error';
import { requestContext } from './request-context';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** Turns every failure into the contract's error shape. Anything unexpected is logged and answered 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const body = this.toBody(error, http.getRequest<Request>());
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  toBody(error: unknown, request?: Request): ErrorBody {
    if (error instanceof AppError) return error.toBody();
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
      const message =
        code === 'NOT_FOUND' && request
          ? `No route for ${request.method} ${request.path}`
          : plainMessage(error);
      return { statusCode: ERROR_STATUS[code], code, message };
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
    const requestId = requestContext.get()?.requestId ?? request?.headers['x-request-id'];
    this.logger.error({ err: error, requestId }, 'unexpected error');
    return {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side; it has been logged',
      details: { requestId },
    };
  }
}

/** body-parser errors come as plain errors with `type` and `status`. */
function bodyParserError(error: unknown): ErrorBody | null {
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  if (type === 'entity.too.large' || status === 413) {
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
  }
  if (type === 'entity.parse.failed') {
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request body is not valid JSON',
      details: { fields: [{ field: 'body', errors: ['must be valid JSON'] }] },
    };
  }
  if (type && status && status >= 400 && status < 500) {
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: `The request body could not be read (${type})`,
    };
  }
  return null;
}

function plainMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}
