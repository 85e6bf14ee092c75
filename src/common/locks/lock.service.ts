import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../../redis/redis.module';

export type LockOutcome<T> = { ran: true; value: T } | { ran: false };

/** Deletes the key only if it still holds our token: a lock that expired and was retaken stays. */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * "Only one instance at a time" for background jobs. With Redis: SET NX PX (expires after ttlMs if
 * the holder dies). Else on PostgreSQL: a session advisory lock (released when the holder's
 * connection ends). Else (SQLite, one process): in memory. A lock only saves duplicate work:
 * callers must stay correct without it, because a Redis lock can expire while its holder still runs.
 */
@Injectable()
export class LockService {
  private readonly logger = new Logger(LockService.name);
  private readonly held = new Set<string>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly dataSource: DataSource,
  ) {}

  /** Runs fn if nobody holds `name`; answers {ran: false} at once otherwise. */
  async runExclusive<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    if (this.held.has(name)) return { ran: false };
    this.held.add(name);
    try {
      if (this.redis) return await this.withRedis(name, ttlMs, fn);
      if (this.dataSource.options.type === 'postgres') return await this.withAdvisoryLock(name, fn);
      return { ran: true, value: await fn() };
    } finally {
      this.held.delete(name);
    }
  }

  private async withRedis<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    const key = `lock:${name}`;
    const token = randomUUID();
    let acquired: boolean;
    try {
      acquired = (await this.redis!.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
    } catch (error) {
      // Redis down: run anyway. The work is safe to repeat; skipping it would let holds never expire.
      this.logger.warn({ err: error, lock: name }, 'Redis unavailable; running without the lock');
      return { ran: true, value: await fn() };
    }
    if (!acquired) return { ran: false };
    try {
      return { ran: true, value: await fn() };
    } finally {
      await this.redis!.eval(RELEASE_SCRIPT, 1, key, token).catch((error: unknown) =>
        this.logger.warn({ err: error, lock: name }, 'could not release lock; it expires by itself'),
      );
    }
  }

  private async withAdvisoryLock<T>(name: string, fn: () => Promise<T>): Promise<LockOutcome<T>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [name]);
      if (!row?.locked) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
      }
    } finally {
      await runner.release();
    }
  }
}
