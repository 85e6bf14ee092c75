import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { VARIANT_UPDATED_EVENT, VariantUpdated } from '@o2o/contracts';
import type { Location } from '../../src/locations/location.entity';
import { expectError } from '../support/expect-error';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

type Headers = { Authorization: string };

describe('catalog editing: prices reach the shop, the terminals and the labels; every change is audited', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Headers;
  let store: Location;
  let manager: Awaited<ReturnType<Fixtures['user']>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    admin = await t.asAdmin();
    store = await f.location();
    manager = await f.user('manager', [store.id]);
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));
  afterAll(() => t.close());

  const auditCount = async () =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM audit_entries'))[0].n);

  it('a new price: the variant answers it, a watching shop page and every terminal hear it, the printed labels are stale', async () => {
    const variant = await f.stocked(store, 3, 2495);
    expect(
      (await t.http().get(`/api/locations/${store.id}/labels?sku=${variant.sku}`).set(manager.headers))
        .status,
    ).toBe(200);
    expect((await t.http().get(`/api/locations/${store.id}/labels/stale`).set(manager.headers)).body).toEqual(
      [],
    );

    const shop = io(`${t.url}/shop`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const terminal = io(`${t.url}/terminal`, {
      auth: { token: manager.headers.Authorization.slice(7) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(shop, terminal);
    const heard: { shop: VariantUpdated[]; terminal: VariantUpdated[] } = { shop: [], terminal: [] };
    shop.on(VARIANT_UPDATED_EVENT, (change: VariantUpdated) => heard.shop.push(change));
    terminal.on(VARIANT_UPDATED_EVENT, (change: VariantUpdated) => heard.terminal.push(change));
    await shop.timeout(15_000).emitWithAck('watch', { skus: [variant.sku] });
    await new Promise<void>((resolve) =>
      terminal.connected ? resolve() : terminal.once('connect', () => resolve()),
    );

    const answer = await t.http().patch(`/api/variants/${variant.sku}`).set(admin).send({ price: 2995 });
    expect(answer.status).toBe(200);
    expect(answer.body.price).toEqual({ amount: 2995, currency: 'EUR' });
    expect((await t.http().get(`/api/variants/${variant.sku}`)).body.price.amount).toBe(2995);

    const change = { sku: variant.sku, price: { amount: 2995, currency: 'EUR' } };
    await until(() => heard.shop.length > 0 && heard.terminal.length > 0, 'the new price on both sockets');
    expect(heard).toEqual({ shop: [change], terminal: [change] });

    const stale = await t.http().get(`/api/locations/${store.id}/labels/stale`).set(manager.headers);
    expect(stale.body).toEqual([
      expect.objectContaining({
        sku: variant.sku,
        printedPrice: { amount: 2495, currency: 'EUR' },
        price: { amount: 2995, currency: 'EUR' },
      }),
    ]);
    // Reprinted: no longer stale.
    await t
      .http()
      .get(`/api/locations/${store.id}/labels?sku=${variant.sku}`)
      .set(manager.headers)
      .expect(200);
    expect((await t.http().get(`/api/locations/${store.id}/labels/stale`).set(manager.headers)).body).toEqual(
      [],
    );

    const audit = await t.http().get(`/api/audit?entity=price&entityId=${variant.sku}`).set(admin);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        entity: 'price',
        entityId: variant.sku,
        actor: expect.objectContaining({ email: 'admin@test.local' }),
        changes: { price: [2495, 2995] },
      }),
    ]);
  });

  it('managers change prices only where MANAGERS_EDIT_PRICES is on, and nothing else', async () => {
    const variant = await f.stocked(store, 1, 1000);
    expectError(
      await t.http().patch(`/api/variants/${variant.sku}`).set(manager.headers).send({ price: 1100 }),
      403,
      'FORBIDDEN',
    );
    const allowing = await startTestApp({ MANAGERS_EDIT_PRICES: 'true' }, t.db);
    try {
      const headers = await allowing.login(manager.email, manager.password);
      const ok = await allowing
        .http()
        .patch(`/api/variants/${variant.sku}`)
        .set(headers)
        .send({ price: 1100 });
      expect(ok.body.price.amount).toBe(1100);
      expectError(
        await allowing
          .http()
          .patch(`/api/variants/${variant.sku}`)
          .set(headers)
          .send({ barcode: '12345678' }),
        403,
        'FORBIDDEN',
      );
    } finally {
      await allowing.stop();
    }
  });

  it('a product renamed is found by its new name; an archived one leaves the shop but keeps its page', async () => {
    const [variant] = await f.product([`ED-${Date.now()}`], 1500, 'Plain mug');
    const renamed = await t
      .http()
      .patch(`/api/products/${variant.productId}`)
      .set(admin)
      .send({ title: 'Speckled stoneware mug' });
    expect(renamed.body).toMatchObject({ title: 'Speckled stoneware mug', status: 'active' });
    const found = await t.http().get('/api/products?q=speckled');
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([variant.productId]);

    await t
      .http()
      .patch(`/api/products/${variant.productId}`)
      .set(admin)
      .send({ status: 'archived' })
      .expect(200);
    expect((await t.http().get('/api/products?q=speckled')).body.items).toEqual([]);
    expect((await t.http().get(`/api/products/${variant.productId}`)).body.status).toBe('archived');
    const audit = await t.http().get(`/api/audit?entity=product&entityId=${variant.productId}`).set(admin);
    const changes = audit.body.items.map((entry: { changes: object }) => entry.changes);
    expect(changes).toHaveLength(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        { status: ['active', 'archived'] },
        { title: ['Plain mug', 'Speckled stoneware mug'] },
      ]),
    );
  });

  it('bad edits are refused and change nothing', async () => {
    const variant = await f.stocked(store, 1, 1000);
    const before = await auditCount();
    for (const body of [
      {},
      { price: -1 },
      { price: 1.5 },
      { price: '10' },
      { barcode: 'x' },
      { sku: 'NEW' },
    ]) {
      expectError(
        await t.http().patch(`/api/variants/${variant.sku}`).set(admin).send(body),
        400,
        'VALIDATION_FAILED',
      );
    }
    expectError(
      await t.http().patch('/api/variants/NO-SUCH-SKU').set(admin).send({ price: 1 }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await t.http().patch(`/api/products/${variant.productId}`).set(admin).send({ status: 'gone' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.http().patch(`/api/products/${variant.productId}`).set(manager.headers).send({ title: 'x' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t.http().patch(`/api/variants/${variant.sku}`).send({ price: 1 }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await t.http().get('/api/audit').set(manager.headers), 403, 'FORBIDDEN');
    expect((await t.http().get(`/api/variants/${variant.sku}`)).body.price.amount).toBe(1000);
    expect(await auditCount()).toBe(before);
  });

  it('staff changes are audited with who made them, and the trail is searchable', async () => {
    const clerk = await f.user('clerk', [store.id]);
    await t
      .http()
      .patch(`/api/users/${clerk.user.id}`)
      .set(manager.headers)
      .send({ active: false })
      .expect(200);
    const found = await t
      .http()
      .get(`/api/audit?entity=user&q=${encodeURIComponent(manager.email)}`)
      .set(admin);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        entityId: clerk.user.id,
        action: 'update',
        changes: { active: [true, false] },
      }),
    ]);
  });
});
