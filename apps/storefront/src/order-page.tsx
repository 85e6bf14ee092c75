import { useEffect } from 'preact/hooks';
import type { LocationView, OrderView } from '@o2o/contracts';
import { api } from '../../shared/api';
import { formatMoney, formatTime, STATUS_LABELS } from '../../shared/format';
import { useAction, useLoad } from '../../shared/hooks';
import { orderToken } from './store';

/** Statuses after which nothing changes any more: stop asking. */
const FINAL = ['collected', 'shipped', 'completed', 'cancelled', 'expired'];
const POLL_MS = 3000;

const EXPLANATIONS: Record<string, (store: string) => string> = {
  placed: (store) => `We are getting your order ready at ${store}. We'll tell you when you can come.`,
  ready: (store) => `Ready! Show the code below at the counter of ${store}.`,
  collected: () => 'Collected. Enjoy!',
  shipped: () => 'On its way to you.',
  completed: () => 'Completed.',
  cancelled: () => 'This order was cancelled; nothing will be charged for it.',
  expired: () => 'The pickup time has passed and the items went back on the shelf.',
};

/** What the customer reads first, in their words (the status word itself is in the pill). */
const HEADLINES: Record<string, string> = {
  placed: 'Order received',
  ready: 'Ready for pickup',
  collected: 'Collected',
  shipped: 'On its way',
  completed: 'Completed',
  cancelled: 'Order cancelled',
  expired: 'Pickup time passed',
};

const MESSAGE_LABELS: Record<string, string> = {
  order_placed: 'Order received',
  ready_for_pickup: 'Ready for pickup',
  pickup_reminder: 'Pickup reminder',
  order_expired: 'Pickup time passed',
  order_cancelled: 'Order cancelled',
  order_shipped: 'On its way',
  line_cancelled: 'An item could not be found',
};

/**
 * /shop/orders/:id?token= — a customer's order: status (kept fresh while it can still change),
 * the pickup code as text and QR, and cancellation before pickup.
 */
export function OrderPage({ id, token }: { id: string; token: string | null }) {
  const accessToken = token ?? orderToken(id);
  const order = useLoad(
    () => api<OrderView>(`/orders/${id}`, { orderToken: accessToken }),
    [id, accessToken],
  );
  const locations = useLoad(() => api<{ items: LocationView[] }>('/locations?limit=500'), []);
  const { busy, error: cancelError, run } = useAction();

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
        {order.error ? <p class="notice error">{order.error}</p> : <p>Loading your order…</p>}
      </main>
    );
  }
  const current = order.value;
  const store = locations.value?.items.find((l) => l.id === current.fulfillment.locationId);
  const storeName = store?.name ?? 'the store';
  const isPickup = current.fulfillment.type === 'pickup';
  const canCancel = current.status === 'placed' || current.status === 'ready';

  const cancel = async () => {
    if (!confirm('Cancel this order?')) return;
    const cancelled = await run((idempotencyKey) =>
      api<OrderView>(`/orders/${id}/cancel`, { body: {}, orderToken: accessToken, idempotencyKey }),
    );
    if (cancelled) order.setValue(cancelled);
  };

  return (
    <main class="page narrow order-page">
      <p class="status-line">
        <span class="eyebrow">Order #{current.number}</span>
        <span class={`pill status-${current.status}`} data-testid="order-status">
          {current.status}
        </span>
      </p>
      <h1>{HEADLINES[current.status] ?? STATUS_LABELS[current.status] ?? current.status}</h1>
      <p aria-live="polite">{EXPLANATIONS[current.status]?.(storeName)}</p>
      {isPickup && current.readyBy && current.status === 'placed' && (
        <p data-testid="ready-by">
          Ready by <strong>{formatTime(current.readyBy, store?.timezone)}</strong>
        </p>
      )}
      {isPickup && current.pickupCode && (current.status === 'placed' || current.status === 'ready') && (
        <section class="card pickup">
          <h2>Your pickup code</h2>
          <p class="pickup-code" data-testid="pickup-code">
            {current.pickupCode}
          </p>
          <img
            data-testid="pickup-qr"
            class="pickup-qr"
            src={`/api/orders/${current.id}/pickup-qr.svg${accessToken ? `?token=${encodeURIComponent(accessToken)}` : ''}`}
            alt={`QR code of pickup code ${current.pickupCode}`}
            width={220}
            height={220}
          />
          {store && (
            <p class="muted">
              {store.name}, {store.address.line1}, {store.address.city}
              {current.expiresAt && current.status === 'ready' && (
                <> · collect before {formatTime(current.expiresAt, store.timezone)}</>
              )}
            </p>
          )}
        </section>
      )}
      <section class="card">
        <h2>Items</h2>
        <ul class="order-lines">
          {current.lines.map((line) => (
            <li key={line.sku} class={line.status !== 'ok' ? 'line-short' : ''}>
              <span>
                {line.qty} × {line.title}
                {line.status !== 'ok' && <span class={`pill status-${line.status}`}>{line.status}</span>}
              </span>
              <span>{formatMoney({ ...line.unitPrice, amount: line.unitPrice.amount * line.qty })}</span>
            </li>
          ))}
          <li class="total">
            <span>Total</span>
            <strong>{formatMoney(current.total)}</strong>
          </li>
        </ul>
        <p class="muted">
          {isPickup ? `Pickup at ${storeName}` : 'Shipping'} · payment{' '}
          {current.payment.method === 'at_pickup' ? 'at pickup' : 'online'} ({current.payment.status})
        </p>
      </section>
      {current.messages && current.messages.length > 0 && (
        <section class="card">
          <h2>Messages to you</h2>
          <ul class="order-lines">
            {current.messages.map((message) => (
              <li
                key={message.id}
                data-testid="message-status"
                data-kind={message.kind}
                data-status={message.status}
              >
                <span>{MESSAGE_LABELS[message.kind] ?? message.kind}</span>
                <span class="muted">
                  {message.channel === 'sms' ? 'SMS' : 'email'} {message.status} ·{' '}
                  {formatTime(message.at, store?.timezone)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {cancelError && <p class="notice error">{cancelError}</p>}
      {canCancel && (
        <button class="danger" disabled={busy} onClick={() => void cancel()}>
          Cancel order
        </button>
      )}
      <p>
        <a href="/shop">Continue shopping</a>
      </p>
    </main>
  );
}
