/**
 * Grows the stock ledger straight in the database (the API would take hours for a million rows):
 * batches of movements over every existing level, each batch one transaction that also moves the
 * levels by the same sums, so that onHand = Σ onHandDelta and reserved = Σ reservedDelta still hold.
 * Each level cycles receive(+2) → reserve → fulfil → sale, which never takes it below zero.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { withPg } from './server.mjs';

const BATCH = 10_000;
/** [kind, onHandDelta, reservedDelta] */
const CYCLE = [
  ['receive', 2, 0],
  ['reserve', 0, 1],
  ['fulfil', -1, -1],
  ['sale', -1, 0],
];
const DAY_MS = 24 * 3600 * 1000;

/**
 * Adds `count` movements. `onProgress(done)` is called after each batch.
 * @param {{ kind: string, url: string, sqlitePath?: string }} db
 * @param {number} count
 * @param {(done: number) => void} onProgress
 */
export async function growLedger(db, count, onProgress) {
  const grower =
    db.kind === 'sqlite' ? sqliteGrower(/** @type {string} */ (db.sqlitePath)) : await pgGrower(db.url);
  try {
    const levels = await grower.levels();
    // Rows dated over the past 90 days, oldest first, so the ledger reads like a real history.
    const first = Date.now() - 90 * DAY_MS;
    const step = (90 * DAY_MS) / count;
    for (let done = 0; done < count;) {
      const size = Math.min(BATCH, count - done);
      const rows = [];
      const sums = new Map();
      for (let i = done; i < done + size; i++) {
        const level = levels[i % levels.length];
        const [kind, onHand, reserved] = CYCLE[Math.floor(i / levels.length) % CYCLE.length];
        rows.push([
          randomUUID(),
          level.variant_id,
          level.location_id,
          kind,
          onHand,
          reserved,
          new Date(first + i * step).toISOString(),
        ]);
        const key = `${level.variant_id}|${level.location_id}`;
        const sum = sums.get(key) ?? { level, onHand: 0, reserved: 0, moves: 0 };
        sum.onHand += onHand;
        sum.reserved += reserved;
        sum.moves++;
        sums.set(key, sum);
      }
      await grower.write(rows, [...sums.values()]);
      done += size;
      onProgress(done);
    }
  } finally {
    await grower.close();
  }
}

function sqliteGrower(path) {
  const sqlite = new Database(path);
  sqlite.pragma('busy_timeout = 10000');
  const insert = sqlite.prepare(
    `INSERT INTO stock_movements (id, variant_id, location_id, kind, on_hand_delta, reserved_delta, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const move = sqlite.prepare(
    `UPDATE stock_levels SET on_hand = on_hand + ?, reserved = reserved + ?, version = version + ?
     WHERE variant_id = ? AND location_id = ?`,
  );
  const write = sqlite.transaction((rows, sums) => {
    for (const row of rows) insert.run(...row);
    for (const s of sums) move.run(s.onHand, s.reserved, s.moves, s.level.variant_id, s.level.location_id);
  });
  return {
    levels: async () =>
      sqlite
        .prepare('SELECT variant_id, location_id FROM stock_levels ORDER BY variant_id, location_id')
        .all(),
    write: async (rows, sums) => write(rows, sums),
    close: async () => {
      // Fold the WAL back into the database, as SQLite's auto-checkpoint would in time: readers of a
      // long WAL search it for every page, which would be measured as slow reads of a big ledger.
      for (let tries = 0; tries < 50; tries++) {
        const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)');
        if (!result.busy) break;
        await sleep(100);
      }
      sqlite.close();
    },
  };
}

async function pgGrower(url) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const column = (rows, i) => rows.map((r) => r[i]);
  return {
    levels: async () =>
      (
        await client.query(
          'SELECT variant_id, location_id FROM stock_levels ORDER BY variant_id, location_id',
        )
      ).rows,
    async write(rows, sums) {
      await client.query('BEGIN');
      try {
        await client.query(
          `INSERT INTO stock_movements (id, variant_id, location_id, kind, on_hand_delta, reserved_delta, created_at)
           SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::int[], $6::int[], $7::varchar[])`,
          [0, 1, 2, 3, 4, 5, 6].map((i) => column(rows, i)),
        );
        await client.query(
          `UPDATE stock_levels l SET on_hand = l.on_hand + s.on_hand, reserved = l.reserved + s.reserved,
                  version = l.version + s.moves
           FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::int[], $5::int[])
                AS s(variant_id, location_id, on_hand, reserved, moves)
           WHERE l.variant_id = s.variant_id AND l.location_id = s.location_id`,
          [
            sums.map((s) => s.level.variant_id),
            sums.map((s) => s.level.location_id),
            sums.map((s) => s.onHand),
            sums.map((s) => s.reserved),
            sums.map((s) => s.moves),
          ],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    close: async () => {
      // What autovacuum would do soon after such growth; the benchmark should not wait for it.
      await client.query('VACUUM ANALYZE stock_movements');
      await client.query('VACUUM ANALYZE stock_levels');
      await client.end();
    },
  };
}

/** How many ledger rows there are now. */
export async function ledgerRows(db) {
  const query = 'SELECT COUNT(*) AS n FROM stock_movements';
  if (db.kind === 'sqlite') {
    const sqlite = new Database(/** @type {string} */ (db.sqlitePath), { readonly: true });
    try {
      return Number(sqlite.prepare(query).get().n);
    } finally {
      sqlite.close();
    }
  }
  return withPg(db.url, async (client) => Number((await client.query(query)).rows[0].n));
}
