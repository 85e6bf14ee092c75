import type { OrderView } from '@o2o/contracts';
import { countOf, formatMoney } from '../../shared/format';
import { ReadyBy } from './order-messages';
import { LockedBadge, StatusPill } from './order-status';

/** The open orders of this store as cards, earliest promise first; unseen ones flagged NEW. */
export function OrderQueue(props: {
  queue: OrderView[];
  unseen: Set<string>;
  selectedId: string | null;
  loadError: string | null;
  onOpen: (orderId: string) => void;
}) {
  return (
    <section class="queue-panel" aria-labelledby="queue-title">
      <div class="spread">
        <h2 id="queue-title">Open orders</h2>
        <span class="pill">{props.queue.length}</span>
      </div>
      {props.loadError && <p class="notice error">{props.loadError}</p>}
      <ul class="queue" data-testid="order-queue" aria-live="polite">
        {props.queue.length === 0 && (
          <li class="empty muted">No open orders. New ones appear here at once.</li>
        )}
        {props.queue.map((order) => (
          <li key={order.id}>
            <OrderCard
              order={order}
              selected={order.id === props.selectedId}
              unseen={props.unseen.has(order.id)}
              onOpen={() => props.onOpen(order.id)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OrderCard(props: { order: OrderView; selected: boolean; unseen: boolean; onOpen: () => void }) {
  const { order } = props;
  return (
    <button
      data-testid="order-card"
      data-order-number={order.number}
      data-status={order.status}
      data-locked={order.locked ? 'true' : undefined}
      class={`order-card${props.selected ? ' selected' : ''}${props.unseen ? ' unseen' : ''}`}
      aria-pressed={props.selected}
      onClick={props.onOpen}
    >
      <span class="order-card-top">
        <strong class="order-number">#{order.number}</strong>
        <StatusPill status={order.status} />
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
        {props.unseen && <span class="new-flag">NEW</span>}
      </span>
      <ReadyBy order={order} now={Date.now()} />
    </button>
  );
}
