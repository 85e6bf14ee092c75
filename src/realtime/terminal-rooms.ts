import type { TerminalEvent } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';

/** The room an admin watching every location sits in. */
export const ALL_LOCATIONS_ROOM = 'locations:all';

export function locationRoom(locationId: string): string {
  return `location:${locationId}`;
}

/** Every terminal socket of one account, so that a change of its access reaches them all. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

export function skuRoom(sku: string): string {
  return `sku:${sku}`;
}

/** Every room that must get an event: its location's and the admins' all-locations room. */
export function roomsOfEvent(event: Pick<TerminalEvent, 'locationId'>): string[] {
  return [locationRoom(event.locationId), ALL_LOCATIONS_ROOM];
}

/**
 * The rooms a terminal joins when it connects. Managers and clerks get their locations (or the ones
 * they ask for, which must be theirs); an admin gets every location unless it names some.
 */
export function roomsOnConnect(user: AuthUser, requested?: string[]): string[] {
  if (user.role === 'admin') return requested?.length ? requested.map(locationRoom) : [ALL_LOCATIONS_ROOM];
  if (!['manager', 'clerk'].includes(user.role)) throw AppError.forbidden('Terminals are for staff only');
  const outside = requested?.filter((id) => !user.locationIds.includes(id)) ?? [];
  if (outside.length)
    throw new AppError('FORBIDDEN', 'You are not staff of these locations', { locationIds: outside });
  return (requested?.length ? requested : user.locationIds).map(locationRoom);
}
