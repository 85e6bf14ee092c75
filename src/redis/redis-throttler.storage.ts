import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

type Record = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters in Redis, so that every instance counts against the same limit.
 * Fixed window per key: created with its expiry on the first hit, INCR, block once over the limit.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly redis: Redis) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttler: string,
  ): Promise<Record> {
    const hitsKey = `throttle:${throttler}:${key}`;
    const blockKey = `${hitsKey}:blocked`;
    // The window's key is created with its expiry in the same MULTI as the hit: a crash between two
    // commands cannot leave a counter without one (which would block that address for good).
    const [, [, hits], [, hitsTtl], [, blockTtl]] = (await this.redis
      .multi()
      .set(hitsKey, 0, 'PX', ttl, 'NX')
      .incr(hitsKey)
      .pttl(hitsKey)
      .pttl(blockKey)
      .exec()) as [[null, unknown], [null, number], [null, number], [null, number]];
    const timeToExpire = Math.max(0, hitsTtl);
    let timeToBlockExpire = Math.max(0, blockTtl);
    if (timeToBlockExpire === 0 && hits > limit) {
      await this.redis.set(blockKey, '1', 'PX', blockDuration);
      timeToBlockExpire = blockDuration;
    }
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(timeToExpire / 1000),
      isBlocked: timeToBlockExpire > 0,
      timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000),
    };
  }
}
