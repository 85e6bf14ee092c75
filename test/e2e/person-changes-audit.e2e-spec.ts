import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('location and stock changes by a person are in the audit trail', () => {
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

  it('records a stock count by a clerk: who, which SKU at which store, on hand before and after', async () => {
    const store = await f.location({ name: 'Harbour Row' });
    const variant = await f.stocked(store, 5);
    const clerk = await f.user('clerk', [store.id]);
    const admin = await t.asAdmin();
    await t
      .http()
      .post(`/api/locations/${store.id}/stock/adjustments`)
      .set(clerk.headers)
      .set('Idempotency-Key', 'count-1')
      .send({ sku: variant.sku, reason: 'count', onHand: 3 })
      .expect(201);

    const audit = await t.http().get(`/api/audit?entity=stock&q=${variant.sku}`).set(admin).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        entity: 'stock',
        entityId: `${variant.sku}@${store.id}`,
        action: 'count',
        actor: expect.objectContaining({ email: clerk.email }),
        changes: { onHand: [5, 3] },
      }),
    ]);
  });
});
