import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type Redis from 'ioredis';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppLogger } from './common/app-logger';
import { CatalogModule } from './catalog/catalog.module';
import { AppConfig } from './config/config';
import { APP_CONFIG, ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ExchangeModule } from './exchange/exchange.module';
import { ENTITIES } from './entities';
import { FlashSalesModule } from './flash-sales/flash-sales.module';
import { HealthModule } from './health/health.module';
import { InventoryModule } from './inventory/inventory.module';
import { LocationsModule } from './locations/locations.module';
import { OrdersModule } from './orders/orders.module';
import { RealtimeModule } from './realtime/realtime.module';
import { ReturnsModule } from './returns/returns.module';
import { RedisThrottlerStorage } from './redis/redis-throttler.storage';
import { REDIS, RedisModule } from './redis/redis.module';
import { ReportsModule } from './reports/reports.module';
import { SeedModule } from './seed/seed.module';
import { StaffModule } from './staff/staff.module';
import { TagsModule } from './tags/tags.module';
import { WebModule } from './web/web.module';

const MINUTE = 60_000;

/** Login attempts are also counted per account, whichever address they come from. */
function loginAccount(request: { body?: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : 'unknown';
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
          // Requests are logged by a Fastify hook (registerRequestLog), not by pino-http's middleware:
          // Nest mounts that once per route pattern, which logged /health twice and the pages never.
          forRoutes: [],
          pinoHttp: {
            level: config.logLevel,
            transport:
              config.production || process.env.JEST_WORKER_ID
                ? undefined
                : { target: 'pino-pretty', options: { singleLine: true } },
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
          imports: [RedisModule],
          inject: [APP_CONFIG, REDIS],
          useFactory: (cfg: AppConfig, redis: Redis | null) => ({
            storage: redis ? new RedisThrottlerStorage(redis) : undefined,
            throttlers: [
              { name: 'address', ttl: MINUTE, limit: cfg.loginRateLimit * 3 },
              { name: 'account', ttl: MINUTE, limit: cfg.loginRateLimit, getTracker: loginAccount },
              { name: 'scan', ttl: MINUTE, limit: cfg.scanRateLimit },
              { name: 'flash', ttl: MINUTE, limit: cfg.flash.ticketRateLimit },
            ],
          }),
        }),
        DatabaseModule.forRoot(ENTITIES),
        AuthModule,
        AccountsModule,
        AuditModule,
        StaffModule,
        ReportsModule,
        HealthModule,
        LocationsModule,
        CatalogModule,
        InventoryModule,
        OrdersModule,
        FlashSalesModule,
        ExchangeModule,
        TagsModule,
        ReturnsModule,
        RealtimeModule,
        SeedModule,
        WebModule,
      ],
    };
  }
}
