import { useState } from 'preact/hooks';
import type { Page, StockLevelView, StockRowView } from '@o2o/contracts';
import { query } from '../../shared/api';
import { useAction, useLoad } from '../../shared/hooks';
import { useBackOffice } from './session';

/**
 * The units of each SKU a store keeps back from sale (for display, damage, a buffer against miscounts):
 * every stock check and the shop's availability leave them out.
 */
export function SafetyStockPanel({ locationId }: { locationId: string }) {
  const { call } = useBackOffice();
  const [search, setSearch] = useState('');
  const rows = useLoad(
    () => call<Page<StockRowView>>(`/locations/${locationId}/stock${query({ q: search.trim(), limit: 50 })}`),
    [locationId, search],
  );
  const replace = (level: StockLevelView) =>
    rows.setValue((page) =>
      page ? { ...page, items: page.items.map((r) => (r.sku === level.sku ? { ...r, ...level } : r)) } : page,
    );
  return (
    <div class="editor safety-stock">
      <h3>Safety stock</h3>
      <label>
        Search by SKU or title
        <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      </label>
      {rows.error && <p class="notice error">{rows.error}</p>}
      <table>
        <thead>
          <tr>
            <th>SKU</th>
            <th class="num">On hand</th>
            <th class="num">Available</th>
            <th>Keep back</th>
          </tr>
        </thead>
        <tbody>
          {rows.value?.items.map((row) => (
            <SafetyStockRow key={row.sku} locationId={locationId} row={row} onSaved={replace} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SafetyStockRow(props: {
  locationId: string;
  row: StockRowView;
  onSaved: (level: StockLevelView) => void;
}) {
  const { call } = useBackOffice();
  const { busy, error, run } = useAction();
  const { row } = props;
  const [units, setUnits] = useState(String(row.safetyStock));
  const save = () =>
    run(async () => {
      const safetyStock = Number(units);
      if (!Number.isInteger(safetyStock) || safetyStock < 0)
        throw new Error('Keep back a whole number of units.');
      props.onSaved(
        await call<StockLevelView>(
          `/locations/${props.locationId}/stock/${encodeURIComponent(row.sku)}/safety-stock`,
          { method: 'PUT', body: { safetyStock } },
        ),
      );
    });
  return (
    <tr data-testid="safety-stock-row" data-sku={row.sku} data-available={row.available}>
      <td class="wrap">
        {row.sku} <span class="muted">{row.title}</span>
      </td>
      <td class="num">{row.onHand}</td>
      <td class="num">{row.available}</td>
      <td>
        <div class="row">
          <input
            data-testid="safety-stock-input"
            aria-label={`Units of ${row.sku} to keep back`}
            inputMode="numeric"
            class="price-field"
            value={units}
            onInput={(e) => setUnits(e.currentTarget.value)}
          />
          <button
            data-testid="safety-stock-save"
            class="secondary small"
            disabled={busy}
            onClick={() => void save()}
          >
            Set
          </button>
        </div>
        {error && <p class="notice error">{error}</p>}
      </td>
    </tr>
  );
}
