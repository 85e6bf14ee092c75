import { Injectable } from '@nestjs/common';
import type { Page, Role } from '@o2o/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { type AccessChange, AuthService, type NewUser } from '../auth/auth.service';
import type { User } from '../auth/user.entity';
import { AppError } from '../common/app-error';
import { decodeCursor, pageLimit, pageOf, type PageQuery } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';

/**
 * Staff accounts as managed by people. Admins manage everyone; a manager manages the clerks of their
 * own locations (and creates clerks and managers there). Every rule is checked here; the accounts
 * themselves are written by auth, which owns them.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly auth: AuthService,
    private readonly locations: LocationsService,
    private readonly audit: AuditLog,
  ) {}

  /** Creates a user for `actor`, who must be allowed to hand out that role and those locations. */
  create(actor: AuthUser, input: NewUser): Promise<User> {
    const locationIds = [...new Set(input.locationIds ?? [])];
    assertMayCreate(actor, input.role, locationIds);
    return this.uow.run(async (tx) => {
      await this.locations.getMany(locationIds, tx);
      const user = await this.auth.createUser({ ...input, locationIds });
      await this.audit.record(
        tx,
        actor,
        { entity: 'user', entityId: user.id, action: 'create' },
        {},
        accessOf(user),
      );
      return user;
    });
  }

  /** The staff `actor` may see (a manager: those sharing one of their locations), by email. */
  async list(actor: AuthUser, query: PageQuery & { locationId?: string }): Promise<Page<User>> {
    const after = decodeCursor(query.after, 1)?.[0];
    const visible = (await this.auth.staff()).filter(
      (user) =>
        (actor.role === 'admin' || user.locationIds.some((id) => actor.locationIds.includes(id))) &&
        (!query.locationId || user.locationIds.includes(query.locationId)) &&
        (after === undefined || user.email > String(after)),
    );
    const limit = pageLimit(query);
    return pageOf(visible.slice(0, limit + 1), limit, (user) => [user.email]);
  }

  /** Changes an account; a change of role, locations or active holds at once for its tokens and sockets. */
  update(actor: AuthUser, id: string, change: AccessChange): Promise<User> {
    if (!Object.values(change).some((value) => value !== undefined)) {
      throw new AppError('VALIDATION_FAILED', 'Say what to change: name, role, locationIds or active');
    }
    return this.uow.run(async (tx) => {
      const user = await this.auth.lockAccount(id);
      const next = settle(user, change);
      assertMayChange(actor, user, next);
      await this.locations.getMany(next.locationIds, tx);
      const changed = await this.auth.changeAccess(user, next);
      await this.audit.record(
        tx,
        actor,
        { entity: 'user', entityId: id, action: 'update' },
        accessOf(user),
        accessOf(changed),
      );
      return changed;
    });
  }
}

/** What the audit trail keeps of an account: never its password. */
function accessOf(user: User) {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    locationIds: user.locationIds,
    active: user.active,
  };
}

type Settled = Required<Omit<AccessChange, 'name'>> & Pick<AccessChange, 'name'>;

/** The account's role, locations and active after the change (admins and customers have no locations). */
function settle(user: User, change: AccessChange): Settled {
  const role = change.role ?? user.role;
  const locationIds =
    role === 'admin' || role === 'customer' ? [] : [...new Set(change.locationIds ?? user.locationIds)];
  if ((role === 'manager' || role === 'clerk') && !locationIds.length) {
    throw AppError.invalid('locationIds', 'must name at least one location for a manager or clerk');
  }
  return { name: change.name?.trim(), role, locationIds, active: change.active ?? user.active };
}

function assertMayChange(actor: AuthUser, user: User, next: Settled): void {
  if (actor.id === user.id && (!next.active || next.role !== user.role)) {
    throw AppError.forbidden('You cannot deactivate your own account or change your own role');
  }
  if (actor.role === 'admin') return;
  const own = (ids: string[]) => ids.every((id) => actor.locationIds.includes(id));
  if (user.role !== 'clerk' || !own(user.locationIds)) {
    throw AppError.forbidden('Managers may change the clerks of their own locations only');
  }
  if (next.role !== 'clerk' || !own(next.locationIds)) {
    throw AppError.forbidden('Managers may keep clerks at their own locations only');
  }
}

/** Admins create anyone; managers create clerks and managers of their own locations only. */
function assertMayCreate(actor: AuthUser, role: Role, locationIds: string[]): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'manager' || !['clerk', 'manager'].includes(role)) {
    throw AppError.forbidden('Managers may create clerks and managers only');
  }
  if (!locationIds.length || locationIds.some((id) => !actor.locationIds.includes(id))) {
    throw AppError.forbidden('Managers may give access to their own locations only');
  }
}
