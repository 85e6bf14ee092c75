import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { MAX_PICKUP_ATTEMPTS } from '../../../libs/contracts/src';
import type { OrderView, Page } from '../../../libs/contracts/src';
import { ApiError, describeError, query } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { CameraScanButton } from '../../shared/camera-scan';
import { countOf, formatMoney, formatTime, STATUS_LABELS } from '../../shared/format';
import { listenForScanner, parseScan } from '../../shared/scan-input';
import { playChime } from './chime';
import { useTerminal } from './context';
import { Dialog } from './dialog';
import { UnlockDialog } from './unlock-dialog';
import { byPromise, OrderMessages, ReadyBy } from './order-messages';

/** Orders that still need the store: a pickup to prepare or hand over, a parcel to ship. */
const OPEN_STATUSES = ['placed', 'ready'] as const;

const isOpen = (order: OrderView) => (OPEN_STATUSES as readonly string[]).includes(order.status);

/**
 * The live queue: open orders of this store, earliest promised (readyBy) first. New orders arrive over the live feed
 * (with a chime and a badge until opened); any order event re-reads that order, so the queue always
 * shows what the server has, even after a drop-out (the feed fills in what was missed).
 */
export function OrdersScreen({ onUnseenCount }: { onUnseenCount: (count: number) => void }) {
  const { call, feed, location } = useTerminal();
  const [orders, setOrders] = useState<Map<string, OrderView>>(new Map());
  const [unseen, setUnseen] = useState<Set<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [scanNotice, setScanNotice] = useState<{ orderId: string; pickupCode: string } | null>(null);

  const upsert = useCallback((order: OrderView) => {
    setOrders((current) => new Map(current).set(order.id, order));
  }, []);

  const reloadAll = useCallback(async () => {
    try {
      const pages = await Promise.all(
        OPEN_STATUSES.map((status) =>
          call<Page<OrderView>>(`/locations/${location.id}/orders${query({ status, limit: 500 })}`),
        ),
      );
      setOrders(new Map(pages.flatMap((page) => page.items).map((order) => [order.id, order])));
      setLoadError(null);
    } catch (error) {
      setLoadError(describeError(error));
    }
  }, [call, location.id]);

  const refresh = useCallback(
    async (orderId: string) => {
      try {
        upsert(await call<OrderView>(`/orders/${orderId}`));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          setOrders((current) => {
            const next = new Map(current);
            next.delete(orderId);
            return next;
          });
        }
      }
    },
    [call, upsert],
  );

  useEffect(() => {
    const offResync = feed.onResync(() => void reloadAll());
    const offEvent = feed.onEvent((event) => {
      if (event.type !== 'order.created' && event.type !== 'order.updated') return;
      const data = event.data as { orderId: string };
      void refresh(data.orderId);
      if (event.type === 'order.created') {
        setUnseen((current) => new Set(current).add(data.orderId));
        playChime();
      }
    });
    void reloadAll();
    return () => {
      offResync();
      offEvent();
    };
  }, [feed, reloadAll, refresh]);

  const queue = useMemo(() => [...orders.values()].filter(isOpen).sort(byPromise), [orders]);
  const unseenOpen = queue.filter((order) => unseen.has(order.id)).length;
  useEffect(() => onUnseenCount(unseenOpen), [unseenOpen, onUnseenCount]);

  const open = (orderId: string) => {
    setSelectedId(orderId);
    setUnseen((current) => {
      const next = new Set(current);
      next.delete(orderId);
      return next;
    });
  };

  // A customer's pickup QR scanned with the handheld scanner anywhere on this screen opens the order.
  const onScan = useCallback((text: string) => {
    const scanned = parseScan(text);
    if (scanned.kind !== 'pickup') return;
    setScanNotice({ orderId: scanned.orderId, pickupCode: scanned.pickupCode });
    open(scanned.orderId);
  }, []);
  useEffect(() => listenForScanner(onScan), [onScan]);

  const selected = selectedId ? orders.get(selectedId) : undefined;
  useEffect(() => {
    if (selectedId && !orders.has(selectedId)) void refresh(selectedId);
  }, [selectedId, orders, refresh]);

  return (
    <div class="orders-layout">
      <section class="queue-panel" aria-labelledby="queue-title">
        <div class="spread">
          <h2 id="queue-title">Open orders</h2>
          <span class="pill">{queue.length}</span>
        </div>
        {loadError && <p class="notice error">{loadError}</p>}
        <ul class="queue" data-testid="order-queue" aria-live="polite">
          {queue.length === 0 && <li class="empty muted">No open orders. New ones appear here at once.</li>}
          {queue.map((order) => (
            <li key={order.id}>
              <button
                data-testid="order-card"
                data-order-number={order.number}
                data-status={order.status}
                data-locked={order.locked ? 'true' : undefined}
                class={`order-card${order.id === selectedId ? ' selected' : ''}${unseen.has(order.id) ? ' unseen' : ''}`}
                aria-pressed={order.id === selectedId}
                onClick={() => open(order.id)}
              >
                <span class="order-card-top">
                  <strong class="order-number">#{order.number}</strong>
                  <span class={`pill status-${order.status}`}>
                    {STATUS_LABELS[order.status] ?? order.status}
                  </span>
                  {order.locked && <LockedBadge />}
                </span>
                <span class="order-card-name">{order.customer?.name || 'Walk-in'}</span>
                <span class="order-card-meta muted">
                  {order.fulfillment.type === 'ship' ? 'Ship' : 'Pickup'} ·{' '}
                  {countOf(
                    order.lines.reduce((n, line) => n + line.qty, 0),
                    'item',
                  )}{' '}
                  · {formatMoney(order.total)}
                  {unseen.has(order.id) && <span class="new-flag">NEW</span>}
                </span>
                <ReadyBy order={order} now={Date.now()} />
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section class="detail-panel" aria-label="Order detail">
        {selected ? (
          <OrderDetail
            key={selected.id}
            order={selected}
            scannedCode={scanNotice?.orderId === selected.id ? scanNotice.pickupCode : null}
            onChanged={upsert}
            onRefresh={(orderId) => void refresh(orderId)}
            onScanCode={onScan}
          />
        ) : (
          <div class="placeholder muted">
            <p>Choose an order from the queue, or scan the customer's pickup QR code.</p>
          </div>
        )}
      </section>
    </div>
  );
}

function OrderDetail(props: {
  order: OrderView;
  scannedCode: string | null;
  onChanged: (order: OrderView) => void;
  onRefresh: (orderId: string) => void;
  onScanCode: (text: string) => void;
}) {
  const { call } = useTerminal();
  const [dialog, setDialog] = useState<'unlock' | 'cancel' | null>(null);
  const { order } = props;
  const [code, setCode] = useState(props.scannedCode ?? '');
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const handover = useRef<HTMLButtonElement>(null);

  const act = async (path: string, body: object | undefined, message: string) => {
    const updated = await run(
      (idempotencyKey) =>
        call<OrderView>(`/orders/${order.id}/${path}`, { method: 'POST', body: body ?? {}, idempotencyKey }),
      (failure) => {
        // A wrong code or a lock changes the order: its card shows what is left (one message, not two).
        if (failure instanceof ApiError && LOCK_CODES.includes(failure.code)) props.onRefresh(order.id);
        return describeCollectError(failure);
      },
    );
    if (!updated) return false;
    props.onChanged(updated);
    setDone(message);
    return true;
  };

  useEffect(() => {
    if (props.scannedCode) {
      setCode(props.scannedCode);
      handover.current?.focus();
    }
  }, [props.scannedCode]);

  const collect = (event: Event) => {
    event.preventDefault();
    void act(
      'collect',
      { pickupCode: code.trim() },
      `Handed over to ${order.customer?.name ?? 'the customer'}.`,
    );
  };
  const isPickup = order.fulfillment.type === 'pickup';
  const attemptsLeft = order.attemptsLeft ?? MAX_PICKUP_ATTEMPTS;
  // Lines can be marked short while the order is still being picked.
  const canPick = order.status === 'placed' && order.fulfillment.type !== 'instore';

  return (
    <article class="order-detail" data-order-id={order.id}>
      <header class="spread">
        <div>
          <h2>Order #{order.number}</h2>
          <p class="muted">
            {isPickup
              ? 'Click & collect'
              : order.fulfillment.type === 'ship'
                ? 'Ship to customer'
                : 'Counter sale'}{' '}
            · placed {formatTime(order.createdAt)}
            {order.expiresAt && ` · hold until ${formatTime(order.expiresAt)}`}
          </p>
        </div>
        <span class="row">
          <span class={`pill status-${order.status} big-pill`}>
            {STATUS_LABELS[order.status] ?? order.status}
          </span>
          {order.locked && <LockedBadge />}
        </span>
      </header>
      <p>
        <strong>{order.customer?.name}</strong>{' '}
        <span class="muted">
          {order.customer?.email} {order.customer?.phone}
        </span>
        <br />
        <span class="muted">
          Payment: {PAYMENT_LABELS[order.payment.method]} ({order.payment.status})
        </span>
      </p>
      <table class="lines">
        <thead>
          <tr>
            <th>Item</th>
            <th>SKU</th>
            <th class="num">Qty</th>
            <th class="num">Price</th>
            {canPick && <th class="visually-hidden">Picking</th>}
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.sku} class={line.status !== 'ok' ? 'line-short' : ''}>
              <td>
                {line.title}
                {line.status !== 'ok' && <span class={`pill status-${line.status}`}>{line.status}</span>}
              </td>
              <td>{line.sku}</td>
              <td class="num">{line.qty}</td>
              <td class="num">{formatMoney(line.unitPrice)}</td>
              {canPick && (
                <td>
                  {line.status !== 'cancelled' && (
                    <ShortLineButton
                      sku={line.sku}
                      qty={line.qty}
                      busy={busy}
                      onShort={(found) =>
                        void act(
                          `lines/${encodeURIComponent(line.sku)}/short`,
                          { found },
                          found
                            ? `${line.sku}: only ${found} found.`
                            : `${line.sku}: none found, line cancelled.`,
                        )
                      }
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>Total</td>
            {canPick && <td />}
            <td class="num">
              <strong>{formatMoney(order.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <OrderMessages order={order} />
      {order.fulfillment.type === 'ship' && (
        <p class="muted">
          Ship to: {order.fulfillment.address.line1}, {order.fulfillment.address.postalCode}{' '}
          {order.fulfillment.address.city}
        </p>
      )}
      {error && !order.locked && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {done && !error && (
        <p class="notice info" role="status">
          {done}
        </p>
      )}
      {order.locked && (
        <div class="notice warn lock-notice" role="alert">
          <p>
            Locked after {MAX_PICKUP_ATTEMPTS} wrong pickup codes. Check the customer's ID; a manager unlocks
            it here with a reason.
          </p>
          <button data-testid="order-unlock" class="secondary" onClick={() => setDialog('unlock')}>
            Unlock…
          </button>
        </div>
      )}
      <div class="actions">
        {isPickup && order.status === 'placed' && (
          <button
            data-testid="order-ready"
            class="big"
            disabled={busy}
            onClick={() => void act('ready', undefined, 'Marked ready: the customer has been told.')}
          >
            Picked — mark ready for pickup
          </button>
        )}
        {isPickup && order.status === 'ready' && (
          <form class="handover" onSubmit={collect}>
            <label>
              Customer's pickup code
              <input
                data-testid="pickup-code-input"
                inputMode="text"
                autoComplete="off"
                autoCapitalize="characters"
                spellcheck={false}
                placeholder="Type or scan the code"
                disabled={order.locked}
                value={code}
                onInput={(e) => {
                  // A handheld scanner types the whole QR text into the field: keep just the code.
                  const scanned = parseScan(e.currentTarget.value);
                  setCode(scanned.kind === 'pickup' ? scanned.pickupCode : e.currentTarget.value);
                }}
              />
            </label>
            <p
              data-testid="attempts-left"
              data-attempts-left={attemptsLeft}
              class={attemptsLeft < MAX_PICKUP_ATTEMPTS ? 'attempts warn-text' : 'attempts muted'}
            >
              {order.locked ? 'No attempts left' : `${countOf(attemptsLeft, 'attempt')} left`}
            </p>
            <div class="row">
              <button
                ref={handover}
                data-testid="order-collect"
                class="big"
                type="submit"
                disabled={busy || order.locked || !code.trim()}
              >
                Verify code and hand over
              </button>
              <CameraScanButton label="Scan pickup QR" onScan={props.onScanCode} />
            </div>
          </form>
        )}
        {order.fulfillment.type === 'ship' && order.status === 'placed' && (
          <form
            class="ship-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act('ship', { carrier, trackingNumber: tracking }, 'Shipped.');
            }}
          >
            <div class="row">
              <label class="grow">
                Carrier
                <input required value={carrier} onInput={(e) => setCarrier(e.currentTarget.value)} />
              </label>
              <label class="grow">
                Tracking number
                <input required value={tracking} onInput={(e) => setTracking(e.currentTarget.value)} />
              </label>
            </div>
            <button class="big" type="submit" disabled={busy}>
              Mark shipped
            </button>
          </form>
        )}
        {isOpen(order) && (
          <button class="danger" disabled={busy} onClick={() => setDialog('cancel')}>
            Cancel order
          </button>
        )}
      </div>
      {dialog === 'cancel' && (
        <Dialog title={`Cancel order #${order.number}?`} onClose={() => setDialog(null)}>
          <p>Its items go back to stock and the customer is told.</p>
          <div class="row">
            <button
              class="danger"
              onClick={() => {
                setDialog(null);
                void act('cancel', undefined, 'Cancelled: the items are back in stock.');
              }}
            >
              Cancel the order
            </button>
            <button class="secondary" onClick={() => setDialog(null)}>
              Keep it
            </button>
          </div>
        </Dialog>
      )}
      {dialog === 'unlock' && (
        <UnlockDialog
          order={order}
          onClose={() => setDialog(null)}
          onUnlocked={(unlocked) => {
            setDialog(null);
            setError(null);
            props.onChanged(unlocked);
            setDone('Unlocked: the customer can give the pickup code again.');
          }}
        />
      )}
    </article>
  );
}

const PAYMENT_LABELS: Record<OrderView['payment']['method'], string> = {
  online: 'online',
  at_pickup: 'at pickup',
  cash: 'cash',
  card: 'card',
  other: 'other',
};

/** Answers to a collect that change the order's lock count: the card is re-read to show what is left. */
const LOCK_CODES: string[] = ['PICKUP_CODE_INVALID', 'TOO_MANY_ATTEMPTS'];

function describeCollectError(failure: unknown): string {
  if (failure instanceof ApiError && failure.code === 'PICKUP_CODE_INVALID') {
    return 'That is not the pickup code of this order.';
  }
  return describeError(failure);
}

function LockedBadge() {
  return <span class="pill status-locked">Locked</span>;
}

/** "Short": the clerk found fewer units than ordered; asks how many were found (0 cancels the line). */
function ShortLineButton(props: {
  sku: string;
  qty: number;
  busy: boolean;
  onShort: (found: number) => void;
}) {
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState('0');
  if (!open) {
    return (
      <button class="secondary small" disabled={props.busy} onClick={() => setOpen(true)}>
        Short…
      </button>
    );
  }
  return (
    <form
      class="short-form"
      onSubmit={(e) => {
        e.preventDefault();
        const value = Math.floor(Number(found));
        if (value >= 0 && value < props.qty) {
          setOpen(false);
          props.onShort(value);
        }
      }}
    >
      <label>
        Found
        <input
          class="qty"
          type="number"
          min={0}
          max={props.qty - 1}
          value={found}
          onInput={(e) => setFound(e.currentTarget.value)}
          aria-label={`Units of ${props.sku} found`}
        />
      </label>
      <button class="small" type="submit" disabled={props.busy}>
        Save
      </button>
      <button class="secondary small" type="button" onClick={() => setOpen(false)}>
        Back
      </button>
    </form>
  );
}
