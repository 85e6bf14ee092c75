import type { LoginResponse, UserView } from '@o2o/contracts';
import { api, type RequestOptions } from './api';

export interface Session {
  token: string;
  expiresAt: string;
  user: UserView;
}

/** A fetch that carries the signed-in person's token. */
export type AuthorisedCall = <T>(path: string, options?: Omit<RequestOptions, 'token'>) => Promise<T>;

/** The signed-in person of one app, kept in this browser under `key` across reloads until the token expires. */
export function sessionStore(key: string) {
  return {
    load(): Session | null {
      try {
        const session = JSON.parse(localStorage.getItem(key) ?? 'null') as Session | null;
        if (!session || new Date(session.expiresAt).getTime() <= Date.now()) return null;
        return session;
      } catch {
        return null;
      }
    },
    save(login: LoginResponse): Session {
      const session = { token: login.accessToken, expiresAt: login.expiresAt, user: login.user };
      localStorage.setItem(key, JSON.stringify(session));
      return session;
    },
    clear(): void {
      localStorage.removeItem(key);
    },
  };
}

export function authorisedCall(session: Session): AuthorisedCall {
  return <T>(path: string, options: Omit<RequestOptions, 'token'> = {}) =>
    api<T>(path, { ...options, token: session.token });
}
