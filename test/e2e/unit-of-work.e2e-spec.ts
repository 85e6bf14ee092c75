import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../src/database/sql';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * 500 overlapping units of work: some commit, some throw after writing, some hit a unique violation.
 * Every caller must be told the truth: a unit that resolved is fully there, one that rejected left nothing.
 */
describe('unit of work under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('commits or rolls back each of 500 overlapping units, and tells each caller which', async () => {
    const uow = t.app.get(UnitOfWork);
    const ds = t.app.get(DataSource);
    const counter = randomUUID();
    await uow.run(({ em }) =>
      sql(em, 'INSERT INTO event_sequences (location_id, last_seq) VALUES (:counter, 0)', { counter }),
    );
    await uow.run(({ em }) => insertRecord(em, 'taken'));

    const outcomes = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) =>
        uow.run(async ({ em }) => {
          await sql(em, 'UPDATE event_sequences SET last_seq = last_seq + 1 WHERE location_id = :counter', {
            counter,
          });
          await insertRecord(em, `unit-${i}`);
          await new Promise((resolve) => setTimeout(resolve, i % 3)); // let units interleave
          if (i % 5 === 0) throw new Error(`unit ${i} changed its mind`);
          if (i % 7 === 0) await insertRecord(em, 'taken'); // unique violation
          return i;
        }),
      ),
    );

    const committed = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
    const expected = Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 5 !== 0 && i % 7 !== 0);
    expect(committed).toEqual(expected);
    outcomes.forEach((o, i) => {
      if (o.status === 'fulfilled') expect(o.value).toBe(i);
    });

    const rows: Array<{ key: string }> = await ds.query(
      "SELECT key FROM idempotency_records WHERE caller = 'uow-test' AND key LIKE 'unit-%'",
    );
    expect(rows.map((r) => Number(r.key.slice(5))).sort((a, b) => a - b)).toEqual(expected);
    const [{ last_seq }] = await ds.query(
      `SELECT last_seq FROM event_sequences WHERE location_id = ${t.config.database.type === 'postgres' ? '$1' : '?'}`,
      [counter],
    );
    expect(Number(last_seq)).toBe(expected.length);
  });

  it('reads in one snapshot: a unit committing between two reads is not seen by the second', async () => {
    const uow = t.app.get(UnitOfWork);
    const counter = randomUUID();
    await uow.run(({ em }) =>
      sql(em, 'INSERT INTO event_sequences (location_id, last_seq) VALUES (:counter, 1)', { counter }),
    );
    const read = (em: EntityManager) =>
      sql<{ last_seq: number }>(em, 'SELECT last_seq FROM event_sequences WHERE location_id = :counter', {
        counter,
      }).then(({ rows }) => Number(rows[0].last_seq));
    let write: Promise<unknown> = Promise.resolve();
    const [first, second] = await uow.snapshot(async (em) => {
      const before = await read(em);
      write = uow.run(({ em: other }) =>
        sql(other, 'UPDATE event_sequences SET last_seq = 2 WHERE location_id = :counter', { counter }),
      );
      // On PostgreSQL the unit commits meanwhile; on SQLite it waits its turn behind the snapshot.
      await Promise.race([write, new Promise((resolve) => setTimeout(resolve, 300))]);
      return [before, await read(em)];
    });
    await write;
    expect([first, second]).toEqual([1, 1]);
    expect(await uow.snapshot(read)).toBe(2);
  });

  it('runs work registered with afterCommit only when the unit committed', async () => {
    const uow = t.app.get(UnitOfWork);
    const seen: string[] = [];
    await uow.run(async (tx) => tx.afterCommit(() => seen.push('committed')));
    await expect(
      uow.run(async (tx) => {
        tx.afterCommit(() => seen.push('rolled back'));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(seen).toEqual(['committed']);
  });
});

function insertRecord(em: import('typeorm').EntityManager, key: string) {
  return sql(
    em,
    `INSERT INTO idempotency_records (caller, key, request_hash, response_status, response_body, created_at)
     VALUES ('uow-test', :key, 'h', 200, '{}', :now)`,
    { key, now: new Date().toISOString() },
  );
}
