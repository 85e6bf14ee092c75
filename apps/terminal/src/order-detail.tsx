import { useState } from 'preact/hooks';
import { MAX_PICKUP_ATTEMPTS } from '@o2o/contracts';
import type { OrderView } from '@o2o/contracts';
import { ApiError, describeError } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { formatTime } from '../../shared/format';
import { useTerminal } from './context';
import { Dialog } from './dialog';
import { UnlockDialog } from './unlock-dialog';
import { OrderMessages } from './order-messages';
import { OrderLines } from './order-lines';
import { PickupHandover, ShipHandover } from './order-handover';
import { isOpen, LockedBadge, StatusPill } from './order-status';

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

/** One order and the next step the store can take on it (ready, hand over, ship, cancel, unlock). */
export function OrderDetail(props: {
  order: OrderView;
  scannedCode: string | null;
  onChanged: (order: OrderView) => void;
  onRefresh: (orderId: string) => void;
  onScanCode: (text: string) => void;
}) {
  const { call } = useTerminal();
  const [dialog, setDialog] = useState<'unlock' | 'cancel' | null>(null);
  const { order } = props;
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

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

  const isPickup = order.fulfillment.type === 'pickup';
  // Lines can be marked short while the order is still being picked.
  const canPick = order.status === 'placed' && order.fulfillment.type !== 'instore';

  return (
    <article class="order-detail" data-order-id={order.id}>
      <OrderHeader order={order} />
      <OrderLines
        order={order}
        canPick={canPick}
        busy={busy}
        onShort={(sku, found) =>
          void act(
            `lines/${encodeURIComponent(sku)}/short`,
            { found },
            found ? `${sku}: only ${found} found.` : `${sku}: none found, line cancelled.`,
          )
        }
      />
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
          <PickupHandover
            scannedCode={props.scannedCode}
            locked={order.locked ?? false}
            attemptsLeft={order.attemptsLeft ?? MAX_PICKUP_ATTEMPTS}
            busy={busy}
            onCollect={(pickupCode) =>
              void act('collect', { pickupCode }, `Handed over to ${order.customer?.name ?? 'the customer'}.`)
            }
            onScanCode={props.onScanCode}
          />
        )}
        {order.fulfillment.type === 'ship' && order.status === 'placed' && (
          <ShipHandover
            busy={busy}
            onShip={(carrier, trackingNumber) => void act('ship', { carrier, trackingNumber }, 'Shipped.')}
          />
        )}
        {isOpen(order) && (
          <button class="danger" disabled={busy} onClick={() => setDialog('cancel')}>
            Cancel order
          </button>
        )}
      </div>
      {dialog === 'cancel' && (
        <CancelDialog
          order={order}
          onClose={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void act('cancel', undefined, 'Cancelled: the items are back in stock.');
          }}
        />
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

function OrderHeader({ order }: { order: OrderView }) {
  const kind =
    order.fulfillment.type === 'pickup'
      ? 'Click & collect'
      : order.fulfillment.type === 'ship'
        ? 'Ship to customer'
        : 'Counter sale';
  return (
    <>
      <header class="spread">
        <div>
          <h2>Order #{order.number}</h2>
          <p class="muted">
            {kind} · placed {formatTime(order.createdAt)}
            {order.expiresAt && ` · hold until ${formatTime(order.expiresAt)}`}
          </p>
        </div>
        <span class="row">
          <StatusPill status={order.status} big />
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
    </>
  );
}

function CancelDialog(props: { order: OrderView; onClose: () => void; onConfirm: () => void }) {
  return (
    <Dialog title={`Cancel order #${props.order.number}?`} onClose={props.onClose}>
      <p>Its items go back to stock and the customer is told.</p>
      <div class="row">
        <button class="danger" onClick={props.onConfirm}>
          Cancel the order
        </button>
        <button class="secondary" onClick={props.onClose}>
          Keep it
        </button>
      </div>
    </Dialog>
  );
}
