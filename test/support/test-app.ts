import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createScratchDatabase, ScratchDatabase } from '../../src/database/scratch-database';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-1' };

export type TestDb = 'sqlite' | 'postgres';

/** Which database this jest run covers: `npm test` sets TEST_DB for each of its passes. */
export function testDb(): TestDb {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: ScratchDatabase;
  /** The base URL the app listens on (127.0.0.1, a free port), for sockets and raw HTTP. */
  url: string;
  http: () => TestAgent;
  /** A bearer header for the given account. */
  login(email: string, password: string): Promise<{ Authorization: string }>;
  asAdmin(): Promise<{ Authorization: string }>;
  /** Stops the app (keeping the database unless `dropDatabase`). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the real application on a fresh database of the run's kind (SQLite file or a new PostgreSQL
 * database), listening on a free loopback port. `env` overrides the environment it is configured from.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  existing?: ScratchDatabase,
): Promise<TestApp> {
  const db = existing ?? (await createScratchDatabase(testDb(), process.env.TEST_POSTGRES_URL));
  const config = loadConfig({
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    // Each app its own media folder: uploads of one suite never show in another.
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'o2o-media-')),
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const tokens = new Map<string, string>();
  let stopped = false;
  const testApp: TestApp = {
    app,
    config: { ...config, publicBaseUrl: env.PUBLIC_BASE_URL ?? url },
    db,
    url,
    http: () => request(app.getHttpServer()),
    async login(email, password) {
      const cached = tokens.get(email);
      if (cached) return { Authorization: `Bearer ${cached}` };
      const response = await request(app.getHttpServer()).post('/api/auth/login').send({ email, password });
      if (response.status !== 200)
        throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      tokens.set(email, response.body.accessToken);
      return { Authorization: `Bearer ${response.body.accessToken}` };
    },
    asAdmin: () => testApp.login(ADMIN.email, ADMIN.password),
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
    },
    async close() {
      await testApp.stop();
      if (!existing) await db.drop();
    },
  };
  return testApp;
}
