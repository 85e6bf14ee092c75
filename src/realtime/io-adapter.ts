import { createHash } from 'node:crypto';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { AppConfig, DatabaseConfig } from '../config/config';

/**
 * socket.io for every gateway. With REDIS_URL set, rooms are served through the Redis adapter, so an
 * event committed on one instance reaches the sockets of every instance. Only instances on the same
 * database share a channel: their events are one stream, and another database's would be foreign.
 */
// Nest ships its own copy of socket.io: its types, not the top-level package's, describe this server.
type Server = ReturnType<IoAdapter['createIOServer']>;
type ServerOptions = Parameters<IoAdapter['createIOServer']>[1];

export class AppIoAdapter extends IoAdapter {
  protected override readonly logger = new Logger('SocketIo');
  private clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    if (this.config.redisUrl) {
      const pub = this.redisClient(this.config.redisUrl);
      const sub = pub.duplicate();
      sub.on('error', (error) => this.logger.warn(`Redis (socket.io sub): ${error.message}`));
      this.clients.push(pub, sub);
      server.adapter(createAdapter(pub, sub, { key: channelKey(this.config.database) }));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    const clients = this.clients;
    this.clients = [];
    await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
  }

  private redisClient(url: string): Redis {
    const client = new Redis(url, { maxRetriesPerRequest: null });
    client.on('error', (error) => this.logger.warn(`Redis (socket.io pub): ${error.message}`));
    return client;
  }
}

/** The Redis channel prefix of the instances on one database (credentials left out of the hash). */
export function channelKey(database: DatabaseConfig): string {
  let identity: string;
  if (database.type === 'sqlite') identity = `sqlite:${database.path}`;
  else {
    const url = new URL(database.url);
    identity = `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return `o2o-io#${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
}
