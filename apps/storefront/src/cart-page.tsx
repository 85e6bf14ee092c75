import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AvailabilityView, LocationView } from '@o2o/contracts';
import { api, query } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { CheckoutForm, type Delivery } from './checkout-form';
import { money, t, useTitle, whenInWords } from './i18n';
import { useLiveAvailability } from './live-availability';
import { QuantityStepper } from './option-picker';
import { onLinkClick } from './router';
import { ShippingQuote } from './shipping-summary';
import { useLocations } from './shop-pages';
import { loadCart, onCartChange, saveCart, type CartLine } from './store';

/** What the shopper chose: a store's id for pickup, 'ship', or nothing yet. */
type Choice = string;

/** A line just removed, kept so that Undo puts it back where it was. */
interface Removed {
  line: CartLine;
  index: number;
}

/**
 * The cart: quantities that never delete a line by accident (removing is its own button, with Undo),
 * live availability per line, and when the chosen store can no longer supply a line, the shopper is
 * told in words and offered the nearest store that has everything, or shipping, in one tap.
 */
export function CartPage() {
  const [cart, setCart] = useState<CartLine[]>(loadCart);
  useEffect(() => onCartChange(() => setCart(loadCart())), []);
  const [removed, setRemoved] = useState<Removed | null>(null);
  const [choice, setChoice] = useState<Choice>('');
  const locations = useLocations();
  const m = t();
  useTitle(m.cart);

  const stores = (locations.value ?? []).filter((l) => l.type === 'store' && l.pickupEnabled);
  const chosenStore = stores.find((store) => store.id === choice);
  // Stores come back nearest first: to the shopper when they shared where they are, else to the chosen store.
  const near =
    sessionStorage.getItem('o2o.shop.near') ?? (chosenStore ? `${chosenStore.lat},${chosenStore.lng}` : null);
  const skus = useMemo(() => cart.map((line) => line.sku), [cart.map((l) => l.sku).join()]);
  const initial = useLoad(
    () =>
      skus.length
        ? api<AvailabilityView[]>(`/availability${query({ sku: skus, near })}`)
        : Promise.resolve([]),
    [skus, near],
  );
  const stock = new CartStock(cart, useLiveAvailability(skus, initial.value), stores);

  const remove = (index: number) => {
    setRemoved({ line: cart[index], index });
    saveCart(cart.filter((_, i) => i !== index));
  };
  const undo = () => {
    if (!removed) return;
    const current = loadCart().filter((line) => line.sku !== removed.line.sku);
    saveCart([...current.slice(0, removed.index), removed.line, ...current.slice(removed.index)]);
    setRemoved(null);
  };
  const undoNotice = removed && (
    <p class="notice info undo" role="status" data-testid="undo-remove">
      <span>{m.removedLine(removed.line.title)}</span>
      <button type="button" class="secondary" onClick={undo}>
        {m.undo}
      </button>
    </p>
  );

  if (!cart.length) {
    return (
      <main class="page narrow">
        {undoNotice}
        <h1>{m.cartEmpty}</h1>
        <a class="button" href="/shop" onClick={onLinkClick}>
          {m.browseProducts}
        </a>
      </main>
    );
  }

  const short = stock.shortLines(choice);
  const delivery: Delivery | null = !choice
    ? null
    : choice === 'ship'
      ? { type: 'ship' }
      : { type: 'pickup', locationId: choice, storeName: chosenStore?.name ?? '' };
  const total = cart.reduce((sum, line) => sum + line.price.amount * line.qty, 0);
  const setQty = (sku: string, qty: number) => saveCart(cart.map((l) => (l.sku === sku ? { ...l, qty } : l)));
  // The chosen store stays listed when it runs short, so the choice never vanishes under the shopper.
  const pickupStores = stock
    .storesWithEverything()
    .concat(chosenStore && !stock.storeHasEverything(chosenStore.id) ? [chosenStore] : []);

  return (
    <main class="page narrow cart">
      <h1>{m.cart}</h1>
      {undoNotice}
      <ul class="order-lines cart-lines">
        {cart.map((line, index) => (
          <li key={line.sku} data-testid="cart-line" data-sku={line.sku}>
            <div class="spread">
              <span>{line.title}</span>
              <span class="line-total">{money({ ...line.price, amount: line.price.amount * line.qty })}</span>
            </div>
            <div class="row cart-line-actions">
              <QuantityStepper
                value={line.qty}
                label={m.quantityOf(line.title)}
                onChange={(qty) => setQty(line.sku, qty)}
              />
              <button type="button" class="secondary" data-testid="remove-line" onClick={() => remove(index)}>
                {m.remove}
                <span class="visually-hidden"> {line.title}</span>
              </button>
            </div>
            <p class="muted line-stock" data-testid="line-availability">
              {stock.lineText(line, choice, chosenStore)}
            </p>
          </li>
        ))}
        <li class="total">
          {/* Shipping adds its fee: the lines then come to the subtotal, and the quote below has the total. */}
          <span>{choice === 'ship' ? m.subtotal : m.total}</span>
          <strong>{money({ amount: total, currency: cart[0].price.currency })}</strong>
        </li>
      </ul>
      <fieldset class="delivery">
        <legend>{m.howDoYouWantIt}</legend>
        {pickupStores.map((store) => (
          <label key={store.id} class="choice">
            <input
              type="radio"
              name="delivery"
              checked={choice === store.id}
              onChange={() => setChoice(store.id)}
            />
            <span>
              {m.pickUpTodayAt(store.name)}
              {stock.readyBy(store.id) && (
                <span class="muted choice-detail" data-testid="ready-by">
                  {m.readyBy} {whenInWords(stock.readyBy(store.id), store.timezone)}
                </span>
              )}
            </span>
          </label>
        ))}
        {pickupStores.length === 0 && <p class="muted">{m.noSingleStore}</p>}
        <label class={`choice${stock.canShip() ? '' : ' disabled'}`}>
          <input
            type="radio"
            name="delivery"
            disabled={!stock.canShip() && choice !== 'ship'}
            checked={choice === 'ship'}
            onChange={() => setChoice('ship')}
          />
          {m.shipToMyAddress}
          {stock.canShip() ? '' : m.notEnoughOnline}
        </label>
      </fieldset>
      {short.length > 0 && (
        <ShortNotice
          short={short}
          where={chosenStore?.name ?? null}
          alternative={stock.nearestStoreWithEverything(choice)}
          canShip={choice !== 'ship' && stock.canShip()}
          onChoose={setChoice}
        />
      )}
      {choice === 'ship' && short.length === 0 && <ShippingQuote lines={cart} />}
      {delivery && (
        <CheckoutForm
          lines={cart}
          delivery={delivery}
          submitLabel={delivery.type === 'pickup' ? m.reserveForPickup : m.orderAndPay}
          blocked={short.length > 0}
          onPlaced={() => saveCart([])}
        />
      )}
    </main>
  );
}

/** The chosen way cannot supply some lines: which, in words, and the one-tap ways out. */
function ShortNotice(props: {
  short: Array<{ line: CartLine; available: number }>;
  where: string | null;
  alternative: LocationView | undefined;
  canShip: boolean;
  onChoose: (choice: Choice) => void;
}) {
  const m = t();
  return (
    <section class="card notice warn" role="alert" data-testid="cart-problem">
      {props.short.map(({ line, available }) => (
        <p key={line.sku}>
          {props.where
            ? m.shortAtStore(line.title, available, props.where)
            : m.shortOnline(line.title, available)}
        </p>
      ))}
      {props.alternative && (
        <button
          type="button"
          data-testid="switch-store"
          onClick={() => props.onChoose(props.alternative!.id)}
        >
          {m.pickUpAtInstead(props.alternative.name)}
        </button>
      )}
      {props.canShip && (
        <button
          type="button"
          class="secondary"
          data-testid="switch-ship"
          onClick={() => props.onChoose('ship')}
        >
          {m.shipInstead}
        </button>
      )}
      {!props.alternative && !props.canShip && <p>{m.lowerTheQuantity}</p>}
    </section>
  );
}

/** The cart's lines against live availability: who can supply what. */
class CartStock {
  constructor(
    private readonly cart: CartLine[],
    private readonly views: AvailabilityView[] | null,
    private readonly stores: LocationView[],
  ) {}

  private view(sku: string) {
    return this.views?.find((v) => v.sku === sku);
  }

  availableAt(sku: string, locationId: string): number {
    return this.view(sku)?.locations.find((l) => l.locationId === locationId)?.available ?? 0;
  }

  online(sku: string): number {
    return this.view(sku)?.online ?? 0;
  }

  storeHasEverything(storeId: string): boolean {
    return this.cart.every((line) => this.availableAt(line.sku, storeId) >= line.qty);
  }

  canShip(): boolean {
    return this.cart.every((line) => this.online(line.sku) >= line.qty);
  }

  /** Stores that can supply the whole cart, nearest first (the order the server answered in). */
  storesWithEverything(): LocationView[] {
    const order = this.views?.[0]?.locations.map((l) => l.locationId) ?? [];
    const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
    return this.stores
      .filter((store) => this.storeHasEverything(store.id))
      .sort((a, b) => rank(a.id) - rank(b.id));
  }

  nearestStoreWithEverything(except: string): LocationView | undefined {
    return this.storesWithEverything().find((store) => store.id !== except);
  }

  /** Lines the chosen way cannot supply in the wanted number (none before the figures are known). */
  shortLines(choice: Choice): Array<{ line: CartLine; available: number }> {
    if (!choice || !this.views) return [];
    return this.cart
      .map((line) => ({
        line,
        available: choice === 'ship' ? this.online(line.sku) : this.availableAt(line.sku, choice),
      }))
      .filter(({ line, available }) => available < line.qty);
  }

  /** The promise of a store for the whole cart: the latest of its lines' (they share the store's hours). */
  readyBy(storeId: string): string | undefined {
    return this.views
      ?.map((view) => view.locations.find((l) => l.locationId === storeId)?.readyBy ?? '')
      .sort()
      .at(-1);
  }

  /** How many the chosen way has of a line, or where it can be had before a choice. */
  lineText(line: CartLine, choice: Choice, store: LocationView | undefined): string {
    const m = t();
    if (!this.views) return '';
    if (choice === 'ship') return m.lineOnline(this.online(line.sku));
    if (store) return m.lineAtStore(this.availableAt(line.sku, store.id), store.name);
    const storesWithIt = this.stores.filter((s) => this.availableAt(line.sku, s.id) >= line.qty).length;
    return m.lineSummary(storesWithIt, this.online(line.sku));
  }
}
