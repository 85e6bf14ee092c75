import { createServer } from 'node:net';
import { ConfigError, loadConfig } from './config/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // Loaded after the configuration is known to be good, so a bad value never costs a slow start.
  const { createApp } = await import('./app.setup');
  const app = await createApp(config);
  // A flash sale opens thousands of connections at once. Past the listen backlog (Node's default is
  // 511) the kernel drops them, and each of those shoppers waits a 1 s SYN retransmit.
  await app.listen({ port: config.port, host: config.host ?? (await everyInterface()), backlog: 4096 });
  app
    .get(await import('nestjs-pino').then((m) => m.Logger))
    .log(
      `O2O commerce is up: API ${config.publicBaseUrl}/api, docs ${config.publicBaseUrl}/docs, ` +
        `terminal ${config.publicBaseUrl}/terminal, shop ${config.publicBaseUrl}/shop`,
    );
}

/**
 * Every interface, IPv6 included, as Node's own listen(port) does: `::` (dual-stack, so IPv4 clients
 * too) where the machine has IPv6, else `0.0.0.0`. Fastify always binds a given host, and `0.0.0.0`
 * alone would refuse clients that reach the server over IPv6 (`localhost` resolving to ::1 first).
 */
function everyInterface(): Promise<string> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve('0.0.0.0'));
    probe.listen(0, '::', () => probe.close(() => resolve('::')));
  });
}

main().catch((error) => {
  console.error('Failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
