import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import type { Variant } from '../../src/catalog/product.entity';
import type { Location } from '../../src/locations/location.entity';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { AvailabilityService } from '../../src/inventory/availability.service';
import { InventoryService } from '../../src/inventory/inventory.service';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectError } from '../support/expect-error';

type Headers = { Authorization: string };

describe('inventory', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Headers;
  let storeA: Location;
  let storeB: Location;
  let warehouse: Location;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
    admin = await t.asAdmin();
    storeA = await f.location({ name: 'Store A' });
    storeB = await f.location({ name: 'Store B', shipEnabled: false });
    warehouse = await f.location({ name: 'Warehouse', type: 'warehouse', pickupEnabled: false });
  });
  afterAll(() => t.close());

  const adjust = (location: Location, body: object, headers: Headers = admin, key?: string) => {
    const req = t.http().post(`/api/locations/${location.id}/stock/adjustments`).set(headers);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const movementCount = async () =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM stock_movements'))[0].n);

  describe('adjustments', () => {
    let variant: Variant;
    beforeAll(async () => {
      [variant] = await f.product(['ADJ-1']);
    });

    it('receives stock and answers the new level with its ledger row', async () => {
      const res = await adjust(storeA, {
        sku: 'ADJ-1',
        delta: 10,
        reason: 'receive',
        note: 'delivery 42',
      }).expect(201);
      expect(res.body.level).toMatchObject({
        sku: 'ADJ-1',
        onHand: 10,
        reserved: 0,
        available: 10,
        safetyStock: 0,
      });
      expect(res.body.movement).toMatchObject({
        sku: 'ADJ-1',
        locationId: storeA.id,
        kind: 'receive',
        onHandDelta: 10,
        reservedDelta: 0,
        note: 'delivery 42',
        actorId: expect.any(String),
      });
      const damage = await adjust(storeA, { sku: 'ADJ-1', delta: -3, reason: 'damage' }).expect(201);
      expect(damage.body.level.onHand).toBe(7);
    });

    it('sets on-hand from a count, recording the difference, and refuses a stale count', async () => {
      const count = await adjust(storeA, {
        sku: 'ADJ-1',
        onHand: 4,
        reason: 'count',
        expectedOnHand: 7,
      }).expect(201);
      expect(count.body.level.onHand).toBe(4);
      expect(count.body.movement).toMatchObject({ kind: 'count', onHandDelta: -3 });

      const before = await movementCount();
      const stale = await adjust(storeA, { sku: 'ADJ-1', onHand: 9, reason: 'count', expectedOnHand: 7 });
      expect(expectError(stale, 409, 'STALE_QUANTITY')).toMatchObject({ onHand: 4, expectedOnHand: 7 });
      expect(await f.level(variant.id, storeA.id)).toMatchObject({ onHand: 4 });
      expect(await movementCount()).toBe(before);
    });

    it('refuses to take more than is there, naming what is available', async () => {
      const res = await adjust(storeA, { sku: 'ADJ-1', delta: -5, reason: 'correction' });
      expect(expectError(res, 409, 'INSUFFICIENT_STOCK').lines).toEqual([
        { sku: 'ADJ-1', requested: 5, available: 4 },
      ]);
      expect(await f.level(variant.id, storeA.id)).toMatchObject({ onHand: 4 });
    });

    it('replays an Idempotency-Key instead of adjusting twice', async () => {
      const key = randomUUID();
      const body = { sku: 'ADJ-1', delta: 2, reason: 'return' };
      const first = await adjust(storeA, body, admin, key).expect(201);
      const again = await adjust(storeA, body, admin, key).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await f.level(variant.id, storeA.id)).toMatchObject({ onHand: 6 });
      expectError(await adjust(storeA, { ...body, delta: 3 }, admin, key), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await f.level(variant.id, storeA.id)).toMatchObject({ onHand: 6 });
    });

    it('lists levels and the ledger, filtered and paginated, ledger summing to the level', async () => {
      await f.product(['ADJ-2', 'ADJ-3']);
      await adjust(storeA, { sku: 'ADJ-2', delta: 1, reason: 'receive' }).expect(201);
      await adjust(storeA, { sku: 'ADJ-3', delta: 1, reason: 'receive' }).expect(201);
      const page1 = await t.http().get(`/api/locations/${storeA.id}/stock?limit=2`).set(admin).expect(200);
      expect(page1.body.items.map((i: { sku: string }) => i.sku)).toEqual(['ADJ-1', 'ADJ-2']);
      expect(page1.body.items[0]).toMatchObject({
        onHand: 6,
        reserved: 0,
        available: 6,
        safetyStock: 0,
        version: expect.any(Number),
      });
      const page2 = await t
        .http()
        .get(`/api/locations/${storeA.id}/stock?limit=2&after=${page1.body.next}`)
        .set(admin)
        .expect(200);
      expect(page2.body).toMatchObject({ items: [{ sku: 'ADJ-3' }], next: null });
      const one = await t.http().get(`/api/locations/${storeA.id}/stock?sku=ADJ-2`).set(admin).expect(200);
      expect(one.body.items).toHaveLength(1);

      const ledger: Array<{ onHandDelta: number }> = [];
      let after: string | null = '';
      while (after !== null) {
        const res: Response = await t
          .http()
          .get(`/api/locations/${storeA.id}/movements?sku=ADJ-1&limit=2${after ? `&after=${after}` : ''}`)
          .set(admin)
          .expect(200);
        ledger.push(...res.body.items);
        after = res.body.next;
      }
      expect(ledger.map((m) => m.onHandDelta)).toEqual([10, -3, -3, 2]);
      expect(await f.ledgerMismatches()).toEqual([]);

      // A filter by a SKU that does not exist matches nothing, on every list alike.
      for (const list of ['stock', 'movements', 'tags']) {
        const none = await t
          .http()
          .get(`/api/locations/${storeA.id}/${list}?sku=NOPE-9`)
          .set(admin)
          .expect(200);
        expect(none.body).toEqual({ items: [], next: null });
      }
    });
  });

  describe('bad input answers 400/404 and changes nothing', () => {
    beforeAll(async () => {
      await f.product(['BAD-1']);
      await adjust(storeA, { sku: 'BAD-1', delta: 5, reason: 'receive' }).expect(201);
    });

    it.each([
      ['zero delta', { sku: 'BAD-1', delta: 0, reason: 'correction' }],
      ['fractional delta', { sku: 'BAD-1', delta: 1.5, reason: 'receive' }],
      ['huge delta', { sku: 'BAD-1', delta: 1_000_001, reason: 'receive' }],
      ['negative receipt', { sku: 'BAD-1', delta: -1, reason: 'receive' }],
      ['positive damage', { sku: 'BAD-1', delta: 1, reason: 'damage' }],
      ['delta as text', { sku: 'BAD-1', delta: '5', reason: 'receive' }],
      ['negative count', { sku: 'BAD-1', onHand: -1, reason: 'count' }],
      ['both delta and onHand', { sku: 'BAD-1', delta: 1, onHand: 3, reason: 'count' }],
      ['neither delta nor onHand', { sku: 'BAD-1', reason: 'count' }],
      ['unknown reason', { sku: 'BAD-1', delta: 1, reason: 'theft' }],
      ['unknown field', { sku: 'BAD-1', delta: 1, reason: 'receive', locationId: storeB?.id ?? 'x' }],
      ['sku of wrong type', { sku: 42, delta: 1, reason: 'receive' }],
      ['missing sku', { delta: 1, reason: 'receive' }],
      ['note too long', { sku: 'BAD-1', delta: 1, reason: 'receive', note: 'x'.repeat(501) }],
    ])('adjustment with %s → 400', async (_name, body) => {
      const before = await movementCount();
      const res = await adjust(storeA, body);
      expect(expectError(res, 400, 'VALIDATION_FAILED').fields.length).toBeGreaterThan(0);
      expect(await movementCount()).toBe(before);
    });

    it('unknown SKU and unknown location → 404', async () => {
      const before = await movementCount();
      expectError(await adjust(storeA, { sku: 'NOPE-1', delta: 1, reason: 'receive' }), 404, 'NOT_FOUND');
      const ghost = { id: randomUUID() } as Location;
      expectError(await adjust(ghost, { sku: 'BAD-1', delta: 1, reason: 'receive' }), 404, 'NOT_FOUND');
      expectError(await t.http().get(`/api/locations/${ghost.id}/stock`).set(admin), 404, 'NOT_FOUND');
      expectError(await t.http().get(`/api/locations/${ghost.id}/movements`).set(admin), 404, 'NOT_FOUND');
      expect(await movementCount()).toBe(before);
    });

    it.each([
      ['zero qty', { lines: [{ sku: 'BAD-1', qty: 0 }] }, 400],
      ['negative qty', { lines: [{ sku: 'BAD-1', qty: -2 }] }, 400],
      ['fractional qty', { lines: [{ sku: 'BAD-1', qty: 0.5 }] }, 400],
      ['huge qty', { lines: [{ sku: 'BAD-1', qty: 10_000_000 }] }, 400],
      ['no lines', { lines: [] }, 400],
      ['unknown field on a line', { lines: [{ sku: 'BAD-1', qty: 1, price: 1 }] }, 400],
      ['same source and destination', { lines: [{ sku: 'BAD-1', qty: 1 }], sameEnds: true }, 400],
      ['unknown SKU', { lines: [{ sku: 'NOPE-2', qty: 1 }] }, 404],
      ['unknown destination', { lines: [{ sku: 'BAD-1', qty: 1 }], ghostDestination: true }, 404],
    ])('transfer with %s → %s', async (_name, spec, status) => {
      const { sameEnds, ghostDestination, ...rest } = spec as {
        sameEnds?: boolean;
        ghostDestination?: boolean;
      };
      const before = await movementCount();
      const res = await t
        .http()
        .post('/api/transfers')
        .set(admin)
        .send({
          fromLocationId: storeA.id,
          toLocationId: sameEnds ? storeA.id : ghostDestination ? randomUUID() : storeB.id,
          ...rest,
        });
      expectError(res, status, status === 400 ? 'VALIDATION_FAILED' : 'NOT_FOUND');
      expect(await movementCount()).toBe(before);
    });

    it('availability: no SKU or a malformed near → 400, unknown SKU → 404', async () => {
      expectError(await t.http().get('/api/availability'), 400, 'VALIDATION_FAILED');
      expectError(await t.http().get('/api/availability?sku=BAD-1&near=north'), 400, 'VALIDATION_FAILED');
      expectError(await t.http().get('/api/availability?sku=BAD-1&near=95,4.9'), 400, 'VALIDATION_FAILED');
      const unknown = await t.http().get('/api/availability?sku=BAD-1&sku=NOPE-3');
      expect(expectError(unknown, 404, 'NOT_FOUND')).toEqual({ skus: ['NOPE-3'] });
    });

    it('a cursor the list did not hand out → 400', async () => {
      expectError(
        await t.http().get(`/api/locations/${storeA.id}/stock?after=garbage`).set(admin),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await t.http().get(`/api/locations/${storeA.id}/stock?limit=501`).set(admin),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('availability stays exact', () => {
    it('answers every committed change at once, and never one that was rolled back', async () => {
      const variant = await f.stocked(storeA, 5);
      const availableAtA = async () => {
        const res = await t.http().get(`/api/availability?sku=${variant.sku}`).expect(200);
        return res.body[0].locations.find((l: { locationId: string }) => l.locationId === storeA.id)
          .available;
      };
      expect(await availableAtA()).toBe(5);
      await adjust(storeA, { sku: variant.sku, delta: -2, reason: 'damage' }).expect(201);
      expect(await availableAtA()).toBe(3);
      const order = await f.order(storeA, variant.sku, 1);
      expect(await availableAtA()).toBe(2);
      await t
        .http()
        .post(`/api/orders/${order.id}/cancel`)
        .set('X-Order-Token', order.orderToken)
        .expect(200);
      // A unit sells 3, is read while still open (on SQLite the read sees its rows), then rolls back.
      let rollBack!: () => void;
      const decided = new Promise<void>((resolve) => (rollBack = resolve));
      const unit = t.app.get(UnitOfWork).run(async (tx) => {
        const line = { variantId: variant.id, sku: variant.sku, locationId: storeA.id, qty: 3 };
        await t.app.get(InventoryService).sell(tx, [line], { note: 'changed my mind' });
        await decided;
        throw new Error('rolled back');
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await t.app.get(AvailabilityService).forSkus([variant.sku]);
      rollBack();
      await expect(unit).rejects.toThrow('rolled back');
      expect(await availableAtA()).toBe(3);
      expect(await f.ledgerMismatches()).toEqual([]);
    });
  });

  describe('transfers', () => {
    let variant: Variant;
    beforeAll(async () => {
      [variant] = await f.product(['TRF-1', 'TRF-2']);
      await adjust(warehouse, { sku: 'TRF-1', delta: 20, reason: 'receive' }).expect(201);
      await adjust(warehouse, { sku: 'TRF-2', delta: 4, reason: 'receive' }).expect(201);
    });

    const availability = async (sku: string) => {
      const res = await t.http().get(`/api/availability?sku=${sku}`).expect(200);
      const at = (l: Location) =>
        res.body[0].locations.find((x: { locationId: string }) => x.locationId === l.id).available;
      return { online: res.body[0].online, warehouse: at(warehouse), storeB: at(storeB) };
    };

    it('ships out, counts nowhere in transit, and a short receipt records the difference', async () => {
      const created = await t
        .http()
        .post('/api/transfers')
        .set(admin)
        .send({
          fromLocationId: warehouse.id,
          toLocationId: storeB.id,
          lines: [
            { sku: 'TRF-1', qty: 6 },
            { sku: 'TRF-2', qty: 2 },
            { sku: 'TRF-1', qty: 2 },
          ],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        status: 'in_transit',
        number: expect.stringMatching(/^TR-/),
        lines: [
          { sku: 'TRF-1', qty: 8, receivedQty: null },
          { sku: 'TRF-2', qty: 2, receivedQty: null },
        ],
        receivedAt: null,
      });
      expect(await availability('TRF-1')).toEqual({ online: 12, warehouse: 12, storeB: 0 });

      const clerkB = await f.user('clerk', [storeB.id]);
      const received = await t
        .http()
        .post(`/api/transfers/${created.body.id}/receive`)
        .set(clerkB.headers)
        .send({ lines: [{ sku: 'TRF-1', receivedQty: 7 }] })
        .expect(200);
      expect(received.body).toMatchObject({
        status: 'received',
        lines: [
          { sku: 'TRF-1', qty: 8, receivedQty: 7 },
          { sku: 'TRF-2', qty: 2, receivedQty: 2 },
        ],
        receivedAt: expect.any(String),
      });
      // Store B does not ship: its stock is for pickup, not online.
      expect(await availability('TRF-1')).toEqual({ online: 12, warehouse: 12, storeB: 7 });
      expect(await f.level(variant.id, storeB.id)).toMatchObject({ onHand: 7 });

      expectError(
        await t.http().post(`/api/transfers/${created.body.id}/receive`).set(clerkB.headers).send({}),
        409,
        'INVALID_TRANSITION',
      );
      expect(await f.level(variant.id, storeB.id)).toMatchObject({ onHand: 7 });

      const seen = await t.http().get(`/api/transfers/${created.body.id}`).set(clerkB.headers).expect(200);
      expect(seen.body).toEqual(received.body);
      const listed = await t
        .http()
        .get(`/api/locations/${storeB.id}/transfers?direction=in&status=received`)
        .set(clerkB.headers)
        .expect(200);
      expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(created.body.id);

      const events: Array<{ location_id: string; data: string }> = await t.app
        .get(DataSource)
        .query(`SELECT location_id, data FROM events WHERE type = 'transfer.updated'`);
      const statuses = (l: Location) =>
        events.filter((e) => e.location_id === l.id).map((e) => JSON.parse(e.data).status);
      expect(statuses(warehouse)).toEqual(['in_transit', 'received']);
      expect(statuses(storeB)).toEqual(['in_transit', 'received']);
      expect(await f.ledgerMismatches()).toEqual([]);
    });

    it('refuses to ship more than is available, all lines or none', async () => {
      const before = await f.level(variant.id, warehouse.id);
      const res = await t
        .http()
        .post('/api/transfers')
        .set(admin)
        .send({
          fromLocationId: warehouse.id,
          toLocationId: storeA.id,
          lines: [
            { sku: 'TRF-1', qty: 1 },
            { sku: 'TRF-2', qty: 3 },
          ],
        });
      expect(expectError(res, 409, 'INSUFFICIENT_STOCK').lines).toEqual([
        { sku: 'TRF-2', requested: 3, available: 2 },
      ]);
      expect(await f.level(variant.id, warehouse.id)).toEqual(before);
    });

    it('refuses a receipt that claims more than shipped or a SKU not on the transfer', async () => {
      const created = await t
        .http()
        .post('/api/transfers')
        .set(admin)
        .send({ fromLocationId: warehouse.id, toLocationId: storeA.id, lines: [{ sku: 'TRF-1', qty: 2 }] })
        .expect(201);
      const url = `/api/transfers/${created.body.id}/receive`;
      // More than was sent, a SKU that was not sent, a negative count.
      for (const line of [
        { sku: 'TRF-1', receivedQty: 3 },
        { sku: 'TRF-2', receivedQty: 1 },
        { sku: 'TRF-1', receivedQty: -1 },
      ]) {
        expectError(
          await t
            .http()
            .post(url)
            .set(admin)
            .send({ lines: [line] }),
          400,
          'VALIDATION_FAILED',
        );
      }
      expectError(
        await t.http().post(`/api/transfers/${randomUUID()}/receive`).set(admin).send({}),
        404,
        'NOT_FOUND',
      );
      await t
        .http()
        .get(url.replace('/receive', ''))
        .set(admin)
        .expect(200)
        .expect((r) => expect(r.body.status).toBe('in_transit'));
      await t
        .http()
        .post(url)
        .set(admin)
        .send({ lines: [{ sku: 'TRF-1', qty: 0 }] })
        .expect(200);
      expect(await f.ledgerMismatches()).toEqual([]);
    });
  });

  describe('scope', () => {
    it('a clerk of store A is refused store B stock, ledger, adjustments and transfers', async () => {
      const [variant] = await f.product(['SCOPE-1']);
      await f.stock(variant, storeA, 10);
      await f.stock(variant, storeB, 10);
      const clerkA = (await f.user('clerk', [storeA.id])).headers;
      const clerkB = (await f.user('clerk', [storeB.id])).headers;

      await t.http().get(`/api/locations/${storeA.id}/stock`).set(clerkA).expect(200);
      expectError(await t.http().get(`/api/locations/${storeB.id}/stock`).set(clerkA), 403, 'FORBIDDEN');
      expectError(await t.http().get(`/api/locations/${storeB.id}/movements`).set(clerkA), 403, 'FORBIDDEN');
      expectError(
        await adjust(storeB, { sku: 'SCOPE-1', delta: 1, reason: 'receive' }, clerkA),
        403,
        'FORBIDDEN',
      );
      expectError(await t.http().get(`/api/locations/${storeB.id}/transfers`).set(clerkA), 403, 'FORBIDDEN');
      const fromB = {
        fromLocationId: storeB.id,
        toLocationId: storeA.id,
        lines: [{ sku: 'SCOPE-1', qty: 1 }],
      };
      expectError(await t.http().post('/api/transfers').set(clerkA).send(fromB), 403, 'FORBIDDEN');

      // Clerk A may ship from A to B, but only B's staff may receive it; a transfer between B and the
      // warehouse is none of A's business.
      const aToB = await t
        .http()
        .post('/api/transfers')
        .set(clerkA)
        .send({ fromLocationId: storeA.id, toLocationId: storeB.id, lines: [{ sku: 'SCOPE-1', qty: 2 }] })
        .expect(201);
      expectError(
        await t.http().post(`/api/transfers/${aToB.body.id}/receive`).set(clerkA).send({}),
        403,
        'FORBIDDEN',
      );
      const bToW = await t
        .http()
        .post('/api/transfers')
        .set(clerkB)
        .send({ fromLocationId: storeB.id, toLocationId: warehouse.id, lines: [{ sku: 'SCOPE-1', qty: 1 }] })
        .expect(201);
      expectError(await t.http().get(`/api/transfers/${bToW.body.id}`).set(clerkA), 403, 'FORBIDDEN');
      await t.http().post(`/api/transfers/${aToB.body.id}/receive`).set(clerkB).send({}).expect(200);

      expect(await f.level(variant.id, storeB.id)).toMatchObject({ onHand: 11 });
      expect(await f.level(variant.id, storeA.id)).toMatchObject({ onHand: 8 });
    });

    it('customers and guests see availability only, never on-hand or the ledger', async () => {
      const customer = (await f.user('customer')).headers;
      expectError(await t.http().get(`/api/locations/${storeA.id}/stock`).set(customer), 403, 'FORBIDDEN');
      expectError(
        await t.http().get(`/api/locations/${storeA.id}/movements`).set(customer),
        403,
        'FORBIDDEN',
      );
      expectError(
        await adjust(storeA, { sku: 'SCOPE-1', delta: 1, reason: 'receive' }, customer),
        403,
        'FORBIDDEN',
      );
      expectError(await t.http().get(`/api/locations/${storeA.id}/stock`), 401, 'UNAUTHENTICATED');
      expectError(await t.http().get(`/api/locations/${storeA.id}/movements`), 401, 'UNAUTHENTICATED');
      const res = await t.http().get('/api/availability?sku=SCOPE-1').set(customer).expect(200);
      expect(JSON.stringify(res.body)).not.toMatch(/onHand|reserved/);
      await t.http().get('/api/availability?sku=SCOPE-1').expect(200);
    });
  });

  describe('availability', () => {
    it('answers per location with a pickup flag, online from the locations that ship, nearest first', async () => {
      const [variant] = await f.product(['AV-1']);
      await f.stock(variant, storeA, 5);
      await f.stock(variant, storeB, 3);
      await f.stock(variant, warehouse, 9);
      // A held unit is not available anywhere.
      const { UnitOfWork } = await import('../../src/database/unit-of-work');
      const { InventoryService } = await import('../../src/inventory/inventory.service');
      await t.app
        .get(UnitOfWork)
        .run((tx) =>
          t.app
            .get(InventoryService)
            .reserve(tx, [{ variantId: variant.id, sku: 'AV-1', locationId: storeA.id, qty: 2 }], {}),
        );
      const res = await t
        .http()
        .get(`/api/availability?sku=AV-1&near=${warehouse.lat},${warehouse.lng}`)
        .expect(200);
      expect(res.body).toHaveLength(1);
      const [answer] = res.body;
      // store A (3 after the hold) and the warehouse (9) ship; store B does not.
      expect(answer.sku).toBe('AV-1');
      expect(answer.online).toBe(12);
      const mine = answer.locations.filter((l: { locationId: string }) =>
        [storeA.id, storeB.id, warehouse.id].includes(l.locationId),
      );
      expect(mine).toEqual([
        { locationId: warehouse.id, available: 9, pickup: false, distanceKm: 0 },
        {
          locationId: storeB.id,
          available: 3,
          pickup: true,
          distanceKm: expect.any(Number),
          readyBy: expect.any(String),
        },
        {
          locationId: storeA.id,
          available: 3,
          pickup: true,
          distanceKm: expect.any(Number),
          readyBy: expect.any(String),
        },
      ]);
      const distances = answer.locations.map((l: { distanceKm: number }) => l.distanceKm);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    });
  });

  describe('concurrency', () => {
    it('200 concurrent adjustments of one row end with the exact level, refusals in the contract shape', async () => {
      const [variant] = await f.product(['CONC-1']);
      await f.stock(variant, storeA, 20);
      const deltas = Array.from({ length: 200 }, (_, i) =>
        i % 20 === 0 ? -1000 : i % 2 === 0 ? 1 + (i % 5) : -(1 + (i % 8)),
      );
      const responses = await Promise.all(
        deltas.map((delta) => adjust(storeA, { sku: 'CONC-1', delta, reason: 'correction' })),
      );
      let expected = 20;
      let refused = 0;
      responses.forEach((res, i) => {
        if (res.status === 201) {
          expected += deltas[i];
        } else {
          refused++;
          expect(expectError(res, 409, 'INSUFFICIENT_STOCK').lines[0]).toMatchObject({
            sku: 'CONC-1',
            requested: -deltas[i],
          });
        }
      });
      expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(refused).toBeGreaterThanOrEqual(10);
      expect(await f.level(variant.id, storeA.id)).toMatchObject({ onHand: expected, reserved: 0 });
      expect(await f.ledgerMismatches()).toEqual([]);
    });
  });
});
