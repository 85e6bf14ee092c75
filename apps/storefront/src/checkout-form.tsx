import { useState } from 'preact/hooks';
import isPostalCode, { locales as postcodeCountries } from 'validator/es/lib/isPostalCode';
import {
  FLASH_ADMISSION_HEADER,
  SHIP_COUNTRIES,
  type PlacedOrderView,
  type PlaceOrderRequest,
  type ShipCountry,
} from '@o2o/contracts';
import { api, ApiError } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { flashRefusal } from './flash-refusals';
import { describedBy, EMAIL, FieldError } from './fields';
import { countryName, currentLanguage, problemText, t } from './i18n';
import { navigate } from './router';
import { loadSession } from './session';
import { loadCustomer, orderHref, rememberOrder, saveCustomer } from './store';

export type Delivery = { type: 'pickup'; locationId: string; storeName: string } | { type: 'ship' };

type Field = 'name' | 'email' | 'phone' | 'line1' | 'postalCode' | 'city' | 'country';
type FieldErrors = Partial<Record<Field, string>>;

/** The server's name for a refused field → the field on this form. */
const FIELD_OF: Record<string, Field> = {
  'customer.name': 'name',
  'customer.email': 'email',
  'customer.phone': 'phone',
  'fulfillment.address.line1': 'line1',
  'fulfillment.address.postalCode': 'postalCode',
  'fulfillment.address.city': 'city',
  'fulfillment.address.country': 'country',
};

/**
 * The few fields an order needs (name, email, and an address when shipping), then one tap to place
 * it. Each refused field says why in words beside it, whether the page or the server found it. The
 * Idempotency-Key stays the same for retries of this one order, so a double tap or a flaky network
 * never orders twice.
 */
export function CheckoutForm(props: {
  /** What is ordered, with the titles the shopper saw (a refusal names them, never a SKU). */
  lines: Array<{ sku: string; qty: number; title: string }>;
  delivery: Delivery;
  submitLabel: string;
  /** The chosen way cannot supply the order right now: what was typed stays, the button waits. */
  blocked?: boolean;
  onPlaced?: (order: PlacedOrderView) => void;
  /** Buying in a flash sale: the admission goes along, the email is the ticket's, and it is paid online. */
  flash?: { admission: string; email: string };
}) {
  const session = loadSession();
  // Signed in: the account's name and email, and the order is placed as the account's.
  const remembered = session
    ? { ...loadCustomer(), name: session.user.name, email: session.user.email }
    : loadCustomer();
  const [values, setValues] = useState<Record<Field, string>>({
    name: remembered.name,
    email: props.flash?.email ?? remembered.email,
    phone: remembered.phone,
    line1: '',
    postalCode: '',
    city: '',
    country: 'NL',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  // Pickup may be paid now online or at the counter; shipping is always paid online.
  const [payOnline, setPayOnline] = useState(false);
  const { busy, error, run } = useAction();
  const shipping = props.delivery.type === 'ship';
  const m = t();

  /** What the page can tell before asking the server (the server checks all of it again). */
  const check = (): FieldErrors => {
    const found: FieldErrors = {};
    const missing = (field: Field) => !values[field].trim();
    if (missing('name')) found.name = m.fieldErrors.name;
    if (!EMAIL.test(values.email.trim())) found.email = m.fieldErrors.email;
    if (!shipping) return found;
    if (missing('line1')) found.line1 = m.fieldErrors.line1;
    if (missing('city')) found.city = m.fieldErrors.city;
    if (!values.postalCode.trim()) found.postalCode = m.fieldErrors.postalCode;
    else if (!postcodeFits(values.postalCode, values.country))
      found.postalCode = postcodeProblem(values.country);
    return found;
  };

  /** The server's refusal, field by field, in the shop's words. */
  const serverErrors = (failure: unknown): FieldErrors => {
    if (!(failure instanceof ApiError) || failure.code !== 'VALIDATION_FAILED') return {};
    const fields = failure.detailsOf('VALIDATION_FAILED')?.fields ?? [];
    const found: FieldErrors = {};
    for (const { field } of fields) {
      const ours = FIELD_OF[field];
      if (ours) found[ours] = ours === 'postalCode' ? postcodeProblem(values.country) : m.fieldErrors[ours];
    }
    return found;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    const customer = {
      name: values.name.trim(),
      email: values.email.trim(),
      ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
      // The messages about this order go out in the language the shopper is reading.
      locale: currentLanguage(),
    };
    const address = {
      line1: values.line1.trim(),
      postalCode: values.postalCode.trim().toUpperCase(),
      city: values.city.trim(),
      country: values.country,
    };
    const body: PlaceOrderRequest = {
      lines: props.lines.map(({ sku, qty }) => ({ sku, qty })),
      fulfillment:
        props.delivery.type === 'pickup'
          ? { type: 'pickup', locationId: props.delivery.locationId }
          : { type: 'ship', address },
      customer,
      payment: props.delivery.type === 'pickup' && !payOnline && !props.flash ? 'at_pickup' : 'online',
    };
    const headers = props.flash ? { [FLASH_ADMISSION_HEADER]: props.flash.admission } : undefined;
    const titleOf = (sku: string) => props.lines.find((line) => line.sku === sku)?.title;
    const order = await run(
      (idempotencyKey) =>
        api<PlacedOrderView>('/orders', { body, idempotencyKey, headers, token: session?.accessToken }),
      (failure) => {
        if (props.flash) return flashRefusal(failure);
        setErrors(serverErrors(failure));
        return problemText(failure, titleOf);
      },
    );
    if (!order) return;
    saveCustomer({ name: customer.name, email: customer.email, phone: values.phone.trim() });
    rememberOrder({ id: order.id, number: order.number, token: order.orderToken });
    props.onPlaced?.(order);
    // Paid online: the provider's checkout first, which sends the shopper back to the order page.
    const checkoutUrl = order.payment?.checkoutUrl;
    if (checkoutUrl) location.assign(`${checkoutUrl}?return=${encodeURIComponent(orderHref(order))}`);
    else navigate(orderHref(order));
  };

  /** A field's value, its input handler and its message (tied to it for screen readers). */
  const bind = (field: Field) => ({
    value: values[field],
    onInput: (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
      setValues({ ...values, [field]: e.currentTarget.value }),
    ...describedBy(field, errors[field]),
  });
  const message = (field: Field) => <FieldError field={field} problem={errors[field]} />;

  return (
    <form class="checkout" onSubmit={submit} noValidate>
      <label>
        {m.yourName}
        <input data-testid="customer-name" autoComplete="name" {...bind('name')} />
        {message('name')}
      </label>
      <label>
        {m.emailForConfirmation}
        <input
          data-testid="customer-email"
          type="email"
          autoComplete="email"
          readOnly={!!props.flash}
          {...bind('email')}
        />
        {message('email')}
      </label>
      <label>
        {m.phoneOptional}
        <input type="tel" autoComplete="tel" {...bind('phone')} />
        {message('phone')}
      </label>
      {!shipping && !props.flash && (
        <fieldset class="delivery">
          <legend>{m.paymentLegend}</legend>
          <label class="choice">
            <input
              data-testid="payment-at-pickup"
              type="radio"
              name="payment"
              checked={!payOnline}
              onChange={() => setPayOnline(false)}
            />{' '}
            {m.payAtPickup}
          </label>
          <label class="choice">
            <input
              data-testid="payment-online"
              type="radio"
              name="payment"
              checked={payOnline}
              onChange={() => setPayOnline(true)}
            />{' '}
            {m.payOnlineNow}
          </label>
        </fieldset>
      )}
      {shipping && (
        <fieldset class="address">
          <legend>{m.deliveryAddress}</legend>
          <label>
            {m.streetAndNumber}
            <input autoComplete="address-line1" {...bind('line1')} />
            {message('line1')}
          </label>
          <label>
            {m.country}
            <select data-testid="ship-country" autoComplete="country" {...bind('country')}>
              {(Object.keys(SHIP_COUNTRIES) as ShipCountry[]).map((code) => (
                <option key={code} value={code}>
                  {countryName(code)}
                </option>
              ))}
            </select>
            {message('country')}
          </label>
          <div class="row">
            <label class="grow">
              {m.postalCode}
              <input
                autoComplete="postal-code"
                placeholder={SHIP_COUNTRIES[values.country as ShipCountry]?.postcodeExample}
                {...bind('postalCode')}
              />
              {message('postalCode')}
            </label>
            <label class="grow">
              {m.city}
              <input autoComplete="address-level2" {...bind('city')} />
              {message('city')}
            </label>
          </div>
        </fieldset>
      )}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {!props.blocked && (
        <button data-testid="place-order" class="big" type="submit" disabled={busy}>
          {busy ? m.placingOrder : props.submitLabel}
        </button>
      )}
    </form>
  );
}

/** A postcode in its country's format (the same check as the server's: validator.js). */
function postcodeFits(postcode: string, country: string): boolean {
  if (!postcode.trim()) return false;
  const known = (postcodeCountries as string[]).includes(country);
  return !known || isPostalCode(postcode.trim(), country as ShipCountry);
}

function postcodeProblem(country: string): string {
  const example = SHIP_COUNTRIES[country as ShipCountry]?.postcodeExample;
  return t().postcodeProblem(countryName(country), example);
}
