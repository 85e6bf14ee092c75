import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { EventLog } from '../outbox/event-log.service';

const HOUR = 3_600_000;
const JOB = 'event-retention';

/**
 * Prunes terminal events older than EVENT_RETENTION_HOURS, a few times per retention window. A terminal
 * away for longer answers RESYNC_REQUIRED and reloads its state. Safe to run on every instance at once:
 * deleting rows that another instance deleted already deletes nothing.
 */
@Injectable()
export class EventRetentionJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventRetentionJob.name);
  private running: Promise<number> | null = null;

  constructor(
    private readonly events: EventLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.min(HOUR, (this.config.eventRetentionHours * HOUR) / 12);
    const timer = setInterval(() => void this.run(), every);
    timer.unref();
    // Registered so that the scheduler clears it when the application shuts down.
    this.scheduler.addInterval(JOB, timer);
  }

  /** Prunes once, as of `now`; answers how many events were deleted. */
  run(now = new Date()): Promise<number> {
    this.running ??= this.prune(now).finally(() => (this.running = null));
    return this.running;
  }

  /** Waits for a run in progress (at shutdown, before the database closes). */
  async stop(): Promise<void> {
    if (this.scheduler.doesExist('interval', JOB)) this.scheduler.deleteInterval(JOB);
    await this.running;
  }

  private async prune(now: Date): Promise<number> {
    try {
      const cutoff = new Date(now.getTime() - this.config.eventRetentionHours * HOUR);
      const deleted = await this.events.prune(cutoff);
      if (deleted)
        this.logger.log(`Pruned ${deleted} terminal events written before ${cutoff.toISOString()}`);
      return deleted;
    } catch (error) {
      this.logger.error(error, 'pruning terminal events failed; the next run tries again');
      return 0;
    }
  }
}
