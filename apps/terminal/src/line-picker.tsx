import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Money } from '@o2o/contracts';
import { describeError } from '../../shared/api';
import { CameraScanButton } from '../../shared/camera-scan';
import { formatMoney } from '../../shared/format';
import { listenForScanner, parseScan } from '../../shared/scan-input';
import { useTerminal } from './context';
import { QuantityStepper } from './quantity-stepper';
import { lookUpStock, type StockRow } from './stock-lookup';

export interface PickedLine {
  sku: string;
  title: string;
  qty: number;
  available: number;
  price: Money;
}

/**
 * Builds a list of SKU lines by scanning (handheld or camera) or searching: used by transfers and
 * the counter sale. A scan of an item already listed adds one more.
 */
export function LinePicker({
  lines,
  onChange,
  quantities = true,
  prices = false,
}: {
  lines: PickedLine[];
  /** Takes the change as a function of the lines then: two scans in quick succession both count. */
  onChange: (update: (lines: PickedLine[]) => PickedLine[]) => void;
  /** false: a plain list of items (labels), without stock figures or quantities. */
  quantities?: boolean;
  /** true: each line's unit price and amount (a sale). */
  prices?: boolean;
}) {
  const terminal = useTerminal();
  const [search, setSearch] = useState('');
  const [matches, setMatches] = useState<StockRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  const add = useCallback(
    (row: StockRow) => {
      onChange((lines) =>
        lines.some((line) => line.sku === row.sku)
          ? lines.map((line) => (line.sku === row.sku ? { ...line, qty: line.qty + 1 } : line))
          : [
              ...lines,
              { sku: row.sku, title: row.title, qty: 1, available: row.available, price: row.price },
            ],
      );
      setMatches([]);
    },
    [onChange],
  );

  const find = useCallback(
    async (text: string) => {
      setError(null);
      // A customer's pickup QR belongs to the orders screen, not to a list of items.
      if (parseScan(text).kind === 'pickup') return;
      try {
        const rows = await lookUpStock(terminal, text);
        if (rows.length === 1) {
          add(rows[0]);
          // Emptied for the next item, unless the clerk has typed the next one meanwhile.
          setSearch((typed) => (typed === text ? '' : typed));
        } else setMatches(rows);
        if (rows.length === 0) setError(`Nothing found for “${text}”.`);
      } catch (failure) {
        setError(describeError(failure));
      }
    },
    [terminal, add],
  );
  useEffect(() => listenForScanner((text) => void find(text)), [find]);

  return (
    <div class="line-picker">
      <form
        class="search-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (search.trim()) void find(search);
        }}
      >
        <label class="grow">
          <span class="visually-hidden">Scan or search an item to add</span>
          <input
            type="search"
            placeholder="Scan or search an item to add"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Add</button>
        <CameraScanButton label="Camera" onScan={(text) => void find(text)} />
      </form>
      {error && <p class="notice error">{error}</p>}
      {matches.length > 1 && (
        <ul class="matches">
          {matches.map((row) => (
            <li key={row.sku}>
              <button
                class="secondary"
                onClick={() => {
                  add(row);
                  setSearch('');
                }}
              >
                {row.title || row.sku} <span class="muted">{row.sku}</span> · {row.available} available
              </button>
            </li>
          ))}
        </ul>
      )}
      <table class="picked-lines">
        <thead>
          <tr>
            <th>Item</th>
            {quantities && <th class="num">Available</th>}
            {quantities && <th class="num">Qty</th>}
            {prices && <th class="num">Amount</th>}
            <th>
              <span class="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 && (
            <tr>
              <td colSpan={2 + (quantities ? 2 : 0) + (prices ? 1 : 0)} class="muted">
                No items yet: scan or search above.
              </td>
            </tr>
          )}
          {lines.map((line) => (
            <tr key={line.sku} data-testid="picked-line" data-sku={line.sku}>
              <td class="item-cell">
                <strong>{line.title || line.sku}</strong> <span class="muted small-text">{line.sku}</span>
                {prices && <div class="muted small-text">{formatMoney(line.price)} each</div>}
              </td>
              {quantities && <td class="num">{line.available}</td>}
              {quantities && (
                <td class="num">
                  <QuantityStepper
                    value={line.qty}
                    label={`Quantity of ${line.sku}`}
                    onChange={(qty) =>
                      onChange((all) => all.map((l) => (l.sku === line.sku ? { ...l, qty } : l)))
                    }
                  />
                </td>
              )}
              {prices && <td class="num">{formatMoney(lineAmount(line))}</td>}
              <td>
                <button
                  class="secondary icon"
                  aria-label={`Remove ${line.sku}`}
                  title="Remove"
                  onClick={() => onChange((all) => all.filter((l) => l.sku !== line.sku))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function lineAmount(line: PickedLine): Money {
  return { amount: line.price.amount * line.qty, currency: line.price.currency };
}
