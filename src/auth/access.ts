import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';

export const ACCESS_KEY = 'o2o:access';

/** Where a route finds the location that scopes it. */
export type LocationSource = { param: string } | { body: string } | { query: string };

export interface AccessRule {
  /** null: anyone, with or without a token. Admins pass every role check. */
  roles: Role[] | null;
  location?: LocationSource;
}

export const STAFF: Role[] = ['admin', 'manager', 'clerk'];
export const MANAGERS: Role[] = ['admin', 'manager'];

/** Anyone may call this route; a token, if sent, is still verified and identifies the caller. */
export const Public = () => SetMetadata(ACCESS_KEY, { roles: null } satisfies AccessRule);

/**
 * Who may call this route, and which request value names the location they must be staff of.
 * Every route either has this or @Public(); the guard refuses routes that have neither.
 */
export function Access(roles: Role[], location?: LocationSource) {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { roles, location } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid access token' }),
    ApiForbiddenResponse({ description: 'FORBIDDEN: role or location out of scope' }),
  );
}

export function isStaff(user: AuthUser | undefined): user is AuthUser {
  return !!user && STAFF.includes(user.role);
}

export function canActAt(user: AuthUser | undefined, locationId: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return isStaff(user) && user.locationIds.includes(locationId);
}

/** For services whose scope comes from a loaded record (an order's location, a tag's store). */
export function assertCanActAt(user: AuthUser | undefined, locationId: string): void {
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in as staff of this location');
  if (!canActAt(user, locationId)) throw AppError.forbidden('You are not staff of this location');
}
