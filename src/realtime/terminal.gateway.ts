import { Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import {
  JoinAck,
  RESUME_PAGE_SIZE,
  ResumeAck,
  SESSION_CLOSING_EVENT,
  SessionNotice,
  TERMINAL_NAMESPACE,
  TerminalClientEvents,
  TerminalEvent,
  TerminalServerEvents,
  VARIANT_UPDATED_EVENT,
} from '@o2o/contracts';
import { AuthService } from '../auth/auth.service';
import { CatalogEditor } from '../catalog/catalog-editor.service';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { EventFeed } from './event-feed.service';
import { EventLog } from '../outbox/event-log.service';
import { parseHandshake, parseJoin, parseResume } from './socket-payloads';
import { toAckError, toConnectError } from './socket-errors';
import { locationRoom, roomsOfEvent, roomsOnConnect, userRoom } from './terminal-rooms';

interface TerminalSocketData {
  user: AuthUser;
  expiresAt: number;
  rooms: string[];
  expiryTimer?: NodeJS.Timeout;
}

type TerminalSocket = Socket<TerminalClientEvents, TerminalServerEvents, object, TerminalSocketData>;
type TerminalNamespace = Namespace<TerminalClientEvents, TerminalServerEvents, object, TerminalSocketData>;

/** setTimeout cannot wait longer than this (about 24.8 days); longer tokens are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Store terminals. The handshake carries a staff token (verified in the namespace middleware, since
 * Nest guards do not run on socket.io connections); the socket joins the rooms of its locations and
 * is closed when the token expires. Every committed event goes to its location's room under its type.
 * Delivery is at most once: `resume` (or the HTTP feed) gives back whatever a terminal missed.
 */
@WebSocketGateway({ namespace: TERMINAL_NAMESPACE })
export class TerminalGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationShutdown
{
  private readonly logger = new Logger(TerminalGateway.name);
  private namespace?: TerminalNamespace;
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly auth: AuthService,
    private readonly events: EventLog,
    private readonly feed: EventFeed,
    private readonly catalog: CatalogEditor,
  ) {}

  afterInit(namespace: TerminalNamespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(toConnectError(error, this.logger)),
      );
    });
    this.subscriptions.push(
      this.events.committed.subscribe((event) => this.publish(event)),
      this.auth.accessChanged.subscribe((userId) => this.closeSessionsOf(userId)),
      // Every store's Labels screen lists the SKUs whose printed price is now wrong.
      this.catalog.variantChanged.subscribe((change) => namespace.emit(VARIANT_UPDATED_EVENT, change)),
    );
  }

  handleConnection(socket: TerminalSocket): void {
    // Joined before any other code runs: no event committed after `connect` can miss this socket.
    void socket.join(socket.data.rooms);
    this.armExpiry(socket);
  }

  handleDisconnect(socket: TerminalSocket): void {
    clearTimeout(socket.data.expiryTimer);
  }

  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() socket: TerminalSocket, @MessageBody() body: unknown): Promise<ResumeAck> {
    try {
      const { locationId, afterSeq } = parseResume(body);
      const user = this.currentUser(socket);
      const { events, lastSeq } = await this.feed.missed(user, locationId, afterSeq, RESUME_PAGE_SIZE);
      return { ok: true, events, lastSeq };
    } catch (error) {
      return { ok: false, error: toAckError(error, this.logger) };
    }
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: TerminalSocket, @MessageBody() body: unknown): Promise<JoinAck> {
    try {
      const { locationId } = parseJoin(body);
      const lastSeq = await this.feed.join(this.currentUser(socket), locationId);
      await socket.join(locationRoom(locationId));
      return { ok: true, locationId, lastSeq };
    } catch (error) {
      return { ok: false, error: toAckError(error, this.logger) };
    }
  }

  /** Late: events committed by requests that finish during a graceful shutdown still go out. */
  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  /** Tells every terminal that this instance is going away, then closes their connections. */
  closeAll(notice: SessionNotice): void {
    for (const socket of this.namespace?.sockets.values() ?? []) {
      socket.emit(SESSION_CLOSING_EVENT, notice);
      // Closing the transport (not a namespace disconnect) makes socket.io clients reconnect by themselves.
      socket.conn.close();
    }
  }

  /**
   * The account's access changed: its terminals must sign in again. Through the room (and the Redis
   * adapter, when configured) this reaches its sockets on every instance.
   */
  private closeSessionsOf(userId: string): void {
    const room = this.namespace?.in(userRoom(userId));
    room?.emit(SESSION_CLOSING_EVENT, {
      reason: 'access_changed',
      message: 'Your access has changed: sign in again',
      reconnect: false,
    });
    room?.disconnectSockets();
  }

  private publish(event: TerminalEvent): void {
    // The Redis adapter, when configured, carries this to the sockets of every instance.
    this.namespace?.to(roomsOfEvent(event)).emit(event.type, event as never);
  }

  private async authenticate(socket: TerminalSocket): Promise<void> {
    const { token, locationIds } = parseHandshake(socket.handshake.auth);
    const { expiresAt, ...user } = await this.auth.verifyToken(token);
    const rooms = [...roomsOnConnect(user, locationIds), userRoom(user.id)];
    socket.data = { user, expiresAt, rooms };
  }

  /** The socket's user, as long as its token is still valid. */
  private currentUser(socket: TerminalSocket): AuthUser {
    if (Date.now() >= socket.data.expiresAt) {
      this.expire(socket);
      throw new AppError('UNAUTHENTICATED', 'The access token has expired: sign in again');
    }
    return socket.data.user;
  }

  private armExpiry(socket: TerminalSocket): void {
    const wait = socket.data.expiresAt - Date.now();
    socket.data.expiryTimer =
      wait > MAX_TIMER_MS
        ? setTimeout(() => this.armExpiry(socket), MAX_TIMER_MS)
        : setTimeout(() => this.expire(socket), Math.max(0, wait));
  }

  private expire(socket: TerminalSocket): void {
    clearTimeout(socket.data.expiryTimer);
    socket.emit(SESSION_CLOSING_EVENT, {
      reason: 'token_expired',
      message: 'The access token has expired: sign in again',
      reconnect: false,
    });
    // A namespace disconnect: the client does not retry by itself with the expired token.
    socket.disconnect();
  }
}
