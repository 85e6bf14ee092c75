import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role } from '@o2o/contracts';
import { AuthService } from '../../src/auth/auth.service';
import { Product, Variant } from '../../src/catalog/product.entity';
import { sql } from '../../src/database/sql';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { InventoryService } from '../../src/inventory/inventory.service';
import { Location } from '../../src/locations/location.entity';
import { LocationsService, NewLocation } from '../../src/locations/locations.service';
import { signTestWebhook, TEST_SIGNATURE_HEADER } from '../../src/payments/test-payment-provider';
import type { TestApp } from './test-app';

/**
 * Test data written through the application's own services (never raw stock writes), so that
 * fixtures obey the same invariants as production data: every level has its ledger.
 */
export class Fixtures {
  private counter = 0;

  constructor(private readonly t: TestApp) {}

  private get ds() {
    return this.t.app.get(DataSource);
  }

  async location(overrides: Partial<NewLocation> = {}): Promise<Location> {
    const n = ++this.counter;
    const fields: NewLocation = {
      code: `LOC${n}-${randomUUID().slice(0, 4)}`,
      name: `Test store ${n}`,
      type: 'store',
      address: { line1: `${n} Test Street`, city: 'Amsterdam', postalCode: '1011 AB', country: 'NL' },
      lat: 52.37 + n / 100,
      lng: 4.89 + n / 100,
      timezone: 'Europe/Amsterdam',
      // No hours: open around the clock, so that holds and promises run on the wall clock unless a
      // test gives hours.
      openingHours: {},
      pickupEnabled: true,
      shipEnabled: true,
      pickupHoldHours: 48,
      ...overrides,
    };
    // Through the service, like an admin: it is what keeps its instance's copy of the locations current.
    const { id } = await this.t.app.get(LocationsService).create(fields);
    return Object.assign(new Location(), { ...fields, id, createdAt: new Date() });
  }

  /** A product with one variant per SKU (price in minor units). */
  async product(skus: string[], price = 1999, title = `Product ${++this.counter}`): Promise<Variant[]> {
    const product = Object.assign(new Product(), {
      id: randomUUID(),
      title,
      description: `${title} for tests`,
      searchText: `${title} ${skus.join(' ')}`.toLowerCase(),
      createdAt: new Date(),
    });
    const variants = skus.map((sku) =>
      Object.assign(new Variant(), {
        id: randomUUID(),
        productId: product.id,
        sku,
        barcode: null,
        title: sku,
        priceAmount: price,
        currency: 'EUR',
        attributes: {},
        createdAt: new Date(),
      }),
    );
    await this.t.app.get(UnitOfWork).run(async ({ em }) => {
      await em.insert(Product, product);
      // Not reloaded: TypeORM on SQLite merges a multi-row insert's defaulted columns back out of order.
      await em.createQueryBuilder().insert().into(Variant).values(variants).updateEntity(false).execute();
    });
    return variants;
  }

  /** Receives `qty` units of a variant at a location through the inventory service (with its ledger). */
  async stock(
    variant: Pick<Variant, 'id' | 'sku'>,
    location: Pick<Location, 'id'>,
    qty: number,
  ): Promise<void> {
    await this.t.app.get(UnitOfWork).run((tx) =>
      this.t.app
        .get(InventoryService)
        .adjust(
          tx,
          { variantId: variant.id, sku: variant.sku, locationId: location.id, delta: qty },
          'receive',
          {
            note: 'fixture',
          },
        ),
    );
  }

  /** A fresh variant (unique SKU) with `qty` units received at a location. */
  async stocked(location: Pick<Location, 'id'>, qty: number, price = 500): Promise<Variant> {
    const [variant] = await this.product([`SKU-${++this.counter}-${randomUUID().slice(0, 6)}`], price);
    await this.stock(variant, location, qty);
    return variant;
  }

  /** A guest's paid order of `qty` × `sku` at a location, for pickup or shipping; asserts its 201. */
  async order(
    location: Pick<Location, 'id'>,
    sku: string,
    qty = 1,
    type: 'pickup' | 'ship' = 'pickup',
    customer: { name: string; email: string; phone?: string; locale?: string } = {
      name: 'Grace Hopper',
      email: 'grace@example.com',
    },
  ) {
    const address = { line1: '1 Main St', city: 'Utrecht', postalCode: '3511 AA', country: 'NL' };
    const response = await this.t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', randomUUID())
      .send({
        lines: [{ sku, qty }],
        fulfillment:
          type === 'pickup' ? { type, locationId: location.id } : { type, locationId: location.id, address },
        customer,
        payment: 'online',
      });
    expect(response.status).toBe(201);
    const paid = await this.payWebhook(response.body.payment.checkoutUrl, 'authorized');
    expect(paid.status).toBe(200);
    return { ...response.body, ...(await this.orderAsGuest(response.body)) };
  }

  /** The order as its guest sees it now (with its token). */
  async orderAsGuest(order: { id: string; orderToken: string }) {
    const response = await this.t
      .http()
      .get(`/api/orders/${order.id}`)
      .set('X-Order-Token', order.orderToken);
    expect(response.status).toBe(200);
    return response.body;
  }

  /**
   * Delivers the test provider's signed webhook for the payment behind `checkoutUrl` (/pay/:paymentId),
   * as the provider does after the shopper's decision; `eventId` repeats a delivery.
   */
  payWebhook(checkoutUrl: string, outcome: 'authorized' | 'failed', eventId = `evt_${randomUUID()}`) {
    const paymentId = checkoutUrl.split('/').pop()!;
    const body = JSON.stringify({ id: eventId, type: `payment.${outcome}`, paymentId });
    return this.t
      .http()
      .post('/api/payments/webhooks/test')
      .set('Content-Type', 'application/json')
      .set(TEST_SIGNATURE_HEADER, signTestWebhook(this.t.config.payments.testWebhookSecret, body))
      .send(body);
  }

  /** A user with a known password; answers the bearer header too. */
  async user(role: Role, locationIds: string[] = []) {
    const email = `${role}-${randomUUID().slice(0, 8)}@test.local`;
    const password = 'password-123';
    const user = await this.t.app
      .get(AuthService)
      .createUser({ email, password, name: `${role} user`, role, locationIds });
    return { user, email, password, headers: await this.t.login(email, password) };
  }

  async level(variantId: string, locationId: string) {
    const { rows } = await sql<{ on_hand: number; reserved: number; safety_stock: number }>(
      this.ds.manager,
      'SELECT on_hand, reserved, safety_stock FROM stock_levels WHERE variant_id = :variantId AND location_id = :locationId',
      { variantId, locationId },
    );
    const row = rows[0];
    return row
      ? { onHand: Number(row.on_hand), reserved: Number(row.reserved), safetyStock: Number(row.safety_stock) }
      : null;
  }

  /**
   * The ledger invariant over the whole database: every level equals the sum of its movements and
   * 0 ≤ reserved ≤ onHand. Answers the offending rows (empty when all is well).
   */
  async ledgerMismatches(): Promise<unknown[]> {
    return this.ds.query(`
      SELECT l.variant_id, l.location_id, l.on_hand, l.reserved, m.on_hand_sum, m.reserved_sum
      FROM stock_levels l
      LEFT JOIN (
        SELECT variant_id, location_id, SUM(on_hand_delta) AS on_hand_sum, SUM(reserved_delta) AS reserved_sum
        FROM stock_movements GROUP BY variant_id, location_id
      ) m ON m.variant_id = l.variant_id AND m.location_id = l.location_id
      WHERE l.on_hand <> COALESCE(m.on_hand_sum, 0) OR l.reserved <> COALESCE(m.reserved_sum, 0)
         OR l.reserved < 0 OR l.reserved > l.on_hand`);
  }
}
