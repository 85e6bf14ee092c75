import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access';
import { REDIS } from '../redis/redis.module';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness for load balancers: the database and, where configured, Redis' })
  check() {
    const checks = [() => this.probe('database', () => this.dataSource.query('SELECT 1'))];
    const redis = this.redis;
    if (redis) checks.push(() => this.probe('redis', () => redis.ping()));
    return this.health.check(checks);
  }

  private async probe(key: string, ping: () => Promise<unknown>) {
    const indicator = this.indicator.check(key);
    try {
      await withTimeout(ping(), 2000);
      return indicator.up();
    } catch (error) {
      // The cause (hosts, ports, user names) goes to the log, not to an anonymous caller.
      this.logger.warn({ err: error, dependency: key }, 'health check failed');
      return indicator.down({ message: 'unreachable' });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
