import { useCallback, useEffect, useState } from 'preact/hooks';
import { describeError } from '../../shared/api';
import { CameraScanButton } from '../../shared/camera-scan';
import { listenForScanner, parseScan } from '../../shared/scan-input';
import { useTerminal } from './context';
import { lookUpStock, type StockRow } from './stock-lookup';

export interface PickedLine {
  sku: string;
  title: string;
  qty: number;
  available: number;
}

/**
 * Builds a list of SKU lines by scanning (handheld or camera) or searching: used by transfers and
 * the counter sale. A scan of an item already listed adds one more.
 */
export function LinePicker({
  lines,
  onChange,
  quantities = true,
}: {
  lines: PickedLine[];
  onChange: (lines: PickedLine[]) => void;
  /** false: a plain list of items (labels), without stock figures or quantities. */
  quantities?: boolean;
}) {
  const terminal = useTerminal();
  const [search, setSearch] = useState('');
  const [matches, setMatches] = useState<StockRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  const add = useCallback(
    (row: StockRow) => {
      const existing = lines.find((line) => line.sku === row.sku);
      onChange(
        existing
          ? lines.map((line) => (line.sku === row.sku ? { ...line, qty: line.qty + 1 } : line))
          : [...lines, { sku: row.sku, title: row.title, qty: 1, available: row.available }],
      );
      setMatches([]);
      setSearch('');
    },
    [lines, onChange],
  );

  const find = useCallback(
    async (text: string) => {
      setError(null);
      // A customer's pickup QR belongs to the orders screen, not to a list of items.
      if (parseScan(text).kind === 'pickup') return;
      try {
        const rows = await lookUpStock(terminal, text);
        if (rows.length === 1) add(rows[0]);
        else setMatches(rows);
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
              <button class="secondary" onClick={() => add(row)}>
                {row.sku} <span class="muted">{row.title}</span> · {row.available} available
              </button>
            </li>
          ))}
        </ul>
      )}
      <table>
        <thead>
          <tr>
            <th>Item</th>
            {quantities && <th class="num">Available</th>}
            {quantities && <th class="num">Qty</th>}
            <th>
              <span class="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 && (
            <tr>
              <td colSpan={quantities ? 4 : 2} class="muted">
                No items yet: scan or search above.
              </td>
            </tr>
          )}
          {lines.map((line) => (
            <tr key={line.sku}>
              <td>
                <strong>{line.sku}</strong> <span class="muted">{line.title}</span>
              </td>
              {quantities && <td class="num">{line.available}</td>}
              {quantities && (
                <td class="num">
                  <input
                    class="qty"
                    type="number"
                    min={1}
                    aria-label={`Quantity of ${line.sku}`}
                    value={line.qty}
                    onInput={(e) => {
                      const qty = Math.max(1, Math.floor(Number(e.currentTarget.value) || 1));
                      onChange(lines.map((l) => (l.sku === line.sku ? { ...l, qty } : l)));
                    }}
                  />
                </td>
              )}
              <td>
                <button
                  class="secondary"
                  aria-label={`Remove ${line.sku}`}
                  onClick={() => onChange(lines.filter((l) => l.sku !== line.sku))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
