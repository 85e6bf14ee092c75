import type { Response } from 'supertest';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { InventoryService } from '../../src/inventory/inventory.service';
import type { Variant } from '../../src/catalog/product.entity';
import type { Location } from '../../src/locations/location.entity';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const STEPS = 1000;
const SKUS = ['RND-A', 'RND-B', 'RND-C', 'RND-D', 'RND-E'];

/** A small seeded generator, so that a failing sequence can be replayed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Cell {
  onHand: number;
  reserved: number;
}

interface Pending {
  id: string;
  to: string;
  lines: Array<{ sku: string; qty: number }>;
}

describe('inventory: a randomised sequence keeps levels, ledger and availability in step', () => {
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Fixtures(t);
  });
  afterAll(() => t.close());

  it(`${STEPS} adjustments, counts, transfers, receipts and holds over four locations`, async () => {
    const seed = Number(process.env.RANDOM_SEED ?? Date.now() % 1_000_000);
    const random = mulberry32(seed);
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

    const admin = await t.asAdmin();
    const locations: Location[] = [
      await f.location({ name: 'Random store 1' }),
      await f.location({ name: 'Random store 2', shipEnabled: false }),
      await f.location({ name: 'Random store 3', pickupEnabled: false }),
      await f.location({ name: 'Random warehouse', type: 'warehouse', pickupEnabled: false }),
    ];
    const variants = new Map<string, Variant>((await f.product(SKUS)).map((v) => [v.sku, v]));
    const model = new Map<string, Cell>();
    const cell = (sku: string, locationId: string): Cell => {
      const key = `${sku}|${locationId}`;
      if (!model.has(key)) model.set(key, { onHand: 0, reserved: 0 });
      return model.get(key)!;
    };
    const available = (c: Cell) => Math.max(0, c.onHand - c.reserved);
    const pending: Pending[] = [];
    const uow = t.app.get(UnitOfWork);
    const inventory = t.app.get(InventoryService);
    const counts = { ok: 0, refused: 0 };

    const expectOutcome = (res: Response, ok: boolean, status: number, context: string) => {
      if (res.status >= 500 || (ok ? res.status !== status : res.status !== 409)) {
        throw new Error(
          `seed ${seed}, ${context}: expected ${ok ? status : 409}, got ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      if (!ok)
        expect(res.body).toMatchObject({
          statusCode: 409,
          code: expect.any(String),
          message: expect.any(String),
        });
      counts[ok ? 'ok' : 'refused']++;
    };

    const adjust = async () => {
      const sku = pick(SKUS);
      const location = pick(locations);
      const c = cell(sku, location.id);
      const reason = pick(['receive', 'return', 'damage', 'correction', 'count'] as const);
      const size = int(1, 12);
      const delta =
        reason === 'receive' || reason === 'return'
          ? size
          : reason === 'damage'
            ? -size
            : pick([size, -size]);
      const ok = c.onHand + delta >= c.reserved;
      const res = await t
        .http()
        .post(`/api/locations/${location.id}/stock/adjustments`)
        .set(admin)
        .send({ sku, delta, reason });
      expectOutcome(res, ok, 201, `adjust ${sku} ${delta}`);
      if (ok) c.onHand += delta;
    };

    const count = async () => {
      const sku = pick(SKUS);
      const location = pick(locations);
      const c = cell(sku, location.id);
      const onHand = int(0, 30);
      const ok = onHand >= c.reserved;
      const res = await t
        .http()
        .post(`/api/locations/${location.id}/stock/adjustments`)
        .set(admin)
        .send({ sku, onHand, reason: 'count', expectedOnHand: c.onHand });
      expectOutcome(res, ok, 201, `count ${sku} ${onHand}`);
      if (ok) c.onHand = onHand;
    };

    const ship = async () => {
      const from = pick(locations);
      const to = pick(locations.filter((l) => l !== from));
      const lines = [...new Set([pick(SKUS), pick(SKUS)])].map((sku) => ({ sku, qty: int(1, 6) }));
      const ok = lines.every((line) => line.qty <= available(cell(line.sku, from.id)));
      const res = await t
        .http()
        .post('/api/transfers')
        .set(admin)
        .send({ fromLocationId: from.id, toLocationId: to.id, lines });
      expectOutcome(res, ok, 201, `ship ${JSON.stringify(lines)}`);
      if (!ok) return;
      for (const line of lines) cell(line.sku, from.id).onHand -= line.qty;
      pending.push({ id: res.body.id, to: to.id, lines });
    };

    const receive = async () => {
      const transfer = pending.splice(Math.floor(random() * pending.length), 1)[0];
      const short = transfer.lines
        .filter(() => random() < 0.3)
        .map((line) => ({ sku: line.sku, receivedQty: int(0, line.qty) }));
      const res = await t
        .http()
        .post(`/api/transfers/${transfer.id}/receive`)
        .set(admin)
        .send({ lines: short });
      expectOutcome(res, true, 200, `receive ${transfer.id}`);
      for (const line of transfer.lines) {
        cell(line.sku, transfer.to).onHand += short.find((s) => s.sku === line.sku)?.receivedQty ?? line.qty;
      }
    };

    /** Holds and releases as orders make them, straight through the inventory service. */
    const hold = async () => {
      const sku = pick(SKUS);
      const location = pick(locations);
      const c = cell(sku, location.id);
      const line = { variantId: variants.get(sku)!.id, sku, locationId: location.id };
      if (c.reserved > 0 && random() < 0.5) {
        const qty = int(1, c.reserved);
        await uow.run((tx) => inventory.release(tx, [{ ...line, qty }], {}));
        c.reserved -= qty;
        counts.ok++;
        return;
      }
      const qty = int(1, 4);
      const ok = qty <= available(c);
      const outcome = await uow
        .run((tx) => inventory.reserve(tx, [{ ...line, qty }], {}))
        .then(
          () => true,
          (error: { code?: string }) => {
            expect(error.code).toBe('INSUFFICIENT_STOCK');
            return false;
          },
        );
      expect(outcome).toBe(ok);
      counts[ok ? 'ok' : 'refused']++;
      if (ok) c.reserved += qty;
    };

    const checkAvailability = async (step: number) => {
      const res = await t
        .http()
        .get(`/api/availability?${SKUS.map((s) => `sku=${s}`).join('&')}`)
        .expect(200);
      for (const answer of res.body as Array<{
        sku: string;
        online: number;
        locations: Array<{ locationId: string; available: number }>;
      }>) {
        const expected = locations.map((l) => ({
          locationId: l.id,
          available: available(cell(answer.sku, l.id)),
        }));
        const got = locations.map((l) => ({
          locationId: l.id,
          available: answer.locations.find((x) => x.locationId === l.id)!.available,
        }));
        const online = locations
          .filter((l) => l.shipEnabled)
          .reduce((sum, l) => sum + available(cell(answer.sku, l.id)), 0);
        if (JSON.stringify(got) !== JSON.stringify(expected) || answer.online !== online) {
          throw new Error(
            `seed ${seed}, step ${step}, ${answer.sku}: availability ${JSON.stringify({ got, online: answer.online })} ` +
              `!= model ${JSON.stringify({ expected, online })}`,
          );
        }
      }
    };

    // Stock to start from, so that most moves can succeed.
    for (const location of locations) {
      for (const sku of SKUS) {
        await f.stock(variants.get(sku)!, location, 10);
        cell(sku, location.id).onHand = 10;
      }
    }

    // Holds come on top: STEPS counts adjustments, counts, transfers and receipts only.
    let stockMoves = 0;
    for (let step = 0; stockMoves < STEPS; step++) {
      const roll = random();
      if (roll < 0.35) await adjust();
      else if (roll < 0.45) await count();
      else if (roll < 0.65) await ship();
      else if (roll < 0.85 && pending.length) await receive();
      else {
        await hold();
        stockMoves--;
      }
      stockMoves++;
      await checkAvailability(step);
    }
    while (pending.length) {
      await receive();
      await checkAvailability(STEPS);
    }

    expect(counts.ok).toBeGreaterThan(STEPS / 2);
    expect(counts.refused).toBeGreaterThan(0);
    expect(await f.ledgerMismatches()).toEqual([]);
    for (const location of locations) {
      for (const sku of SKUS) {
        const level = await f.level(variants.get(sku)!.id, location.id);
        const c = cell(sku, location.id);
        expect({ sku, location: location.name, ...level }).toEqual({
          sku,
          location: location.name,
          onHand: c.onHand,
          reserved: c.reserved,
          safetyStock: 0,
        });
        expect(level!.reserved).toBeLessThanOrEqual(level!.onHand);
      }
    }
  }, 600_000);
});
