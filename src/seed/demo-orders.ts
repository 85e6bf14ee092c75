import { Injectable } from '@nestjs/common';
import type { CounterPaymentMethod, ReturnCondition } from '@o2o/contracts';
import type { AuthUser } from '../common/request-context';
import type { Location } from '../locations/location.entity';
import { OrderPlacement } from '../orders/order-placement.service';
import { OrderReturns } from '../orders/order-returns';
import { OrdersService } from '../orders/orders.service';
import { ReturnsService } from '../returns/returns.service';
import { DEMO_LOCATIONS, DEMO_PRODUCTS, demoQuantity, variantsOf } from './demo-data';

/** The demo's orders belong to one customer: finding her by email finds them all (and tells they exist). */
export const DEMO_ORDER_CUSTOMER = {
  name: 'Femke Jansen',
  email: 'femke.jansen@example.com',
  phone: '+31612345678',
};

type Step =
  | { kind: 'sale'; at: string; units: number; payment: CounterPaymentMethod; returnAt?: ReturnAt }
  | { kind: 'pickup'; at: string; units: number; returnAt?: ReturnAt };
type ReturnAt = { at: string; condition: ReturnCondition; refundTo: 'original' | 'cash' };

/**
 * Paid, collected and returned orders, so that the terminal's screens (orders, end of day, returns)
 * have something to show: always the same steps on the same SKUs, through the real services.
 */
const STEPS: Step[] = [
  { kind: 'sale', at: 'AMS-KAL', units: 2, payment: 'card' },
  { kind: 'pickup', at: 'AMS-KAL', units: 1 },
  {
    kind: 'pickup',
    at: 'AMS-PIJP',
    units: 2,
    returnAt: { at: 'AMS-OOST', condition: 'resaleable', refundTo: 'original' },
  },
  {
    kind: 'sale',
    at: 'AMS-OOST',
    units: 2,
    payment: 'cash',
    returnAt: { at: 'AMS-OOST', condition: 'damaged', refundTo: 'cash' },
  },
];

@Injectable()
export class DemoOrders {
  constructor(
    private readonly placement: OrderPlacement,
    private readonly orders: OrdersService,
    private readonly lookup: OrderReturns,
    private readonly returns: ReturnsService,
  ) {}

  /** Once: a start that finds the demo customer's orders adds none. `actor` acts as store staff. */
  async ensure(actor: AuthUser, locations: Map<string, Location>): Promise<void> {
    if ((await this.lookup.lookup(DEMO_ORDER_CUSTOMER.email)).length) return;
    for (const step of STEPS) await this.run(actor, step, locations);
  }

  private async run(actor: AuthUser, step: Step, locations: Map<string, Location>) {
    const locationId = locations.get(step.at)!.id;
    const lines = [{ sku: stockedSku(step.at, step.units), qty: step.units }];
    const placed =
      step.kind === 'sale'
        ? await this.placement.place(actor, {
            lines,
            fulfillment: { type: 'instore', locationId },
            customer: DEMO_ORDER_CUSTOMER,
            payment: step.payment,
          })
        : await this.placement.place(undefined, {
            lines,
            fulfillment: { type: 'pickup', locationId },
            customer: DEMO_ORDER_CUSTOMER,
            payment: 'at_pickup',
          });
    if (step.kind === 'pickup') {
      await this.orders.ready(actor, placed.id);
      await this.orders.collect(actor, placed.id, placed.pickupCode!);
    }
    if (step.returnAt) {
      const { at, condition, refundTo } = step.returnAt;
      await this.returns.record(actor, placed.id, {
        locationId: locations.get(at)!.id,
        lines: [{ sku: lines[0].sku, qty: 1, condition }],
        refundTo,
      });
    }
  }
}

/** The first demo SKU of which the location's opening stock holds at least `units` (plus one spare). */
function stockedSku(code: string, units: number): string {
  const demo = DEMO_LOCATIONS.find((location) => location.code === code)!;
  const skus = DEMO_PRODUCTS.flatMap((product, i) => variantsOf(product, i).map((variant) => variant.sku));
  return skus.find((sku) => demoQuantity(sku, demo) > units)!;
}
