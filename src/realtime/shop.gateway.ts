import { Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import { CatalogEditor } from '../catalog/catalog-editor.service';
import type { Namespace, Socket } from 'socket.io';
import {
  AVAILABILITY_CHANGED_EVENT,
  SHOP_NAMESPACE,
  VARIANT_UPDATED_EVENT,
  UnwatchAck,
  ShopClientEvents,
  ShopServerEvents,
  WATCH_MAX_SKUS,
  WatchAck,
} from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { AvailabilityFeed } from './availability-feed.service';
import { parseWatch } from './socket-payloads';
import { toAckError } from './socket-errors';
import { skuRoom } from './terminal-rooms';

type ShopSocket = Socket<ShopClientEvents, ShopServerEvents>;
type ShopNamespace = Namespace<ShopClientEvents, ShopServerEvents>;

/**
 * The online shop and the scan page: anyone may `watch` SKUs and then gets `availability.changed`
 * for them. The `watch` ack carries their availability now, so nothing between the two is missed.
 */
@WebSocketGateway({ namespace: SHOP_NAMESPACE })
export class ShopGateway implements OnGatewayInit, OnApplicationShutdown {
  private readonly logger = new Logger(ShopGateway.name);
  private namespace?: ShopNamespace;
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly feed: AvailabilityFeed,
    private readonly catalog: CatalogEditor,
  ) {}

  afterInit(namespace: ShopNamespace): void {
    this.namespace = namespace;
    this.subscriptions.push(
      this.feed.changes.subscribe((change) =>
        namespace.to(skuRoom(change.sku)).emit(AVAILABILITY_CHANGED_EVENT, change),
      ),
      this.catalog.variantChanged.subscribe((change) =>
        namespace.to(skuRoom(change.sku)).emit(VARIANT_UPDATED_EVENT, change),
      ),
    );
  }

  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  /** Closes every shop connection; socket.io clients reconnect by themselves (and watch again). */
  closeAll(): void {
    for (const socket of this.namespace?.sockets.values() ?? []) socket.conn.close();
  }

  @SubscribeMessage('watch')
  async watch(@ConnectedSocket() socket: ShopSocket, @MessageBody() body: unknown): Promise<WatchAck> {
    try {
      const { skus } = parseWatch(body);
      const rooms = skus.map(skuRoom);
      const watching = new Set([...socket.rooms].filter((room) => room.startsWith('sku:')).concat(rooms));
      if (watching.size > WATCH_MAX_SKUS) {
        throw AppError.invalid('skus', `may not make a socket watch more than ${WATCH_MAX_SKUS} SKUs`);
      }
      const added = rooms.filter((room) => !socket.rooms.has(room));
      // Joined first, read second: a change committed in between is in the answer or comes after it.
      await socket.join(added);
      try {
        return { ok: true, skus, availability: await this.feed.current(skus) };
      } catch (error) {
        added.forEach((room) => void socket.leave(room));
        throw error;
      }
    } catch (error) {
      return { ok: false, error: toAckError(error, this.logger) };
    }
  }

  @SubscribeMessage('unwatch')
  async unwatch(@ConnectedSocket() socket: ShopSocket, @MessageBody() body: unknown): Promise<UnwatchAck> {
    try {
      const { skus } = parseWatch(body);
      await Promise.all(skus.map((sku) => socket.leave(skuRoom(sku))));
      return { ok: true, skus };
    } catch (error) {
      return { ok: false, error: toAckError(error, this.logger) };
    }
  }
}
