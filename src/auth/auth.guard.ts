import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest as Request } from 'fastify';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { ACCESS_KEY, AccessRule, canActAt, LocationSource } from './access';
import { AuthService } from './auth.service';

/** Global guard: verifies the bearer token, then applies the route's @Access rule or @Public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw AppError.forbidden('This route declares no access rule');
    const header = request.headers.authorization;
    // Without a token there is nothing to wait for: the busiest public reads are answered at once.
    if (!header) return this.admit(request, rule, undefined);
    return this.auth.verifyBearer(header).then((user) => this.admit(request, rule, user));
  }

  private admit(request: Request, rule: AccessRule, user: AuthUser | undefined): boolean {
    request.user = user;
    if (rule.roles === null) return true;
    if (!user)
      throw new AppError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <accessToken>');
    if (user.role !== 'admin' && !rule.roles.includes(user.role)) {
      throw AppError.forbidden(`This needs one of the roles: ${rule.roles.join(', ')}`);
    }
    if (rule.location && !canActAt(user, readLocation(request, rule.location))) {
      throw AppError.forbidden('You are not staff of this location');
    }
    return true;
  }
}

/**
 * The location id the rule names. Guards run before validation pipes, so a missing or non-text value
 * (an array, a repeated query parameter) is refused here: it must never skip the scope check.
 */
function readLocation(request: Request, source: LocationSource): string {
  const [field, value] =
    'param' in source
      ? [source.param, (request.params as Record<string, unknown>)[source.param]]
      : 'query' in source
        ? [source.query, (request.query as Record<string, unknown>)[source.query]]
        : [source.body, (request.body as Record<string, unknown> | undefined)?.[source.body]];
  if (typeof value !== 'string' || !value) throw AppError.invalid(field, 'must be a location id');
  return value;
}
