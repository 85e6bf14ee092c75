import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectError } from '../support/expect-error';

const kalverstraat = {
  code: 'AMS-KAL',
  name: 'Kalverstraat',
  type: 'store',
  address: { line1: 'Kalverstraat 92', city: 'Amsterdam', postalCode: '1012 PH', country: 'NL' },
  lat: 52.3702,
  lng: 4.8907,
  timezone: 'Europe/Amsterdam',
  openingHours: {
    mon: [['10:00', '18:00']],
    sat: [
      ['10:00', '13:00'],
      ['14:00', '17:00'],
    ],
    sun: [],
  },
  closures: [{ date: '2026-12-25' }],
  pickupEnabled: true,
  shipEnabled: false,
  pickupHoldHours: 72,
  pickupPrepMinutes: 90,
};

describe('locations', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    admin = await t.asAdmin();
  });
  afterAll(() => t.close());

  it('admin opens a location; anyone lists them', async () => {
    const created = await t.http().post('/api/locations').set(admin).send(kalverstraat).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), ...kalverstraat });
    const list = await t.http().get('/api/locations').expect(200);
    expect(list.body).toEqual({ items: [created.body], next: null });
    await t.http().get(`/api/locations/${created.body.id}`).expect(200);

    const warehouse = await t
      .http()
      .post('/api/locations')
      .set(admin)
      .send({
        ...kalverstraat,
        code: 'AMS-WH',
        type: 'warehouse',
        lat: undefined,
        lng: undefined,
        openingHours: undefined,
        closures: undefined,
        pickupHoldHours: undefined,
        pickupPrepMinutes: undefined,
      })
      .expect(201);
    expect(warehouse.body).toMatchObject({
      lat: null,
      lng: null,
      openingHours: {},
      closures: [],
      pickupHoldHours: 48,
      pickupPrepMinutes: 60,
    });
    const page = await t.http().get('/api/locations?limit=1').expect(200);
    expect(page.body.items.map((l: { code: string }) => l.code)).toEqual(['AMS-KAL']);
    const next = await t.http().get(`/api/locations?limit=1&after=${page.body.next}`).expect(200);
    expect(next.body).toMatchObject({ items: [{ code: 'AMS-WH' }], next: null });
  });

  it.each([
    ['a taken code', {}],
    ['an unknown type', { type: 'kiosk' }],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }],
    ['latitude out of range', { lat: 91 }],
    ['one coordinate only', { lng: undefined }],
    ['opening hours not HH:mm', { openingHours: { mon: [['9am', '18:00']] } }],
    [
      'opening hours in the old {open, close} shape',
      { openingHours: { mon: { open: '09:00', close: '18:00' } } },
    ],
    ['a window that closes before it opens', { openingHours: { mon: [['18:00', '09:00']] } }],
    [
      'overlapping windows',
      {
        openingHours: {
          mon: [
            ['09:00', '13:00'],
            ['12:00', '18:00'],
          ],
        },
      },
    ],
    ['an unknown weekday', { openingHours: { funday: [['09:00', '18:00']] } }],
    ['a closure that is not a date', { closures: [{ date: '25-12-2026' }] }],
    ['a negative prep time', { pickupPrepMinutes: -5 }],
    ['hold hours as text', { pickupHoldHours: '48' }],
    ['an unknown field', { manager: 'me' }],
  ])('refuses a location with %s (400)', async (_name, change) => {
    const before = (await t.http().get('/api/locations').expect(200)).body.items.length;
    const code = _name === 'a taken code' ? 'AMS-KAL' : `X-${before}`;
    const res = await t
      .http()
      .post('/api/locations')
      .set(admin)
      .send({ ...kalverstraat, code, ...change });
    expectError(res, 400, 'VALIDATION_FAILED');
    // Said in plain words, naming the field.
    expect(res.body.message).toMatch(/[a-z]/);
    expect((await t.http().get('/api/locations').expect(200)).body.items.length).toBe(before);
  });

  it('a manager edits their own location only; clerks and customers may not', async () => {
    const mine = await f.location();
    const other = await f.location();
    const manager = await f.user('manager', [mine.id]);
    const clerk = await f.user('clerk', [mine.id]);
    const patched = await t
      .http()
      .patch(`/api/locations/${mine.id}`)
      .set(manager.headers)
      .send({ pickupHoldHours: 24, name: 'Renamed' })
      .expect(200);
    expect(patched.body).toMatchObject({
      id: mine.id,
      pickupHoldHours: 24,
      name: 'Renamed',
      code: mine.code,
    });
    expectError(
      await t.http().patch(`/api/locations/${other.id}`).set(manager.headers).send({ name: 'x' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t.http().patch(`/api/locations/${mine.id}`).set(clerk.headers).send({ name: 'x' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t
        .http()
        .post('/api/locations')
        .set(manager.headers)
        .send({ ...kalverstraat, code: 'M-1' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t.http().patch(`/api/locations/${mine.id}`).set(manager.headers).send({ pickupHoldHours: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t
        .http()
        .patch(`/api/locations/00000000-0000-0000-0000-000000000000`)
        .set(admin)
        .send({ name: 'x' }),
      404,
      'NOT_FOUND',
    );
    expectError(await t.http().get('/api/locations/nope'), 404, 'NOT_FOUND');
  });

  it('concurrent opens with one code: one wins, the others 400; concurrent edits keep both fields', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t
          .http()
          .post('/api/locations')
          .set(admin)
          .send({ ...kalverstraat, code: 'RACE-1', name: `Race ${i}` }),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 201)) expectError(r, 400, 'VALIDATION_FAILED');

    const id = created[0].body.id;
    await Promise.all([
      t.http().patch(`/api/locations/${id}`).set(admin).send({ name: 'Renamed' }).expect(200),
      t.http().patch(`/api/locations/${id}`).set(admin).send({ pickupHoldHours: 24 }).expect(200),
    ]);
    const all = await t.http().get('/api/locations?limit=500').expect(200);
    expect(all.body.items.find((l: { id: string }) => l.id === id)).toMatchObject({
      name: 'Renamed',
      pickupHoldHours: 24,
    });
  });
});
