import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { LockService } from '../common/locks/lock.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { UnitOfWork } from '../database/unit-of-work';
import { OrderLifecycle } from './order-lifecycle.service';

const SWEEP_JOB = 'orders.expiry-sweep';
const BATCH = 100;

/**
 * The sweeper: expires pickup orders past their hold deadline and gives their stock back, every
 * config.sweepIntervalSeconds. Safe with several instances: the lock only saves duplicate work;
 * each expiry is its own unit whose conditional UPDATE (status and deadline) decides, so an order
 * collected, cancelled or extended meanwhile is left alone.
 */
@Injectable()
export class OrderExpiry implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OrderExpiry.name);
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly locks: LockService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly lifecycle: OrderLifecycle,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => this.tick(), this.config.sweepIntervalSeconds * 1000);
    timer.unref();
    this.scheduler.addInterval(SWEEP_JOB, timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.scheduler.doesExist('interval', SWEEP_JOB)) this.scheduler.deleteInterval(SWEEP_JOB);
    await this.running;
  }

  /** One pass: expires everything due by `now`. Answers how many orders it expired (0 if another instance is sweeping). */
  async sweepOnce(now: Date = this.clock.now()): Promise<number> {
    const ttlMs = Math.max(60_000, this.config.sweepIntervalSeconds * 2000);
    const run = this.locks.runExclusive(SWEEP_JOB, ttlMs, () => this.expireAllDue(now));
    this.running = run.catch(() => undefined);
    const outcome = await run;
    return outcome.ran ? outcome.value : 0;
  }

  private tick(): void {
    if (this.stopped) return;
    this.sweepOnce()
      .then((expired) => expired && this.logger.log({ expired }, 'expired overdue pickup holds'))
      .catch((error) => this.logger.error(error, 'expiry sweep failed'));
  }

  private async expireAllDue(now: Date): Promise<number> {
    let expired = 0;
    const seen = new Set<string>();
    for (;;) {
      const due = (
        await this.lifecycle.dueIds({ em: this.dataSource.manager }, now, { limit: BATCH })
      ).filter((id) => !seen.has(id));
      if (!due.length || this.stopped) return expired;
      for (const id of due) {
        seen.add(id);
        try {
          if (await this.uow.run((tx) => this.lifecycle.expire(tx, id, now))) expired++;
        } catch (error) {
          this.logger.error({ err: error, orderId: id }, 'could not expire order');
        }
      }
    }
  }
}
