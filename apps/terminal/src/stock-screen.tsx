import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  ADJUSTMENT_REASONS,
  type AdjustmentReason,
  type AdjustmentResult,
  type MovementView,
  type Page,
} from '../../../libs/contracts/src';
import { ApiError, describeError, query } from '../../shared/api';
import { useAction } from '../../shared/hooks';
import { CameraScanButton } from '../../shared/camera-scan';
import { formatMoney, formatTime } from '../../shared/format';
import { listenForScanner } from '../../shared/scan-input';
import { useTerminal } from './context';
import { OtherStores } from './other-stores';
import { lookUpStock, stockOf, type StockRow } from './stock-lookup';

const REASON_LABELS: Record<AdjustmentReason, string> = {
  receive: 'Received delivery',
  count: 'Stock count',
  damage: 'Damaged / lost',
  correction: 'Correction',
  return: 'Customer return',
};

/** Stock lookup by scan or search, with live levels and adjustments (with a reason) of one SKU. */
export function StockScreen() {
  const terminal = useTerminal();
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<StockRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedSku, setSelectedSku] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const find = useCallback(
    async (text: string) => {
      setError(null);
      try {
        const found = await lookUpStock(terminal, text);
        setRows(found);
        setSelectedSku(found.length === 1 ? found[0].sku : null);
      } catch (failure) {
        setError(describeError(failure));
      }
    },
    [terminal],
  );

  const refreshSku = useCallback(
    async (sku: string) => {
      const known = rowsRef.current?.find((row) => row.sku === sku);
      const [level] = await stockOf(terminal, sku, known);
      if (level) setRows((current) => current?.map((row) => (row.sku === sku ? level : row)) ?? null);
    },
    [terminal],
  );

  useEffect(() => {
    void find('');
    searchBox.current?.focus();
  }, [find]);
  // Levels change under the clerk's eyes: any stock event of a listed SKU re-reads that row.
  useEffect(
    () =>
      terminal.feed.onEvent((event) => {
        if (event.type !== 'stock.changed') return;
        const sku = (event.data as { sku: string }).sku;
        if (rows?.some((row) => row.sku === sku)) void refreshSku(sku);
      }),
    [terminal.feed, rows, refreshSku],
  );
  const onScan = useCallback(
    (text: string) => {
      setSearch(text);
      void find(text);
    },
    [find],
  );
  useEffect(() => listenForScanner(onScan), [onScan]);

  const selected = rows?.find((row) => row.sku === selectedSku);
  return (
    <div class="stock-layout">
      <section class="stock-list">
        <form
          class="search-row"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void find(search);
          }}
        >
          <label class="grow">
            <span class="visually-hidden">Scan a tag or barcode, or search</span>
            <input
              ref={searchBox}
              data-testid="stock-search"
              type="search"
              placeholder="Scan a tag or barcode, or type a name or SKU"
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
          </label>
          <button type="submit">Find</button>
          <CameraScanButton label="Camera" onScan={onScan} />
        </form>
        {error && <p class="notice error">{error}</p>}
        {rows && rows.length === 0 && <p class="muted">Nothing found here for “{search}”.</p>}
        {rows && rows.length > 0 && (
          <table class="stock-table">
            <thead>
              <tr>
                <th>Item</th>
                <th class="num">On hand</th>
                <th class="num wide-only">Reserved</th>
                <th class="num">Available</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.sku}
                  data-testid="stock-row"
                  data-sku={row.sku}
                  data-available={row.available}
                  class={row.sku === selectedSku ? 'selected' : ''}
                  onClick={() => setSelectedSku(row.sku)}
                >
                  <td>
                    <button class="link item-link" onClick={() => setSelectedSku(row.sku)}>
                      <strong>{row.title || row.sku}</strong>
                    </button>
                    <div class="muted small-text">{row.sku}</div>
                  </td>
                  <td class="num">{row.onHand}</td>
                  <td class="num wide-only">{row.reserved}</td>
                  <td class="num">
                    <strong>{row.available}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="stock-side">
        {selected ? (
          <AdjustPanel key={selected.sku} row={selected} onDone={() => void refreshSku(selected.sku)} />
        ) : (
          <p class="muted placeholder">Choose an item to adjust its stock or see its history.</p>
        )}
      </section>
    </div>
  );
}

function AdjustPanel({ row, onDone }: { row: StockRow; onDone: () => void }) {
  const { call, location } = useTerminal();
  const [mode, setMode] = useState<'delta' | 'count'>('delta');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<AdjustmentReason>('receive');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const [history, setHistory] = useState<MovementView[]>([]);
  // The on-hand figure a count is checked against: the level when the clerk began entering it, so
  // that a sale or delivery during the count makes the server refuse it (STALE_QUANTITY).
  const [countBase, setCountBase] = useState<number | null>(null);

  const loadHistory = useCallback(async () => {
    try {
      const page = await call<Page<MovementView>>(
        `/locations/${location.id}/movements${query({ sku: row.sku, limit: 8 })}`,
      );
      setHistory(page.items);
    } catch {
      setHistory([]);
    }
  }, [call, location.id, row.sku]);
  useEffect(() => void loadHistory(), [loadHistory, row.onHand, row.reserved]);

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
      {history.length > 0 && (
        <>
          <h3 class="history-title">Recent movements</h3>
          <ul class="history">
            {history.map((movement) => (
              <li key={movement.id}>
                <span>{movement.kind}</span>
                <span class="num">{signed(movement.onHandDelta)} on hand</span>
                <span class="muted">{formatTime(movement.at)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
