import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { pino } from 'pino';
import type Redis from 'ioredis';
import { AuthModule } from './auth/auth.module';
import { AppLogger } from './common/app-logger';
import { ClockModule } from './common/clock';
import { IdempotencyModule } from './common/idempotency/refusal-buffer';
import { CatalogModule } from './catalog/catalog.module';
import { AppConfig } from './config/config';
import { APP_CONFIG, ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { InventoryModule } from './inventory/inventory.module';
import { LocationsModule } from './locations/locations.module';
import { OrdersModule } from './orders/orders.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RedisThrottlerStorage } from './redis/redis-throttler.storage';
import { REDIS, RedisModule } from './redis/redis.module';
import { SeedModule } from './seed/seed.module';
import { TagsModule } from './tags/tags.module';
import { WebModule } from './web/web.module';

const MINUTE = 60_000;

/** Login attempts are also counted per account, whichever address they come from. */
function loginAccount(request: { body?: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : 'unknown';
}

/** Whether the request lines (logged at info) are written at this level. */
function logsRequests(level: string): boolean {
  return (pino.levels.values[level] ?? Infinity) <= pino.levels.values.info;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig) {
    return {
      module: AppModule,
      providers: [AppLogger],
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // Above info the per-request line is never written: then no request pays for preparing it.
          forRoutes: logsRequests(config.logLevel) ? undefined : [],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request) => String(request.headers['x-request-id']),
            transport:
              config.production || process.env.JEST_WORKER_ID
                ? undefined
                : { target: 'pino-pretty', options: { singleLine: true } },
            autoLogging: { ignore: (request) => request.url === '/health' },
            // One short line per request: who asked what, the answer and how long it took.
            serializers: {
              req: (request: { id: string; method: string; url: string }) => ({
                id: request.id,
                method: request.method,
                url: request.url.replace(/([?&]token=)[^&]+/, '$1[redacted]'),
              }),
              res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
            },
          },
        }),
        ScheduleModule.forRoot(),
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, REDIS],
          useFactory: (cfg: AppConfig, redis: Redis | null) => ({
            storage: redis ? new RedisThrottlerStorage(redis) : undefined,
            throttlers: [
              { name: 'address', ttl: MINUTE, limit: cfg.loginRateLimit * 3 },
              { name: 'account', ttl: MINUTE, limit: cfg.loginRateLimit, getTracker: loginAccount },
              { name: 'scan', ttl: MINUTE, limit: cfg.scanRateLimit },
            ],
          }),
        }),
        ClockModule,
        RedisModule,
        DatabaseModule,
        IdempotencyModule,
        AuthModule,
        HealthModule,
        LocationsModule,
        CatalogModule,
        InventoryModule,
        OrdersModule,
        TagsModule,
        RealtimeModule,
        SeedModule,
        WebModule,
      ],
    };
  }
}
