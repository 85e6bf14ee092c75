import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { LocationView, Page } from '../../libs/contracts/src';
import { AppError } from '../common/app-error';
import { mapPage, paginate, PageQuery } from '../common/pagination';
import { isUniqueViolation } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { Location } from './location.entity';

type LocationFields = Omit<Location, 'id' | 'createdAt'>;

/** What a new location needs; the server gives it its id, and defaults for what is left out. */
export type NewLocation = Omit<LocationFields, 'lat' | 'lng' | 'openingHours' | 'pickupHoldHours'> &
  Partial<Pick<LocationFields, 'lat' | 'lng' | 'openingHours' | 'pickupHoldHours'>>;
export type LocationChanges = Partial<LocationFields>;

const DEFAULT_PICKUP_HOLD_HOURS = 48;

/** Stores and warehouses: the places stock lives, orders are collected and terminals stand. */
@Injectable()
export class LocationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** The location, or 404 NOT_FOUND. */
  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<Location> {
    const location = await em.findOneBy(Location, { id });
    if (!location) throw AppError.notFound('Location', { locationId: id });
    return location;
  }

  /** The locations of these ids (by id), or 404 NOT_FOUND naming the unknown ones (details.locationIds). */
  async getMany(ids: string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, Location>> {
    const wanted = [...new Set(ids)];
    const found = wanted.length ? await em.findBy(Location, { id: In(wanted) }) : [];
    const byId = new Map(found.map((location) => [location.id, location]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length) throw AppError.notFound('Location', { locationIds: missing });
    return byId;
  }

  /** Every location, by code. There are tens of them, not millions: callers may hold them all. */
  list(): Promise<Location[]> {
    return this.dataSource.getRepository(Location).find({ order: { code: 'ASC' } });
  }

  async page(query: PageQuery): Promise<Page<LocationView>> {
    const qb = this.dataSource.getRepository(Location).createQueryBuilder('l');
    const page = await paginate(
      qb,
      { sort: 'l.code', id: 'l.id', sortOf: (l) => l.code, idOf: (l) => l.id },
      query,
    );
    return mapPage(page, (location) => this.toView(location));
  }

  async create(input: NewLocation): Promise<LocationView> {
    return this.writing(input.code, async (em) => {
      await this.assertCodeFree(em, input.code);
      const location = em.create(Location, {
        ...input,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        openingHours: input.openingHours ?? {},
        pickupHoldHours: input.pickupHoldHours ?? DEFAULT_PICKUP_HOLD_HOURS,
        id: randomUUID(),
        createdAt: new Date(),
      });
      assertCoordinates(location);
      await em.insert(Location, location);
      return this.toView(location);
    });
  }

  async update(id: string, changes: LocationChanges): Promise<LocationView> {
    return this.writing(changes.code, async (em) => {
      const location = await this.get(id, em);
      if (changes.code !== undefined && changes.code !== location.code) {
        await this.assertCodeFree(em, changes.code);
      }
      const changed = withoutUndefined(changes);
      Object.assign(location, changed);
      assertCoordinates(location);
      // Only the fields asked for: two managers editing different fields at once both keep theirs.
      if (Object.keys(changed).length) await em.update(Location, { id }, changed);
      return this.toView(location);
    });
  }

  toView(location: Location): LocationView {
    return {
      id: location.id,
      code: location.code,
      name: location.name,
      type: location.type,
      address: location.address,
      lat: location.lat == null ? null : Number(location.lat),
      lng: location.lng == null ? null : Number(location.lng),
      timezone: location.timezone,
      openingHours: location.openingHours,
      pickupEnabled: Boolean(location.pickupEnabled),
      shipEnabled: Boolean(location.shipEnabled),
      pickupHoldHours: location.pickupHoldHours,
    };
  }

  /** A unit of work that may take `code`: losing a race for it answers like the check would. */
  private writing<T>(code: string | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.uow
      .run(({ em }) => work(em))
      .catch((error: unknown) => {
        throw code !== undefined && isUniqueViolation(error) ? codeTaken(code) : error;
      });
  }

  private async assertCodeFree(em: EntityManager, code: string): Promise<void> {
    if (await em.existsBy(Location, { code })) throw codeTaken(code);
  }
}

function codeTaken(code: string): AppError {
  return new AppError('VALIDATION_FAILED', `A location with code ${code} exists already`, {
    fields: [{ field: 'code', errors: ['is taken'] }],
  });
}

/** A location is on the map with both coordinates or not at all. */
function assertCoordinates(location: Pick<Location, 'lat' | 'lng'>): void {
  if ((location.lat == null) !== (location.lng == null)) {
    throw AppError.invalid(location.lat == null ? 'lat' : 'lng', 'must be given with the other coordinate');
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
