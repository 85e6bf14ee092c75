import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { requestContext } from '../common/request-context';
import { ScopedStorage } from '../common/scoped-storage';

/** A running unit of work: its transactional EntityManager, and work to do once it has committed. */
export interface Tx {
  readonly em: EntityManager;
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs at the end of the unit, inside the transaction (e.g. writing the queued events last). */
  beforeCommit(fn: () => Promise<void>): void;
  /** Runs once the commit has succeeded (e.g. publishing events); never on rollback. */
  afterCommit(fn: () => unknown): void;
  /** What the unit has collected in `slot` so far (e.g. events to write last); `create` makes it on first use. */
  collect<T>(slot: UnitSlot<T>, create: () => T): T;
  /** Empties `slot`, so that what is collected next starts afresh. */
  release(slot: UnitSlot<unknown>): void;
}

/** A typed place in a unit of work where a service collects work until beforeCommit: one per kind. */
export class UnitSlot<T> {
  declare private readonly type: T;
  constructor(readonly name: string) {}
}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 6;

/**
 * The one way to write. On SQLite, TypeORM runs every query on one connection and cannot overlap
 * transactions, so units run one at a time through a queue. On PostgreSQL they run concurrently and
 * are retried when the database reports a serialisation failure or a deadlock. A unit started inside
 * another joins it. Callbacks registered with afterCommit run only once the commit has succeeded.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);
  private readonly current = new ScopedStorage<Tx>();
  private queue: Promise<unknown> = Promise.resolve();
  readonly dialect: 'sqlite' | 'postgres';

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return work(outer);
    const beforeCommit = requestContext.takeBeforeFirstCommit();
    const attempt = async () => {
      const callbacks: Array<() => unknown> = [];
      const result = await this.dataSource.transaction(async (em) => {
        const finishers: Array<() => Promise<void>> = [];
        const slots = new Map<UnitSlot<unknown>, unknown>();
        const tx: Tx = {
          em,
          dialect: this.dialect,
          beforeCommit: (fn) => finishers.push(fn),
          afterCommit: (fn) => callbacks.push(fn),
          collect: <V>(slot: UnitSlot<V>, create: () => V) => {
            if (!slots.has(slot)) slots.set(slot, create());
            return slots.get(slot) as V;
          },
          release: (slot) => slots.delete(slot),
        };
        const value = await this.current.run(tx, () => work(tx));
        for (const finish of finishers) await finish();
        if (beforeCommit) await beforeCommit(em, value);
        return value;
      });
      for (const callback of callbacks) this.runAfterCommit(callback);
      return result;
    };
    return this.dialect === 'sqlite' ? this.serially(attempt) : this.withRetries(attempt);
  }

  /**
   * Reads that must agree with each other (an order and its payment, which a webhook changes together):
   * on PostgreSQL one REPEATABLE READ snapshot, so no commit lands between them; on SQLite they take
   * their turn in the queue of units, so none commits between them.
   */
  snapshot<T>(read: (em: EntityManager) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return read(outer.em);
    if (this.dialect === 'sqlite') return this.serially(() => read(this.dataSource.manager));
    return this.dataSource.transaction('REPEATABLE READ', read);
  }

  private serially<T>(attempt: () => Promise<T>): Promise<T> {
    const result = this.queue.then(attempt, attempt);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code;
        if (tries >= MAX_ATTEMPTS || !code || !RETRYABLE_PG_CODES.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * tries));
      }
    }
  }

  private runAfterCommit(callback: () => unknown): void {
    try {
      const result = callback();
      if (result instanceof Promise)
        result.catch((error) => this.logger.error(error, 'after-commit callback failed'));
    } catch (error) {
      this.logger.error(error, 'after-commit callback failed');
    }
  }
}

/**
 * The one convention for reads: a service read takes the caller's unit as an optional last `tx` and
 * reads through it (seeing the unit's own writes, and on PostgreSQL using no second connection);
 * without one it reads through the connection.
 */
export function readerOf(tx: Tx | undefined, dataSource: DataSource): EntityManager {
  return tx?.em ?? dataSource.manager;
}
