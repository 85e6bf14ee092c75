import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../config/config';

/** A throw-away database for tests, benchmarks and the migration generator, removed by drop(). */
export interface ScratchDatabase {
  config: DatabaseConfig;
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(
  kind: 'sqlite' | 'postgres',
  postgresUrl?: string,
): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'o2o-'));
    const path = join(dir, 'o2o.sqlite');
    return {
      config: { type: 'sqlite', path },
      url: `sqlite:${path}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('a PostgreSQL URL is needed for a scratch PostgreSQL database');
  const name = `o2o_scratch_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(postgresUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    config: { type: 'postgres', url: url.toString() },
    url: url.toString(),
    drop: () =>
      withAdmin(postgresUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdmin(postgresUrl: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
