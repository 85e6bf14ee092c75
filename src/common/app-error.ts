import { HttpException } from '@nestjs/common';
import { ERROR_STATUS, ErrorBody, ErrorCode } from '../../libs/contracts/src';

/**
 * A failure the contract names. Services throw it for business outcomes (short stock, a transition
 * not allowed, a resource out of scope); the global filter answers it as the contract's error shape.
 */
export class AppError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message, ERROR_STATUS[code]);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { statusCode: this.getStatus(), code: this.code, message: this.message };
    if (this.details) body.details = this.details;
    return body;
  }

  static notFound(what: string, details?: Record<string, unknown>): AppError {
    return new AppError('NOT_FOUND', `${what} not found`, details);
  }

  static forbidden(message = 'You may not act here'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static invalid(field: string, error: string): AppError {
    return new AppError('VALIDATION_FAILED', `${field} ${error}`, { fields: [{ field, errors: [error] }] });
  }

  static invalidTransition(from: string, action: string): AppError {
    return new AppError('INVALID_TRANSITION', `Cannot ${action} an order that is ${from}`, { from, action });
  }
}
