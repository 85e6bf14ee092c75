import { LockService } from '../../src/common/locks/lock.service';
import { startTestApp, TestApp, testDb } from '../support/test-app';

/** Two workers asking for the same lock at once: one runs, the other is told at once it did not. */
async function contend(locks: LockService, name: string) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const first = locks.runExclusive(name, 10_000, async () => {
    await held;
    return 'first';
  });
  await new Promise((resolve) => setTimeout(resolve, 50)); // the first has taken it
  const second = await locks.runExclusive(name, 10_000, async () => 'second');
  release();
  return { first: await first, second };
}

describe.each([
  ['without Redis', {}],
  ['with Redis', { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }],
])(`lock service on ${testDb()} %s`, (_label, env) => {
  let t: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ...env, SWEEP_INTERVAL_SECONDS: '3600' });
    // A second instance on the same database, as when the service is scaled out.
    other = await startTestApp({ ...env, SWEEP_INTERVAL_SECONDS: '3600' }, t.db);
  });
  afterAll(async () => {
    await other.stop();
    await t.close();
  });

  it('lets one holder run at a time and frees the lock after', async () => {
    const locks = t.app.get(LockService);
    const name = `test-lock-${Math.random()}`;
    const { first, second } = await contend(locks, name);
    expect(first).toEqual({ ran: true, value: 'first' });
    expect(second).toEqual({ ran: false });
    expect(await locks.runExclusive(name, 1000, async () => 42)).toEqual({ ran: true, value: 42 });
  });

  it('frees the lock when the work fails', async () => {
    const locks = t.app.get(LockService);
    const name = `test-lock-${Math.random()}`;
    await expect(locks.runExclusive(name, 1000, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await locks.runExclusive(name, 1000, async () => 'again')).toEqual({ ran: true, value: 'again' });
  });

  it('keeps a second instance out while the first holds it (with Redis or PostgreSQL)', async () => {
    const shared = t.app.get(LockService);
    const separate = other.app.get(LockService);
    // SQLite without Redis is one process per database file: the lock is in memory, not shared.
    const sharedLock = testDb() === 'postgres' || 'REDIS_URL' in env;
    const name = `test-lock-${Math.random()}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = shared.runExclusive(name, 10_000, () => held);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const meanwhile = await separate.runExclusive(name, 10_000, async () => 'other');
    expect(meanwhile).toEqual(sharedLock ? { ran: false } : { ran: true, value: 'other' });
    release();
    await first;
    expect(await separate.runExclusive(name, 10_000, async () => 'other')).toEqual({
      ran: true,
      value: 'other',
    });
  });
});
