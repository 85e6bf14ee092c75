import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { COUNTER_PAYMENT_METHODS } from '@o2o/contracts';
import type {
  FulfillmentType,
  InsufficientStockDetails,
  PlacedOrderView,
  ShippingQuoteRequest,
  ShippingQuoteView,
} from '@o2o/contracts';
import { assertCanActAt, isStaff } from '../auth/access';
import type { Variant } from '../catalog/product.entity';
import { CatalogService } from '../catalog/catalog.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { AuthUser } from '../common/request-context';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { InventoryService } from '../inventory/inventory.service';
import type { Location } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import { promisedReadyBy } from '../locations/opening-hours';
import { FlashCheckout, FlashPurchase } from '../flash-sales/flash-checkout.service';
import { EventLog } from '../outbox/event-log.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PaymentsService } from '../payments/payments.service';
import { hashToken, newOrderNumber, newOrderToken, newPickupCode } from './order-codes';
import { heldLines, holdDeadline, OrderLifecycle } from './order-lifecycle.service';
import { OrderMessages } from './order-messages';
import { SOURCING_STRATEGY, SourcingStrategy } from './order-sourcing';
import { ShippingStock } from '../inventory/shipping-stock.service';
import { OrderStore } from './order-store';
import { deliveryEstimateOf, shippingFeeOf } from './shipping-terms';
import { initialStatus } from './order-transitions';
import { amountDueOf, orderEventData, toOrderView, totalOf } from './order-view';
import { Order, OrderLine } from './order.entity';
import type { PlaceOrderDto } from './orders.dto';

/**
 * Places orders: all lines reserved (or, at the counter, sold) at one location in one unit of work,
 * or nothing at all. The unit stays lean: variants are read once by SKU before it, and inside it the
 * stock is decided by conditional UPDATEs (InventoryService), never by a read.
 */
@Injectable()
export class OrderPlacement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly catalog: CatalogService,
    private readonly locations: LocationsService,
    private readonly inventory: InventoryService,
    private readonly lifecycle: OrderLifecycle,
    private readonly store: OrderStore,
    private readonly events: EventLog,
    @Inject(SOURCING_STRATEGY) private readonly sourcing: SourcingStrategy,
    private readonly shippingStock: ShippingStock,
    private readonly messages: OrderMessages,
    private readonly clock: Clock,
    private readonly payments: PaymentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly flash: FlashCheckout,
  ) {}

  /** With a flash-sale admission, the lines are bought from the sale, at its price (see flashPurchase). */
  async place(
    user: AuthUser | undefined,
    input: PlaceOrderDto,
    admission?: string,
  ): Promise<PlacedOrderView> {
    assertPlaceable(user, input);
    const variants = await this.catalog.variantsBySkus(input.lines.map((line) => line.sku));
    // A sale's units are set aside (reserved), so the shelf's fast path would wrongly refuse them.
    if (!admission) await this.refuseEarlyIfShort(input, variants);
    const token = newOrderToken();
    const orderId = randomUUID();
    // The hosted checkout is opened before the unit: no call to the provider inside a transaction.
    const checkout = paysOnline(input)
      ? await this.payments.prepare({
          id: orderId,
          totalAmount: this.amountDueOfInput(input, variants),
          currency: currencyOf(input, variants),
        })
      : null;
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const sale = admission ? await this.flashPurchase(tx, input, { orderId, admission, now }) : null;
      const located = sale ? atLocation(input, sale.locationId) : input;
      const location = await this.fulfillingLocation(tx, located, variants, now);
      const order = newOrder(located, user, location, {
        id: orderId,
        token,
        currency: currencyOf(input, variants),
        now,
      });
      // Unpaid online orders hold their stock only while the shopper pays; paid, the usual hold applies.
      if (checkout) order.expiresAt = new Date(now.getTime() + this.config.payments.holdMinutes * 60_000);
      // An unpaid flash-sale order holds its units only for the short checkout hold.
      if (sale && order.expiresAt) {
        order.expiresAt = new Date(Math.min(order.expiresAt.getTime(), sale.holdUntil.getTime()));
      }
      const lines = orderLines(order, input, variants, sale?.prices);
      this.chargeShipping(order, lines, location, now);
      if (order.tenderedAmount !== null && order.tenderedAmount < order.totalAmount) {
        throw AppError.invalid('tendered', `must cover the total of ${order.totalAmount} (minor units)`);
      }
      const ref = { actorId: user?.id ?? null, orderId: order.id, note: `order ${order.number}` };
      if (order.fulfillmentType === 'instore') await this.inventory.sell(tx, heldLines(order, lines), ref);
      else await this.inventory.reserve(tx, heldLines(order, lines), ref);
      await this.store.insert(tx, order, lines);
      order.payment = await this.payments.open(tx, order, checkout);
      this.events.append(tx, order.locationId, 'order.created', orderEventData(order, lines));
      const first = firstMessageOf(order);
      const messages = first ? await this.messages.tell(tx, order, lines, location, first) : [];
      return { ...toOrderView(order, lines, { viewer: 'customer', messages }), orderToken: token };
    });
  }

  /** Quotes shipping for a cart by the rules placement applies: the fee, and the estimate from the location that would ship it. */
  async quoteShipping(lines: ShippingQuoteRequest['lines']): Promise<ShippingQuoteView> {
    const input = { lines, fulfillment: { type: 'ship' } } as PlaceOrderDto;
    const variants = await this.catalog.variantsBySkus(lines.map((line) => line.sku));
    const currency = currencyOf(input, variants);
    const subtotal = totalOfInput(input, variants);
    const fee = shippingFeeOf(subtotal, this.config.shipping);
    const demand = lines.map((line) => ({ variantId: variants.get(line.sku)!.id, qty: line.qty }));
    const locationId = await this.uow.run((tx) => this.sourcing.choose(tx, { lines: demand }));
    const location = locationId ? await this.locations.get(locationId) : null;
    const money = (amount: number) => ({ amount, currency });
    const { freeFromAmount } = this.config.shipping;
    return {
      subtotal: money(subtotal),
      shippingFee: money(fee),
      total: money(subtotal + fee),
      freeFrom: freeFromAmount === null ? null : money(freeFromAmount),
      deliveryEstimate: location
        ? deliveryEstimateOf(this.clock.now(), location.timezone, this.config.shipping)
        : null,
    };
  }

  /** A shipment pays the fee its lines' subtotal calls for, and is promised a delivery window. */
  private chargeShipping(order: Order, lines: OrderLine[], location: Location, now: Date): void {
    if (order.fulfillmentType === 'ship') {
      order.shippingFeeAmount = shippingFeeOf(totalOf(lines), this.config.shipping);
      const estimate = deliveryEstimateOf(now, location.timezone, this.config.shipping);
      order.deliveryFrom = estimate.from;
      order.deliveryTo = estimate.to;
    }
    order.totalAmount = amountDueOf(order, lines);
  }

  /** What the hosted checkout is opened for, before the unit: the lines at catalog prices plus shipping. */
  private amountDueOfInput(input: PlaceOrderDto, variants: Map<string, Variant>): number {
    const subtotal = totalOfInput(input, variants);
    const fee = input.fulfillment.type === 'ship' ? shippingFeeOf(subtotal, this.config.shipping) : 0;
    return subtotal + fee;
  }

  /** The hook into flash sales: the admission spent, the units counted and handed to this order. */
  private flashPurchase(
    tx: Tx,
    input: PlaceOrderDto,
    { orderId, admission, now }: { orderId: string; admission: string; now: Date },
  ): Promise<FlashPurchase> {
    const email = input.customer?.email;
    if (!email) throw AppError.invalid('customer.email', 'is required to buy in a flash sale');
    return this.flash.take(tx, { admission, email, orderId, lines: mergeBySku(input) }, now);
  }

  /** The named location (which must offer this kind of fulfilment), or one sourced for a shipment. */
  private async fulfillingLocation(tx: Tx, input: PlaceOrderDto, variants: Map<string, Variant>, now: Date) {
    const { type, locationId } = input.fulfillment;
    if (locationId) {
      const location = await this.locations.get(locationId, tx);
      if (!offers(location, type)) throw AppError.invalid('fulfillment.locationId', `does not offer ${type}`);
      // A counter sale too: a hold past its deadline is free at once for any new sale or reservation.
      await this.lifecycle.freeOverdueHolds(tx, now, locationId);
      return location;
    }
    await this.lifecycle.freeOverdueHolds(tx, now);
    const demand = input.lines.map((line) => ({ variantId: variants.get(line.sku)!.id, qty: line.qty }));
    const chosen = await this.sourcing.choose(tx, { lines: demand, destination: input.fulfillment.address });
    if (!chosen) throw await this.noSingleSource(tx, input, variants);
    return this.locations.get(chosen, tx);
  }

  /**
   * The out-of-stock fast path: an order for a named location that is short there right now gets the
   * unit's 409 INSUFFICIENT_STOCK without queueing for the writer (in a flash sale nearly every order
   * is such a refusal). Not when an overdue hold there could free stock: the unit releases those first.
   * It only refuses early; reserving stays the unit's conditional UPDATE, so it can never oversell.
   */
  private async refuseEarlyIfShort(input: PlaceOrderDto, variants: Map<string, Variant>): Promise<void> {
    const { type, locationId } = input.fulfillment;
    if (!locationId) return;
    // An unknown location or one not offering this fulfilment: the unit gives those their own answer.
    const location = await this.locations.get(locationId).catch(() => null);
    if (!location || !offers(location, type)) return;
    currencyOf(input, variants); // refused before stock inside the unit too
    const lines = mergeBySku(input).map(({ sku, qty }) => ({
      variantId: variants.get(sku)!.id,
      sku,
      locationId,
      qty,
    }));
    const shortage = await this.inventory.shortage(lines);
    if (!shortage) return;
    const overdue = await this.lifecycle.dueIds({ em: this.dataSource.manager }, this.clock.now(), {
      locationId,
      limit: 1,
    });
    if (!overdue.length) throw shortage;
  }

  /** INSUFFICIENT_STOCK for a shipment no one location can fulfil: per line, the most any one has. */
  private async noSingleSource(tx: Tx, input: PlaceOrderDto, variants: Map<string, Variant>) {
    const ids = [...new Set(input.lines.map((line) => variants.get(line.sku)!.id))];
    const best = await this.shippingStock.bestAtOneLocation(tx, ids);
    const lines: InsufficientStockDetails['lines'] = mergeBySku(input).map((line) => ({
      sku: line.sku,
      requested: line.qty,
      available: best.get(variants.get(line.sku)!.id) ?? 0,
    }));
    const short = lines.filter((line) => line.available < line.requested);
    return new AppError('INSUFFICIENT_STOCK', 'No single location can ship every line of this order', {
      lines: short.length ? short : lines,
    });
  }
}

/** Rules of the request that depend on more than one field. */
function assertPlaceable(user: AuthUser | undefined, input: PlaceOrderDto): void {
  const { type, address } = input.fulfillment;
  if (type !== 'ship' && address) throw AppError.invalid('fulfillment.address', 'is only for ship');
  if (input.payment === 'at_pickup' && type !== 'pickup') {
    throw AppError.invalid('payment', 'at_pickup is only for pickup orders');
  }
  const counterPayment = COUNTER_PAYMENT_METHODS.some((method) => method === input.payment);
  if (counterPayment && type !== 'instore') {
    throw AppError.invalid('payment', `${input.payment} is only for counter sales (instore)`);
  }
  if (input.tendered !== undefined && input.payment !== 'cash') {
    throw AppError.invalid('tendered', 'is only for a cash sale (payment "cash")');
  }
  // A customer with only a phone number is one a clerk serves at the counter (an "endless aisle" order).
  if (input.customer && !input.customer.email && !isStaff(user)) {
    throw AppError.invalid('customer.email', 'is required');
  }
  // A counter sale is made by the clerk at that counter.
  if (type === 'instore') assertCanActAt(user, input.fulfillment.locationId!);
}

/** A flash-sale order is fulfilled where the sale's units are; naming another location is refused. */
function atLocation(input: PlaceOrderDto, locationId: string): PlaceOrderDto {
  const named = input.fulfillment.locationId;
  if (named && named !== locationId) {
    throw AppError.invalid('fulfillment.locationId', "must be the flash sale's location");
  }
  return { ...input, fulfillment: { ...input.fulfillment, locationId } };
}

function offers(location: Location, type: FulfillmentType): boolean {
  return !((type === 'pickup' && !location.pickupEnabled) || (type === 'ship' && !location.shipEnabled));
}

function mergeBySku(input: PlaceOrderDto): Array<{ sku: string; qty: number }> {
  const bySku = new Map<string, number>();
  for (const line of input.lines) bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.qty);
  return [...bySku].map(([sku, qty]) => ({ sku, qty }));
}

function newOrder(
  input: PlaceOrderDto,
  user: AuthUser | undefined,
  location: Location,
  { id, token, currency, now }: { id: string; token: string; currency: string; now: Date },
): Order {
  const type = input.fulfillment.type;
  const payment = input.payment ?? 'online';
  return Object.assign(new Order(), {
    id,
    number: newOrderNumber(),
    status: initialStatus(type),
    fulfillmentType: type,
    locationId: location.id,
    shipAddress: type === 'ship' ? { ...input.fulfillment.address! } : null,
    customerName: input.customer?.name.trim() ?? 'Counter customer',
    customerEmail: input.customer?.email?.toLowerCase() ?? '',
    customerPhone: input.customer?.phone ?? null,
    customerLocale: input.customer?.locale ?? null,
    customerUserId: user?.role === 'customer' ? user.id : null,
    paymentMethod: payment,
    totalAmount: 0,
    shippingFeeAmount: 0,
    deliveryFrom: null,
    deliveryTo: null,
    tenderedAmount: input.tendered ?? null,
    currency,
    tokenHash: hashToken(token),
    pickupCode: type === 'pickup' ? newPickupCode() : null,
    pickupAttempts: 0,
    pickupLocked: false,
    // A placed pickup order is held until the store has had pickupHoldHours (open time) to get it
    // ready; on `ready` the customer gets as long from then. Online orders are held shorter until paid (above).
    expiresAt: type === 'pickup' ? holdDeadline(now, location) : null,
    readyBy: type === 'pickup' ? promisedReadyBy(now, location) : null,
    readyAt: null,
    collectedAt: null,
    carrier: null,
    trackingNumber: null,
    createdBy: user?.id ?? null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  } satisfies Order);
}

/** Paid through the provider's checkout: online pickup and ship orders (a counter sale is paid there). */
function paysOnline(input: PlaceOrderDto): boolean {
  return (input.payment ?? 'online') === 'online' && input.fulfillment.type !== 'instore';
}

function totalOfInput(input: PlaceOrderDto, variants: Map<string, Variant>): number {
  return input.lines.reduce((sum, line) => sum + variants.get(line.sku)!.priceAmount * line.qty, 0);
}

function currencyOf(input: PlaceOrderDto, variants: Map<string, Variant>): string {
  const currencies = new Set(input.lines.map((line) => variants.get(line.sku)!.currency));
  if (currencies.size > 1) throw AppError.invalid('lines', 'must all be priced in one currency');
  return [...currencies][0];
}

/** One line per SKU (quantities of a repeated SKU summed), priced from the catalog, never the client. */
function orderLines(
  order: Order,
  input: PlaceOrderDto,
  variants: Map<string, Variant>,
  salePrices?: Map<string, number>,
): OrderLine[] {
  return mergeBySku(input).map(({ sku, qty }) => {
    const variant = variants.get(sku)!;
    return Object.assign(new OrderLine(), {
      id: randomUUID(),
      orderId: order.id,
      variantId: variant.id,
      sku,
      title: variant.title,
      qty,
      unitPriceAmount: salePrices?.get(sku) ?? variant.priceAmount,
      status: 'ok',
    } satisfies OrderLine);
  });
}

/** What an order tells its customer first: that it was placed, or for a counter sale its receipt, mailed when the customer gave an email. */
function firstMessageOf(order: Order): 'order_placed' | 'receipt' | null {
  if (order.fulfillmentType !== 'instore') return 'order_placed';
  return order.customerEmail ? 'receipt' : null;
}
