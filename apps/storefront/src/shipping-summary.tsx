import type { DeliveryEstimate, Money, ShippingQuoteView } from '@o2o/contracts';
import { api } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { dayRange, money, t } from './i18n';

/** Subtotal, shipping fee ("Free" when nothing) and total: the rows of an order's money when it ships. */
export function ShippingRows(props: { subtotal: Money; shippingFee: Money }) {
  const m = t();
  return (
    <>
      <li class="subtotal">
        <span>{m.subtotal}</span>
        <span data-testid="subtotal">{money(props.subtotal)}</span>
      </li>
      <li class="subtotal">
        <span>{m.shippingFee}</span>
        <span data-testid="shipping-fee">
          {props.shippingFee.amount ? money(props.shippingFee) : m.freeShipping}
        </span>
      </li>
    </>
  );
}

/** "Expected delivery: Wed 2 – Thu 3 Dec", in the shopper's language. */
export function DeliveryEstimateLine({ estimate }: { estimate: DeliveryEstimate }) {
  const m = t();
  return (
    <p data-testid="delivery-estimate">
      {m.expectedDelivery}: <strong>{dayRange(estimate.from, estimate.to)}</strong>
    </p>
  );
}

/**
 * Shipping the cart, before paying: the server's quote (the rules the order is then placed by) of
 * the fee, the total and when it should arrive, asked again whenever the lines change.
 */
export function ShippingQuote({ lines }: { lines: Array<{ sku: string; qty: number }> }) {
  const m = t();
  const body = { lines: lines.map(({ sku, qty }) => ({ sku, qty })) };
  const quote = useLoad(
    () => api<ShippingQuoteView>('/orders/shipping-quote', { body }),
    [JSON.stringify(body)],
  );
  const value = quote.value;
  if (!value) return null;
  return (
    <section class="card shipping-quote" data-testid="shipping-quote">
      <ul class="order-lines">
        <ShippingRows subtotal={value.subtotal} shippingFee={value.shippingFee} />
        <li class="total">
          <span>{m.total}</span>
          <strong data-testid="checkout-total">{money(value.total)}</strong>
        </li>
      </ul>
      {value.shippingFee.amount > 0 && value.freeFrom && (
        <p class="muted">{m.freeShippingFrom(money(value.freeFrom))}</p>
      )}
      {value.deliveryEstimate && <DeliveryEstimateLine estimate={value.deliveryEstimate} />}
    </section>
  );
}
