import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { LockService } from '../common/locks/lock.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { InventoryService } from '../inventory/inventory.service';
import { FlashSale, FlashSaleLine } from './flash-sale.entity';
import { WaitingRoom } from './waiting-room';

const ADMIT_JOB = 'flash-sales.admit';
const TICK_MS = 250;

/**
 * The waiting room's sweeper: raises each live sale's serving counter at config.flash.admitPerSecond,
 * capped so that open admissions never outnumber the units left, and gives the units of ended sales
 * back. One instance at a time (the lock); every step is a conditional UPDATE, so a second is harmless.
 * The sale's row holds the serving counter that decides; the waiting room writes the admissions of the
 * tickets it passes in the same unit, and shows the new counter once that unit has committed.
 */
@Injectable()
export class FlashAdmitter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FlashAdmitter.name);
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** A tick still running: the next one skips rather than queueing behind it. */
  private busy = false;
  private lastTick = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly locks: LockService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly inventory: InventoryService,
    private readonly clock: Clock,
    private readonly waitingRoom: WaitingRoom,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => this.tick(), TICK_MS);
    timer.unref();
    this.scheduler.addInterval(ADMIT_JOB, timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.scheduler.doesExist('interval', ADMIT_JOB)) this.scheduler.deleteInterval(ADMIT_JOB);
    await this.running;
  }

  /** One pass at `now`, admitting up to `budget` tickets per live sale. */
  async sweepOnce(now: Date = this.clock.now(), budget = this.config.flash.admitPerSecond): Promise<void> {
    // In-process passes run one after another (a test's pass waits for the tick's); the lock is for others.
    const run = this.running.then(() =>
      this.locks.runExclusive(ADMIT_JOB, 30_000, async () => {
        const { rows } = await sql<{ id: string }>(
          this.dataSource.manager,
          `SELECT id FROM flash_sales WHERE returned_at IS NULL AND starts_at <= :now`,
          { now: now.toISOString() },
        );
        for (const { id } of rows) {
          const sale = (await this.dataSource.manager.findOneBy(FlashSale, { id }))!;
          if (sale.endsAt <= now) await this.giveBackUnits(sale.id, now);
          else await this.admit(sale, now, budget);
        }
      }),
    );
    this.running = run.catch(() => undefined);
    await run;
  }

  private tick(): void {
    if (this.stopped || this.busy) return;
    const now = Date.now();
    const elapsed = this.lastTick ? Math.min(now - this.lastTick, 2000) : TICK_MS;
    this.lastTick = now;
    const budget = Math.max(1, Math.round((this.config.flash.admitPerSecond * elapsed) / 1000));
    this.busy = true;
    this.sweepOnce(this.clock.now(), budget)
      .catch((error) => this.logger.error(error, 'flash sweep failed'))
      .finally(() => (this.busy = false));
  }

  /** Admits the next tickets in issue order: as many as the budget, the queue and the units left allow. */
  private async admit(sale: FlashSale, now: Date, budget: number): Promise<void> {
    const issued = await this.waitingRoom.issued(sale);
    if (sale.serving >= issued) return;
    // One statement, so one snapshot: an order committing between two reads could make room look bigger.
    const { rows } = await sql<{ units_left: number; open: number }>(
      this.dataSource.manager,
      `SELECT (SELECT COALESCE(SUM(units - taken), 0) FROM flash_sale_lines WHERE sale_id = :id) AS units_left,
              (SELECT COUNT(*) FROM flash_tickets WHERE sale_id = :id AND admission_used_at IS NULL
                  AND admission_expires_at > :now) AS open`,
      { id: sale.id, now: now.toISOString() },
    );
    const room = Number(rows[0].units_left) - Number(rows[0].open);
    const count = Math.min(budget, room, issued - sale.serving);
    if (count <= 0) return;
    const range = { from: sale.serving, to: sale.serving + count };
    const until = new Date(now.getTime() + this.config.flash.admissionSeconds * 1000);
    const raised = await this.uow.run(async (tx) => {
      const { affected } = await sql(
        tx.em,
        'UPDATE flash_sales SET serving = :to WHERE id = :id AND serving = :from',
        { id: sale.id, ...range },
      );
      if (affected) await this.waitingRoom.admit(tx, sale, range, now, until);
      return affected > 0;
    });
    if (raised) await this.waitingRoom.served(sale, range.to);
  }

  /** The sale has ended: what is still set aside goes back to the location's stock, once. */
  private async giveBackUnits(saleId: string, now: Date): Promise<void> {
    await this.uow.run(async (tx) => {
      const { affected } = await sql(
        tx.em,
        'UPDATE flash_sales SET returned_at = :now WHERE id = :saleId AND returned_at IS NULL',
        { saleId, now: now.toISOString() },
      );
      if (!affected) return;
      const sale = (await tx.em.findOneBy(FlashSale, { id: saleId }))!;
      const lines = (await tx.em.findBy(FlashSaleLine, { saleId })).filter((line) => line.units > line.taken);
      if (!lines.length) return;
      await this.inventory.returnFromSale(
        tx,
        lines.map((line) => ({
          variantId: line.variantId,
          sku: line.sku,
          locationId: sale.locationId,
          qty: line.units - line.taken,
        })),
        { actorId: null, note: `flash sale ${sale.title} ended` },
      );
    });
  }
}
