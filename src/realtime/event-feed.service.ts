import { Injectable } from '@nestjs/common';
import type { TerminalEvent, TerminalEventPage } from '@o2o/contracts';
import { assertCanActAt } from '../auth/access';
import type { AuthUser } from '../common/request-context';
import { LocationsService } from '../locations/locations.service';
import { EventLog } from '../outbox/event-log.service';

/**
 * How a terminal that was away catches up, over the socket (`resume`) or HTTP: the committed events
 * of one of its locations after the last seq it applied. Scope is checked on every read, since a
 * socket outlives the moment it was authorised.
 */
@Injectable()
export class EventFeed {
  constructor(
    private readonly events: EventLog,
    private readonly locations: LocationsService,
  ) {}

  async missed(
    user: AuthUser,
    locationId: string,
    afterSeq: number,
    limit: number,
  ): Promise<{ events: TerminalEvent[]; lastSeq: number }> {
    assertCanActAt(user, locationId);
    await this.locations.get(locationId);
    return this.events.readAfter(locationId, afterSeq, limit);
  }

  /** The same as a page: `next` is the `after` of the following page, null once up to date. */
  async page(
    user: AuthUser,
    locationId: string,
    afterSeq: number,
    limit: number,
  ): Promise<TerminalEventPage> {
    const { events, lastSeq } = await this.missed(user, locationId, afterSeq, limit);
    const last = events.at(-1)?.seq;
    return { items: events, next: last !== undefined && last < lastSeq ? String(last) : null, lastSeq };
  }

  /** Where a terminal joining a location starts from. */
  async join(user: AuthUser, locationId: string): Promise<number> {
    assertCanActAt(user, locationId);
    await this.locations.get(locationId);
    return this.events.lastSeq(locationId);
  }
}
