import { useEffect, useState } from 'preact/hooks';
import type { CustomerMessageView, OrderView } from '@o2o/contracts';
import { describeError } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { formatTime } from '../../shared/format';
import { useTerminal } from './context';

const KIND_LABELS: Record<string, string> = {
  order_placed: 'Order received',
  ready_for_pickup: 'Ready for pickup',
  pickup_reminder: 'Pickup reminder',
  order_expired: 'Not collected',
  order_cancelled: 'Cancelled',
  order_shipped: 'Shipped',
  line_cancelled: 'Item not found',
  refund_issued: 'Refund',
  receipt: 'Receipt',
};

/** The queue is worked by promise: the earliest readyBy first (orders without one by age). */
export function byPromise(a: OrderView, b: OrderView): number {
  return (a.readyBy ?? a.createdAt).localeCompare(b.readyBy ?? b.createdAt);
}

/** "Ready by 10:00" on a queue card; marked late once the promise has passed and it is not ready. */
export function ReadyBy({ order, now }: { order: OrderView; now: number }) {
  if (!order.readyBy || order.status !== 'placed') return null;
  const late = new Date(order.readyBy).getTime() < now;
  return (
    <span class={`ready-by${late ? ' late' : ''}`} data-testid="ready-by" data-late={String(late)}>
      {late ? 'Late: was due ' : 'Ready by '}
      {formatTime(order.readyBy)}
    </span>
  );
}

/**
 * What the customer was told about this order and whether it reached them, with Resend (a new message
 * of that kind, e.g. when the customer says the email never came).
 */
export function OrderMessages({ order }: { order: OrderView }) {
  const { call } = useTerminal();
  const [messages, setMessages] = useState<CustomerMessageView[]>(order.messages ?? []);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    let current = true;
    call<OrderView>(`/orders/${order.id}`)
      .then((seen) => current && setMessages(seen.messages ?? []))
      .catch((failure) => current && setError(describeError(failure)));
    return () => {
      current = false;
    };
  }, [call, order.id, order.updatedAt]);

  const resend = async (kind: string) => {
    const updated = await run((idempotencyKey) =>
      call<OrderView>(`/orders/${order.id}/messages/resend`, {
        method: 'POST',
        body: { kind },
        idempotencyKey,
      }),
    );
    if (updated) setMessages(updated.messages ?? []);
  };

  if (!messages.length) return null;
  return (
    <section class="order-messages" aria-label="Messages to the customer">
      <h3>Messages to the customer</h3>
      {error && <p class="notice error">{error}</p>}
      <ul>
        {messages.map((message) => (
          <li
            key={message.id}
            data-testid="message-status"
            data-kind={message.kind}
            data-status={message.status}
          >
            <span>
              {KIND_LABELS[message.kind] ?? message.kind} · {message.channel} · {message.status}
              {message.attempts > 1 && ` (${message.attempts} tries)`} · {formatTime(message.at)}
            </span>{' '}
            {message.status !== 'queued' && message.kind !== 'pickup_reminder' && (
              <button
                class="secondary"
                data-testid="message-resend"
                disabled={busy}
                onClick={() => void resend(message.kind)}
              >
                Resend
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
