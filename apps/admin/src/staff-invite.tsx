import { useState } from 'preact/hooks';
import { STAFF_ROLES, type LocationView, type Role, type UserView } from '@o2o/contracts';
import { useAction } from '../../shared/hooks';
import { useBackOffice } from './session';

/**
 * A new clerk or manager with their stores and a first password to hand over. A manager invites for
 * their own stores only (the server refuses anything wider).
 */
export function StaffInvite(props: { locations: LocationView[]; onCreated: (user: UserView) => void }) {
  const { call, session } = useBackOffice();
  const { busy, error, run } = useAction();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [stores, setStores] = useState<string[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const admin = session.user.role === 'admin';
  const roles = STAFF_ROLES.filter((r) => admin || r !== 'admin');
  const mine = props.locations.filter((l) => admin || session.user.locationIds.includes(l.id));
  const invite = (event: Event) => {
    event.preventDefault();
    setCreated(null);
    return run(async () => {
      const user = await call<UserView>('/users', {
        body: { name: name.trim(), email: email.trim(), password, role, locationIds: stores },
      });
      props.onCreated(user);
      setCreated(user.email);
      setName('');
      setEmail('');
      setPassword('');
      setStores([]);
    });
  };
  return (
    <form class="editor invite" onSubmit={(e) => void invite(e)} aria-label="Add a person">
      <h3>Add a person</h3>
      <div class="row filters">
        <label>
          Name
          <input
            data-testid="invite-name"
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          Email
          <input
            data-testid="invite-email"
            type="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          First password (8 or more characters)
          <input
            data-testid="invite-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <label>
          Role
          <select
            data-testid="invite-role"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="store-checks">
        {mine.map((l) => (
          <label key={l.id} class="check">
            <input
              type="checkbox"
              data-testid="invite-store"
              data-location-id={l.id}
              checked={stores.includes(l.id)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setStores((all) => (on ? [...all, l.id] : all.filter((id) => id !== l.id)));
              }}
            />
            {l.name}
          </label>
        ))}
      </div>
      {error && <p class="notice error">{error}</p>}
      {created && !error && <p class="notice info">{created} can sign in now.</p>}
      <button data-testid="invite-submit" type="submit" disabled={busy}>
        {busy ? 'Adding…' : 'Add'}
      </button>
    </form>
  );
}
