import { useState } from 'preact/hooks';
import type { PlacedOrderView, PlaceOrderRequest, ShipAddress } from '@o2o/contracts';
import { api } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { navigate } from './router';
import { loadCustomer, orderHref, rememberOrder, saveCustomer } from './store';

export type Delivery = { type: 'pickup'; locationId: string; storeName: string } | { type: 'ship' };

/**
 * The few fields an order needs (name, email, and an address when shipping), then one tap to place
 * it. The Idempotency-Key stays the same for retries of this one order, so a double tap or a flaky
 * network never orders twice.
 */
export function CheckoutForm(props: {
  lines: Array<{ sku: string; qty: number }>;
  delivery: Delivery;
  submitLabel: string;
  onPlaced?: (order: PlacedOrderView) => void;
}) {
  const remembered = loadCustomer();
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
      lines: props.lines,
      fulfillment:
        props.delivery.type === 'pickup'
          ? { type: 'pickup', locationId: props.delivery.locationId }
          : { type: 'ship', address },
      customer,
      payment: props.delivery.type === 'pickup' ? 'at_pickup' : 'online',
    };
    const order = await run((idempotencyKey) => api<PlacedOrderView>('/orders', { body, idempotencyKey }));
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

  return (
    <form class="checkout" onSubmit={submit}>
      <label>
        Your name
        <input
          data-testid="customer-name"
          autoComplete="name"
          required
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        Email (for your confirmation)
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
        Phone (optional)
        <input type="tel" autoComplete="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
      </label>
      {props.delivery.type === 'ship' && (
        <fieldset class="address">
          <legend>Delivery address</legend>
          <label>
            Street and number
            <input autoComplete="address-line1" {...field('line1')} />
          </label>
          <div class="row">
            <label class="grow">
              Postal code
              <input autoComplete="postal-code" {...field('postalCode')} />
            </label>
            <label class="grow">
              City
              <input autoComplete="address-level2" {...field('city')} />
            </label>
          </div>
          <label>
            Country (2 letters)
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
        {busy ? 'Placing your order…' : props.submitLabel}
      </button>
    </form>
  );
}
