import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntity, AuditEntryView, Page } from '@o2o/contracts';
import { decodeCursor, pageLimit, pageOf, type PageQuery } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { escapeLike } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import { AuditEntry } from './audit-entry.entity';
import { Clock } from '../common/clock';

export interface AuditQuery extends PageQuery {
  entity?: AuditEntity;
  entityId?: string;
  /** Part of the actor's email, the entity id or the action. */
  q?: string;
}

/**
 * The audit trail: every change a person makes to a price, product, location, user or stock is
 * recorded in the unit of work that makes it, so the trail holds exactly what was committed.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Records a change; fields whose value did not change are left out, and nothing at all if none did. */
  async record(
    tx: Tx,
    actor: AuthUser,
    what: { entity: AuditEntity; entityId: string; action: string },
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): Promise<void> {
    const changes: Record<string, unknown[]> = {};
    for (const field of Object.keys(after)) {
      if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
      changes[field] = [before[field] ?? null, after[field] ?? null];
    }
    if (!Object.keys(changes).length) return;
    await tx.em.insert(AuditEntry, {
      id: randomUUID(),
      at: this.clock.now(),
      actorId: actor.id,
      actorEmail: actor.email,
      ...what,
      changes,
    });
  }

  /** Newest first. */
  async page(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const limit = pageLimit(query);
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('a.entityId = :entityId', { entityId: query.entityId });
    if (query.q) {
      const like = `%${escapeLike(query.q.toLowerCase())}%`;
      qb.andWhere(
        // Lower-cased on both sides: LIKE is case-sensitive on PostgreSQL, and SKUs are upper case.
        "(LOWER(a.actorEmail) LIKE :like ESCAPE '\\' OR LOWER(a.entityId) LIKE :like ESCAPE '\\' OR LOWER(a.action) LIKE :like ESCAPE '\\')",
        { like },
      );
    }
    const cursor = decodeCursor(query.after, 2);
    if (cursor) {
      qb.andWhere('(a.at < :at OR (a.at = :at AND a.id < :id))', { at: cursor[0], id: cursor[1] });
    }
    const rows = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = pageOf(rows, limit, (row) => [row.at.toISOString(), row.id]);
    return { items: page.items.map(toView), next: page.next };
  }
}

function toView(row: AuditEntry): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actorId, email: row.actorEmail },
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    changes: row.changes as AuditEntryView['changes'],
  };
}
