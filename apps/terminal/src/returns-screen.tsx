import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  OrderLookupView,
  Page,
  RefundTarget,
  ReturnCondition,
  ReturnRecordedData,
  ReturnRequest,
  ReturnView,
} from '@o2o/contracts';
import { query } from '../../shared/api';
import { formatMoney, STATUS_LABELS } from '../../shared/format';
import { useAction } from '../../shared/hooks';
import { useTerminal } from './context';

type Choice = { qty: number; condition: ReturnCondition };

/**
 * Returns at this store, for an order of any store: find it (scan its pickup or receipt QR, or type
 * its number, the customer's email or phone), choose units and whether each can be sold again, refund
 * to the original payment or in cash. Returns recorded here or for this store's orders appear live.
 */
export function ReturnsScreen() {
  const { call, location, feed } = useTerminal();
  const [text, setText] = useState('');
  const [found, setFound] = useState<OrderLookupView[] | null>(null);
  const [order, setOrder] = useState<OrderLookupView | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [refundTo, setRefundTo] = useState<RefundTarget>('original');
  const [done, setDone] = useState<ReturnView | null>(null);
  const [recent, setRecent] = useState<ReturnRecordedData[]>([]);
  const search = useAction();
  const submit = useAction();
  const shown = useRef<OrderLookupView | null>(null);
  shown.current = order;

  const find = async (q: string, keep?: string) => {
    const page = await search.run(() => call<Page<OrderLookupView>>(`/orders/lookup${query({ q })}`));
    if (!page) return;
    const matches = page.items;
    setFound(matches);
    const again = matches.find((match) => match.id === keep);
    if (again || matches.length === 1) choose(again ?? matches[0], Boolean(again));
    else setOrder(null);
    if (!matches.length) search.setError('No order matches that.');
  };

  const choose = (match: OrderLookupView, keepChoices = false) => {
    setOrder(match);
    if (!keepChoices) {
      setChoices({});
      setDone(null);
    }
  };

  useEffect(
    () =>
      feed.onEvent((event) => {
        if (event.type !== 'return.recorded') return;
        const data = event.data as ReturnRecordedData;
        setRecent((list) => [data, ...list.filter((r) => r.returnId !== data.returnId)].slice(0, 5));
        // The order on screen changed (a colleague, or another store): show what is left to return.
        const current = shown.current;
        if (current?.id === data.orderId) void find(current.number, current.id);
      }),
    [feed],
  );

  const lines = Object.entries(choices).filter(([, choice]) => choice.qty > 0);
  const refundPreview = order
    ? lines.reduce((sum, [sku, choice]) => {
        const line = order.lines.find((l) => l.sku === sku);
        return sum + (line ? line.unitPrice.amount * choice.qty : 0);
      }, 0)
    : 0;

  const record = async () => {
    if (!order) return;
    const body: ReturnRequest = {
      locationId: location.id,
      lines: lines.map(([sku, choice]) => ({ sku, qty: choice.qty, condition: choice.condition })),
      refundTo,
    };
    const answer = await submit.run((idempotencyKey) =>
      call<ReturnView>(`/orders/${order.id}/returns`, { body, idempotencyKey }),
    );
    if (!answer) return;
    setDone(answer);
    setChoices({});
    await find(order.number, order.id);
  };

  return (
    <section class="card returns" aria-labelledby="returns-title">
      <h2 id="returns-title">Returns</h2>
      <form
        class="row returns-find"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) void find(text.trim());
        }}
      >
        <label class="grow">
          Scan the receipt or pickup QR, or type the order number, email or phone
          <input
            data-testid="return-lookup"
            autoComplete="off"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={search.busy || !text.trim()}>
          Find
        </button>
      </form>
      {search.error && (
        <p class="notice error" role="alert">
          {search.error}
        </p>
      )}
      {found && found.length > 1 && (
        <ul class="returns-list">
          {found.map((match) => (
            <li key={match.id}>
              <button class="secondary" data-testid="return-match" onClick={() => choose(match)}>
                #{match.number} · {match.customer.name} · {formatMoney(match.total)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {order && (
        <div class="returns-order" data-testid="return-order" data-order-id={order.id}>
          <p>
            <strong>#{order.number}</strong> · {order.customer.name} ·{' '}
            {STATUS_LABELS[order.status] ?? order.status} · paid {formatMoney(order.payment.captured)},
            refunded <span data-testid="return-refunded">{formatMoney(order.payment.refunded)}</span>
          </p>
          <ul class="returns-list">
            {order.lines
              .filter((line) => line.status !== 'cancelled')
              .map((line) => {
                const left = line.qty - line.returned;
                const choice = choices[line.sku] ?? { qty: 0, condition: 'resaleable' };
                const set = (change: Partial<Choice>) =>
                  setChoices({ ...choices, [line.sku]: { ...choice, ...change } });
                return (
                  <li key={line.sku} class="return-line" data-testid="return-line" data-sku={line.sku}>
                    <span class="grow">
                      {line.title}
                      <br />
                      <small class="muted">
                        {line.sku} · {formatMoney(line.unitPrice)} · bought {line.qty}, returned{' '}
                        <span data-testid="return-line-returned">{line.returned}</span>
                      </small>
                    </span>
                    <label>
                      Units
                      <select
                        data-testid="return-qty"
                        value={choice.qty}
                        disabled={left <= 0}
                        onChange={(e) => set({ qty: Number(e.currentTarget.value) })}
                      >
                        {Array.from({ length: Math.max(0, left) + 1 }, (_, n) => (
                          <option key={n} value={n}>
                            {n}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      Condition
                      <select
                        data-testid="return-condition"
                        value={choice.condition}
                        onChange={(e) => set({ condition: e.currentTarget.value as ReturnCondition })}
                      >
                        <option value="resaleable">Can be sold again</option>
                        <option value="damaged">Damaged: write off</option>
                      </select>
                    </label>
                  </li>
                );
              })}
          </ul>
          <fieldset class="segmented" data-testid="return-refund-to">
            <legend>Refund</legend>
            {(['original', 'cash'] as const).map((target) => (
              <label key={target} class={refundTo === target ? 'on' : ''}>
                <input
                  type="radio"
                  name="refund-to"
                  value={target}
                  checked={refundTo === target}
                  onChange={() => setRefundTo(target)}
                />{' '}
                {target === 'original' ? `To the original payment (${order.payment.method})` : 'In cash'}
              </label>
            ))}
          </fieldset>
          {submit.error && (
            <p class="notice error" role="alert">
              {submit.error}
            </p>
          )}
          <button
            class="big"
            data-testid="return-submit"
            disabled={submit.busy || lines.length === 0}
            onClick={() => void record()}
          >
            Record return · refund {formatMoney({ amount: refundPreview, currency: order.total.currency })}
          </button>
        </div>
      )}
      {done && (
        <p class="notice info" role="status">
          Return recorded. Refunded{' '}
          <strong data-testid="refund-amount" data-amount={done.refund.amount}>
            {formatMoney(done.refund)}
          </strong>{' '}
          ({done.refund.method === 'cash' ? 'pay out in cash' : `to ${done.refund.method}`}).
        </p>
      )}
      {recent.length > 0 && (
        <div class="returns-recent">
          <h3>Just returned</h3>
          <ul class="returns-list">
            {recent.map((event) => (
              <li key={event.returnId} data-testid="return-event" data-order-id={event.orderId}>
                #{event.number}: {event.lines.map((l) => `${l.qty} × ${l.sku} (${l.condition})`).join(', ')} ·{' '}
                {formatMoney(event.refund)}
                {event.locationId !== location.id ? ' · at another store' : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
