import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';

/** A kept answer, shaped like a row of idempotency_records. */
export interface StoredAnswer {
  request_hash: string;
  response_status: number;
  response_body: string;
}

export interface AnswerKey {
  caller: string;
  key: string;
  requestHash: string;
}

const FLUSH_AFTER_MS = 50;
const ROWS_PER_INSERT = 200;

/**
 * Refused answers (409/422) to idempotent requests, kept so that a retry gets the same refusal.
 * A refusal wrote nothing, so it need not share a transaction with anything: refusals are gathered
 * for a few milliseconds and written together in one unit of work, instead of costing every refused
 * request (most requests of a flash sale) a write unit of its own. Until written, this instance
 * answers retries from memory; at worst a crash forgets a refusal, and the retry is decided afresh.
 */
@Injectable()
export class RefusalBuffer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RefusalBuffer.name);
  private pending = new Map<string, AnswerKey & StoredAnswer>();
  private timer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(private readonly uow: UnitOfWork) {}

  keep(claim: AnswerKey, status: number, body: unknown): void {
    const id = `${claim.caller}\n${claim.key}`;
    if (this.pending.has(id)) return;
    this.pending.set(id, {
      ...claim,
      request_hash: claim.requestHash,
      response_status: status,
      response_body: JSON.stringify(body),
    });
    // Once shutting down, the database is about to close: a late refusal is answered from memory only.
    if (!this.closing) this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
  }

  find(claim: Pick<AnswerKey, 'caller' | 'key'>): StoredAnswer | undefined {
    return this.pending.get(`${claim.caller}\n${claim.key}`);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = [...this.pending.values()];
    if (!rows.length) return;
    try {
      await this.uow.run(async ({ em }) => {
        for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
          await insertAnswers(em, rows.slice(start, start + ROWS_PER_INSERT));
        }
      });
    } catch (error) {
      this.logger.warn(
        { err: error, count: rows.length },
        'could not keep refused answers; their retries are decided afresh',
      );
    } finally {
      for (const row of rows) this.pending.delete(`${row.caller}\n${row.key}`);
    }
  }

  beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    return this.flush();
  }
}

function insertAnswers(em: import('typeorm').EntityManager, rows: Array<AnswerKey & StoredAnswer>) {
  const params: Record<string, unknown> = { createdAt: new Date().toISOString() };
  const values = rows.map((row, i) => {
    Object.assign(params, {
      [`caller${i}`]: row.caller,
      [`key${i}`]: row.key,
      [`hash${i}`]: row.request_hash,
      [`status${i}`]: row.response_status,
      [`body${i}`]: row.response_body,
    });
    return `(:caller${i}, :key${i}, :hash${i}, :status${i}, :body${i}, :createdAt)`;
  });
  return sql(
    em,
    `INSERT INTO idempotency_records (caller, key, request_hash, response_status, response_body, created_at)
     VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  );
}
