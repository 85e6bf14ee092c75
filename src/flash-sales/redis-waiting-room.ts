import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import { placesInDatabase, servingInDatabase } from './database-waiting-room';
import { newSecret } from './flash-codes';
import { FlashSale, FlashTicket } from './flash-sale.entity';
import { type AdmittedRange, type QueuePlace, WaitingRoom } from './waiting-room';

/** A sale's keys outlive its end by a day, so that late visitors are still told how their ticket went. */
const KEPT_AFTER_END_MS = 24 * 3_600_000;

/**
 * A new ticket, unless the email holds one: numbered by INCR (after the sale's serving counter, should
 * Redis have lost the count), found by email and by token, and listed by number for the admitter.
 * KEYS: issued, serving, emails (email → token), queue (number → [token, id, email]), the new ticket.
 * ARGV: email, token, id, sale id, the sale's serving counter, expiry (ms since the epoch), the ticket
 * keys' prefix.
 * Answers [token, id, number].
 */
const JOIN_SCRIPT = `
local held = redis.call('HGET', KEYS[3], ARGV[1])
if held then
  local ticket = redis.call('HMGET', ARGV[7] .. held, 'id', 'seq')
  return {held, ticket[1], ticket[2]}
end
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[5]) then redis.call('SET', KEYS[1], ARGV[5]) end
redis.call('SET', KEYS[2], ARGV[5], 'NX')
local seq = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[4], seq, cjson.encode({ARGV[2], ARGV[3], ARGV[1]}))
redis.call('HSET', KEYS[5], 'saleId', ARGV[4], 'id', ARGV[3], 'seq', seq, 'email', ARGV[1])
for i = 1, 5 do redis.call('PEXPIREAT', KEYS[i], ARGV[6]) end
return {ARGV[2], ARGV[3], seq}`;

/**
 * Moves a ticket to the back, if it is still at the number it was seen at (else another request moved
 * it). KEYS: issued, queue, the ticket. ARGV: its number, its token. Answers its number now.
 */
const REQUEUE_SCRIPT = `
local seq = redis.call('HGET', KEYS[3], 'seq')
if seq ~= ARGV[1] then return tonumber(seq) end
local ticket = redis.call('HMGET', KEYS[3], 'id', 'email')
local back = redis.call('INCR', KEYS[1])
redis.call('HDEL', KEYS[2], seq)
redis.call('HSET', KEYS[2], back, cjson.encode({ARGV[2], ticket[1], ticket[2]}))
redis.call('HSET', KEYS[3], 'seq', back)
return back`;

/**
 * Raises counters to at least ARGV[1] (the database's serving counter: Redis may have lost them or
 * missed the last raise), with the sale's expiry ARGV[2]. Answers the first counter.
 */
const RAISE_SCRIPT = `
for i = 1, #KEYS do
  if tonumber(redis.call('GET', KEYS[i]) or '0') < tonumber(ARGV[1]) then
    redis.call('SET', KEYS[i], ARGV[1])
    redis.call('PEXPIREAT', KEYS[i], ARGV[2])
  end
end
return tonumber(redis.call('GET', KEYS[1]))`;

/**
 * The queue in Redis, for several instances: joining touches no table. The admitter (one at a time)
 * writes a ticket row only when it admits that ticket, in the unit that raises the sale's serving
 * counter, then raises the counter readers see here. The database stays the judge of admissions.
 *
 * If Redis loses its data, waiting tickets are gone (their holders join again, numbered after the
 * serving counter); admitted tickets are rows and keep working. Keys expire a day after the sale ends.
 * One Redis server, not a Cluster: the join script reads the ticket key of an email's earlier ticket.
 */
export class RedisWaitingRoom extends WaitingRoom {
  constructor(
    private readonly redis: Redis,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async join(sale: FlashSale, email: string): Promise<QueuePlace> {
    const token = newSecret();
    const [held, id, seq] = (await this.redis.eval(
      JOIN_SCRIPT,
      5,
      keyOf(sale.id, 'issued'),
      keyOf(sale.id, 'serving'),
      keyOf(sale.id, 'emails'),
      keyOf(sale.id, 'queue'),
      ticketKey(token),
      email,
      token,
      randomUUID(),
      sale.id,
      sale.serving,
      expiryOf(sale),
      ticketKey(''),
    )) as [string, string, number | string];
    return { token: held, id, saleId: sale.id, seq: Number(seq), email };
  }

  async requeue(sale: FlashSale, place: QueuePlace): Promise<QueuePlace> {
    const seq = (await this.redis.eval(
      REQUEUE_SCRIPT,
      3,
      keyOf(sale.id, 'issued'),
      keyOf(sale.id, 'queue'),
      ticketKey(place.token),
      place.seq,
      place.token,
    )) as number | null;
    return { ...place, seq: seq ?? place.seq };
  }

  async places(tokens: string[]): Promise<Map<string, QueuePlace>> {
    const answer = new Map<string, QueuePlace>();
    if (!tokens.length) return answer;
    const pipeline = this.redis.pipeline();
    for (const token of tokens) pipeline.hmget(ticketKey(token), 'saleId', 'id', 'seq', 'email');
    const replies = (await pipeline.exec())!;
    tokens.forEach((token, i) => {
      const [saleId, id, seq, email] = replies[i][1] as Array<string | null>;
      if (saleId && id && seq && email) answer.set(token, { token, saleId, id, seq: Number(seq), email });
    });
    // Admitted tickets are rows too: they are still known once their keys are gone.
    const gone = tokens.filter((token) => !answer.has(token));
    for (const [token, place] of await placesInDatabase(this.dataSource, gone)) answer.set(token, place);
    return answer;
  }

  async serving(saleIds: string[]): Promise<Map<string, number>> {
    if (!saleIds.length) return new Map();
    const counters = await this.redis.mget(saleIds.map((id) => keyOf(id, 'serving')));
    const answer = new Map<string, number>();
    saleIds.forEach((id, i) => counters[i] !== null && answer.set(id, Number(counters[i])));
    const unknown = saleIds.filter((id) => !answer.has(id));
    for (const [id, serving] of await servingInDatabase(this.dataSource, unknown)) answer.set(id, serving);
    return answer;
  }

  async issued(sale: FlashSale): Promise<number> {
    const issued = await this.raise(
      sale,
      [keyOf(sale.id, 'issued'), keyOf(sale.id, 'serving')],
      sale.serving,
    );
    return Number(issued);
  }

  async admit(tx: Tx, sale: FlashSale, { from, to }: AdmittedRange, now: Date, until: Date): Promise<void> {
    const seqs = Array.from({ length: to - from }, (_, i) => from + 1 + i);
    const listed = await this.redis.hmget(keyOf(sale.id, 'queue'), ...seqs.map(String));
    // A number with no ticket: one moved to the back, or lost with Redis's data.
    const tickets = seqs.flatMap((seq, i) => {
      if (!listed[i]) return [];
      const [token, id, email] = JSON.parse(listed[i]) as [string, string, string];
      return [{ seq, token, id, email }];
    });
    if (!tickets.length) return;
    const { rows } = await sql<{ email: string }>(
      tx.em,
      'SELECT email FROM flash_tickets WHERE sale_id = :saleId AND email IN (:...emails)',
      { saleId: sale.id, emails: tickets.map((ticket) => ticket.email) },
    );
    const hasRow = new Set(rows.map((row) => row.email));
    const fresh = tickets.filter((ticket) => !hasRow.has(ticket.email));
    if (fresh.length) {
      await tx.em.insert(
        FlashTicket,
        fresh.map((ticket) => ({
          ...ticket,
          saleId: sale.id,
          admittedAt: now,
          admissionExpiresAt: until,
          admissionUsedAt: null,
          createdAt: now,
        })),
      );
    }
    // Back in line after a turn that passed unused: the row takes the new turn (an open or used one stays).
    for (const ticket of tickets.filter((one) => hasRow.has(one.email))) {
      await sql(
        tx.em,
        `UPDATE flash_tickets SET seq = :seq, admitted_at = :now, admission_expires_at = :until
          WHERE sale_id = :saleId AND email = :email AND admission_used_at IS NULL AND admission_expires_at <= :now`,
        {
          seq: ticket.seq,
          email: ticket.email,
          saleId: sale.id,
          now: now.toISOString(),
          until: until.toISOString(),
        },
      );
    }
  }

  async served(sale: FlashSale, serving: number): Promise<void> {
    await this.raise(sale, [keyOf(sale.id, 'serving')], serving);
  }

  private raise(sale: FlashSale, keys: string[], floor: number): Promise<unknown> {
    return this.redis.eval(RAISE_SCRIPT, keys.length, ...keys, floor, expiryOf(sale));
  }
}

function keyOf(saleId: string, part: 'issued' | 'serving' | 'emails' | 'queue'): string {
  return `flash:sale:${saleId}:${part}`;
}

function ticketKey(token: string): string {
  return `flash:ticket:${token}`;
}

function expiryOf(sale: FlashSale): number {
  return sale.endsAt.getTime() + KEPT_AFTER_END_MS;
}
