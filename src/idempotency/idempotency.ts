import { createHash } from 'node:crypto';
import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { catchError, defer, finalize, from, lastValueFrom, Observable, of, switchMap } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import type { ErrorBody } from '@o2o/contracts';
import { sql } from '../database/sql';
import { pathOf } from '../common/http-hooks';
import { AppError } from '../common/app-error';
import { requestContext, type RequestContext } from '../common/request-context';
import { AnswerKey, RefusalBuffer, StoredAnswer } from './refusal-buffer';
import { RunningRequests } from './running-requests';

const IDEMPOTENT_KEY = 'o2o:idempotent';
const HEADER = 'idempotency-key';

/**
 * Makes a write route safe to retry with an `Idempotency-Key` header. The first successful response is
 * stored in the same transaction as the route's unit of work, so a retry after a crash or a lost
 * connection replays it (same status, same body) instead of writing twice. A concurrent retry waits
 * for the first to commit, then replays it. A business refusal (409/422) is kept too, in batches (see
 * RefusalBuffer), and replayed the same; invalid input (400) is not kept. Routes using this must
 * return the result of one unit of work.
 */
export function Idempotent(options: { required: boolean } = { required: false }) {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_KEY, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.required,
      description:
        'A unique key per intended write (1-255 chars). A retry with the same key and body replays the ' +
        'first answer (a success, or a refusal such as INSUFFICIENT_STOCK) and writes nothing; invalid input ' +
        '(400) is not kept. The same key with another body: IDEMPOTENCY_KEY_REUSED.',
    }),
  );
}

type Claim = AnswerKey;

class ReplayInstead extends Error {}

/**
 * A guest holding an order token (X-Order-Token or ?token=) is a caller of their own: a replayed answer
 * about that order is never given to a guest without its token.
 */
function guestOf(request: Request): string {
  const token = request.headers['x-order-token'] ?? (request.query as Record<string, unknown>).token;
  if (typeof token !== 'string' || !token) return 'guest';
  return `guest:${createHash('sha256').update(token).digest('hex')}`;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly refusals: RefusalBuffer,
    private readonly running: RunningRequests,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const claim = this.claimOf(request, this.reflector.get(IDEMPOTENT_KEY, context.getHandler()));
    if (!claim) return next.handle();

    const release = await this.running.enter(`${claim.caller}\n${claim.key}`);

    let stored: StoredAnswer | null;
    try {
      stored = await this.find(claim);
    } catch (error) {
      release();
      throw error;
    }
    if (stored) {
      release();
      return of(this.replay(stored, claim, response));
    }

    const status: number =
      this.reflector.get(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    // The route's first unit of work stores the answer in its own transaction (see UnitOfWork).
    const toHandDown: RequestContext = {
      beforeFirstCommit: (em, result) => this.record(em, claim, status, result),
    };
    // Once the route has answered, nothing it left behind (a timer, a later unit) may take the hook.
    const handled = defer(() =>
      requestContext
        .run(toHandDown, () => lastValueFrom(next.handle()))
        .finally(() => (toHandDown.beforeFirstCommit = undefined)),
    );
    return handled.pipe(
      catchError((error: unknown) => {
        if (error instanceof ReplayInstead) {
          return from(this.find(claim)).pipe(
            switchMap((found) => (found ? of(this.replay(found, claim, response)) : Promise.reject(error))),
          );
        }
        // A business refusal is an answer too: a retry gets the same one. Input errors are not kept.
        if (error instanceof AppError && [409, 422].includes(error.getStatus())) {
          // Unless the same request committed meanwhile on another instance (there is none on SQLite,
          // and this one runs a key's requests one at a time): its answer is the answer.
          if (this.dataSource.options.type !== 'postgres') return this.refused(claim, error);
          return from(this.find(claim)).pipe(
            switchMap((found) =>
              found ? of(this.replay(found, claim, response)) : this.refused(claim, error),
            ),
          );
        }
        throw error;
      }),
      finalize(release),
    );
  }

  /** Keeps the refusal for retries of this key, and answers it. */
  private refused(claim: Claim, error: AppError): never {
    this.refusals.keep(claim, error.getStatus(), error.toBody());
    throw error;
  }

  private claimOf(request: Request, options?: { required: boolean }): Claim | null {
    if (!options) return null;
    const key = request.headers[HEADER];
    if (key === undefined) {
      if (options.required) throw AppError.invalid('Idempotency-Key', 'header is required for this request');
      return null;
    }
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw AppError.invalid('Idempotency-Key', 'must be 1 to 255 characters');
    }
    const caller = request.user?.id ?? guestOf(request);
    const requestHash = createHash('sha256')
      .update(`${request.method} ${pathOf(request)}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return { caller, key, requestHash };
  }

  private async find(claim: Claim): Promise<StoredAnswer | null> {
    const pending = this.refusals.find(claim);
    if (pending) return pending;
    const { rows } = await sql<StoredAnswer>(
      this.dataSource.manager,
      'SELECT request_hash, response_status, response_body FROM idempotency_records WHERE caller = :caller AND key = :key',
      { caller: claim.caller, key: claim.key },
    );
    return rows[0] ?? null;
  }

  private replay(stored: StoredAnswer, claim: Claim, response: Response): unknown {
    if (stored.request_hash !== claim.requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request', {
        key: claim.key,
      });
    }
    const body = JSON.parse(stored.response_body) as ErrorBody;
    const status = Number(stored.response_status);
    void response.header('Idempotent-Replayed', 'true');
    if (status >= 400) throw AppError.fromBody(body);
    void response.status(status);
    return body;
  }

  /** Inserts the record; if another request holds the key already, this unit rolls back and replays. */
  private async record(em: EntityManager, claim: Claim, status: number, body: unknown) {
    const { affected } = await sql(
      em,
      `INSERT INTO idempotency_records (caller, key, request_hash, response_status, response_body, created_at)
       VALUES (:caller, :key, :requestHash, :status, :body, :createdAt) ON CONFLICT DO NOTHING`,
      { ...claim, status, body: JSON.stringify(body ?? null), createdAt: new Date().toISOString() },
    );
    if (affected === 0) throw new ReplayInstead();
  }
}
