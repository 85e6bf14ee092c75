import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { EntityManager } from 'typeorm';
import type { TerminalEvent, TerminalEventMap, TerminalEventType } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { sql } from '../database/sql';
import { Tx, UnitOfWork, UnitSlot } from '../database/unit-of-work';
import { EventRow } from './event.entity';

interface Pending {
  locationId: string;
  type: TerminalEventType;
  data: object;
}

const PENDING = new UnitSlot<Pending[]>('pending terminal events');
/** Rows deleted per statement when pruning, so that one prune never holds the writer for long. */
const PRUNE_BATCH = 5000;

/**
 * The outbox. append() queues an event in the caller's unit of work; just before that unit commits,
 * the queued events get the next per-location seq and are written, locations in a fixed order (so two
 * units never wait on each other's sequence rows in opposite order). The sequence row stays locked
 * until commit, so seq order is commit order, and a reader that sees seq N sees every seq below it.
 * Committed events are then published on `committed` (in this process only; the socket layer carries
 * them to other instances).
 */
@Injectable()
export class EventLog {
  readonly committed = new Subject<TerminalEvent>();

  constructor(private readonly uow: UnitOfWork) {}

  append<T extends TerminalEventType>(tx: Tx, locationId: string, type: T, data: TerminalEventMap[T]): void {
    const pending = tx.collect(PENDING, () => {
      const batch: Pending[] = [];
      // An append made by a later beforeCommit hook starts a new batch, which the unit still runs.
      tx.beforeCommit(() => {
        tx.release(PENDING);
        return this.write(tx, batch);
      });
      return batch;
    });
    pending.push({ locationId, type, data });
  }

  /**
   * The events of a location after `afterSeq`, in order, at most `limit`; `lastSeq` is the newest seq.
   * 410 RESYNC_REQUIRED when the events right after `afterSeq` were pruned, or when `afterSeq` is
   * ahead of the location (the terminal's state is from another database): reload the full state.
   */
  readAfter(
    locationId: string,
    afterSeq: number,
    limit = 1000,
  ): Promise<{ events: TerminalEvent[]; lastSeq: number }> {
    // Through the unit of work: on SQLite a read beside a running unit would see its uncommitted rows.
    return this.uow.run(async ({ em }) => {
      const lastSeq = await readLastSeq(em, locationId);
      const rows = await em
        .getRepository(EventRow)
        .createQueryBuilder('e')
        .where('e.locationId = :locationId AND e.seq > :afterSeq', { locationId, afterSeq })
        .orderBy('e.seq', 'ASC')
        .take(limit)
        .getMany();
      // Judged on the rows read, not on a separate look: a prune in between cannot open a silent gap.
      const continues = rows.length ? rows[0].seq === afterSeq + 1 : afterSeq === lastSeq;
      if (!continues) throw resyncRequired(locationId, afterSeq, lastSeq);
      const events = rows.map(toEvent);
      return { events, lastSeq: Math.max(lastSeq, events.at(-1)?.seq ?? 0) };
    });
  }

  /** The newest seq handed out at a location (0 before its first event). */
  lastSeq(locationId: string): Promise<number> {
    return this.uow.run(({ em }) => readLastSeq(em, locationId));
  }

  /**
   * Deletes the events written before `olderThan`. Per location it deletes everything up to the newest
   * old event, by seq, so that what is kept always runs without a hole up to the last seq.
   */
  async prune(olderThan: Date): Promise<number> {
    const cutoffs = await this.uow.run(async ({ em }) => {
      const { rows } = await sql<{ location_id: string; upto: number }>(
        em,
        'SELECT location_id, MAX(seq) AS upto FROM events WHERE at < :cutoff GROUP BY location_id',
        { cutoff: olderThan.toISOString() },
      );
      return rows.map((row) => ({ locationId: row.location_id, upto: Number(row.upto) }));
    });
    let deleted = 0;
    for (const { locationId, upto } of cutoffs) {
      let removed: number;
      do {
        removed = await this.uow.run(async ({ em }) => {
          const { affected } = await sql(
            em,
            `DELETE FROM events WHERE id IN (
               SELECT id FROM events WHERE location_id = :locationId AND seq <= :upto ORDER BY seq LIMIT :batch)`,
            { locationId, upto, batch: PRUNE_BATCH },
          );
          return affected;
        });
        deleted += removed;
      } while (removed === PRUNE_BATCH);
    }
    return deleted;
  }

  private async write(tx: Tx, pending: Pending[]): Promise<void> {
    const byLocation = new Map<string, Pending[]>();
    for (const event of pending) {
      const list = byLocation.get(event.locationId) ?? [];
      list.push(event);
      byLocation.set(event.locationId, list);
    }
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
      // Stamped once the sequence row is held, so that per location `at` grows with seq.
      const at = new Date();
      const first = Number(rows[0].last_seq) - events.length + 1;
      const rowsToInsert = events.map((event, i) => ({ ...event, at, seq: first + i }));
      await insertEvents(tx, rowsToInsert);
      written.push(...rowsToInsert.map(toEvent));
    }
    tx.afterCommit(() => written.forEach((event) => this.committed.next(event)));
  }
}

/**
 * One plain multi-row INSERT: every order writes events, and TypeORM's insert builder costs more than
 * the statement. The seq is bound as text and cast: on SQLite a number would be inlined into the SQL
 * (TypeORM's escaping), making a new statement to prepare for every order.
 */
async function insertEvents(
  tx: Tx,
  rows: Array<Pick<EventRow, 'locationId' | 'seq' | 'type' | 'data' | 'at'>>,
): Promise<void> {
  const params: Record<string, unknown> = {};
  const values = rows.map((row, i) => {
    Object.assign(params, {
      [`locationId${i}`]: row.locationId,
      [`seq${i}`]: String(row.seq),
      [`type${i}`]: row.type,
      [`data${i}`]: JSON.stringify(row.data),
      [`at${i}`]: row.at.toISOString(),
    });
    return `(:locationId${i}, CAST(:seq${i} AS integer), :type${i}, :data${i}, :at${i})`;
  });
  await sql(
    tx.em,
    `INSERT INTO events (location_id, seq, type, data, at) VALUES ${values.join(', ')}`,
    params,
  );
}

async function readLastSeq(em: EntityManager, locationId: string): Promise<number> {
  const { rows } = await sql<{ last_seq: number }>(
    em,
    'SELECT last_seq FROM event_sequences WHERE location_id = :locationId',
    { locationId },
  );
  return Number(rows[0]?.last_seq ?? 0);
}

function resyncRequired(locationId: string, afterSeq: number, lastSeq: number): AppError {
  const message =
    afterSeq > lastSeq
      ? `This location has no seq ${afterSeq} (its last is ${lastSeq}): reload the full state`
      : `The events after seq ${afterSeq} are no longer kept: reload the full state`;
  return new AppError('RESYNC_REQUIRED', message, { locationId, afterSeq, lastSeq });
}

function toEvent(row: Pick<EventRow, 'seq' | 'locationId' | 'type' | 'at' | 'data'>): TerminalEvent {
  return {
    seq: Number(row.seq),
    locationId: row.locationId,
    type: row.type,
    at: row.at.toISOString(),
    data: row.data,
  } as TerminalEvent;
}
