import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LocationView } from '@o2o/contracts';
import type { AuthorisedCall, Session } from '../../shared/session';
import type { LiveFeed } from './live-feed';

/** What every screen of the terminal works with: who, where, the live feed, and an authorised fetch. */
export interface Terminal {
  session: Session;
  location: LocationView;
  /** The stores this person works at (a switcher shows them when there are several). */
  locations: LocationView[];
  /** Every location of the retailer: where stock can be sent or a customer's order placed. */
  allLocations: LocationView[];
  feed: LiveFeed;
  call: AuthorisedCall;
}

export const TerminalContext = createContext<Terminal | null>(null);

export function useTerminal(): Terminal {
  const terminal = useContext(TerminalContext);
  if (!terminal) throw new Error('useTerminal outside the terminal shell');
  return terminal;
}
