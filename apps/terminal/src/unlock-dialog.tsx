import { useState } from 'preact/hooks';
import type { LoginResponse, OrderView } from '@o2o/contracts';
import { api, describeError } from '../../shared/api';
import { useTerminal } from './context';
import { Dialog } from './dialog';

/**
 * A manager unlocks an order locked by wrong codes, with a reason. A clerk's terminal asks for the
 * manager's sign-in for this one action (a manager override), without signing the clerk out.
 */
export function UnlockDialog(props: {
  order: OrderView;
  onClose: () => void;
  onUnlocked: (order: OrderView) => void;
}) {
  const { call, session, location } = useTerminal();
  const isManager = session.user.role === 'manager' || session.user.role === 'admin';
  const [reason, setReason] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { reason: reason.trim() };
      const path = `/orders/${props.order.id}/unlock`;
      props.onUnlocked(
        isManager
          ? await call<OrderView>(path, { body })
          : await api<OrderView>(path, { body, token: await managerToken(email, password, location.id) }),
      );
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Unlock order #${props.order.number}`} onClose={props.onClose}>
      <form class="dialog-form" onSubmit={unlock}>
        <label>
          Reason
          <input
            data-testid="unlock-reason"
            required
            maxLength={200}
            placeholder="e.g. ID checked: passport"
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
        {!isManager && (
          <>
            <p class="muted">A manager signs in for this unlock only.</p>
            <label>
              Manager's email
              <input
                type="email"
                autoComplete="off"
                required
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            </label>
            <label>
              Manager's password
              <input
                type="password"
                autoComplete="off"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </label>
          </>
        )}
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          <button data-testid="unlock-confirm" type="submit" disabled={busy || !reason.trim()}>
            Unlock order
          </button>
          <button type="button" class="secondary" onClick={props.onClose}>
            Back
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A manager's token for one action at this store; a clerk's or another store's account is refused. */
async function managerToken(email: string, password: string, locationId: string): Promise<string> {
  const login = await api<LoginResponse>('/auth/login', { body: { email, password } });
  const { role, locationIds } = login.user;
  if (role !== 'admin' && !(role === 'manager' && locationIds.includes(locationId))) {
    throw new Error('That account is not a manager of this store.');
  }
  return login.accessToken;
}
