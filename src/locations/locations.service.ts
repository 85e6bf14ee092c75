import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { LocationView, Page } from '@o2o/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { AppError } from '../common/app-error';
import { mapPage, paginate, PageQuery } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { isUniqueViolation } from '../database/sql';
import { readerOf, type Tx, UnitOfWork } from '../database/unit-of-work';
import { Location } from './location.entity';

type LocationFields = Omit<Location, 'id' | 'createdAt'>;

/** What a new location needs; the server gives it its id, and defaults for what is left out. */
type Defaulted = 'lat' | 'lng' | 'openingHours' | 'closures' | 'pickupHoldHours' | 'pickupPrepMinutes';
export type NewLocation = Omit<LocationFields, Defaulted> & Partial<Pick<LocationFields, Defaulted>>;
export type LocationChanges = Partial<LocationFields>;

const DEFAULT_PICKUP_HOLD_HOURS = 48;
const DEFAULT_PICKUP_PREP_MINUTES = 60;
/**
 * How long an instance answers from its copy of the locations. Locations change rarely and nearly every
 * request reads one; this instance forgets its copy when it writes one, others see it within this time.
 */
const CACHE_TTL_MS = 2_000;

/**
 * Stores and warehouses: the places stock lives, orders are collected and terminals stand.
 * get, getMany and list answer from a copy at most CACHE_TTL_MS old: treat what they return as read-only.
 */
@Injectable()
export class LocationsService {
  private cache: { loadedAt: number; byId: Map<string, Location> } | null = null;
  /** Bumped by every write here, so that a read begun before it does not refill the copy. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditLog,
  ) {}

  /** The location, or 404 NOT_FOUND. */
  async get(id: string, tx?: Tx): Promise<Location> {
    const em = readerOf(tx, this.dataSource);
    return (await this.cached(tx)).get(id) ?? this.load(id, em);
  }

  /** The locations of these ids (by id), or 404 NOT_FOUND naming the unknown ones (details.locationIds). */
  async getMany(ids: string[], tx?: Tx): Promise<Map<string, Location>> {
    const em = readerOf(tx, this.dataSource);
    const all = await this.cached(tx);
    const wanted = [...new Set(ids)];
    const unseen = wanted.filter((id) => !all.has(id));
    // An id this copy lacks may be a location another instance has just opened.
    const found = unseen.length ? await em.findBy(Location, { id: In(unseen) }) : [];
    const byId = new Map(found.map((location) => [location.id, location]));
    for (const id of wanted) if (all.has(id)) byId.set(id, all.get(id)!);
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length) throw AppError.notFound('Location', { locationIds: missing });
    return byId;
  }

  /**
   * Every location, by code. There are tens of them, not millions: callers may hold them all. Inside a
   * unit of work, pass its manager (a stale copy is re-read through it, not through a second connection).
   */
  async list(tx?: Tx): Promise<Location[]> {
    return [...(await this.cached(tx)).values()];
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
        closures: input.closures ?? [],
        pickupHoldHours: input.pickupHoldHours ?? DEFAULT_PICKUP_HOLD_HOURS,
        pickupPrepMinutes: input.pickupPrepMinutes ?? DEFAULT_PICKUP_PREP_MINUTES,
        id: randomUUID(),
        createdAt: new Date(),
      });
      assertCoordinates(location);
      // A copy: on PostgreSQL the insert writes the columns with database defaults back, unparsed.
      await em.insert(Location, { ...location });
      return this.toView(location);
    });
  }

  /** A change to a location; a person's (`actor`) is recorded in the audit trail in the same unit of work. */
  async update(actor: AuthUser | undefined, id: string, changes: LocationChanges): Promise<LocationView> {
    return this.writing(changes.code, async (em, tx) => {
      const location = await this.load(id, em);
      const before = { ...this.toView(location) };
      if (changes.code !== undefined && changes.code !== location.code) {
        await this.assertCodeFree(em, changes.code);
      }
      const changed = withoutUndefined(changes);
      Object.assign(location, changed);
      assertCoordinates(location);
      // Only the fields asked for: two managers editing different fields at once both keep theirs.
      if (Object.keys(changed).length) await em.update(Location, { id }, changed);
      const after = this.toView(location);
      if (actor) {
        await this.audit.record(tx, actor, { entity: 'location', entityId: id, action: 'update' }, before, {
          ...after,
        });
      }
      return after;
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
      closures: location.closures,
      pickupEnabled: Boolean(location.pickupEnabled),
      shipEnabled: Boolean(location.shipEnabled),
      pickupHoldHours: location.pickupHoldHours,
      pickupPrepMinutes: location.pickupPrepMinutes,
    };
  }

  /**
   * Every location by id, by code, read at most CACHE_TTL_MS ago. A stale copy is re-read through the
   * caller's own manager, never by awaiting another caller's read: inside a unit of work on PostgreSQL,
   * waiting for a read that needs a second pooled connection could starve the pool.
   */
  private async cached(tx?: Tx): Promise<Map<string, Location>> {
    const em = readerOf(tx, this.dataSource);
    const startedAt = Date.now();
    if (this.cache && startedAt - this.cache.loadedAt <= CACHE_TTL_MS) return this.cache.byId;
    const generation = this.generation;
    const locations = await em.find(Location, { order: { code: 'ASC' } });
    const byId = new Map(locations.map((location) => [location.id, location]));
    if (generation === this.generation) this.cache = { loadedAt: startedAt, byId };
    return byId;
  }

  private forget(): void {
    this.generation++;
    this.cache = null;
  }

  /** The location as stored now (not the cached copy), or 404 NOT_FOUND. */
  private async load(id: string, em: EntityManager): Promise<Location> {
    const location = await em.findOneBy(Location, { id });
    if (!location) throw AppError.notFound('Location', { locationId: id });
    return location;
  }

  /**
   * A unit of work that may take `code`: losing a race for it answers like the check would. This
   * instance's copy is dropped once the unit ends (committed or not): no reader keeps a stale or phantom row.
   */
  private writing<T>(code: string | undefined, work: (em: EntityManager, tx: Tx) => Promise<T>): Promise<T> {
    return this.uow
      .run((tx) => {
        this.forget();
        tx.afterCommit(() => this.forget());
        return work(tx.em, tx);
      })
      .catch((error: unknown) => {
        this.forget();
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
