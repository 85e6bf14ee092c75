import { STAFF_ROLES, type LocationView, type Page, type Role, type UserView } from '@o2o/contracts';
import { useAction, useLoad } from '../../shared/hooks';
import { useBackOffice } from './session';
import { StaffInvite } from './staff-invite';

/**
 * Staff accounts: role, stores and active, each change saved at once. The server refuses the old
 * tokens of the person changed, so a deactivated clerk is signed out of their terminal straight away.
 */
export function StaffScreen() {
  const { call } = useBackOffice();
  const staff = useLoad(() => call<Page<UserView>>('/users?limit=200'), []);
  const locations = useLoad(() => call<Page<LocationView>>('/locations?limit=500'), []);
  const replace = (user: UserView) =>
    staff.setValue((page) =>
      page ? { ...page, items: page.items.map((u) => (u.id === user.id ? user : u)) } : page,
    );
  if (staff.error) return <p class="notice error">{staff.error}</p>;
  return (
    <section class="card">
      <h2>Staff</h2>
      <StaffInvite
        locations={locations.value?.items ?? []}
        onCreated={(user) =>
          staff.setValue((page) => (page ? { ...page, items: [user, ...page.items] } : page))
        }
      />
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Stores</th>
            <th>Account</th>
          </tr>
        </thead>
        <tbody>
          {staff.value?.items
            .filter((user) => user.role !== 'customer')
            .map((user) => (
              <StaffRow
                key={user.id}
                user={user}
                locations={locations.value?.items ?? []}
                onSaved={replace}
              />
            ))}
        </tbody>
      </table>
    </section>
  );
}

function StaffRow(props: { user: UserView; locations: LocationView[]; onSaved: (user: UserView) => void }) {
  const { call, session } = useBackOffice();
  const { busy, error, run } = useAction();
  const { user } = props;
  const itsMe = user.id === session.user.id;
  const save = (change: { role?: Role; locationIds?: string[]; active?: boolean }) =>
    run(async () =>
      props.onSaved(await call<UserView>(`/users/${user.id}`, { method: 'PATCH', body: change })),
    );
  const toggleStore = (id: string, on: boolean) =>
    save({ locationIds: on ? [...user.locationIds, id] : user.locationIds.filter((l) => l !== id) });
  return (
    <tr data-testid="staff-row" data-user-id={user.id} class={user.active ? undefined : 'inactive'}>
      <td>{user.name}</td>
      <td class="wrap">{user.email}</td>
      <td>
        <select
          aria-label={`Role of ${user.email}`}
          value={user.role}
          disabled={busy || itsMe}
          onChange={(e) => void save({ role: e.currentTarget.value as Role })}
        >
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td>
        <div class="store-checks">
          {props.locations.map((l) => (
            <label key={l.id} class="check">
              <input
                type="checkbox"
                checked={user.locationIds.includes(l.id)}
                disabled={busy || itsMe}
                onChange={(e) => void toggleStore(l.id, e.currentTarget.checked)}
              />
              {l.code}
            </label>
          ))}
        </div>
        {error && <p class="notice error">{error}</p>}
      </td>
      <td>
        <button
          data-testid={user.active ? 'staff-deactivate' : 'staff-activate'}
          class={user.active ? 'danger small' : 'secondary small'}
          disabled={busy || itsMe}
          onClick={() => void save({ active: !user.active })}
        >
          {user.active ? 'Deactivate' : 'Reactivate'}
        </button>
      </td>
    </tr>
  );
}
