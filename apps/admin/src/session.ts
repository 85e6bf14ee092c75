import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LoginResponse, UserView } from '../../../libs/contracts/src';
import { api, type RequestOptions } from '../../shared/api';

const SESSION_KEY = 'o2o.admin.session';

export interface Session {
  token: string;
  expiresAt: string;
  user: UserView;
}

/** The signed-in manager or admin, kept across reloads until the token expires. */
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

/** What every screen works with: who is signed in and a fetch that carries their token. */
export interface BackOffice {
  session: Session;
  call<T>(path: string, options?: Omit<RequestOptions, 'token'>): Promise<T>;
}

export const BackOfficeContext = createContext<BackOffice | null>(null);

export function useBackOffice(): BackOffice {
  const office = useContext(BackOfficeContext);
  if (!office) throw new Error('useBackOffice outside the signed-in shell');
  return office;
}

export function backOfficeFor(session: Session): BackOffice {
  return {
    session,
    call: <T>(path: string, options: Omit<RequestOptions, 'token'> = {}) =>
      api<T>(path, { ...options, token: session.token }),
  };
}
