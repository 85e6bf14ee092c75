#!/usr/bin/env node
/**
 * `npm run bench` (every benchmark) or `npm run bench:<name>` (one, plus the machine limit it is
 * compared with). Builds the server, runs each benchmark against its own server on a fresh database
 * (SQLite; PostgreSQL when BENCH_DATABASE_URL=postgres://… names a server to create databases on),
 * prints one JSON line per figure as it comes and the tables at the end, and writes both to
 * test/bench/results/ (latest.jsonl, latest.txt).
 *
 * Environment: BENCH_QUICK=1 (short runs, smaller data: a smoke test of the harness, not figures;
 * written to results/quick.jsonl instead),
 * BENCH_PROFILE=1 (CPU profile of each server: results/<bench>.cpuprofile), BENCH_NO_BUILD=1.
 */
import console from 'node:console';
import os from 'node:os';
import process from 'node:process';
import { availability } from './availability.mjs';
import { flashQueue } from './flash-queue.mjs';
import { flashSale } from './flash-sale.mjs';
import { growth } from './growth.mjs';
import { importCatalog } from './import.mjs';
import { limitHttp, limitHttpBurst, limitSqlite } from './limits.mjs';
import { ordersAtScale } from './orders-at-scale.mjs';
import { Report } from './lib/report.mjs';
import { buildServer, databaseKind } from './lib/server.mjs';
import { terminalSync } from './terminal-sync.mjs';

/**
 * @typedef {{ report: Report, limits: { http: number | null, sqlite: number | null,
 *             httpBurst: Record<number, number> }, quick: boolean,
 *             seconds: (full: number) => number, profiles: Array<string | null> }} BenchContext
 */

/** In run order; `needs` are the limits a benchmark's ratio is computed against. */
const BENCHES = {
  'limit-http': { run: limitHttp, needs: [] },
  'limit-http-burst': { run: limitHttpBurst, needs: [] },
  'limit-sqlite': { run: limitSqlite, needs: [] },
  availability: { run: availability, needs: ['limit-http'] },
  'flash-sale': { run: flashSale, needs: ['limit-sqlite', 'limit-http-burst'] },
  'flash-queue': { run: flashQueue, needs: ['limit-http-burst'] },
  'orders-at-scale': { run: ordersAtScale, needs: ['limit-sqlite'] },
  'terminal-sync': { run: terminalSync, needs: [] },
  growth: { run: growth, needs: [] },
  import: { run: importCatalog, needs: [] },
};

/** The asked benchmarks and the limits they need, in run order. */
function selection(argv) {
  if (argv.includes('limits'))
    argv = [...argv.filter((a) => a !== 'limits'), 'limit-http', 'limit-http-burst', 'limit-sqlite'];
  const unknown = argv.filter((name) => !(name in BENCHES));
  if (unknown.length) {
    console.error(
      `Unknown benchmark ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}, limits`,
    );
    process.exit(2);
  }
  if (!argv.length) return Object.keys(BENCHES);
  const wanted = new Set(argv.flatMap((name) => [name, ...BENCHES[name].needs]));
  return Object.keys(BENCHES).filter((name) => wanted.has(name));
}

async function main() {
  const names = selection(process.argv.slice(2));
  const quick = process.env.BENCH_QUICK === '1';
  const report = new Report({
    db: databaseKind(),
    everything: names.length === Object.keys(BENCHES).length,
    quick,
  });
  /** @type {BenchContext} */
  const ctx = {
    report,
    limits: { http: null, sqlite: null, httpBurst: {} },
    quick,
    seconds: (full) => (quick ? Math.min(full, 3) : full),
    profiles: [],
  };
  const started = Date.now();
  console.log(
    `Benchmarks: ${names.join(', ')} on ${databaseKind()}${quick ? ' (quick: not figures to quote)' : ''}`,
  );
  buildServer();
  let failed = 0;
  for (const name of names) {
    const benchStarted = Date.now();
    // Other work on the machine lowers every figure; say so beside them rather than hide it.
    const [load] = os.loadavg();
    if (load > os.cpus().length * 0.5)
      report.note(
        `the machine was busy before ${name}: load average ${load.toFixed(1)} on ${os.cpus().length} cores`,
      );
    try {
      await BENCHES[name].run(ctx);
    } catch (error) {
      failed++;
      report.note(`${name} failed: ${error instanceof Error ? error.message : error}`);
    }
    console.log(`(${name} took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s)`);
  }
  report.print();
  for (const profile of ctx.profiles.filter(Boolean)) console.log(`CPU profile: ${profile}`);
  console.log(
    `All done in ${((Date.now() - started) / 1000).toFixed(0)} s${failed ? `, ${failed} failed` : ''}.`,
  );
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
