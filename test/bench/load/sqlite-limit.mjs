/**
 * The machine's SQLite ceiling: raw better-sqlite3, one process, the app's pragmas (WAL, synchronous
 * NORMAL), transactions of "conditional decrement + insert" (reserve one unit if available, append a
 * ledger row with a UUID key), as many as fit in `durationSeconds`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import Database from 'better-sqlite3';

/** @param {{ durationSeconds: number }} args @param {{ progress(text: string): void }} io */
export async function run(args, io) {
  const dir = mkdtempSync(join(tmpdir(), 'o2o-limit-'));
  const db = new Database(join(dir, 'limit.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE levels (id INTEGER PRIMARY KEY, on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL);
             CREATE TABLE ledger (id TEXT PRIMARY KEY, level_id INTEGER NOT NULL, delta INTEGER NOT NULL, at TEXT NOT NULL);
             CREATE INDEX ledger_level ON ledger (level_id);`);
    const insertLevel = db.prepare('INSERT INTO levels (id, on_hand, reserved) VALUES (?, 1000000000, 0)');
    for (let id = 1; id <= 1000; id++) insertLevel.run(id);
    const decrement = db.prepare(
      'UPDATE levels SET reserved = reserved + 1 WHERE id = ? AND on_hand - reserved >= 1',
    );
    const append = db.prepare('INSERT INTO ledger (id, level_id, delta, at) VALUES (?, ?, 1, ?)');
    const reserve = db.transaction((levelId) => {
      if (decrement.run(levelId).changes === 1) append.run(randomUUID(), levelId, new Date().toISOString());
    });

    const started = process.hrtime.bigint();
    const until = started + BigInt(args.durationSeconds * 1e9);
    let count = 0;
    let now = started;
    while (now < until) {
      for (let i = 0; i < 1000; i++) reserve(1 + (count++ % 1000));
      now = process.hrtime.bigint();
      io.progress(`${count} transactions`);
    }
    const seconds = Number(now - started) / 1e9;
    return { transactions_per_s: Math.round(count / seconds), transactions: count, seconds };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
