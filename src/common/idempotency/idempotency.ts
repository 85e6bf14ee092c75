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
import type { Request, Response } from 'express';
import { catchError, from, Observable, of, switchMap } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import type { ErrorBody } from '../../../libs/contracts/src';
import { sql } from '../../database/sql';
import { AppError } from '../app-error';
import { requestContext } from '../request-context';

const IDEMPOTENT_KEY = 'o2o:idempotent';
const HEADER = 'idempotency-key';

/**
 * Makes a write route safe to retry with an `Idempotency-Key` header. The first successful response is
 * stored in the same transaction as the route's unit of work, so a retry after a crash or a lost
 * connection replays it (same status, same body) instead of writing twice. A concurrent retry waits
 * for the first to commit, then replays it. A refused request (4xx) wrote nothing and is not stored:
 * its retry is decided afresh (stock may have come back). Routes using this must return the result
 * of one unit of work.
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
        'first successful (2xx) answer and writes nothing; a refused request (4xx, e.g. INSUFFICIENT_STOCK) ' +
        'is not kept, so its retry is decided afresh. The same key with another body: IDEMPOTENCY_KEY_REUSED.',
    }),
  );
}

/** What is kept of a first answer (raw row of idempotency_records). */
interface StoredAnswer {
  request_hash: string;
  response_status: number;
  response_body: string;
}

interface Claim {
  caller: string;
  key: string;
  requestHash: string;
}

class ReplayInstead extends Error {}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const claim = this.claimOf(request, this.reflector.get(IDEMPOTENT_KEY, context.getHandler()));
    if (!claim) return next.handle();

    const stored = await this.find(claim);
    if (stored) return of(this.replay(stored, claim, response));

    const status: number =
      this.reflector.get(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    const ctx = requestContext.get();
    if (ctx) ctx.beforeFirstCommit = (em, result) => this.record(em, claim, status, result);

    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof ReplayInstead) {
          return from(this.find(claim)).pipe(
            switchMap((found) => (found ? of(this.replay(found, claim, response)) : Promise.reject(error))),
          );
        }
        // A refusal changed nothing and is not stored: storing it would cost a second write unit per
        // refused request, and replaying it would answer from the stock of a moment that has passed.
        throw error;
      }),
    );
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
    const caller = requestContext.get()?.user?.id ?? 'guest';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return { caller, key, requestHash };
  }

  private async find(claim: Claim): Promise<StoredAnswer | null> {
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
    response.setHeader('Idempotent-Replayed', 'true');
    // Refusals stored by earlier versions are still replayed as they were answered.
    if (status >= 400) throw new AppError(body.code, body.message, body.details);
    response.status(status);
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
