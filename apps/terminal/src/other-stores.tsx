import { useState } from 'preact/hooks';
import type { AvailabilityView, LocationView, PlacedOrderView, PlaceOrderRequest } from '@o2o/contracts';
import { query } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { useAction, useLoad } from '../../shared/hooks';
import { useTerminal } from './context';
import { Dialog } from './dialog';
import { QuantityStepper } from './quantity-stepper';
import type { StockRow } from './stock-lookup';

/**
 * The item's stock at the retailer's other locations, and the "endless aisle": when this store is
 * out, the clerk orders it for the customer at the counter, to collect at another store or shipped
 * home, so the sale is not lost.
 */
export function OtherStores({ row }: { row: StockRow }) {
  const { call, location, allLocations } = useTerminal();
  const [ordering, setOrdering] = useState<{ type: 'pickup'; at: LocationView } | { type: 'ship' } | null>(
    null,
  );
  const availability = useLoad(
    async () => (await call<AvailabilityView[]>(`/availability${query({ sku: row.sku })}`))[0],
    [call, row.sku],
  );
  const elsewhere = (availability.value?.locations ?? [])
    .filter((level) => level.locationId !== location.id)
    .map((level) => ({ level, at: allLocations.find((l) => l.id === level.locationId) }))
    .filter((entry): entry is { level: (typeof entry)['level']; at: LocationView } => Boolean(entry.at));

  return (
    <section class="other-stores" aria-labelledby={`other-${row.sku}`}>
      <h3 id={`other-${row.sku}`}>At the other stores</h3>
      {availability.error && <p class="notice error">{availability.error}</p>}
      {availability.value && elsewhere.length === 0 && <p class="muted">No other location has it.</p>}
      <ul class="other-list">
        {elsewhere.map(({ level, at }) => (
          <li key={at.id} data-testid="other-store" data-location-id={at.id} data-available={level.available}>
            <span>
              <strong>{at.name}</strong> <span class="muted">{level.available} available</span>
            </span>
            {level.pickup && level.available > 0 && (
              <button class="secondary" onClick={() => setOrdering({ type: 'pickup', at })}>
                Reserve for customer
              </button>
            )}
          </li>
        ))}
      </ul>
      {(availability.value?.online ?? 0) > 0 && (
        <button class="secondary" onClick={() => setOrdering({ type: 'ship' })}>
          Ship to the customer's home
        </button>
      )}
      {ordering && <CustomerOrderDialog row={row} order={ordering} onClose={() => setOrdering(null)} />}
    </section>
  );
}

/** A clerk-assisted order: the customer's name and email or phone, how many, and for shipping the address. */
function CustomerOrderDialog(props: {
  row: StockRow;
  order: { type: 'pickup'; at: LocationView } | { type: 'ship' };
  onClose: () => void;
}) {
  const { call, location } = useTerminal();
  const [qty, setQty] = useState(1);
  const [customer, setCustomer] = useState({ name: '', email: '', phone: '' });
  const [address, setAddress] = useState({ line1: '', postalCode: '', city: '' });
  const [placed, setPlaced] = useState<PlacedOrderView | null>(null);
  const { busy, error, setError, run } = useAction();
  const where = props.order.type === 'pickup' ? props.order.at.name : 'the customer’s home';

  const place = async (event: Event) => {
    event.preventDefault();
    if (!customer.email.trim() && !customer.phone.trim()) {
      setError('Give the customer’s email or phone, so they can be reached.');
      return;
    }
    const body: PlaceOrderRequest = {
      lines: [{ sku: props.row.sku, qty }],
      fulfillment:
        props.order.type === 'pickup'
          ? { type: 'pickup', locationId: props.order.at.id }
          : { type: 'ship', address: { ...address, country: location.address.country } },
      customer: {
        name: customer.name.trim(),
        ...(customer.email.trim() ? { email: customer.email.trim() } : {}),
        ...(customer.phone.trim() ? { phone: customer.phone.trim() } : {}),
      },
      // A reservation is paid when collected; a shipment is paid here at the till, now.
      payment: props.order.type === 'pickup' ? 'at_pickup' : 'online',
    };
    const order = await run((idempotencyKey) => call<PlacedOrderView>('/orders', { body, idempotencyKey }));
    if (order) setPlaced(order);
  };

  const field = (name: keyof typeof customer) => ({
    value: customer[name],
    onInput: (e: { currentTarget: HTMLInputElement }) =>
      setCustomer({ ...customer, [name]: e.currentTarget.value }),
  });
  const addressField = (name: keyof typeof address) => ({
    required: true,
    value: address[name],
    onInput: (e: { currentTarget: HTMLInputElement }) =>
      setAddress({ ...address, [name]: e.currentTarget.value }),
  });

  return (
    <Dialog title={`Order ${props.row.title || props.row.sku} for a customer`} onClose={props.onClose}>
      {placed ? (
        <div class="dialog-form" data-testid="assisted-order-placed">
          <p class="notice info" role="status">
            Order #{placed.number} placed for {placed.customer.name}:{' '}
            {props.order.type === 'pickup'
              ? `to collect at ${where}.`
              : `shipped to ${address.line1}, ${address.city}.`}{' '}
            Total {formatMoney(placed.total)}.
          </p>
          {placed.pickupCode && (
            <p>
              Pickup code for the customer: <strong class="code">{placed.pickupCode}</strong>
            </p>
          )}
          <button onClick={props.onClose}>Done</button>
        </div>
      ) : (
        <form class="dialog-form" onSubmit={place}>
          <p class="muted">
            {props.order.type === 'pickup'
              ? `Reserved at ${where}; paid when collected there.`
              : 'Shipped from the store that has it; paid here at the till.'}
          </p>
          <div class="field">
            <span class="field-label">Quantity</span>
            <QuantityStepper value={qty} onChange={setQty} label={`Quantity of ${props.row.sku} to order`} />
          </div>
          <label>
            Customer's name
            <input required maxLength={200} autoComplete="off" {...field('name')} />
          </label>
          <div class="row">
            <label class="grow">
              Email
              <input type="email" autoComplete="off" {...field('email')} />
            </label>
            <label class="grow">
              Phone
              <input type="tel" autoComplete="off" {...field('phone')} />
            </label>
          </div>
          {props.order.type === 'ship' && (
            <>
              <label>
                Street and number
                <input autoComplete="off" {...addressField('line1')} />
              </label>
              <div class="row">
                <label class="grow">
                  Postal code
                  <input autoComplete="off" {...addressField('postalCode')} />
                </label>
                <label class="grow">
                  City
                  <input autoComplete="off" {...addressField('city')} />
                </label>
              </div>
            </>
          )}
          {error && (
            <p class="notice error" role="alert">
              {error}
            </p>
          )}
          <div class="row">
            <button data-testid="assisted-order-submit" type="submit" disabled={busy}>
              {props.order.type === 'pickup' ? `Reserve at ${where}` : 'Place shipment'}
            </button>
            <button type="button" class="secondary" onClick={props.onClose}>
              Back
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
