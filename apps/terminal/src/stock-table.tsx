import type { StockRow } from './stock-lookup';

/** The levels found by a lookup, one row per SKU; choosing a row opens its adjustments. */
export function StockTable(props: {
  rows: StockRow[];
  selectedSku: string | null;
  onSelect: (sku: string) => void;
}) {
  return (
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
        {props.rows.map((row) => (
          <tr
            key={row.sku}
            data-testid="stock-row"
            data-sku={row.sku}
            data-available={row.available}
            class={row.sku === props.selectedSku ? 'selected' : ''}
            onClick={() => props.onSelect(row.sku)}
          >
            <td>
              <button class="link item-link" onClick={() => props.onSelect(row.sku)}>
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
  );
}
