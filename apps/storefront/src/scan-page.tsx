import { useMemo, useState } from 'preact/hooks';
import type { AvailabilityView, ScanView } from '@o2o/contracts';
import { api } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { useLoad } from '../../shared/hooks';
import { AvailabilityList, type AvailabilityRow } from './availability-list';
import { CheckoutForm, type Delivery } from './checkout-form';
import { useLiveAvailability, useLivePrice } from './live-availability';

/**
 * /s/:code — what a shopper's phone opens from a shelf tag: the item, its price, how many are here
 * and nearby (live), "Reserve here" in two taps, and "Ship to me" when this store is out.
 */
export function ScanPage({ code }: { code: string }) {
  const scan = useLoad(() => api<ScanView>(`/scan/${encodeURIComponent(code)}`), [code]);
  if (scan.error) {
    return (
      <main class="page narrow">
        <h1>This tag cannot be read</h1>
        <p class="notice error">{scan.error}</p>
        <a class="button secondary" href="/shop">
          Browse the shop
        </a>
      </main>
    );
  }
  if (!scan.value) return <main class="page narrow">Loading…</main>;
  return <ScanDetail scan={scan.value} />;
}

function ScanDetail({ scan }: { scan: ScanView }) {
  const skus = useMemo(() => [scan.variant.sku], [scan.variant.sku]);
  const live = useLiveAvailability(skus, null);
  const price = useLivePrice(scan.variant.sku, scan.variant.price);
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const view: AvailabilityView | undefined = live?.[0];
  const here =
    view?.locations.find((l) => l.locationId === scan.location.id)?.available ?? scan.availableHere;
  const online = view?.online ?? scan.online;
  const nearby: AvailabilityRow[] = scan.nearby.map((n) => ({
    locationId: n.locationId,
    name: n.name,
    pickup: n.pickup,
    distanceKm: n.distanceKm ?? undefined,
    available: view?.locations.find((l) => l.locationId === n.locationId)?.available ?? n.available,
  }));
  const canReserveHere = scan.location.pickupEnabled && here > 0;
  const attributes = Object.entries(scan.variant.attributes);

  return (
    <main class="page narrow scan-page">
      <p class="eyebrow">{scan.location.name}</p>
      <h1 data-testid="product-title">{scan.product.title}</h1>
      {scan.variant.title !== scan.product.title && <p class="variant-title">{scan.variant.title}</p>}
      {attributes.length > 0 && (
        <p class="muted">{attributes.map(([name, value]) => `${name}: ${value}`).join(' · ')}</p>
      )}
      <p class="price" data-testid="price" aria-live="polite">
        {formatMoney(price)}
      </p>
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
          <span>left here at {scan.location.name}</span>
        </div>
        {canReserveHere && !delivery && (
          <button
            data-testid="reserve-here"
            class="big"
            onClick={() =>
              setDelivery({ type: 'pickup', locationId: scan.location.id, storeName: scan.location.name })
            }
          >
            Reserve here — pay at pickup
          </button>
        )}
        {here === 0 && <p class="muted">Out of stock in this store.</p>}
      </section>
      {delivery && (
        <section class="card">
          <h2>{delivery.type === 'pickup' ? `Reserve at ${delivery.storeName}` : 'Ship to me'}</h2>
          <CheckoutForm
            lines={[{ sku: scan.variant.sku, qty: 1 }]}
            delivery={delivery}
            submitLabel={delivery.type === 'pickup' ? 'Reserve for pickup' : 'Order and pay'}
          />
          <button class="link-button" onClick={() => setDelivery(null)}>
            Back
          </button>
        </section>
      )}
      {!delivery && here === 0 && online > 0 && (
        <section class="card">
          <h2>Ship to me</h2>
          <p>{online} available online — delivered to your door.</p>
          <button class="big" onClick={() => setDelivery({ type: 'ship' })}>
            Ship to me
          </button>
        </section>
      )}
      {!delivery && (
        <section>
          <h2>Nearby</h2>
          <AvailabilityList
            rows={nearby}
            actionLabel="Reserve there"
            onChoose={(row) =>
              setDelivery({ type: 'pickup', locationId: row.locationId, storeName: row.name })
            }
          />
        </section>
      )}
      {scan.product.description && <p class="description">{scan.product.description}</p>}
      <p>
        <a href={`/shop/products/${scan.product.id}?sku=${encodeURIComponent(scan.variant.sku)}`}>
          More about this product in the online shop
        </a>
      </p>
    </main>
  );
}
