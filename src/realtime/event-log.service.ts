import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import type { TerminalEvent, TerminalEventMap, TerminalEventType } from '../../libs/contracts/src';
import { AppError } from '../common/app-error';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import { EventRow } from './event.entity';

interface Pending {
  locationId: string;
  type: TerminalEventType;
  data: object;
  at: Date;
}

const PENDING = Symbol('pending terminal events');

/**
 * The outbox. append() queues an event in the caller's unit of work; just before that unit commits,
 * the queued events get the next per-location seq and are written, locations in a fixed order (so two
 * units never wait on each other's sequence rows in opposite order). The sequence row stays locked
 * until commit, so seq order is commit order. Committed events are then published on `committed`.
 */
@Injectable()
export class EventLog {
  readonly committed = new Subject<TerminalEvent>();

  constructor(private readonly dataSource: DataSource) {}

  append<T extends TerminalEventType>(tx: Tx, locationId: string, type: T, data: TerminalEventMap[T]): void {
    let pending = tx.bag.get(PENDING) as Pending[] | undefined;
    if (!pending) {
      pending = [];
      tx.bag.set(PENDING, pending);
      const queued = pending;
      tx.beforeCommit(() => this.write(tx, queued));
    }
    pending.push({ locationId, type, data, at: new Date() });
  }

  /** The events of a location after `afterSeq`, in order; 410 RESYNC_REQUIRED if some were pruned. */
  async readAfter(
    locationId: string,
    afterSeq: number,
    limit = 1000,
  ): Promise<{ events: TerminalEvent[]; lastSeq: number }> {
    const repo = this.dataSource.getRepository(EventRow);
    const lastSeq = await this.lastSeq(locationId);
    if (afterSeq < lastSeq) {
      const first = await repo.findOne({
        where: { locationId },
        order: { seq: 'ASC' },
        select: { seq: true },
      });
      if (!first || first.seq > afterSeq + 1) {
        throw new AppError('RESYNC_REQUIRED', 'Events after this seq were pruned: reload the full state', {
          locationId,
          afterSeq,
          oldestSeq: first?.seq ?? null,
          lastSeq,
        });
      }
    }
    const rows = await repo
      .createQueryBuilder('e')
      .where('e.locationId = :locationId AND e.seq > :afterSeq', { locationId, afterSeq })
      .orderBy('e.seq', 'ASC')
      .take(limit)
      .getMany();
    return { events: rows.map(toEvent), lastSeq };
  }

  async lastSeq(locationId: string): Promise<number> {
    const { rows } = await sql<{ last_seq: number }>(
      this.dataSource.manager,
      'SELECT last_seq FROM event_sequences WHERE location_id = :locationId',
      { locationId },
    );
    return Number(rows[0]?.last_seq ?? 0);
  }

  /** Deletes events older than the retention; a resume from before them answers RESYNC_REQUIRED. */
  async prune(olderThan: Date): Promise<number> {
    const { affected } = await sql(this.dataSource.manager, 'DELETE FROM events WHERE at < :cutoff', {
      cutoff: olderThan.toISOString(),
    });
    return affected;
  }

  private async write(tx: Tx, pending: Pending[]): Promise<void> {
    const byLocation = new Map<string, Pending[]>();
    for (const event of pending)
      byLocation.set(event.locationId, [...(byLocation.get(event.locationId) ?? []), event]);
    const written: TerminalEvent[] = [];
    for (const locationId of [...byLocation.keys()].sort()) {
      const events = byLocation.get(locationId)!;
      const { rows } = await sql<{ last_seq: number }>(
        tx.em,
        `INSERT INTO event_sequences (location_id, last_seq) VALUES (:locationId, :count)
         ON CONFLICT (location_id) DO UPDATE SET last_seq = event_sequences.last_seq + :count
         RETURNING last_seq`,
        { locationId, count: events.length },
      );
      const first = Number(rows[0].last_seq) - events.length + 1;
      const rowsToInsert = events.map((event, i) =>
        Object.assign(new EventRow(), { ...event, seq: first + i }),
      );
      await tx.em.insert(EventRow, rowsToInsert);
      written.push(...rowsToInsert.map(toEvent));
    }
    tx.afterCommit(() => written.forEach((event) => this.committed.next(event)));
  }
}

function toEvent(row: Pick<EventRow, 'seq' | 'locationId' | 'type' | 'at' | 'data'>): TerminalEvent {
  return {
    seq: row.seq,
    locationId: row.locationId,
    type: row.type,
    at: row.at.toISOString(),
    data: row.data,
  } as TerminalEvent;
}
