/**
 * The server under test: built once, started as its own process on a fresh database (SQLite file, or
 * a new PostgreSQL database when BENCH_DATABASE_URL is set), on a free loopback port.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import pg from 'pg';
import { RESULTS_DIR } from './report.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const PRELOAD = join(dirname(fileURLToPath(import.meta.url)), 'server-preload.mjs');

export const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password' };

/** Which database the run uses: PostgreSQL when BENCH_DATABASE_URL names one, else SQLite. */
export function databaseKind() {
  return process.env.BENCH_DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
}

/** `nest build` (dist/src/main.js), unless BENCH_NO_BUILD=1 says dist is already current. */
export function buildServer() {
  if (process.env.BENCH_NO_BUILD === '1' && existsSync(MAIN)) return;
  const nest = join(ROOT, 'node_modules', '.bin', 'nest');
  const result = spawnSync(nest, ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('nest build failed: the benchmarks need a server that compiles');
}

/** A port nobody listens on right now (asked from the kernel, then released for the server). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (probe.address());
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * A throw-away database: { url, kind, sqlitePath?, drop() }.
 * @param {'sqlite' | 'postgres'} kind
 */
export async function createDatabase(kind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'o2o-bench-'));
    const sqlitePath = join(dir, 'o2o.sqlite');
    return {
      kind,
      url: `sqlite:${sqlitePath}`,
      sqlitePath,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = /** @type {string} */ (process.env.BENCH_DATABASE_URL);
  const name = `o2o_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withPg(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: () => withPg(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** @param {string} url @param {(client: pg.Client) => Promise<unknown>} work */
export async function withPg(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Starts `node dist/src/main.js` on a fresh database and waits until /health answers.
 * With BENCH_PROFILE=1 the server records a CPU profile from measure() to stop(), written to
 * test/bench/results/<name>.cpuprofile.
 * @param {string} name the benchmark, for the profile's file name
 * @param {Record<string, string>} [env] settings of this benchmark's server
 */
export async function startServer(name, env = {}) {
  const db = await createDatabase(databaseKind());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const profile = process.env.BENCH_PROFILE === '1' ? join(RESULTS_DIR, `${name}.cpuprofile`) : null;
  const child = spawn(process.execPath, ['--import', PRELOAD, MAIN], {
    cwd: ROOT,
    stdio: profile ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_BASE_URL: url,
      DATABASE_URL: db.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      // The benchmark logs in hundreds of staff from one address: the limits are not what is measured.
      LOGIN_RATE_LIMIT: '1000000',
      SCAN_RATE_LIMIT: '1000000',
      REDIS_URL: '',
      // Production would require Stripe keys; orders here pay at pickup, in-store or through the test provider.
      PAYMENT_PROVIDER: 'test',
      ...(profile ? { BENCH_CPU_PROFILE: profile } : {}),
      ...env,
    },
  });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  let profiling = false;
  child.once('exit', () => (exited = true));

  for (let tries = 0; ; tries++) {
    if (exited) throw new Error(`server exited at start:\n${output.join('')}`);
    if (tries > 600) throw new Error(`server did not answer /health within 60 s:\n${output.join('')}`);
    try {
      const response = await globalThis.fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }

  return {
    url,
    db,
    pid: child.pid,
    /** The server's recent output (warnings and errors only at LOG_LEVEL=warn). */
    output: () => output.join(''),
    /**
     * CPU time the server process has used so far, in ms (Linux /proc; null elsewhere). Per request it
     * shows what a request costs whatever else the machine is doing at the time.
     */
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        // utime and stime (fields 14 and 15 of stat), in clock ticks of 10 ms on Linux.
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return null;
      }
    },
    /** Marks the start of the measured load: with BENCH_PROFILE=1 the CPU profile starts here. */
    async measure() {
      if (exited || !profile || profiling) return;
      profiling = true;
      child.send('profile:start');
      for (let i = 0; i < 50 && !output.join('').includes('cpu profile started'); i++) await sleep(20);
    },
    async stop() {
      if (!exited && profiling) {
        child.send('profile:stop');
        for (let i = 0; i < 100 && !output.join('').includes('cpu profile written'); i++) await sleep(100);
      }
      if (!exited) {
        const gone = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await Promise.race([gone, sleep(10_000)]);
        if (!exited) child.kill('SIGKILL');
      }
      await db.drop();
      return profile;
    },
  };
}
