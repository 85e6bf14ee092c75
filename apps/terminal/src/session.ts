import { sessionStore } from '../../shared/session';

const LOCATION_KEY = 'o2o.terminal.location';

/** The signed-in clerk, kept across reloads of the tablet until the token expires. */
export const terminalSession = sessionStore('o2o.terminal.session');

export function loadLocationChoice(): string | null {
  return localStorage.getItem(LOCATION_KEY);
}

export function saveLocationChoice(locationId: string): void {
  localStorage.setItem(LOCATION_KEY, locationId);
}
