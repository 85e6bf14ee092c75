import type { Logger } from '@nestjs/common';
import type { ErrorBody } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { errorBody } from '../common/error.filter';

/** A failure answered in a socket ack, in the contract's error shape (unexpected ones are logged, 500). */
export function toAckError(error: unknown, logger: Logger): ErrorBody {
  if (!(error instanceof AppError)) logger.error(error, 'socket request failed');
  return errorBody(error);
}

/**
 * A refused handshake: socket.io clients get `connect_error` with this message, and the contract's
 * error body (UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED) in `error.data`.
 */
export function toConnectError(error: unknown, logger: Logger): Error & { data: ErrorBody } {
  const body = toAckError(error, logger);
  return Object.assign(new Error(body.message), { data: body });
}
