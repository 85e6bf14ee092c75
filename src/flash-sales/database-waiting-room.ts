import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import { sql } from '../database/sql';
import { readerOf, type Tx, UnitOfWork } from '../database/unit-of-work';
import { newSecret } from './flash-codes';
import { FlashSale, FlashTicket } from './flash-sale.entity';
import { type AdmittedRange, type QueuePlace, WaitingRoom } from './waiting-room';

/** The queue in the database (one instance): every ticket is a row, numbered by the sale's counter. */
export class DatabaseWaitingRoom extends WaitingRoom {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {
    super();
  }

  async join(sale: FlashSale, email: string): Promise<QueuePlace> {
    const existing = await this.ticketOf(sale.id, email);
    if (existing) return placeOf(existing);
    try {
      return await this.uow.run(async (tx) => {
        const again = await this.ticketOf(sale.id, email, tx);
        if (again) return placeOf(again);
        const created = Object.assign(new FlashTicket(), {
          id: randomUUID(),
          token: newSecret(),
          saleId: sale.id,
          seq: await this.nextSeq(tx, sale.id),
          email,
          admittedAt: null,
          admissionExpiresAt: null,
          admissionUsedAt: null,
          createdAt: this.clock.now(),
        } satisfies FlashTicket);
        await tx.em.insert(FlashTicket, created);
        return placeOf(created);
      });
    } catch (error) {
      // Two first requests for one email on PostgreSQL: the unique key lets one in; the other reads it.
      const winner = await this.ticketOf(sale.id, email);
      if (!winner) throw error;
      return placeOf(winner);
    }
  }

  requeue(sale: FlashSale, place: QueuePlace, now: Date): Promise<QueuePlace> {
    return this.uow.run(async (tx) => {
      // Claims the ticket: a second request meets a row no longer expired and reads where it went.
      const { affected } = await sql(
        tx.em,
        `UPDATE flash_tickets SET admitted_at = NULL, admission_expires_at = NULL
          WHERE id = :id AND admission_used_at IS NULL AND admission_expires_at <= :now`,
        { id: place.id, now: now.toISOString() },
      );
      if (!affected) return placeOf((await tx.em.findOneBy(FlashTicket, { id: place.id }))!);
      const seq = await this.nextSeq(tx, sale.id);
      await sql(tx.em, 'UPDATE flash_tickets SET seq = :seq WHERE id = :id', { id: place.id, seq });
      return { ...place, seq };
    });
  }

  places(tokens: string[]): Promise<Map<string, QueuePlace>> {
    return placesInDatabase(this.dataSource, tokens);
  }

  serving(saleIds: string[]): Promise<Map<string, number>> {
    return servingInDatabase(this.dataSource, saleIds);
  }

  async issued(sale: FlashSale): Promise<number> {
    return sale.ticketsIssued;
  }

  async admit(tx: Tx, sale: FlashSale, { from, to }: AdmittedRange, now: Date, until: Date): Promise<void> {
    await sql(
      tx.em,
      `UPDATE flash_tickets SET admitted_at = :now, admission_expires_at = :until
        WHERE sale_id = :id AND seq > :from AND seq <= :to`,
      { id: sale.id, from, to, now: now.toISOString(), until: until.toISOString() },
    );
  }

  async served(): Promise<void> {
    // The serving counter is the sale's row, raised in the admitter's unit.
  }

  private async nextSeq(tx: Tx, saleId: string): Promise<number> {
    const { rows } = await sql<{ tickets_issued: number }>(
      tx.em,
      `UPDATE flash_sales SET tickets_issued = tickets_issued + 1 WHERE id = :saleId RETURNING tickets_issued`,
      { saleId },
    );
    return Number(rows[0].tickets_issued);
  }

  private ticketOf(saleId: string, email: string, tx?: Tx) {
    return readerOf(tx, this.dataSource).findOneBy(FlashTicket, { saleId, email });
  }
}

/** The serving counters as the sale rows hold them (the admitter raises them there). */
export async function servingInDatabase(
  dataSource: DataSource,
  saleIds: string[],
): Promise<Map<string, number>> {
  if (!saleIds.length) return new Map();
  const { rows } = await sql<{ id: string; serving: number }>(
    dataSource.manager,
    `SELECT id, serving FROM flash_sales WHERE id IN (:...saleIds)`,
    { saleIds },
  );
  return new Map(rows.map((row) => [row.id, Number(row.serving)]));
}

/** The places of the tickets that have rows. */
export async function placesInDatabase(
  dataSource: DataSource,
  tokens: string[],
): Promise<Map<string, QueuePlace>> {
  if (!tokens.length) return new Map();
  const { rows } = await sql<{ id: string; token: string; sale_id: string; seq: number; email: string }>(
    dataSource.manager,
    `SELECT id, token, sale_id, seq, email FROM flash_tickets WHERE token IN (:...tokens)`,
    { tokens },
  );
  return new Map(
    rows.map((row) => [
      row.token,
      { id: row.id, token: row.token, saleId: row.sale_id, seq: Number(row.seq), email: row.email },
    ]),
  );
}

function placeOf(ticket: FlashTicket): QueuePlace {
  return { id: ticket.id, token: ticket.token, saleId: ticket.saleId, seq: ticket.seq, email: ticket.email };
}
