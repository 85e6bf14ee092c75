import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  FLASH_UNITS_LEFT_EVENT,
  QUEUE_ADMITTED_EVENT,
  QUEUE_POSITION_EVENT,
  type FlashSaleView,
  type FlashUnitsLeft,
  type LocationView,
  type ProductView,
  type QueueAdmitted,
  type QueuePosition,
  type QueueTicketView,
  type VariantView,
} from '@o2o/contracts';
import { api } from '../../shared/api';
import { useAction, useLoad } from '../../shared/hooks';
import { CheckoutForm, type Delivery } from './checkout-form';
import { describedBy, EMAIL, FieldError } from './fields';
import { money, problemText, t, timeOf, useTitle, whenInWords } from './i18n';
import { shopSocket } from './live-availability';
import { ProductPicture } from './product-picture';
import { onLinkClick } from './router';
import { loadCustomer } from './store';
import { variantName } from './variant-name';
import './flash-sale.css';

/** A sale line with what the page shows of it: the product (picture, title) and its normal price. */
interface SaleItem {
  sku: string;
  price: number;
  perCustomerLimit: number;
  product: ProductView;
  variant: VariantView;
}

type Stage = 'scheduled' | 'live' | 'sold-out' | 'ended';

/**
 * A flash sale as a shopper lives it: the countdown to the start, units left kept live, a place in the
 * waiting room (pushed on /shop), and when it is their turn the checkout at the sale price with the
 * admission. The stage follows this device's clock between the server's answers.
 */
export function FlashSalePage({ id }: { id: string }) {
  const sale = useLoad(() => api<FlashSaleView>(`/flash-sales/${encodeURIComponent(id)}`), [id]);
  const items = useLoad(() => (sale.value ? itemsOf(sale.value) : Promise.resolve(null)), [sale.value?.id]);
  const location = useLoad(
    () => (sale.value ? api<LocationView>(`/locations/${sale.value.locationId}`) : Promise.resolve(null)),
    [sale.value?.locationId],
  );
  const unitsLeft = useUnitsLeft(sale.value, sale.reload);
  const now = useNow();
  const queue = useQueue(id);
  const m = t();
  const f = m.flash;
  useTitle(sale.value?.title ?? m.loading);

  if (sale.failure)
    return (
      <main class="page narrow">
        <p class="notice error" role="alert">
          {problemText(sale.failure)}
        </p>
        <a href="/shop" onClick={onLinkClick}>
          {m.goToShop}
        </a>
      </main>
    );
  if (!sale.value) return <main class="page narrow">{m.loading}</main>;
  const view = sale.value;
  const totalLeft = view.lines.reduce((sum, line) => sum + (unitsLeft.get(line.sku) ?? line.unitsLeft), 0);
  const stage = stageOf(view, now, totalLeft);
  const currency = items.value?.[0]?.variant.price.currency ?? 'EUR';
  return (
    <main class="page narrow flash-page">
      <a href="/shop" onClick={onLinkClick}>
        {m.backToProducts}
      </a>
      <p class="eyebrow">{f.eyebrow(location.value?.name ?? null)}</p>
      <h1>{view.title}</h1>
      <Countdown sale={view} stage={stage} now={now} timeZone={location.value?.timezone} />
      <p class="flash-left" aria-live="polite">
        <strong data-testid="flash-units-left">{totalLeft}</strong> {f.unitsLeft(totalLeft)}
      </p>
      {items.error && <p class="notice error">{items.error}</p>}
      <ul class="flash-items">
        {items.value?.map((item) => (
          <li key={item.sku} class="flash-item">
            <ProductPicture product={item.product} sizes="(max-width: 560px) 40vw, 200px" eager />
            <div>
              <strong>{itemTitle(item)}</strong>
              <p class="flash-prices">
                <span class="flash-price" data-testid="price" data-sku={item.sku}>
                  {money({ amount: item.price, currency: item.variant.price.currency })}
                </span>{' '}
                <s class="muted" aria-label={f.normally(money(item.variant.price))}>
                  {money(item.variant.price)}
                </s>
              </p>
              <p class="muted">
                {f.itemLeft(
                  unitsLeft.get(item.sku) ?? view.lines.find((l) => l.sku === item.sku)!.unitsLeft,
                  item.perCustomerLimit,
                )}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <StageNotice stage={stage} />
      {stage !== 'ended' && stage !== 'sold-out' && (
        <WaitingRoom
          queue={queue}
          timeZone={location.value?.timezone}
          live={stage === 'live'}
          now={now}
          checkout={
            queue.admitted &&
            items.value && (
              <SaleCheckout
                items={items.value}
                unitsLeft={unitsLeft}
                sale={view}
                location={location.value}
                admission={queue.admitted}
                email={queue.email}
                currency={currency}
                onPlaced={queue.markBought}
              />
            )
          }
        />
      )}
    </main>
  );
}

/** On the shop's home page: a link to each sale that is scheduled or live. */
export function FlashSaleBanner() {
  const sales = useLoad(() => api<FlashSaleView[]>('/flash-sales'), []);
  const now = useNow();
  const f = t().flash;
  const open = (sales.value ?? []).filter((sale) => new Date(sale.endsAt).getTime() > now);
  if (!open.length) return null;
  return (
    <ul class="page flash-banners">
      {open.map((sale) => (
        <li key={sale.id}>
          <a class="flash-banner" href={`/shop/flash/${sale.id}`} onClick={onLinkClick}>
            <strong>{sale.title}</strong>
            <span>
              {new Date(sale.startsAt).getTime() > now
                ? f.bannerStartsIn(untilText(new Date(sale.startsAt).getTime() - now))
                : f.bannerOnNow}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Times read in the sale's place (its store's zone), like every other time in the shop. */
function Countdown(props: { sale: FlashSaleView; stage: Stage; now: number; timeZone: string | undefined }) {
  const { sale, stage, now } = props;
  const startsAt = new Date(sale.startsAt).getTime();
  const endsAt = new Date(sale.endsAt).getTime();
  const f = t().flash;
  if (stage === 'scheduled') {
    return (
      <p class="flash-countdown">
        {f.startsIn} <strong data-testid="flash-countdown">{untilText(startsAt - now)}</strong>
        <span class="muted"> ({whenInWords(sale.startsAt, props.timeZone)})</span>
      </p>
    );
  }
  if (stage === 'ended') return null;
  return (
    <p class="flash-countdown">
      {f.onNowEndsIn} <strong data-testid="flash-countdown">{untilText(endsAt - now)}</strong>
    </p>
  );
}

function StageNotice({ stage }: { stage: Stage }) {
  const f = t().flash;
  if (stage === 'sold-out')
    return (
      <p class="notice warn" role="status" data-testid="flash-state" data-state="sold-out">
        {f.soldOut}
      </p>
    );
  if (stage === 'ended')
    return (
      <p class="notice info" role="status" data-testid="flash-state" data-state="ended">
        {f.ended}
      </p>
    );
  if (stage === 'scheduled')
    return (
      <p class="notice info" role="status" data-testid="flash-state" data-state="not-started">
        {f.notStarted}
      </p>
    );
  return null;
}

interface QueueState {
  email: string;
  ticket: string | null;
  position: QueuePosition | null;
  admitted: QueueAdmitted | null;
  /** The server says this ticket's turn passed unused (joining again queues it at the back). */
  turnPassed: boolean;
  /** An order was placed with the admission (which is then spent), on this device or another. */
  bought: boolean;
  markBought: () => void;
  join: (email: string) => Promise<void>;
  busy: boolean;
  error: string | null;
}

function WaitingRoom(props: {
  queue: QueueState;
  live: boolean;
  now: number;
  timeZone: string | undefined;
  checkout: ComponentChildren;
}) {
  const { queue } = props;
  const [email, setEmail] = useState(queue.email || loadCustomer().email);
  const [emailProblem, setEmailProblem] = useState<string | undefined>(undefined);
  const f = t().flash;
  if (queue.bought) {
    return (
      <p class="notice info" role="status" data-testid="flash-state" data-state="bought">
        {f.bought(queue.email)}
      </p>
    );
  }
  if (queue.turnPassed || (queue.admitted && new Date(queue.admitted.until).getTime() <= props.now)) {
    return (
      <section class="flash-turn">
        <p class="notice warn" role="status" data-testid="flash-state" data-state="turn-passed">
          {f.turnPassed} {f.queueAgainBehind}
        </p>
        {queue.error && (
          <p class="notice error" role="alert">
            {queue.error}
          </p>
        )}
        <button
          class="big"
          type="button"
          disabled={queue.busy}
          data-testid="queue-rejoin"
          onClick={() => void queue.join(queue.email)}
        >
          {queue.busy ? f.joining : f.queueAgain}
        </button>
      </section>
    );
  }
  if (queue.admitted) {
    return (
      <section class="flash-turn">
        <h2>{f.yourTurn}</h2>
        <p role="status">{f.checkOutBy(timeOf(queue.admitted.until, props.timeZone))}</p>
        {props.checkout}
      </section>
    );
  }
  if (queue.ticket) {
    const position = queue.position;
    return (
      <section class="flash-queue" data-testid="queue-position" data-position={position?.position ?? ''}>
        <h2>{f.inQueue}</h2>
        {position ? (
          <p class="flash-position" aria-live="polite">
            {f.position} <strong class="big-number">{position.position}</strong>
            <span>
              {position.aheadOfYou === 0 ? f.nobodyAhead : f.aheadOfYou(position.aheadOfYou)}
              {props.live && f.aboutToWait(waitText(position.estimatedWaitS))}
            </span>
          </p>
        ) : (
          <p>{f.findingPlace}</p>
        )}
        <p class="muted">
          {f.keepOpen(queue.email)}
          {!props.live && f.nobodyBeforeStart}
        </p>
      </section>
    );
  }
  return (
    <form
      class="flash-join"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const problem = EMAIL.test(email.trim()) ? undefined : t().fieldErrors.email;
        setEmailProblem(problem);
        if (!problem) void queue.join(email.trim());
      }}
    >
      <label>
        {f.yourEmail}
        <input
          data-testid="customer-email"
          type="email"
          autoComplete="email"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          {...describedBy('email', emailProblem)}
        />
        <FieldError field="email" problem={emailProblem} />
      </label>
      {queue.error && (
        <p class="notice error" role="alert">
          {queue.error}
        </p>
      )}
      <button class="big" type="submit" disabled={queue.busy} data-testid="queue-join">
        {queue.busy ? f.joining : f.join}
      </button>
    </form>
  );
}

function SaleCheckout(props: {
  items: SaleItem[];
  unitsLeft: Map<string, number>;
  sale: FlashSaleView;
  location: LocationView | null;
  admission: QueueAdmitted;
  email: string;
  currency: string;
  onPlaced: () => void;
}) {
  const available = props.items.filter((item) => (props.unitsLeft.get(item.sku) ?? 1) > 0);
  const [sku, setSku] = useState(available[0]?.sku ?? '');
  const item = props.items.find((i) => i.sku === sku);
  const m = t();
  if (!props.location) return <p>{m.loading}</p>;
  const delivery: Delivery =
    props.location.type === 'store' && props.location.pickupEnabled
      ? { type: 'pickup', locationId: props.location.id, storeName: props.location.name }
      : { type: 'ship' };
  return (
    <div class="flash-checkout">
      {props.items.length > 1 && (
        <fieldset class="delivery">
          <legend>{m.flash.whichOne}</legend>
          {props.items.map((one) => (
            <label key={one.sku} class="choice">
              <input
                type="radio"
                name="flash-sku"
                checked={one.sku === sku}
                onChange={() => setSku(one.sku)}
              />
              {itemTitle(one)} — {money({ amount: one.price, currency: props.currency })}
            </label>
          ))}
        </fieldset>
      )}
      {item && (
        <p>
          {itemTitle(item)}:{' '}
          <strong data-testid="sale-total">{money({ amount: item.price, currency: props.currency })}</strong>
          {delivery.type === 'pickup' && m.flash.pickUpAt(delivery.storeName)}
        </p>
      )}
      <CheckoutForm
        lines={[{ sku, qty: 1, title: item ? itemTitle(item) : sku }]}
        delivery={delivery}
        submitLabel={m.flash.buy}
        flash={{ admission: props.admission.admission, email: props.email }}
        onPlaced={props.onPlaced}
      />
    </div>
  );
}

/** The ticket for this sale on this device (kept across reloads) and its place, pushed on /shop. */
function useQueue(saleId: string): QueueState {
  const key = `o2o.shop.flash.${saleId}`;
  const [held, setHeld] = useState<HeldTicket | null>(() => {
    try {
      return JSON.parse(sessionStorage.getItem(key) ?? 'null') as HeldTicket | null;
    } catch {
      return null;
    }
  });
  const hold = (next: HeldTicket) => {
    sessionStorage.setItem(key, JSON.stringify(next));
    setHeld(next);
  };
  const [position, setPosition] = useState<QueuePosition | null>(null);
  const [admitted, setAdmitted] = useState<QueueAdmitted | null>(null);
  const [turnPassed, setTurnPassed] = useState(false);
  /** Joining again keeps the ticket but changes its place: the socket follows it afresh. */
  const [joins, setJoins] = useState(0);
  const { busy, error, setError, run } = useAction();
  const ticket = held?.ticket ?? null;

  useEffect(() => {
    if (!ticket) return;
    const s = shopSocket();
    const follow = () =>
      s.emit('queue', { ticket }, (answer) => {
        if (!answer.ok) return setError(answer.error.message);
        const { standing } = answer;
        if (standing.state === 'admitted') setAdmitted(standing);
        else if (standing.state === 'waiting') setPosition(standing);
        else if (standing.state === 'expired') setTurnPassed(true);
        else if (held) hold({ ...held, bought: true });
      });
    s.on(QUEUE_POSITION_EVENT, setPosition);
    s.on(QUEUE_ADMITTED_EVENT, setAdmitted);
    s.on('connect', follow);
    if (s.connected) follow();
    return () => {
      s.off(QUEUE_POSITION_EVENT, setPosition);
      s.off(QUEUE_ADMITTED_EVENT, setAdmitted);
      s.off('connect', follow);
    };
  }, [ticket, joins]);

  const join = async (email: string) => {
    const answer = await run(() =>
      api<QueueTicketView>(`/flash-sales/${encodeURIComponent(saleId)}/queue`, { body: { email } }),
    );
    if (!answer) return;
    hold({ ticket: answer.ticket, email, bought: false });
    setAdmitted(null);
    setTurnPassed(false);
    setPosition(null);
    setJoins((n) => n + 1);
  };
  const markBought = () => held && hold({ ...held, bought: true });
  return {
    email: held?.email ?? '',
    ticket,
    position,
    admitted,
    turnPassed,
    bought: !!held?.bought,
    markBought,
    join,
    busy,
    error,
  };
}

interface HeldTicket {
  ticket: string;
  email: string;
  bought: boolean;
}

/** Units left per SKU as `flash.units_left` moves them; the sale is read again on every reconnect. */
function useUnitsLeft(sale: FlashSaleView | null, reload: () => Promise<void>): Map<string, number> {
  const [left, setLeft] = useState(new Map<string, number>());
  useEffect(() => setLeft(new Map(sale?.lines.map((line) => [line.sku, line.unitsLeft]))), [sale]);
  useEffect(() => {
    if (!sale) return;
    const s = shopSocket();
    const onChange = (change: FlashUnitsLeft) => {
      if (change.saleId === sale.id) setLeft((current) => new Map(current).set(change.sku, change.unitsLeft));
    };
    const reread = () => void reload();
    s.on(FLASH_UNITS_LEFT_EVENT, onChange);
    s.io.on('reconnect', reread);
    return () => {
      s.off(FLASH_UNITS_LEFT_EVENT, onChange);
      s.io.off('reconnect', reread);
    };
  }, [sale?.id]);
  return left;
}

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function stageOf(sale: FlashSaleView, now: number, unitsLeft: number): Stage {
  if (now >= new Date(sale.endsAt).getTime() || sale.status === 'ended') return 'ended';
  if (now < new Date(sale.startsAt).getTime()) return 'scheduled';
  return unitsLeft > 0 ? 'live' : 'sold-out';
}

async function itemsOf(sale: FlashSaleView): Promise<SaleItem[]> {
  return Promise.all(
    sale.lines.map(async (line) => {
      const variant = await api<VariantView>(`/variants/${encodeURIComponent(line.sku)}`);
      const product = await api<ProductView>(`/products/${variant.productId}`);
      return { sku: line.sku, price: line.price, perCustomerLimit: line.perCustomerLimit, product, variant };
    }),
  );
}

function itemTitle(item: SaleItem): string {
  return variantName(item.product.title, item.variant.title);
}

/** "2 d 03:04:05", "03:04:05", "04:05". */
function untilText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const clock = [Math.floor((total % 3600) / 60), total % 60].map((n) => String(n).padStart(2, '0'));
  if (hours || days) clock.unshift(String(hours).padStart(2, '0'));
  return days ? `${days} d ${clock.join(':')}` : clock.join(':');
}

function waitText(seconds: number): string {
  return seconds < 60 ? `${Math.max(1, seconds)} s` : `${Math.ceil(seconds / 60)} min`;
}
