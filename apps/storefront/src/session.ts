import { useEffect, useState } from 'preact/hooks';
import type { LoginResponse, UserView } from '@o2o/contracts';

/** The signed-in shopper on this device: their access token and account, until it expires or they sign out. */
export interface Session {
  accessToken: string;
  expiresAt: string;
  user: UserView;
}

const SESSION_KEY = 'o2o.shop.session';
const listeners = new Set<() => void>();

export function loadSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return session && new Date(session.expiresAt).getTime() > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: LoginResponse | Session | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
  listeners.forEach((listener) => listener());
}

/** The session, kept current when the shopper signs in or out (in this tab). */
export function useSession(): Session | null {
  const [session, setSession] = useState(loadSession);
  useEffect(() => {
    const update = () => setSession(loadSession());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return session;
}
