import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { parse } from 'csv-parse';
import { DataSource } from 'typeorm';
import type { ImportAccepted, ImportJobView, ImportKind, ImportRowError } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { AuthUser } from '../common/request-context';
import { isUniqueViolation, sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';
import {
  checkProductRecord,
  checkStockRecord,
  type CsvRecord,
  headerProblem,
  type ProductRow,
  type StockRow,
} from './csv-rows';
import type { SavedUpload } from './csv-upload';
import { ImportJob, ImportJobError } from './import-job.entity';
import { ProductImport } from './product-import';
import type { BatchOutcome, NumberedRow } from './row-batch';
import { StockImport } from './stock-import';

/** Rows per unit of work: small enough that other writers wait little between batches. */
const BATCH_ROWS = 250;
/** Refused rows kept per job (and shown); the count of all refusals is kept beside them. */
const MAX_ERRORS_KEPT = 1000;
/** A cell that long is no catalog row: refused before it fills memory. */
const MAX_RECORD_BYTES = 64 * 1024;
/** A batch takes seconds: a running job without progress for this long lost its instance. */
const SILENT_JOB_MS = 2 * 60_000;
const INTERRUPTED_JOB_SWEEP = 'import-jobs.interrupted';

type Records = AsyncIterator<string[]>;

interface Batch {
  rows: Array<NumberedRow<ProductRow | StockRow>>;
  errors: ImportRowError[];
  records: number;
}

/**
 * CSV imports as jobs: the upload's header is checked while the caller waits, then its rows are read
 * as a stream and applied in batches of BATCH_ROWS, each batch in units of work, the progress written to
 * the job's row after each. Memory stays bounded by one batch whatever the file's length.
 */
@Injectable()
export class ImportJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ImportJobs.name);

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly locations: LocationsService,
    private readonly products: ProductImport,
    private readonly stock: StockImport,
  ) {}

  onApplicationBootstrap(): void {
    const sweep = () =>
      this.failInterrupted().catch((error) => this.logger.error(error, 'interrupted imports sweep failed'));
    void sweep();
    const timer = setInterval(sweep, SILENT_JOB_MS / 2);
    timer.unref();
    this.scheduler.addInterval(INTERRUPTED_JOB_SWEEP, timer);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', INTERRUPTED_JOB_SWEEP))
      this.scheduler.deleteInterval(INTERRUPTED_JOB_SWEEP);
  }

  /**
   * Jobs whose instance stopped (a restart, a crash) would say `running` for ever: they are marked
   * failed, so that the person who started one knows to upload the file again (a re-import leaves the
   * rows already applied as they are). Any instance may do it: the UPDATE decides.
   */
  async failInterrupted(now: Date = this.clock.now()): Promise<number> {
    const { affected } = await this.uow.run((tx) =>
      sql(
        tx.em,
        `UPDATE import_jobs SET status = 'failed', finished_at = :now, message = :message
          WHERE status = 'running' AND COALESCE(progress_at, started_at) < :silentSince`,
        {
          now: now.toISOString(),
          silentSince: new Date(now.getTime() - SILENT_JOB_MS).toISOString(),
          message:
            'Interrupted: the server stopped while this file was being imported. Upload it again; ' +
            'rows already imported stay as they are.',
        },
      ),
    );
    return affected;
  }

  async start(
    actor: AuthUser,
    kind: ImportKind,
    locationId: string | null,
    idempotencyKey: string | undefined,
    upload: SavedUpload,
  ): Promise<ImportAccepted> {
    try {
      const earlier = await this.jobWithKey(actor, idempotencyKey);
      if (earlier) {
        await removeUpload(upload);
        return { jobId: earlier.id };
      }
      if (locationId) await this.locations.get(locationId);
      const records = openCsv(upload.path);
      const header = await readHeader(kind, records);
      const { job, isNew } = await this.createJob(actor, kind, locationId, idempotencyKey, upload.lines);
      if (!isNew) {
        await records.return?.();
        await removeUpload(upload);
        return { jobId: job.id };
      }
      void this.run(job, actor, header, records).finally(() => removeUpload(upload));
      return { jobId: job.id };
    } catch (error) {
      await removeUpload(upload);
      throw error;
    }
  }

  /** A job as its starter sees it (an admin sees every job); anyone else is told it does not exist. */
  async view(actor: AuthUser, id: string): Promise<ImportJobView> {
    const job = await this.dataSource.manager.findOneBy(ImportJob, { id });
    if (!job || (actor.role !== 'admin' && job.actorId !== actor.id)) {
      throw AppError.notFound('Import', { jobId: id });
    }
    const errors = await this.dataSource.manager.find(ImportJobError, {
      where: { jobId: id },
      order: { rowNumber: 'ASC', field: 'ASC' },
      take: MAX_ERRORS_KEPT,
    });
    return {
      id: job.id,
      kind: job.kind,
      locationId: job.locationId,
      status: job.status,
      processed: job.processed,
      total: Math.max(job.total, job.processed),
      created: job.created,
      updated: job.updated,
      failed: job.failed,
      errors: errors.map((e) => ({ row: e.rowNumber, field: e.field, message: e.message })),
      message: job.message,
      startedAt: job.startedAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }

  private async jobWithKey(actor: AuthUser, key: string | undefined): Promise<ImportJob | null> {
    if (key === undefined) return null;
    if (!key.length || key.length > 255) {
      throw AppError.invalid('Idempotency-Key', 'must be 1-255 characters');
    }
    return this.dataSource.manager.findOneBy(ImportJob, { actorId: actor.id, idempotencyKey: key });
  }

  /** The new job; or, when the same key raced this request, the job that won (to answer its id). */
  private async createJob(
    actor: AuthUser,
    kind: ImportKind,
    locationId: string | null,
    idempotencyKey: string | undefined,
    lines: number,
  ): Promise<{ job: ImportJob; isNew: boolean }> {
    const job: ImportJob = Object.assign(new ImportJob(), {
      id: randomUUID(),
      kind,
      locationId,
      actorId: actor.id,
      idempotencyKey: idempotencyKey ?? null,
      status: 'running' as const,
      processed: 0,
      total: lines,
      created: 0,
      updated: 0,
      failed: 0,
      message: null,
      startedAt: this.clock.now(),
      progressAt: this.clock.now(),
      finishedAt: null,
    });
    try {
      await this.uow.run((tx) => tx.em.insert(ImportJob, { ...job }));
      return { job, isNew: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return { job: (await this.jobWithKey(actor, idempotencyKey))!, isNew: false };
    }
  }

  private async run(job: ImportJob, actor: AuthUser, header: string[], records: Records): Promise<void> {
    const seen = new Map<string, number>();
    let rowNumber = 1;
    let batch: Batch = { rows: [], errors: [], records: 0 };
    try {
      for (let next = await records.next(); !next.done; next = await records.next()) {
        rowNumber++;
        this.check(job.kind, header, next.value, rowNumber, seen, batch);
        if (batch.records >= BATCH_ROWS) {
          await this.flush(job, actor, batch);
          batch = { rows: [], errors: [], records: 0 };
        }
      }
      await this.flush(job, actor, batch);
      await this.finish(job, 'done', null);
    } catch (error) {
      this.logger.warn(error, `import ${job.id} stopped at row ${rowNumber + 1}`);
      const reason = error instanceof Error ? error.message : String(error);
      await this.finish(
        job,
        'failed',
        `Stopped at row ${rowNumber + 1}, which could not be read: ${reason}`,
      ).catch((failure: unknown) =>
        this.logger.error(failure, `import ${job.id} could not be marked failed`),
      );
    }
  }

  /** Checks one record into the batch: a row to apply or the problems to report. */
  private check(
    kind: ImportKind,
    header: string[],
    cells: string[],
    rowNumber: number,
    seen: Map<string, number>,
    batch: Batch,
  ): void {
    batch.records++;
    if (cells.length !== header.length) {
      batch.errors.push({
        row: rowNumber,
        field: 'row',
        message: `has ${cells.length} cells where the first row names ${header.length} columns`,
      });
      return;
    }
    const record: CsvRecord = Object.fromEntries(header.map((column, i) => [column, cells[i]]));
    const checked = kind === 'products' ? checkProductRecord(record) : checkStockRecord(record);
    if (checked.problems) {
      batch.errors.push(...checked.problems.map((p) => ({ row: rowNumber, ...p })));
      return;
    }
    const first = seen.get(checked.row.sku);
    if (first !== undefined) {
      batch.errors.push({
        row: rowNumber,
        field: 'sku',
        message: `${checked.row.sku} is on row ${first} already`,
      });
      return;
    }
    seen.set(checked.row.sku, rowNumber);
    batch.rows.push({ rowNumber, row: checked.row });
  }

  private async flush(job: ImportJob, actor: AuthUser, batch: Batch): Promise<void> {
    if (!batch.records) return;
    const outcome: BatchOutcome =
      job.kind === 'products'
        ? await this.products.apply(actor, batch.rows as Array<NumberedRow<ProductRow>>)
        : await this.stock.apply(actor, job.locationId!, batch.rows as Array<NumberedRow<StockRow>>);
    const errors = [...batch.errors, ...outcome.errors];
    const kept = errors.slice(0, Math.max(0, MAX_ERRORS_KEPT - job.failed));
    job.processed += batch.records;
    job.created += outcome.created;
    job.updated += outcome.updated;
    job.failed += new Set(errors.map((e) => e.row)).size;
    await this.uow.run(async (tx) => {
      const { processed, created, updated, failed } = job;
      await tx.em.update(
        ImportJob,
        { id: job.id },
        { processed, created, updated, failed, progressAt: this.clock.now() },
      );
      if (kept.length) {
        await tx.em.insert(
          ImportJobError,
          kept.map((e) => ({
            jobId: job.id,
            rowNumber: e.row,
            field: e.field,
            message: e.message.slice(0, 500),
          })),
        );
      }
    });
  }

  private async finish(job: ImportJob, status: 'done' | 'failed', message: string | null): Promise<void> {
    await this.uow.run((tx) =>
      tx.em.update(
        ImportJob,
        { id: job.id },
        {
          status,
          message: message?.slice(0, 500) ?? null,
          total: job.processed,
          finishedAt: this.clock.now(),
        },
      ),
    );
  }
}

/** The file's records as they are read (a stream: never the whole file in memory). */
function openCsv(path: string): Records {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES }),
  );
  return parser[Symbol.asyncIterator]() as Records;
}

/** The header row, or 400 saying in plain words what is wrong with it. */
async function readHeader(kind: ImportKind, records: Records): Promise<string[]> {
  const first = await records.next().catch((error: unknown) => {
    throw AppError.invalid('file', `is not a readable CSV file (${(error as Error).message})`);
  });
  if (first.done) throw AppError.invalid('file', 'is empty: it needs a header row and rows');
  const header = first.value.map((column) => column.trim().toLowerCase());
  const problem = headerProblem(kind, header);
  if (problem) await records.return?.();
  if (problem)
    throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field: 'file', errors: [problem] }] });
  return header;
}

async function removeUpload(upload: SavedUpload): Promise<void> {
  await rm(dirname(upload.path), { recursive: true, force: true });
}
