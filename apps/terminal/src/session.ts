import type { LoginResponse, UserView } from '../../../libs/contracts/src';

const SESSION_KEY = 'o2o.terminal.session';
const LOCATION_KEY = 'o2o.terminal.location';

export interface Session {
  token: string;
  expiresAt: string;
  user: UserView;
}

/** The signed-in clerk, kept across reloads of the tablet until the token expires. */
export function loadSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    if (!session || new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(login: LoginResponse): Session {
  const session = { token: login.accessToken, expiresAt: login.expiresAt, user: login.user };
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  localStorage.removeItem(SESSION_KEY);
}

export function loadLocationChoice(): string | null {
  return localStorage.getItem(LOCATION_KEY);
}

export function saveLocationChoice(locationId: string): void {
  localStorage.setItem(LOCATION_KEY, locationId);
}
