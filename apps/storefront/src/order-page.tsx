import { useEffect } from 'preact/hooks';
import type { LocationView, OrderView } from '@o2o/contracts';
import { api } from '../../shared/api';
import { useAction, useLoad } from '../../shared/hooks';
import { dateTime, money, problemText, t, useTitle, whenInWords } from './i18n';
import { PickupStoreCard, ShipAddressCard } from './order-confirmation';
import { loadSession } from './session';
import { DeliveryEstimateLine, ShippingRows } from './shipping-summary';
import { orderToken } from './store';

/** Statuses after which nothing changes any more: stop asking. */
const FINAL = ['collected', 'shipped', 'completed', 'cancelled', 'expired'];
const POLL_MS = 3000;

/**
 * /shop/orders/:id?token= — a customer's order: status (kept fresh while it can still change),
 * the pickup code as text and QR, and cancellation before pickup.
 */
export function OrderPage({ id, token }: { id: string; token: string | null }) {
  const accessToken = token ?? orderToken(id);
  const order = useLoad(
    () => api<OrderView>(`/orders/${id}`, { orderToken: accessToken, token: loadSession()?.accessToken }),
    [id, accessToken],
  );
  const locations = useLoad(() => api<{ items: LocationView[] }>('/locations?limit=500'), []);
  const { busy, error: cancelError, run } = useAction();
  const m = t();
  useTitle(order.value ? m.orderNumber(order.value.number) : m.loadingOrder);

  const status = order.value?.status;
  useEffect(() => {
    if (!status || FINAL.includes(status)) return;
    const refresh = () => document.visibilityState === 'visible' && void order.reload();
    const timer = window.setInterval(refresh, POLL_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [status, order.reload]);

  if (!order.value) {
    return (
      <main class="page narrow">
        {order.failure ? <p class="notice error">{problemText(order.failure)}</p> : <p>{m.loadingOrder}</p>}
      </main>
    );
  }
  const current = order.value;
  const store = locations.value?.items.find((l) => l.id === current.fulfillment.locationId);
  const storeName = store?.name ?? m.theStore;
  const isPickup = current.fulfillment.type === 'pickup';
  const canCancel = current.status === 'placed' || current.status === 'ready';

  const cancel = async () => {
    if (!confirm(m.confirmCancel)) return;
    const cancelled = await run(
      (idempotencyKey) =>
        api<OrderView>(`/orders/${id}/cancel`, {
          body: {},
          orderToken: accessToken,
          token: loadSession()?.accessToken,
          idempotencyKey,
        }),
      problemText,
    );
    if (cancelled) order.setValue(cancelled);
  };

  return (
    <main class="page narrow order-page">
      <p class="status-line">
        <span class="eyebrow">{m.orderNumber(current.number)}</span>
        {/* The contract's status word, for machines and as a tag; the headline says it in words. */}
        <span class={`pill status-${current.status}`} data-testid="order-status">
          {current.status}
        </span>
      </p>
      <h1>{m.headlines[current.status] ?? current.status}</h1>
      <p aria-live="polite">
        {!isPickup && current.status === 'placed'
          ? m.shipPlaced
          : m.explanations[current.status]?.(storeName)}
      </p>
      {isPickup && current.readyBy && current.status === 'placed' && (
        <p data-testid="ready-by">
          {m.readyBy} <strong>{whenInWords(current.readyBy, store?.timezone)}</strong>
        </p>
      )}
      {isPickup && current.pickupCode && (current.status === 'placed' || current.status === 'ready') && (
        <section class="card pickup">
          <h2>{m.yourPickupCode}</h2>
          <p class="pickup-code" data-testid="pickup-code">
            {current.pickupCode}
          </p>
          <PickupQr orderId={current.id} orderToken={accessToken} alt={m.pickupQrAlt(current.pickupCode)} />
          {store && (
            <p class="muted">
              {store.name}, {store.address.line1}, {store.address.city}
              {current.expiresAt && current.status === 'ready' && (
                <> · {m.collectBefore(whenInWords(current.expiresAt, store.timezone))}</>
              )}
            </p>
          )}
        </section>
      )}
      {isPickup && store && <PickupStoreCard store={store} />}
      {current.fulfillment.type === 'ship' && <ShipAddressCard address={current.fulfillment.address} />}
      {current.deliveryEstimate && (current.status === 'placed' || current.status === 'shipped') && (
        <DeliveryEstimateLine estimate={current.deliveryEstimate} />
      )}
      <section class="card">
        <h2>{m.items}</h2>
        <ul class="order-lines">
          {current.lines.map((line) => (
            <li key={line.sku} class={line.status !== 'ok' ? 'line-short' : ''}>
              <span>
                {line.qty} × {line.title}
                {line.status !== 'ok' && (
                  <span class={`pill status-${line.status}`}>{m.lineStatus[line.status] ?? line.status}</span>
                )}
              </span>
              <span>{money({ ...line.unitPrice, amount: line.unitPrice.amount * line.qty })}</span>
            </li>
          ))}
          {current.fulfillment.type === 'ship' && (
            <ShippingRows subtotal={current.subtotal} shippingFee={current.shippingFee} />
          )}
          <li class="total">
            <span>{m.total}</span>
            <strong data-testid="order-total">{money(current.total)}</strong>
          </li>
        </ul>
        <p class="muted">
          {isPickup ? m.pickupAt(storeName) : m.shipping} ·{' '}
          {current.payment.method === 'at_pickup' ? m.paymentAtPickup : m.paymentOnline} (
          {m.paymentStatus[current.payment.status] ?? current.payment.status})
        </p>
      </section>
      {current.messages && current.messages.length > 0 && (
        <section class="card">
          <h2>{m.messagesToYou}</h2>
          <ul class="order-lines">
            {current.messages.map((message) => (
              <li
                key={message.id}
                data-testid="message-status"
                data-kind={message.kind}
                data-status={message.status}
              >
                <span>{m.messageKinds[message.kind] ?? message.kind}</span>
                <span class="muted">
                  {message.channel === 'sms' ? 'SMS' : m.email}{' '}
                  {m.messageSent[message.status] ?? message.status} · {dateTime(message.at, store?.timezone)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {cancelError && <p class="notice error">{cancelError}</p>}
      {canCancel && (
        <button class="danger" disabled={busy} onClick={() => void cancel()}>
          {m.cancelOrder}
        </button>
      )}
      <p>
        <a class="tap-link" href="/shop">
          {m.continueShopping}
        </a>
      </p>
    </main>
  );
}

/**
 * The pickup code as a QR image. With the order's token (a guest, or this device placed it) the image
 * loads by its URL; opened from the account's history there is none, and an <img> cannot send the
 * account's bearer, so the image is fetched with it and shown from memory.
 */
function PickupQr(props: { orderId: string; orderToken: string | null; alt: string }) {
  const path = `/orders/${props.orderId}/pickup-qr.svg`;
  const accessToken = loadSession()?.accessToken;
  const fetched = useLoad(
    () =>
      props.orderToken || !accessToken
        ? Promise.resolve(null)
        : api<string>(path, { token: accessToken, headers: { Accept: 'image/svg+xml' } }),
    [path, props.orderToken, accessToken],
  );
  const src = props.orderToken
    ? `/api${path}?token=${encodeURIComponent(props.orderToken)}`
    : fetched.value && `data:image/svg+xml;charset=utf-8,${encodeURIComponent(fetched.value)}`;
  if (!src) return null;
  return <img data-testid="pickup-qr" class="pickup-qr" src={src} alt={props.alt} width={220} height={220} />;
}
