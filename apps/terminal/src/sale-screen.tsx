import { useRef, useState } from 'preact/hooks';
import type { OrderView, PlaceOrderRequest } from '../../../libs/contracts/src';
import { ApiError, describeError, newIdempotencyKey } from '../../shared/api';
import { countOf, formatMoney } from '../../shared/format';
import { useTerminal } from './context';
import { LinePicker, type PickedLine } from './line-picker';

/** A sale at the counter: scan the items, take payment at the till, and the stock is sold at once. */
export function SaleScreen() {
  const { call, location } = useTerminal();
  const [lines, setLines] = useState<PickedLine[]>([]);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const intent = useRef(newIdempotencyKey());

  const sell = async () => {
    setBusy(true);
    setMessage(null);
    const body: PlaceOrderRequest = {
      lines: lines.map((line) => ({ sku: line.sku, qty: line.qty })),
      fulfillment: { type: 'instore', locationId: location.id },
    };
    try {
      const order = await call<OrderView>('/orders', { body, idempotencyKey: intent.current });
      intent.current = newIdempotencyKey();
      setLines([]);
      setMessage({ kind: 'info', text: `Sale #${order.number} done: ${formatMoney(order.total)}.` });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code !== 'NETWORK') intent.current = newIdempotencyKey();
      setMessage({ kind: 'error', text: describeError(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card sale">
      <h2>Counter sale</h2>
      <p class="muted">Scan the items, take payment at the till, then record the sale.</p>
      <LinePicker lines={lines} onChange={setLines} />
      {message && (
        <p class={`notice ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <button class="big" disabled={busy || lines.length === 0} onClick={() => void sell()}>
        Record sale of{' '}
        {countOf(
          lines.reduce((n, line) => n + line.qty, 0),
          'item',
        )}
      </button>
    </section>
  );
}
