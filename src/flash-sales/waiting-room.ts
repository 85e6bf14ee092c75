import type { Tx } from '../database/unit-of-work';
import type { FlashSale } from './flash-sale.entity';

/** A ticket's place in a sale's queue: its number decides its turn against the sale's serving counter. */
export interface QueuePlace {
  token: string;
  saleId: string;
  seq: number;
  email: string;
  /** The id its ticket row takes once admitted (what an admission names). */
  id: string;
}

/** Ticket numbers from+1 up to `to` have their turn now. */
export interface AdmittedRange {
  from: number;
  to: number;
}

/**
 * Where the queue lives: in the database on one instance (every ticket a row), in Redis with several
 * (numbering, one ticket per email and the serving counter there; a row is written only when a ticket
 * is admitted). Either way the admissions are rows, so an order spends one in its own unit of work.
 */
export abstract class WaitingRoom {
  /** The email's place: the ticket it holds, or a new one at the back. Two first joins get one ticket. */
  abstract join(sale: FlashSale, email: string): Promise<QueuePlace>;
  /**
   * A ticket whose turn passed unused goes to the back of the queue. Answers its place: moved by this
   * call, or by another that came first (it is moved once).
   */
  abstract requeue(sale: FlashSale, place: QueuePlace, now: Date): Promise<QueuePlace>;
  /** The places of these tickets (unknown ones left out). */
  abstract places(tokens: string[]): Promise<Map<string, QueuePlace>>;
  /** Each sale's serving counter: tickets up to it have had their turn. */
  abstract serving(saleIds: string[]): Promise<Map<string, number>>;
  /** The last ticket number issued (the admitter's end of the queue); `sale` is read in this pass. */
  abstract issued(sale: FlashSale): Promise<number>;
  /** Inside the admitter's unit, which has just raised the sale's serving counter over `range`. */
  abstract admit(tx: Tx, sale: FlashSale, range: AdmittedRange, now: Date, until: Date): Promise<void>;
  /** Once that unit has committed: readers of the room see the new serving counter. */
  abstract served(sale: FlashSale, serving: number): Promise<void>;
}
