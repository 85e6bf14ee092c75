import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../../shared/api';
import { CameraScanButton } from '../../shared/camera-scan';
import { listenForScanner } from '../../shared/scan-input';
import { AdjustPanel } from './adjust-panel';
import { useTerminal } from './context';
import { lookUpStock, stockOf, type StockRow } from './stock-lookup';
import { StockTable } from './stock-table';

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
          <StockTable rows={rows} selectedSku={selectedSku} onSelect={setSelectedSku} />
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
