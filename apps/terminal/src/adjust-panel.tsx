import { useState } from 'preact/hooks';
import { ADJUSTMENT_REASONS, type AdjustmentReason, type AdjustmentResult } from '@o2o/contracts';
import { ApiError } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { formatMoney } from '../../shared/format';
import { useTerminal } from './context';
import { OtherStores } from './other-stores';
import { RecentMovements } from './recent-movements';
import type { StockRow } from './stock-lookup';

const REASON_LABELS: Record<AdjustmentReason, string> = {
  receive: 'Received delivery',
  count: 'Stock count',
  damage: 'Damaged / lost',
  correction: 'Correction',
  return: 'Customer return',
};

/** Adjusts the stock of one SKU: a delivery, damage or correction by a delta, or a counted figure. */
export function AdjustPanel({ row, onDone }: { row: StockRow; onDone: () => void }) {
  const { call, location } = useTerminal();
  const [mode, setMode] = useState<'delta' | 'count'>('delta');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<AdjustmentReason>('receive');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  // The on-hand figure a count is checked against: the level when the clerk began entering it, so
  // that a sale or delivery during the count makes the server refuse it (STALE_QUANTITY).
  const [countBase, setCountBase] = useState<number | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = Number(amount);
    setSaved(null);
    if (!Number.isInteger(value) || (mode === 'delta' && value === 0) || (mode === 'count' && value < 0)) {
      setError(
        mode === 'delta' ? 'Enter a whole number other than 0, e.g. -2 or 5.' : 'Enter the counted quantity.',
      );
      return;
    }
    const body =
      mode === 'delta'
        ? { sku: row.sku, delta: value, reason, ...(note ? { note } : {}) }
        : {
            sku: row.sku,
            onHand: value,
            expectedOnHand: countBase ?? row.onHand,
            reason: 'count',
            ...(note ? { note } : {}),
          };
    const result = await run(
      (idempotencyKey) =>
        call<AdjustmentResult>(`/locations/${location.id}/stock/adjustments`, { body, idempotencyKey }),
      (failure) => {
        if (!(failure instanceof ApiError && failure.code === 'STALE_QUANTITY')) return;
        setAmount('');
        setCountBase(null);
        return 'The level changed while you counted. Check the new figure and count again.';
      },
    );
    if (result) {
      setAmount('');
      setNote('');
      setCountBase(null);
      setSaved(`Saved: ${row.sku} now ${result.level.onHand} on hand.`);
    }
    onDone();
  };

  return (
    <div class="card adjust">
      <h2>{row.title || row.sku}</h2>
      <p class="muted item-facts">
        <span>SKU {row.sku}</span>
        {row.barcode && <span>Barcode {row.barcode}</span>}
        {row.price && <span>{formatMoney(row.price)}</span>}
      </p>
      <p class="levels">
        <span>
          <strong>{row.onHand}</strong> on hand
        </span>
        <span>
          <strong>{row.reserved}</strong> reserved
        </span>
        <span>
          <strong>{row.available}</strong> available
        </span>
      </p>
      <form onSubmit={submit}>
        <fieldset class="segmented">
          <legend class="visually-hidden">Kind of change</legend>
          <label class={mode === 'delta' ? 'on' : ''}>
            <input
              type="radio"
              name="mode"
              checked={mode === 'delta'}
              onChange={() => {
                setMode('delta');
                setCountBase(null);
              }}
            />{' '}
            Add / remove
          </label>
          <label class={mode === 'count' ? 'on' : ''}>
            <input
              type="radio"
              name="mode"
              checked={mode === 'count'}
              onChange={() => {
                setMode('count');
                setReason('count');
              }}
            />{' '}
            Set counted
          </label>
        </fieldset>
        <div class="row">
          <label class="grow">
            {mode === 'delta' ? 'Change (e.g. 5 or -2)' : 'Counted on hand'}
            <input
              inputMode="numeric"
              value={amount}
              onInput={(e) => {
                if (mode === 'count' && countBase === null) setCountBase(row.onHand);
                setAmount(e.currentTarget.value);
              }}
              required
            />
          </label>
          {mode === 'delta' && (
            <label class="grow">
              Reason
              <select value={reason} onChange={(e) => setReason(e.currentTarget.value as AdjustmentReason)}>
                {ADJUSTMENT_REASONS.filter((r) => r !== 'count').map((r) => (
                  <option key={r} value={r}>
                    {REASON_LABELS[r]}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {mode === 'count' && countBase !== null && countBase !== row.onHand && (
          <p class="notice warn" role="status">
            The level moved from {countBase} to {row.onHand} while you counted: count again.
          </p>
        )}
        <label>
          Note (optional)
          <input value={note} maxLength={200} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        {saved && (
          <p class="notice info" role="status">
            {saved}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Save adjustment
        </button>
      </form>
      <OtherStores row={row} />
      <RecentMovements row={row} />
    </div>
  );
}
