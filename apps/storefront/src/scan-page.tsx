import { useMemo, useState } from 'preact/hooks';
import type { AvailabilityView, LocationView, ProductView, ScanView } from '@o2o/contracts';
import { api } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { AvailabilityList, type AvailabilityRow } from './availability-list';
import { CheckoutForm, type Delivery } from './checkout-form';
import { money, problemText, t, useTitle } from './i18n';
import { useLiveAvailability, useLivePrice } from './live-availability';
import { useLocations } from './shop-pages';
import { initialChoice, OptionPicker, QuantityStepper, variantFor, type Choice } from './option-picker';

/**
 * /s/:code — what a shopper's phone opens from a shelf tag: the item, its price, how many are here
 * and nearby (live), "Reserve here" in two taps, and "Ship to me" when this store is out.
 */
export function ScanPage({ code }: { code: string }) {
  const scan = useLoad(() => api<ScanView>(`/scan/${encodeURIComponent(code)}`), [code]);
  const m = t();
  useTitle(scan.value ? scan.value.product.title : scan.failure ? m.tagUnreadable : null);
  if (scan.failure) {
    return (
      <main class="page narrow">
        <h1>{m.tagUnreadable}</h1>
        <p class="notice error">{problemText(scan.failure)}</p>
        <a class="button secondary" href="/shop">
          {m.browseShop}
        </a>
      </main>
    );
  }
  if (!scan.value) return <main class="page narrow">{m.loading}</main>;
  return <ScanDetail scan={scan.value} />;
}

function ScanDetail({ scan }: { scan: ScanView }) {
  // The whole product, for its other options (the tag names one variant).
  const product = useLoad(() => api<ProductView>(`/products/${scan.product.id}`), [scan.product.id]);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [qty, setQty] = useState(1);
  const hasOptions = !!product.value?.options.length;
  const chosen = hasOptions
    ? variantFor(product.value!, choice ?? initialChoice(product.value!, scan.variant.sku))
    : undefined;
  const variant = chosen ?? scan.variant;
  const skus = useMemo(
    () => product.value?.variants.map((v) => v.sku) ?? [scan.variant.sku],
    [product.value, scan.variant.sku],
  );
  const live = useLiveAvailability(skus, null);
  const price = useLivePrice(variant.sku, variant.price);
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const view: AvailabilityView | undefined = live?.find((v) => v.sku === variant.sku);
  // The scan's own figures hold for the tagged variant until the live ones arrive.
  const tagged = variant.sku === scan.variant.sku;
  const here =
    view?.locations.find((l) => l.locationId === scan.location.id)?.available ??
    (tagged ? scan.availableHere : 0);
  const online = view?.online ?? (tagged ? scan.online : 0);
  const locations = useLocations();
  const nearby = tagged ? taggedNearby(scan, view) : otherStores(scan, view, locations.value ?? []);
  const canReserveHere = scan.location.pickupEnabled && here > 0;
  const attributes = hasOptions ? [] : Object.entries(scan.variant.attributes);
  const m = t();
  const line = { sku: variant.sku, qty, title: variant.title };
  const wholeChoice = hasOptions ? (choice ?? initialChoice(product.value!, scan.variant.sku)) : null;

  return (
    <main class="page narrow scan-page">
      <p class="eyebrow">{scan.location.name}</p>
      <h1 data-testid="product-title">{scan.product.title}</h1>
      {!hasOptions && scan.variant.title !== scan.product.title && (
        <p class="variant-title">{scan.variant.title}</p>
      )}
      {attributes.length > 0 && (
        <p class="muted">{attributes.map(([name, value]) => `${name}: ${value}`).join(' · ')}</p>
      )}
      <p class="price" data-testid="price" data-sku={variant.sku} aria-live="polite">
        {money(price)}
      </p>
      {hasOptions && wholeChoice && (
        <OptionPicker
          product={product.value!}
          choice={wholeChoice}
          availability={live ?? undefined}
          onChoose={setChoice}
        />
      )}
      {hasOptions && !chosen && <p class="notice error">{m.combinationNotMade}</p>}
      <QuantityStepper value={qty} max={Math.max(1, here, online)} onChange={setQty} />
      <section class={`here card ${here > 0 ? 'in-stock' : 'out-of-stock'}`} aria-live="polite">
        <div
          data-testid="location-availability"
          data-location-id={scan.location.id}
          data-available={here}
          class="here-figure"
        >
          <span class="big-number" data-testid="available-here">
            {here}
          </span>
          <span>{m.leftHereAt(scan.location.name)}</span>
        </div>
        {canReserveHere && !delivery && (
          <button
            data-testid="reserve-here"
            class="big"
            onClick={() =>
              setDelivery({ type: 'pickup', locationId: scan.location.id, storeName: scan.location.name })
            }
          >
            {m.reserveHere}
          </button>
        )}
        {here === 0 && <p class="muted">{m.outOfStockHere}</p>}
      </section>
      {delivery && (
        <section class="card">
          <h2>{delivery.type === 'pickup' ? m.reserveAt(delivery.storeName) : m.shipToMe}</h2>
          <CheckoutForm
            lines={[line]}
            delivery={delivery}
            submitLabel={delivery.type === 'pickup' ? m.reserveForPickup : m.orderAndPay}
          />
          <button class="link-button" onClick={() => setDelivery(null)}>
            {m.back}
          </button>
        </section>
      )}
      {!delivery && here === 0 && online > 0 && (
        <section class="card">
          <h2>{m.shipToMe}</h2>
          <p>{m.availableOnline(online)}</p>
          <button class="big" onClick={() => setDelivery({ type: 'ship' })}>
            {m.shipToMe}
          </button>
        </section>
      )}
      {!delivery && (
        <section>
          <h2>{m.nearby}</h2>
          <AvailabilityList
            rows={nearby}
            actionLabel={m.reserveThere}
            onChoose={(row) =>
              setDelivery({ type: 'pickup', locationId: row.locationId, storeName: row.name })
            }
          />
        </section>
      )}
      {scan.product.description && <p class="description">{scan.product.description}</p>}
      <p>
        <a href={`/shop/products/${scan.product.id}?sku=${encodeURIComponent(scan.variant.sku)}`}>
          {m.moreInShop}
        </a>
      </p>
    </main>
  );
}

/** The tagged variant: the scan's nearby stores (nearest first, with distances), live figures laid over. */
function taggedNearby(scan: ScanView, view: AvailabilityView | undefined): AvailabilityRow[] {
  return scan.nearby.map((n) => ({
    locationId: n.locationId,
    name: n.name,
    pickup: n.pickup,
    distanceKm: n.distanceKm ?? undefined,
    available: view?.locations.find((l) => l.locationId === n.locationId)?.available ?? n.available,
  }));
}

/** Another option: the other stores that have it, as the live figures tell. */
function otherStores(
  scan: ScanView,
  view: AvailabilityView | undefined,
  locations: LocationView[],
): AvailabilityRow[] {
  const byId = new Map(locations.map((l) => [l.id, l]));
  return (view?.locations ?? [])
    .filter(
      (l) => l.locationId !== scan.location.id && l.available > 0 && byId.get(l.locationId)?.type === 'store',
    )
    .map((l) => ({ ...l, name: byId.get(l.locationId)!.name, timezone: byId.get(l.locationId)!.timezone }));
}
