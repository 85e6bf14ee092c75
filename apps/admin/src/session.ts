import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { authorisedCall, sessionStore, type AuthorisedCall, type Session } from '../../shared/session';

/** The signed-in manager or admin. */
export const adminSession = sessionStore('o2o.admin.session');

/** What every screen works with: who is signed in and a fetch that carries their token. */
export interface BackOffice {
  session: Session;
  call: AuthorisedCall;
}

export const BackOfficeContext = createContext<BackOffice | null>(null);

export function useBackOffice(): BackOffice {
  const office = useContext(BackOfficeContext);
  if (!office) throw new Error('useBackOffice outside the signed-in shell');
  return office;
}

export function backOfficeFor(session: Session): BackOffice {
  return { session, call: authorisedCall(session) };
}
