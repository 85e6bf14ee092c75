import type { Server } from 'node:http';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EventRetentionJob } from './event-retention.job';
import { ShopGateway } from './shop.gateway';
import { TerminalGateway } from './terminal.gateway';

/** How long requests in flight get to finish before their connections are cut. */
const GRACE_MS = 10_000;
const IDLE_CHECK_MS = 50;

/**
 * On SIGTERM (or app.close()), before the sockets, Redis and the database are closed: stop accepting
 * connections, tell every terminal and shop socket to go elsewhere (their clients reconnect by
 * themselves, through the load balancer to a live instance), and let the requests in flight, and so
 * their units of work, finish. Keep-alive connections are closed as soon as they fall idle.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly terminals: TerminalGateway,
    private readonly shop: ShopGateway,
    private readonly retention: EventRetentionJob,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    const drained = server?.listening ? this.stopAccepting(server) : Promise.resolve(true);
    const notice = {
      reason: 'server_shutdown' as const,
      message: 'This server is shutting down: reconnecting to another one',
      reconnect: true,
    };
    this.terminals.closeAll(notice);
    this.shop.closeAll();
    const finished = await drained;
    if (!finished) {
      this.logger.warn(`Requests still running after ${GRACE_MS} ms: closing their connections`);
      server?.closeAllConnections();
    }
    await this.retention.stop();
    if (signal) this.logger.log(`Shut down gracefully on ${signal}`);
  }

  /** Stops listening; resolves true once every connection has ended, false after the grace period. */
  private stopAccepting(server: Server): Promise<boolean> {
    return new Promise((resolve) => {
      const idleCheck = setInterval(() => server.closeIdleConnections(), IDLE_CHECK_MS);
      const deadline = setTimeout(() => finish(false), GRACE_MS);
      const finish = (drained: boolean) => {
        clearInterval(idleCheck);
        clearTimeout(deadline);
        resolve(drained);
      };
      server.close(() => finish(true));
      server.closeIdleConnections();
    });
  }
}
