import { io, type Socket } from 'socket.io-client';
import {
  SeqTracker,
  TERMINAL_EVENT_TYPES,
  TERMINAL_NAMESPACE,
  VARIANT_UPDATED_EVENT,
  type JoinAck,
  type ResumeAck,
  type TerminalClientEvents,
  type TerminalEvent,
  type TerminalServerEvents,
  type VariantUpdated,
} from '@o2o/contracts';

export type LiveStatus = 'connecting' | 'online' | 'offline';

type TerminalSocket = Socket<TerminalServerEvents, TerminalClientEvents>;

const ACK_TIMEOUT_MS = 10_000;

/**
 * The terminal's live view of one location. The socket is only a fast path: every event carries the
 * location's seq, and whenever the feed (re)connects or sees a gap it asks the server for what it
 * missed (`resume`), so nothing committed is ever skipped. When the server no longer has the missed
 * events (RESYNC_REQUIRED) or on the first connect, it starts from the current seq and asks the
 * screens to reload their full state (`onResync`).
 */
export class LiveFeed {
  private socket: TerminalSocket | null = null;
  private tracker: SeqTracker | null = null;
  private catchingUp: Promise<void> | null = null;
  /** Live events that arrived while catching up: judged by seq once the catch-up is done. */
  private pending: TerminalEvent[] = [];
  private statusListeners = new Set<(status: LiveStatus) => void>();
  private eventListeners = new Set<(event: TerminalEvent) => void>();
  private resyncListeners = new Set<() => void>();
  private priceListeners = new Set<(change: VariantUpdated) => void>();
  status: LiveStatus = 'connecting';

  constructor(
    private readonly token: string,
    readonly locationId: string,
  ) {}

  start(): void {
    const socket: TerminalSocket = io(TERMINAL_NAMESPACE, {
      auth: { token: this.token, locationIds: [this.locationId] },
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    this.socket = socket;
    socket.on('connect', () => void this.catchUp());
    socket.on('disconnect', () => this.setStatus('offline'));
    socket.on('connect_error', () => this.setStatus('offline'));
    for (const type of TERMINAL_EVENT_TYPES) {
      socket.on(type, (event: TerminalEvent) => this.receive(event));
    }
    socket.on(VARIANT_UPDATED_EVENT, (change) => this.priceListeners.forEach((listener) => listener(change)));
    window.addEventListener('offline', this.onBrowserOffline);
  }

  stop(): void {
    window.removeEventListener('offline', this.onBrowserOffline);
    this.socket?.disconnect();
    this.socket = null;
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  /** Every event of the location once, in seq order, live or caught up. */
  onEvent(listener: (event: TerminalEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** A variant's price changed (every terminal hears it, unsequenced: a hint to reload, not a record). */
  onPriceChange(listener: (change: VariantUpdated) => void): () => void {
    this.priceListeners.add(listener);
    return () => this.priceListeners.delete(listener);
  }

  /** The screens must reload everything (first connect, or the missed events are gone). */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  private readonly onBrowserOffline = () => this.setStatus('offline');

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }

  private receive(event: TerminalEvent): void {
    if (event.locationId !== this.locationId) return;
    if (!this.tracker || this.catchingUp) {
      this.pending.push(event);
      void this.catchUp();
      return;
    }
    const verdict = this.tracker.offer(event);
    if (verdict === 'new') this.emit(event);
    else if (verdict === 'gap') void this.catchUp();
  }

  private emit(event: TerminalEvent): void {
    this.eventListeners.forEach((listener) => listener(event));
  }

  /** One catch-up at a time; a request for another while one runs is served by running it again. */
  private catchUp(): Promise<void> {
    if (!this.catchingUp) {
      this.catchingUp = this.runCatchUp().finally(() => (this.catchingUp = null));
    }
    return this.catchingUp;
  }

  private async runCatchUp(): Promise<void> {
    try {
      for (;;) {
        if (!this.tracker) await this.startFromNow();
        await this.resumeUntilCurrent();
        if (!this.applyPending()) break;
      }
      this.setStatus('online');
    } catch {
      // Unanswered or refused: stay offline; the next (re)connect or event tries again.
      this.setStatus('offline');
    }
  }

  /** Applies the buffered live events; answers true when one shows a gap (resume again). */
  private applyPending(): boolean {
    for (const event of this.pending.splice(0)) {
      const verdict = this.tracker!.offer(event);
      if (verdict === 'new') this.emit(event);
      if (verdict === 'gap') return true;
    }
    return false;
  }

  /** Baseline: the location's current seq, then a full reload of what the screens show. */
  private async startFromNow(): Promise<void> {
    const answer = await this.request<JoinAck>('join', { locationId: this.locationId });
    if (!answer.ok) throw new Error(answer.error.message);
    this.tracker = new SeqTracker({ [this.locationId]: answer.lastSeq });
    this.resyncListeners.forEach((listener) => listener());
  }

  private async resumeUntilCurrent(): Promise<void> {
    for (;;) {
      const tracker = this.tracker!;
      const afterSeq = tracker.lastSeq(this.locationId);
      const answer = await this.request<ResumeAck>('resume', { locationId: this.locationId, afterSeq });
      if (!answer.ok) {
        if (answer.error.code !== 'RESYNC_REQUIRED') throw new Error(answer.error.message);
        this.tracker = null;
        await this.startFromNow();
        continue;
      }
      tracker.takeMissed(answer.events).forEach((event) => this.emit(event));
      if (tracker.lastSeq(this.locationId) >= answer.lastSeq || answer.events.length === 0) return;
    }
  }

  private request<T>(event: 'join' | 'resume', payload: object): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new Error('not connected'));
    return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event as 'resume', payload as never) as Promise<T>;
  }
}
