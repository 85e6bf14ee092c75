import { useEffect, useRef, useState } from 'preact/hooks';
import type { CounterPaymentMethod, Money, OrderView, PlaceOrderRequest } from '@o2o/contracts';
import { describeError } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { countOf, formatMoney, parseMoney } from '../../shared/format';
import { useTerminal } from './context';
import { Dialog } from './dialog';
import { lineAmount, LinePicker, type PickedLine } from './line-picker';

const PAYMENTS: Array<{ method: CounterPaymentMethod; label: string }> = [
  { method: 'card', label: 'Card' },
  { method: 'cash', label: 'Cash' },
  { method: 'other', label: 'Other' },
];

/**
 * A sale at the counter: scan the items (with their prices and the total as they are added), take
 * payment (cash with the change worked out), record it, and print the receipt.
 */
export function SaleScreen() {
  const { call, location } = useTerminal();
  const [lines, setLines] = useState<PickedLine[]>([]);
  const [payment, setPayment] = useState<CounterPaymentMethod>('card');
  const [tenderedText, setTenderedText] = useState('');
  const [receiptEmail, setReceiptEmail] = useState('');
  const [sold, setSold] = useState<OrderView | null>(null);
  const [receiptOpen, setReceiptOpen] = useState(false);
  const { busy, error, run } = useAction();

  const total = totalOf(lines);
  const tendered = total && payment === 'cash' ? parseMoney(tenderedText, total.currency) : null;
  const short = tendered !== null && total !== null && tendered < total.amount;

  const sell = async () => {
    const body: PlaceOrderRequest = {
      lines: lines.map((line) => ({ sku: line.sku, qty: line.qty })),
      fulfillment: { type: 'instore', locationId: location.id },
      payment,
      ...(tendered !== null ? { tendered } : {}),
      // The customer who wants the receipt by email gives it here; the address stands in for a name.
      ...(receiptEmail.trim() ? { customer: { name: receiptEmail.trim(), email: receiptEmail.trim() } } : {}),
    };
    const order = await run((idempotencyKey) => call<OrderView>('/orders', { body, idempotencyKey }));
    if (!order) return;
    setLines([]);
    setTenderedText('');
    setReceiptEmail('');
    setSold(order);
  };

  return (
    <section class="card sale">
      <h2>Counter sale</h2>
      <LinePicker
        lines={lines}
        prices
        onChange={(update) => {
          setLines(update);
          setSold(null);
        }}
      />
      <p class="sale-total-row">
        <span>Total</span>
        <strong data-testid="sale-total" data-amount={total?.amount ?? 0}>
          {total ? formatMoney(total) : '—'}
        </strong>
      </p>
      <fieldset class="segmented" data-testid="sale-payment">
        <legend>Payment</legend>
        {PAYMENTS.map((option) => (
          <label key={option.method} class={payment === option.method ? 'on' : ''}>
            <input
              type="radio"
              name="payment"
              value={option.method}
              checked={payment === option.method}
              onChange={() => setPayment(option.method)}
            />{' '}
            {option.label}
          </label>
        ))}
      </fieldset>
      {payment === 'cash' && (
        <div class="row cash-row">
          <label class="grow">
            Cash given (leave empty for the exact amount)
            <input
              data-testid="sale-tendered"
              inputMode="decimal"
              autoComplete="off"
              placeholder={total ? formatMoney(total) : ''}
              value={tenderedText}
              onInput={(e) => setTenderedText(e.currentTarget.value)}
            />
          </label>
          {tendered !== null && total && (
            <p class={short ? 'notice error' : 'change-preview'} role="status">
              {short
                ? `${formatMoney(money(total.amount - tendered, total.currency))} short`
                : `Change to give: ${formatMoney(money(tendered - total.amount, total.currency))}`}
            </p>
          )}
        </div>
      )}
      <label>
        Email the receipt to (optional)
        <input
          data-testid="sale-receipt-email"
          type="email"
          inputMode="email"
          autoComplete="off"
          value={receiptEmail}
          onInput={(e) => setReceiptEmail(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <button class="big" disabled={busy || lines.length === 0 || short} onClick={() => void sell()}>
        Record sale of{' '}
        {countOf(
          lines.reduce((n, line) => n + line.qty, 0),
          'item',
        )}
      </button>
      {sold && (
        <div class="sale-done">
          <p class="notice info" role="status">
            Sale #{sold.number} done: {formatMoney(sold.total)}.
            {sold.messages?.some((m) => m.kind === 'receipt') && ' The receipt is on its way by email.'}
          </p>
          {sold.change && (
            <p class="change-due">
              Change: <strong data-testid="sale-change">{formatMoney(sold.change)}</strong>
            </p>
          )}
          <button class="secondary" onClick={() => setReceiptOpen(true)}>
            Receipt…
          </button>
        </div>
      )}
      {sold && receiptOpen && <ReceiptDialog order={sold} onClose={() => setReceiptOpen(false)} />}
    </section>
  );
}

function totalOf(lines: PickedLine[]): Money | null {
  if (!lines.length) return null;
  return money(
    lines.reduce((sum, line) => sum + lineAmount(line).amount, 0),
    lines[0].price.currency,
  );
}

function money(amount: number, currency: string): Money {
  return { amount, currency };
}

/** The receipt as the till printer prints it (80 mm), shown before printing. */
function ReceiptDialog({ order, onClose }: { order: OrderView; onClose: () => void }) {
  const { call } = useTerminal();
  const frame = useRef<HTMLIFrameElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let shown: string | null = null;
    call<string>(`/orders/${order.id}/receipt.html`)
      .then((html) => setUrl((shown = URL.createObjectURL(new Blob([html], { type: 'text/html' })))))
      .catch((failure) => setError(describeError(failure)));
    return () => {
      if (shown) URL.revokeObjectURL(shown);
    };
  }, [call, order.id]);
  return (
    <Dialog title={`Receipt #${order.number}`} onClose={onClose}>
      <div class="receipt-preview" data-testid="receipt">
        {error && <p class="notice error">{error}</p>}
        {url && <iframe ref={frame} title={`Receipt ${order.number}`} src={url} tabIndex={-1} />}
      </div>
      <div class="row">
        <button disabled={!url} onClick={() => frame.current?.contentWindow?.print()}>
          Print
        </button>
        <button class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
