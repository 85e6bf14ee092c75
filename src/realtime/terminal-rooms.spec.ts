import type { AuthUser } from '../common/request-context';
import { ALL_LOCATIONS_ROOM, locationRoom, roomsOfEvent, roomsOnConnect } from './terminal-rooms';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const user = (role: AuthUser['role'], locationIds: string[] = []): AuthUser => ({
  id: 'u',
  email: 'u@test.local',
  role,
  locationIds,
});

describe('terminal rooms', () => {
  it('joins clerks and managers to their own locations only', () => {
    expect(roomsOnConnect(user('clerk', [A]))).toEqual([locationRoom(A)]);
    expect(roomsOnConnect(user('manager', [A, B]))).toEqual([locationRoom(A), locationRoom(B)]);
    expect(roomsOnConnect(user('manager', [A, B]), [B])).toEqual([locationRoom(B)]);
  });

  it('refuses a location a clerk is not staff of, and customers altogether', () => {
    expect(() => roomsOnConnect(user('clerk', [A]), [B])).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => roomsOnConnect(user('customer'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('gives admins every location, or those they name', () => {
    expect(roomsOnConnect(user('admin'))).toEqual([ALL_LOCATIONS_ROOM]);
    expect(roomsOnConnect(user('admin'), [])).toEqual([ALL_LOCATIONS_ROOM]);
    expect(roomsOnConnect(user('admin'), [B])).toEqual([locationRoom(B)]);
  });

  it('sends an event to its location and to the all-locations room', () => {
    expect(roomsOfEvent({ locationId: A })).toEqual([locationRoom(A), ALL_LOCATIONS_ROOM]);
  });
});
