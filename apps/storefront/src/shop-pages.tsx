import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AvailabilityView, LocationView, Page, ProductView } from '@o2o/contracts';
import { api, query } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { AvailabilityList, type AvailabilityRow } from './availability-list';
import { money, problemText, t, useTitle } from './i18n';
import { useLiveAvailability } from './live-availability';
import { initialChoice, OptionPicker, QuantityStepper, variantFor, type Choice } from './option-picker';
import { ProductPicture } from './product-picture';
import { navigate, onLinkClick } from './router';
import { addToCart } from './store';
import { variantName } from './variant-name';

export const useLocations = () =>
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
      () => setProblem(t().locationNotShared),
    );
  return { near, ask, problem };
}

export function HomePage({ q }: { q: string }) {
  const [text, setText] = useState(q);
  const products = useLoad(() => api<Page<ProductView>>(`/products${query({ q, limit: 48 })}`), [q]);
  const m = t();
  const heading = q ? m.resultsFor(q) : m.allProducts;
  useTitle(heading);
  return (
    <main class="page">
      <h1>{heading}</h1>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/shop${query({ q: text.trim() })}`);
        }}
      >
        <label class="grow">
          <span class="visually-hidden">{m.searchProducts}</span>
          <input
            type="search"
            placeholder={m.searchProducts}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{m.search}</button>
      </form>
      {products.failure && <p class="notice error">{problemText(products.failure)}</p>}
      {products.value && products.value.items.length === 0 && <p>{m.noProducts(q)}</p>}
      <ul class="product-grid">
        {products.value?.items.map((product) => (
          <li key={product.id}>
            <a class="product-tile" href={`/shop/products/${product.id}`} onClick={onLinkClick}>
              <ProductPicture product={product} sizes="(max-width: 560px) 50vw, 240px" />
              <strong>{product.title}</strong>
              {product.variants[0] && <span class="tile-price">{money(product.variants[0].price)}</span>}
              {product.variants.length > 1 && (
                <span class="muted">{m.optionsCount(product.variants.length)}</span>
              )}
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
  useTitle(product.value?.title);
  const m = t();

  if (product.failure)
    return (
      <main class="page narrow">
        <p class="notice error">{problemText(product.failure)}</p>
      </main>
    );
  if (!product.value || !variant) return <main class="page narrow">{m.loading}</main>;
  const availability = live ?? initial.value ?? undefined;
  const current = availability?.find((a) => a.sku === variant.sku);
  const rows = availabilityRows(current, locations.value ?? []);
  const best = rows.find((row) => row.pickup && row.available > 0);
  return (
    <main class="page narrow product-page">
      <a href="/shop" onClick={onLinkClick}>
        {m.backToProducts}
      </a>
      <div class="product-hero">
        <ProductPicture product={product.value} sizes="(max-width: 720px) 100vw, 640px" eager />
      </div>
      <h1 data-testid="product-title">{product.value.title}</h1>
      <p class="price" data-testid="price" data-sku={variant.sku}>
        {money(variant.price)}
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
      {hasOptions && !chosen && <p class="notice error">{m.combinationNotMade}</p>}
      {!hasOptions && product.value.variants.length > 1 && (
        <label>
          {m.option}
          <select value={variant.sku} onChange={(e) => setChosenSku(e.currentTarget.value)}>
            {product.value.variants.map((v) => (
              <option key={v.sku} value={v.sku}>
                {v.title} — {money(v.price)}
              </option>
            ))}
          </select>
        </label>
      )}
      {best && <p class="headline-stock">{m.pickUpTodayAtLeft(best.name, best.available)}</p>}
      <div class="row buy-row">
        <QuantityStepper value={qty} onChange={setQty} />
        <button
          class="big"
          disabled={hasOptions && !chosen}
          onClick={() => {
            addToCart(
              {
                sku: variant.sku,
                title: variantName(product.value!.title, variant.title),
                price: variant.price,
                productId: product.value!.id,
              },
              qty,
            );
            setAdded(true);
          }}
        >
          {m.addToCart}
        </button>
      </div>
      {added && (
        <p class="notice info" role="status">
          {m.added}{' '}
          <a href="/shop/cart" onClick={onLinkClick}>
            {m.goToCart}
          </a>
        </p>
      )}
      <section>
        <div class="spread">
          <h2>{m.availability}</h2>
          {!nearMe.near && navigator.geolocation && (
            <button class="secondary" onClick={nearMe.ask}>
              {m.nearestFirst}
            </button>
          )}
        </div>
        {nearMe.problem && <p class="muted">{nearMe.problem}</p>}
        <p class="muted">{m.onlineToShip(current?.online ?? 0)}</p>
        <AvailabilityList rows={rows} />
      </section>
      {product.value.description && <p class="description">{product.value.description}</p>}
    </main>
  );
}

/** Stores that take pickups, in the server's order (nearest first when a position was given). */
function availabilityRows(view: AvailabilityView | undefined, locations: LocationView[]): AvailabilityRow[] {
  if (!view) return [];
  const byId = new Map(locations.map((l) => [l.id, l]));
  return view.locations
    .filter((l) => byId.get(l.locationId)?.type === 'store')
    .map((l) => ({ ...l, name: byId.get(l.locationId)!.name, timezone: byId.get(l.locationId)!.timezone }));
}
