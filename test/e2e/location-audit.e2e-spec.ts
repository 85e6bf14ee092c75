import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('location changes by a person are in the audit trail', () => {
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
  });
  afterAll(() => t.close());

  it('records who changed which fields of a store, before and after, and nothing for a change to nothing', async () => {
    const store = await f.location({ name: 'Canal Street' });
    const manager = await f.user('manager', [store.id]);
    const admin = await t.asAdmin();
    const hours = { mon: [['09:00', '18:00']] };
    await t
      .http()
      .patch(`/api/locations/${store.id}`)
      .set(manager.headers)
      .send({ pickupPrepMinutes: 45, openingHours: hours })
      .expect(200);
    // The same values again change nothing, so they add nothing to the trail.
    await t
      .http()
      .patch(`/api/locations/${store.id}`)
      .set(manager.headers)
      .send({ pickupPrepMinutes: 45 })
      .expect(200);

    const audit = await t
      .http()
      .get(`/api/audit?entity=location&entityId=${store.id}`)
      .set(admin)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        entity: 'location',
        entityId: store.id,
        action: 'update',
        actor: expect.objectContaining({ email: manager.email }),
        changes: { pickupPrepMinutes: [60, 45], openingHours: [{}, hours] },
      }),
    ]);
  });
});
