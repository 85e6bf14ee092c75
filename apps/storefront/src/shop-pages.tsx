import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AvailabilityView, LocationView, Page, ProductView } from '@o2o/contracts';
import { api, query } from '../../shared/api';
import { formatMoney, formatTime } from '../../shared/format';
import { useLoad } from '../../shared/hooks';
import { AvailabilityList, type AvailabilityRow } from './availability-list';
import { CheckoutForm, type Delivery } from './checkout-form';
import { useLiveAvailability } from './live-availability';
import { initialChoice, OptionPicker, QuantityStepper, variantFor, type Choice } from './option-picker';
import { ProductPicture } from './product-picture';
import { navigate, onLinkClick } from './router';
import { addToCart, loadCart, onCartChange, saveCart, type CartLine } from './store';

const useLocations = () =>
  useLoad(() => api<Page<LocationView>>('/locations?limit=500').then((p) => p.items), []);

/** The shopper's position, once they choose to share it: stores are then listed nearest first. */
function useNearMe() {
  const [near, setNear] = useState<string | null>(() => sessionStorage.getItem('o2o.shop.near'));
  const [problem, setProblem] = useState<string | null>(null);
  const ask = () =>
    navigator.geolocation?.getCurrentPosition(
      (position) => {
        const value = `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`;
        sessionStorage.setItem('o2o.shop.near', value);
        setNear(value);
      },
      () => setProblem('Location not shared: stores are listed by name.'),
    );
  return { near, ask, problem };
}

export function HomePage({ q }: { q: string }) {
  const [text, setText] = useState(q);
  const products = useLoad(() => api<Page<ProductView>>(`/products${query({ q, limit: 48 })}`), [q]);
  return (
    <main class="page">
      <h1>{q ? `Results for “${q}”` : 'All products'}</h1>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/shop${query({ q: text.trim() })}`);
        }}
      >
        <label class="grow">
          <span class="visually-hidden">Search products</span>
          <input
            type="search"
            placeholder="Search products"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Search</button>
      </form>
      {products.error && <p class="notice error">{products.error}</p>}
      {products.value && products.value.items.length === 0 && <p>No products found{q && ` for “${q}”`}.</p>}
      <ul class="product-grid">
        {products.value?.items.map((product) => (
          <li key={product.id}>
            <a class="product-tile" href={`/shop/products/${product.id}`} onClick={onLinkClick}>
              <ProductPicture product={product} sizes="(max-width: 560px) 50vw, 240px" />
              <strong>{product.title}</strong>
              {product.variants[0] && (
                <span class="tile-price">{formatMoney(product.variants[0].price)}</span>
              )}
              {product.variants.length > 1 && <span class="muted">{product.variants.length} options</span>}
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}

export function ProductPage({ id, sku }: { id: string; sku: string | null }) {
  const product = useLoad(() => api<ProductView>(`/products/${id}`), [id]);
  const locations = useLocations();
  const nearMe = useNearMe();
  const [chosenSku, setChosenSku] = useState<string | null>(sku);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [qty, setQty] = useState(1);
  const [added, setAdded] = useState(false);
  const hasOptions = !!product.value?.options.length;
  const chosen = hasOptions
    ? variantFor(product.value!, choice ?? initialChoice(product.value!, sku))
    : product.value?.variants.find((v) => v.sku === chosenSku);
  // A combination that does not exist keeps showing the last real variant's details, marked unavailable.
  const variant =
    chosen ?? product.value?.variants.find((v) => v.sku === chosenSku) ?? product.value?.variants[0];
  // Every variant of the product is watched: the option buttons mark the sold-out ones.
  const skus = useMemo(() => product.value?.variants.map((v) => v.sku) ?? [], [product.value]);
  const initial = useLoad(
    () =>
      skus.length
        ? api<AvailabilityView[]>(`/availability${query({ sku: skus, near: nearMe.near })}`)
        : Promise.resolve([]),
    [skus, nearMe.near],
  );
  const live = useLiveAvailability(skus, initial.value);
  useEffect(() => setAdded(false), [variant?.sku]);

  if (product.error)
    return (
      <main class="page narrow">
        <p class="notice error">{product.error}</p>
      </main>
    );
  if (!product.value || !variant) return <main class="page narrow">Loading…</main>;
  const availability = live ?? initial.value ?? undefined;
  const current = availability?.find((a) => a.sku === variant.sku);
  const rows = availabilityRows(current, locations.value ?? []);
  const best = rows.find((row) => row.pickup && row.available > 0);
  return (
    <main class="page narrow product-page">
      <a href="/shop" onClick={onLinkClick}>
        ← All products
      </a>
      <div class="product-hero">
        <ProductPicture product={product.value} sizes="(max-width: 720px) 100vw, 640px" eager />
      </div>
      <h1 data-testid="product-title">{product.value.title}</h1>
      <p class="price" data-testid="price" data-sku={variant.sku}>
        {formatMoney(variant.price)}
      </p>
      {hasOptions && (
        <OptionPicker
          product={product.value}
          choice={choice ?? initialChoice(product.value, sku)}
          availability={availability}
          onChoose={(next) => {
            setChoice(next);
            const found = variantFor(product.value!, next);
            if (found) setChosenSku(found.sku);
          }}
        />
      )}
      {hasOptions && !chosen && <p class="notice error">This combination is not made.</p>}
      {!hasOptions && product.value.variants.length > 1 && (
        <label>
          Option
          <select value={variant.sku} onChange={(e) => setChosenSku(e.currentTarget.value)}>
            {product.value.variants.map((v) => (
              <option key={v.sku} value={v.sku}>
                {v.title} — {formatMoney(v.price)}
              </option>
            ))}
          </select>
        </label>
      )}
      {best && (
        <p class="headline-stock">
          Pick up today at {best.name}: {best.available} left
        </p>
      )}
      <div class="row buy-row">
        <QuantityStepper value={qty} onChange={setQty} />
        <button
          class="big"
          disabled={hasOptions && !chosen}
          onClick={() => {
            addToCart(
              {
                sku: variant.sku,
                title: variantTitle(product.value!, variant.title),
                price: variant.price,
                productId: product.value!.id,
              },
              qty,
            );
            setAdded(true);
          }}
        >
          Add to cart
        </button>
      </div>
      {added && (
        <p class="notice info" role="status">
          Added.{' '}
          <a href="/shop/cart" onClick={onLinkClick}>
            Go to cart and check out
          </a>
        </p>
      )}
      <section>
        <div class="spread">
          <h2>Availability</h2>
          {!nearMe.near && navigator.geolocation && (
            <button class="secondary" onClick={nearMe.ask}>
              Nearest stores first
            </button>
          )}
        </div>
        {nearMe.problem && <p class="muted">{nearMe.problem}</p>}
        <p class="muted">Online: {current?.online ?? 0} available to ship.</p>
        <AvailabilityList rows={rows} />
      </section>
      {product.value.description && <p class="description">{product.value.description}</p>}
    </main>
  );
}

function variantTitle(product: ProductView, variant: string): string {
  return variant && variant !== product.title ? `${product.title} — ${variant}` : product.title;
}

/** Stores that take pickups, in the server's order (nearest first when a position was given). */
function availabilityRows(view: AvailabilityView | undefined, locations: LocationView[]): AvailabilityRow[] {
  if (!view) return [];
  const byId = new Map(locations.map((l) => [l.id, l]));
  return view.locations
    .filter((l) => byId.get(l.locationId)?.type === 'store')
    .map((l) => ({ ...l, name: byId.get(l.locationId)!.name, timezone: byId.get(l.locationId)!.timezone }));
}

export function CartPage() {
  const [cart, setCart] = useState<CartLine[]>(loadCart);
  useEffect(() => onCartChange(() => setCart(loadCart())), []);
  const locations = useLocations();
  const skus = useMemo(() => cart.map((line) => line.sku), [cart.map((l) => l.sku).join()]);
  const initial = useLoad(
    () =>
      skus.length ? api<AvailabilityView[]>(`/availability${query({ sku: skus })}`) : Promise.resolve([]),
    [skus],
  );
  const live = useLiveAvailability(skus, initial.value);
  const [choice, setChoice] = useState<string>('');

  if (!cart.length) {
    return (
      <main class="page narrow">
        <h1>Your cart is empty</h1>
        <a class="button" href="/shop" onClick={onLinkClick}>
          Browse products
        </a>
      </main>
    );
  }
  const stores = (locations.value ?? []).filter((l) => l.type === 'store' && l.pickupEnabled);
  // A store qualifies for pickup when it has every line of the cart.
  const pickupStores = stores.filter((store) =>
    cart.every((line) => {
      const view = live?.find((v) => v.sku === line.sku);
      return (view?.locations.find((l) => l.locationId === store.id)?.available ?? 0) >= line.qty;
    }),
  );
  // The promise of a store for the whole cart: the latest of its lines' (they share the store's hours).
  const readyByAt = (locationId: string) =>
    live
      ?.map((view) => view.locations.find((l) => l.locationId === locationId)?.readyBy ?? '')
      .sort()
      .at(-1);
  const canShip = cart.every((line) => (live?.find((v) => v.sku === line.sku)?.online ?? 0) >= line.qty);
  const delivery: Delivery | null =
    choice === 'ship'
      ? { type: 'ship' }
      : choice
        ? { type: 'pickup', locationId: choice, storeName: stores.find((s) => s.id === choice)?.name ?? '' }
        : null;
  const total = cart.reduce((sum, line) => sum + line.price.amount * line.qty, 0);
  const setQty = (sku: string, qty: number) => saveCart(cart.map((l) => (l.sku === sku ? { ...l, qty } : l)));

  return (
    <main class="page narrow cart">
      <h1>Cart</h1>
      <ul class="order-lines">
        {cart.map((line) => (
          <li key={line.sku}>
            <span>{line.title}</span>
            <span class="row">
              <input
                class="qty"
                type="number"
                min={0}
                aria-label={`Quantity of ${line.title}`}
                value={line.qty}
                onInput={(e) => setQty(line.sku, Math.max(0, Math.floor(Number(e.currentTarget.value) || 0)))}
              />
              <span class="line-total">
                {formatMoney({ ...line.price, amount: line.price.amount * line.qty })}
              </span>
            </span>
          </li>
        ))}
        <li class="total">
          <span>Total</span>
          <strong>{formatMoney({ amount: total, currency: cart[0].price.currency })}</strong>
        </li>
      </ul>
      <fieldset class="delivery">
        <legend>How do you want it?</legend>
        {pickupStores.map((store) => (
          <label key={store.id} class="choice">
            <input
              type="radio"
              name="delivery"
              checked={choice === store.id}
              onChange={() => setChoice(store.id)}
            />
            <span>
              Pick up today at {store.name}
              {readyByAt(store.id) && (
                <span class="muted choice-detail" data-testid="ready-by">
                  Ready by {formatTime(readyByAt(store.id), store.timezone)}
                </span>
              )}
            </span>
          </label>
        ))}
        {pickupStores.length === 0 && <p class="muted">No single store has everything for pickup today.</p>}
        <label class={`choice${canShip ? '' : ' disabled'}`}>
          <input
            type="radio"
            name="delivery"
            disabled={!canShip}
            checked={choice === 'ship'}
            onChange={() => setChoice('ship')}
          />
          Ship to my address{canShip ? '' : ' (not enough available online)'}
        </label>
      </fieldset>
      {delivery && (
        <CheckoutForm
          lines={cart.map((line) => ({ sku: line.sku, qty: line.qty }))}
          delivery={delivery}
          submitLabel={delivery.type === 'pickup' ? 'Reserve for pickup' : 'Order and pay'}
          onPlaced={() => saveCart([])}
        />
      )}
    </main>
  );
}
