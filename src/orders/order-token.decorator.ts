import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/app-error';

export const ORDER_TOKEN_HEADER = 'x-order-token';

/**
 * The guest's orderToken, from the X-Order-Token header or the `token` query parameter (for links).
 * Given twice in the query it arrives as a list, which is refused rather than taken as a token.
 */
export const OrderToken = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const header = request.headers[ORDER_TOKEN_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.token;
  const token = header ?? query;
  if (token !== undefined && typeof token !== 'string') {
    throw AppError.invalid('token', 'must be given once, as text');
  }
  return token;
});
