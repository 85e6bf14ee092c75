import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LocationView } from '../../../libs/contracts/src';
import { api, type RequestOptions } from '../../shared/api';
import type { LiveFeed } from './live-feed';
import type { Session } from './session';

/** What every screen of the terminal works with: who, where, the live feed, and an authorised fetch. */
export interface Terminal {
  session: Session;
  location: LocationView;
  locations: LocationView[];
  feed: LiveFeed;
  call<T>(path: string, options?: Omit<RequestOptions, 'token'>): Promise<T>;
}

export const TerminalContext = createContext<Terminal | null>(null);

export function useTerminal(): Terminal {
  const terminal = useContext(TerminalContext);
  if (!terminal) throw new Error('useTerminal outside the terminal shell');
  return terminal;
}

export function authorisedCall(session: Session) {
  return <T>(path: string, options: Omit<RequestOptions, 'token'> = {}) =>
    api<T>(path, { ...options, token: session.token });
}
