import { HttpException } from '@nestjs/common';
import { ERROR_STATUS, ErrorBody, ErrorCode, ErrorDetails, NotFoundDetails } from '@o2o/contracts';

/**
 * A failure the contract names. Services throw it for business outcomes (short stock, a transition
 * not allowed, a resource out of scope); the global filter answers it as the contract's error shape.
 * `details` has the shape the contract names for its code (ErrorDetailsByCode).
 */
export class AppError<C extends ErrorCode = ErrorCode> extends HttpException {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: ErrorDetails<C>,
  ) {
    super(message, ERROR_STATUS[code]);
  }

  /** An error answer read back (e.g. a stored idempotent response), thrown again as it was. */
  static fromBody(body: ErrorBody): AppError {
    return new AppError(body.code, body.message, body.details as ErrorDetails<ErrorCode>);
  }

  toBody(): ErrorBody<C> {
    const body = { statusCode: this.getStatus(), code: this.code, message: this.message } as ErrorBody<C>;
    if (this.details) body.details = this.details;
    return body;
  }

  static notFound(what: string, details?: NotFoundDetails): AppError<'NOT_FOUND'> {
    return new AppError('NOT_FOUND', `${what} not found`, details);
  }

  static forbidden(message = 'You may not act here'): AppError<'FORBIDDEN'> {
    return new AppError('FORBIDDEN', message);
  }

  static invalid(field: string, error: string): AppError<'VALIDATION_FAILED'> {
    return new AppError('VALIDATION_FAILED', `${field} ${error}`, { fields: [{ field, errors: [error] }] });
  }

  static invalidTransition(from: string, action: string): AppError<'INVALID_TRANSITION'> {
    return new AppError('INVALID_TRANSITION', `Cannot ${action} an order that is ${from}`, { from, action });
  }
}
