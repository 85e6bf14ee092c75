import { useState } from 'preact/hooks';
import type { PlacedOrderView, PlaceOrderRequest, ShipAddress } from '../../../libs/contracts/src';
import { api } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { problemText, t } from './i18n';
import { navigate } from './router';
import { loadSession } from './session';
import { loadCustomer, orderHref, rememberOrder, saveCustomer } from './store';

export type Delivery = { type: 'pickup'; locationId: string; storeName: string } | { type: 'ship' };

/**
 * The few fields an order needs (name, email, and an address when shipping), then one tap to place
 * it. The Idempotency-Key stays the same for retries of this one order, so a double tap or a flaky
 * network never orders twice.
 */
export function CheckoutForm(props: {
  /** What is ordered, with the titles the shopper saw (a refusal names them, never a SKU). */
  lines: Array<{ sku: string; qty: number; title: string }>;
  delivery: Delivery;
  submitLabel: string;
  onPlaced?: (order: PlacedOrderView) => void;
}) {
  const session = loadSession();
  // Signed in: the account's name and email, and the order is placed as the account's.
  const remembered = session
    ? { ...loadCustomer(), name: session.user.name, email: session.user.email }
    : loadCustomer();
  const [name, setName] = useState(remembered.name);
  const [email, setEmail] = useState(remembered.email);
  const [phone, setPhone] = useState(remembered.phone);
  const [address, setAddress] = useState<ShipAddress>({ line1: '', city: '', postalCode: '', country: 'NL' });
  const { busy, error, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const customer = {
      name: name.trim(),
      email: email.trim(),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    };
    const body: PlaceOrderRequest = {
      lines: props.lines.map(({ sku, qty }) => ({ sku, qty })),
      fulfillment:
        props.delivery.type === 'pickup'
          ? { type: 'pickup', locationId: props.delivery.locationId }
          : { type: 'ship', address },
      customer,
      payment: props.delivery.type === 'pickup' ? 'at_pickup' : 'online',
    };
    const titleOf = (sku: string) => props.lines.find((line) => line.sku === sku)?.title;
    const order = await run(
      (idempotencyKey) =>
        api<PlacedOrderView>('/orders', { body, idempotencyKey, token: session?.accessToken }),
      (failure) => problemText(failure, titleOf),
    );
    if (!order) return;
    saveCustomer({ name: customer.name, email: customer.email, phone: phone.trim() });
    rememberOrder({ id: order.id, number: order.number, token: order.orderToken });
    props.onPlaced?.(order);
    // Paid online: the provider's checkout first, which sends the shopper back to the order page.
    const checkoutUrl = order.payment?.checkoutUrl;
    if (checkoutUrl) location.assign(`${checkoutUrl}?return=${encodeURIComponent(orderHref(order))}`);
    else navigate(orderHref(order));
  };

  const field = (key: keyof ShipAddress) => ({
    value: String(address[key] ?? ''),
    onInput: (e: { currentTarget: HTMLInputElement }) =>
      setAddress({ ...address, [key]: e.currentTarget.value }),
    required: key !== 'line2',
  });

  const m = t();
  return (
    <form class="checkout" onSubmit={submit}>
      <label>
        {m.yourName}
        <input
          data-testid="customer-name"
          autoComplete="name"
          required
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        {m.emailForConfirmation}
        <input
          data-testid="customer-email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label>
        {m.phoneOptional}
        <input type="tel" autoComplete="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
      </label>
      {props.delivery.type === 'ship' && (
        <fieldset class="address">
          <legend>{m.deliveryAddress}</legend>
          <label>
            {m.streetAndNumber}
            <input autoComplete="address-line1" {...field('line1')} />
          </label>
          <div class="row">
            <label class="grow">
              {m.postalCode}
              <input autoComplete="postal-code" {...field('postalCode')} />
            </label>
            <label class="grow">
              {m.city}
              <input autoComplete="address-level2" {...field('city')} />
            </label>
          </div>
          <label>
            {m.country}
            <input autoComplete="country" maxLength={2} {...field('country')} />
          </label>
        </fieldset>
      )}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <button data-testid="place-order" class="big" type="submit" disabled={busy}>
        {busy ? m.placingOrder : props.submitLabel}
      </button>
    </form>
  );
}
