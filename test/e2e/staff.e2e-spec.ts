import { io, Socket } from 'socket.io-client';
import { SESSION_CLOSING_EVENT, SessionNotice } from '@o2o/contracts';
import type { Location } from '../../src/locations/location.entity';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

type Headers = { Authorization: string };

/** A terminal socket of `token`, recording why the server closed it. */
function terminal(url: string, token: string) {
  const socket: Socket = io(`${url}/terminal`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const notices: SessionNotice[] = [];
  let disconnected = false;
  socket.on(SESSION_CLOSING_EVENT, (notice: SessionNotice) => notices.push(notice));
  socket.on('disconnect', () => (disconnected = true));
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, notices, ready, isClosed: () => disconnected };
}

describe('staff management: changes hold at once', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Headers;
  let storeA: Location;
  let storeB: Location;
  let manager: Awaited<ReturnType<Fixtures['user']>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    admin = await t.asAdmin();
    storeA = await f.location();
    storeB = await f.location();
    manager = await f.user('manager', [storeA.id]);
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));
  afterAll(() => t.close());

  const patch = (id: string, body: object, headers: Headers = manager.headers) =>
    t.http().patch(`/api/users/${id}`).set(headers).send(body);

  it('a clerk deactivated by their manager: the next request answers 401, the terminal closes, sign-in is refused', async () => {
    const clerk = await f.user('clerk', [storeA.id]);
    const token = clerk.headers.Authorization.slice('Bearer '.length);
    const tablet = terminal(t.url, token);
    sockets.push(tablet.socket);
    await tablet.ready;
    expect((await t.http().get('/api/me').set(clerk.headers)).status).toBe(200);

    const answer = await patch(clerk.user.id, { active: false });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: clerk.user.id, active: false, role: 'clerk' });

    const refused = await t.http().get(`/api/locations/${storeA.id}/stock`).set(clerk.headers);
    expectError(refused, 401, 'UNAUTHENTICATED');
    expect(refused.body.message).toMatch(/deactivated/);
    await until(() => tablet.isClosed(), 'the terminal socket to close');
    expect(tablet.notices).toEqual([expect.objectContaining({ reason: 'access_changed', reconnect: false })]);
    expectError(
      await t.http().post('/api/auth/login').send({ email: clerk.email, password: clerk.password }),
      401,
      'UNAUTHENTICATED',
    );
    // A new socket with the old token is refused at the handshake.
    await expect(terminal(t.url, token).ready).rejects.toMatchObject({
      data: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    });
  });

  it('moving a clerk to another store refuses the old token; a new sign-in acts at the new store only', async () => {
    const clerk = await f.user('clerk', [storeA.id]);
    const moved = await patch(clerk.user.id, { locationIds: [storeB.id] }, admin);
    expect(moved.status).toBe(200);
    expect(moved.body.locationIds).toEqual([storeB.id]);
    expectError(await t.http().get('/api/me').set(clerk.headers), 401, 'UNAUTHENTICATED');

    const again = await t
      .http()
      .post('/api/auth/login')
      .send({ email: clerk.email, password: clerk.password });
    const headers = { Authorization: `Bearer ${again.body.accessToken}` };
    expect((await t.http().get(`/api/locations/${storeB.id}/stock`).set(headers)).status).toBe(200);
    expectError(await t.http().get(`/api/locations/${storeA.id}/stock`).set(headers), 403, 'FORBIDDEN');
  });

  it('a change of name only keeps every token valid', async () => {
    const clerk = await f.user('clerk', [storeA.id]);
    expect((await patch(clerk.user.id, { name: 'Renamed Clerk' })).body.name).toBe('Renamed Clerk');
    expect((await t.http().get('/api/me').set(clerk.headers)).status).toBe(200);
  });

  it('a manager changes only the clerks of their own stores, and keeps them there', async () => {
    const theirs = await f.user('clerk', [storeA.id]);
    const other = await f.user('clerk', [storeB.id]);
    const peer = await f.user('manager', [storeA.id]);
    expectError(await patch(other.user.id, { active: false }), 403, 'FORBIDDEN');
    expectError(await patch(peer.user.id, { active: false }), 403, 'FORBIDDEN');
    expectError(await patch(theirs.user.id, { role: 'manager' }), 403, 'FORBIDDEN');
    expectError(await patch(theirs.user.id, { locationIds: [storeB.id] }), 403, 'FORBIDDEN');
    expectError(await patch(theirs.user.id, { active: false }, theirs.headers), 403, 'FORBIDDEN');
    // Nothing changed: every one of them still works.
    for (const user of [theirs, other, peer]) {
      expect((await t.http().get('/api/me').set(user.headers)).status).toBe(200);
    }
  });

  it('bad changes are refused in plain words and change nothing', async () => {
    const clerk = await f.user('clerk', [storeA.id]);
    const bad = [
      {},
      { active: 'no' },
      { active: null },
      { role: 'owner' },
      { locationIds: 'x' },
      { locationIds: [] },
      { locationIds: ['not-a-uuid'] },
      { email: 'x@y.z' },
    ];
    const answers = [];
    for (const body of bad) answers.push(await patch(clerk.user.id, body, admin));
    expect(answers.map((answer, i) => [bad[i], answer.status, answer.body.code])).toEqual(
      bad.map((body) => [body, 400, 'VALIDATION_FAILED']),
    );
    expectError(
      await patch(clerk.user.id, { locationIds: ['00000000-0000-4000-8000-000000000000'] }, admin),
      404,
      'NOT_FOUND',
    );
    expectError(
      await patch('00000000-0000-4000-8000-000000000000', { active: false }, admin),
      404,
      'NOT_FOUND',
    );
    expectError(await patch(clerk.user.id, { active: false }, clerk.headers), 403, 'FORBIDDEN');
    expectError(
      await t.http().patch(`/api/users/${clerk.user.id}`).send({ active: false }),
      401,
      'UNAUTHENTICATED',
    );
    expect((await t.http().get('/api/me').set(clerk.headers)).status).toBe(200);
  });

  it('an admin cannot lock themselves out', async () => {
    const me = (await t.http().get('/api/me').set(admin)).body;
    expectError(await patch(me.id, { active: false }, admin), 403, 'FORBIDDEN');
    expectError(await patch(me.id, { role: 'clerk', locationIds: [storeA.id] }, admin), 403, 'FORBIDDEN');
    expect((await t.http().get('/api/me').set(admin)).status).toBe(200);
  });

  it('lists the staff a manager may see, and everyone for an admin', async () => {
    const storeC = await f.location();
    const clerkA = await f.user('clerk', [storeA.id]);
    const clerkB = await f.user('clerk', [storeC.id]);
    const seen = (await t.http().get('/api/users?limit=500').set(manager.headers)).body.items;
    const emails = seen.map((user: { email: string }) => user.email);
    expect(emails).toContain(clerkA.email);
    expect(emails).not.toContain(clerkB.email);
    expect(seen[0]).toEqual(
      expect.objectContaining({ active: expect.any(Boolean), role: expect.any(String) }),
    );

    const all = (await t.http().get(`/api/users?locationId=${storeC.id}`).set(admin)).body.items;
    expect(all.map((user: { email: string }) => user.email)).toEqual([clerkB.email]);
    expectError(await t.http().get('/api/users').set(clerkA.headers), 403, 'FORBIDDEN');

    const first = await t.http().get('/api/users?limit=1').set(admin);
    expect(first.body.items).toHaveLength(1);
    const second = await t.http().get(`/api/users?limit=1&after=${first.body.next}`).set(admin);
    expect(second.body.items[0].email > first.body.items[0].email).toBe(true);
  });
});
