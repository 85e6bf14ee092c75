import { createServer } from 'node:net';
import { createScratchDatabase } from '../../src/database/scratch-database';
import { buildServer, freePort, runToExit, startServerProcess } from '../support/server-process';
import { testDb } from '../support/test-app';

/** The server as a user runs it: its own process, configured only through the environment. */
describe('starting the server', () => {
  beforeAll(() => buildServer());

  it('refuses to start in production without JWT_SECRET, with one clear line', async () => {
    const { code, output } = await runToExit({ NODE_ENV: 'production', JWT_SECRET: '' });
    expect(code).toBe(1);
    expect(output.trim()).toBe('Configuration error: JWT_SECRET is required when NODE_ENV=production');
  });

  it('names the bad variable and prints no stack trace', async () => {
    const { code, output } = await runToExit({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      'Configuration error: PORT must be a whole number from 0 to 65535 (got "eighty")',
    );
  });

  it('honours PORT, DATABASE_URL, PUBLIC_BASE_URL, SEED_DEMO=false and the admin account', async () => {
    const db = await createScratchDatabase(testDb(), process.env.TEST_POSTGRES_URL);
    const port = await freePort();
    const server = await startServerProcess({
      PORT: String(port),
      DATABASE_URL: db.url,
      PUBLIC_BASE_URL: 'https://shop.example.test',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'owner@example.test',
      ADMIN_PASSWORD: 'owner-password',
    });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${port}`);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.test', password: 'owner-password' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');
      const locations = (await (await fetch(`${server.url}/api/locations`)).json()) as { items: unknown[] };
      expect(locations.items).toEqual([]);
      // Every interface by default, as before Fastify: a client reaching it over IPv6 (localhost as ::1) too.
      if (await hasIpv6Loopback()) {
        expect((await fetch(`http://[::1]:${port}/health`)).status).toBe(200);
      }
    } finally {
      // Nest closes the app, then re-raises the signal: a clean stop ends by SIGTERM, not by a crash.
      expect(await server.stop('SIGTERM')).toMatchObject({ signal: 'SIGTERM' });
      await db.drop();
    }
  });
});

function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}
