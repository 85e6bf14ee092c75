import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Subject, Subscription } from 'rxjs';
import type { AvailabilityChanged, AvailabilityView, TerminalEvent } from '@o2o/contracts';
import { UnitOfWork } from '../database/unit-of-work';
import { AvailabilityService } from '../inventory/availability.service';
import { EventLog } from '../outbox/event-log.service';

/** How long changes are gathered before one look-up answers them all (a flash sale is many per second). */
const GATHER_MS = 25;

/**
 * Turns committed `stock.changed` events into what the shop shows: `availability.changed` per SKU and
 * location, with `online` from the AvailabilityService. Changes are gathered briefly and answered from
 * the database as it is then, one batch after the other, so the last message per SKU is the newest state.
 */
@Injectable()
export class AvailabilityFeed implements OnModuleInit, BeforeApplicationShutdown {
  readonly changes = new Subject<AvailabilityChanged>();
  private readonly logger = new Logger(AvailabilityFeed.name);
  private subscription?: Subscription;
  private gathered = new Map<string, Set<string>>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: EventLog,
    private readonly availability: AvailabilityService,
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.committed.subscribe((event) => this.gather(event));
  }

  /** Before, not on, shutdown: the last batch must be read while the database is still open. */
  beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    clearTimeout(this.timer);
    return this.flushing;
  }

  /** The availability of SKUs now (404 NOT_FOUND naming unknown ones). */
  current(skus: string[]): Promise<AvailabilityView[]> {
    // In a unit of work: on SQLite a read beside a running unit would see its uncommitted rows.
    return this.uow.run(() => this.availability.forSkus(skus));
  }

  private gather(event: TerminalEvent): void {
    if (event.type !== 'stock.changed') return;
    const { sku } = (event as TerminalEvent<'stock.changed'>).data;
    const locations = this.gathered.get(sku) ?? new Set<string>();
    locations.add(event.locationId);
    this.gathered.set(sku, locations);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const batch = this.gathered;
      this.gathered = new Map();
      this.flushing = this.flushing.then(() => this.flush(batch));
    }, GATHER_MS);
  }

  private async flush(batch: Map<string, Set<string>>): Promise<void> {
    try {
      const views = await this.current([...batch.keys()]);
      for (const view of views) {
        for (const locationId of batch.get(view.sku) ?? []) {
          const available = view.locations.find((l) => l.locationId === locationId)?.available ?? 0;
          this.changes.next({ sku: view.sku, locationId, available, online: view.online });
        }
      }
    } catch (error) {
      this.logger.error(error, 'could not compute availability for the shop');
    }
  }
}
