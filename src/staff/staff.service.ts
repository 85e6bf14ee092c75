import { Injectable } from '@nestjs/common';
import type { Role } from '../../libs/contracts/src';
import { AuthService, type NewUser } from '../auth/auth.service';
import type { User } from '../auth/user.entity';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';

/** Staff accounts as managed by people: who may hand out which role at which locations. */
@Injectable()
export class StaffService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly auth: AuthService,
    private readonly locations: LocationsService,
  ) {}

  /** Creates a user for `creator`, who must be allowed to hand out that role and those locations. */
  create(creator: AuthUser, input: NewUser): Promise<User> {
    const locationIds = [...new Set(input.locationIds ?? [])];
    assertMayCreate(creator, input.role, locationIds);
    return this.uow.run(async ({ em }) => {
      await this.locations.getMany(locationIds, em);
      return this.auth.createUser({ ...input, locationIds });
    });
  }
}

/** Admins create anyone; managers create clerks and managers of their own locations only. */
function assertMayCreate(creator: AuthUser, role: Role, locationIds: string[]): void {
  if (creator.role === 'admin') return;
  if (creator.role !== 'manager' || !['clerk', 'manager'].includes(role)) {
    throw AppError.forbidden('Managers may create clerks and managers only');
  }
  if (!locationIds.length || locationIds.some((id) => !creator.locationIds.includes(id))) {
    throw AppError.forbidden('Managers may give access to their own locations only');
  }
}
