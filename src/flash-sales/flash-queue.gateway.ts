import { Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  FLASH_UNITS_LEFT_EVENT,
  QUEUE_ADMITTED_EVENT,
  QUEUE_POSITION_EVENT,
  SHOP_NAMESPACE,
  type FlashUnitsLeft,
  type QueueAck,
  type QueueStanding,
  type ShopClientEvents,
  type ShopServerEvents,
} from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { errorBody } from '../common/error.filter';
import { FlashCheckout } from './flash-checkout.service';
import { FlashSalesService } from './flash-sales.service';

type ShopSocket = Socket<ShopClientEvents, ShopServerEvents>;
type ShopNamespace = Namespace<ShopClientEvents, ShopServerEvents>;

const PUSH_MS = 500;
/**
 * Units left go out at most once a second per sale line (the latest figure, not one broadcast per
 * order): live enough for a person, and a broadcast to 9,000 sockets four times a second took 15% of
 * the server's CPU during a sell-out.
 */
const UNITS_LEFT_MS = 1_000;

/** A socket following a ticket: the sale and number tell its place from the sale's serving counter. */
interface Follower {
  ticket: string;
  saleId: string;
  seq: number;
  /** The position last pushed to this socket: an unchanged one is not pushed again. */
  pushed?: number;
}

/**
 * The waiting room on /shop: a socket that emits `queue` {ticket} gets `queue.position` at once and
 * then whenever its place moves (checked every half second) until its turn, then `queue.admitted`
 * once. Each instance pushes to its own sockets, reading the shared counters, so it works the same
 * with one instance or several. A round reads only the serving counters (positions follow from the
 * ticket numbers), and the rows of the tickets whose turn has come. Units left go to everyone.
 */
@WebSocketGateway({ namespace: SHOP_NAMESPACE })
export class FlashQueueGateway implements OnGatewayInit, OnApplicationShutdown {
  private readonly logger = new Logger(FlashQueueGateway.name);
  private readonly waiting = new Map<ShopSocket, Follower>();
  private timer?: NodeJS.Timeout;
  private pushing = false;
  /** The latest units left of each sale line not yet broadcast, by sale and SKU. */
  private readonly unitsLeftDue = new Map<string, FlashUnitsLeft>();
  private unitsLeftTimer?: NodeJS.Timeout;

  constructor(
    private readonly sales: FlashSalesService,
    private readonly checkout: FlashCheckout,
  ) {}

  afterInit(namespace: ShopNamespace): void {
    this.checkout.unitsLeft.subscribe((change) => this.broadcastSoon(namespace, change));
    this.timer = setInterval(() => void this.pushAll(), PUSH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    clearTimeout(this.unitsLeftTimer);
    this.checkout.unitsLeft.complete();
  }

  /**
   * A broadcast writes to every socket on /shop: one per order made a sell-out cost orders × watchers
   * writes (62% of the server's CPU with 10,000 buyers). A change after a quiet spell goes out at once;
   * the changes of the next UNITS_LEFT_MS wait and go out as one, the latest figure per sale line.
   */
  private broadcastSoon(namespace: ShopNamespace, change: FlashUnitsLeft): void {
    this.unitsLeftDue.set(`${change.saleId} ${change.sku}`, change);
    if (!this.unitsLeftTimer) this.broadcastDue(namespace);
  }

  private broadcastDue(namespace: ShopNamespace): void {
    const due = [...this.unitsLeftDue.values()];
    this.unitsLeftDue.clear();
    for (const change of due) namespace.emit(FLASH_UNITS_LEFT_EVENT, change);
    this.unitsLeftTimer = due.length
      ? setTimeout(() => this.broadcastDue(namespace), UNITS_LEFT_MS)
      : undefined;
  }

  @SubscribeMessage('queue')
  async queue(@ConnectedSocket() socket: ShopSocket, @MessageBody() body: unknown): Promise<QueueAck> {
    try {
      const ticket = (body as { ticket?: unknown } | null)?.ticket;
      if (typeof ticket !== 'string' || ticket.length > 64)
        throw AppError.invalid('ticket', 'must be a ticket');
      const { saleId, seq, standing } = await this.sales.follow(ticket);
      const follower: Follower = { ticket, saleId, seq };
      this.waiting.set(socket, follower);
      socket.once('disconnect', () => this.waiting.delete(socket));
      this.push(socket, follower, standing);
      return { ok: true, standing };
    } catch (error) {
      if (!(error instanceof AppError)) this.logger.error(error, 'queue failed');
      return { ok: false, error: errorBody(error) };
    }
  }

  private async pushAll(): Promise<void> {
    if (this.pushing || !this.waiting.size) return;
    this.pushing = true;
    try {
      const followers = [...this.waiting];
      const serving = await this.sales.servingOf([...new Set(followers.map(([, f]) => f.saleId))]);
      const turnCame = (f: Follower) => f.seq <= (serving.get(f.saleId) ?? 0);
      const admitted = await this.sales.standings([
        ...new Set(followers.filter(([, f]) => turnCame(f)).map(([, f]) => f.ticket)),
      ]);
      for (const [socket, follower] of followers) {
        const standing = turnCame(follower)
          ? admitted.get(follower.ticket)
          : this.sales.waitingStanding(follower.seq, serving.get(follower.saleId) ?? 0);
        if (standing) this.push(socket, follower, standing);
      }
    } catch (error) {
      this.logger.error(error, 'queue push failed');
    } finally {
      this.pushing = false;
    }
  }

  /**
   * Every push is a write to its socket: repeating an unchanged position to thousands of sockets
   * twice a second took a fifth of the server's CPU while 10,000 buyers queued before a start.
   */
  private push(socket: ShopSocket, follower: Follower, standing: QueueStanding): void {
    if (standing.state === 'waiting') {
      if (standing.position === follower.pushed) return;
      follower.pushed = standing.position;
      const { position, aheadOfYou, estimatedWaitS } = standing;
      socket.emit(QUEUE_POSITION_EVENT, { position, aheadOfYou, estimatedWaitS });
      return;
    }
    // Its turn has come: admitted (pushed once), or already used or passed (the ack said so).
    this.waiting.delete(socket);
    if (standing.admitted) {
      socket.emit(QUEUE_ADMITTED_EVENT, { admission: standing.admission, until: standing.until });
    }
  }
}
