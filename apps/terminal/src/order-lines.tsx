import { useState } from 'preact/hooks';
import type { OrderView } from '@o2o/contracts';
import { formatMoney } from '../../shared/format';

/** The order's lines with their total; while it is being picked, each line can be marked short. */
export function OrderLines(props: {
  order: OrderView;
  canPick: boolean;
  busy: boolean;
  onShort: (sku: string, found: number) => void;
}) {
  const { order, canPick } = props;
  return (
    <table class="lines">
      <thead>
        <tr>
          <th>Item</th>
          <th>SKU</th>
          <th class="num">Qty</th>
          <th class="num">Price</th>
          {canPick && <th class="visually-hidden">Picking</th>}
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.sku} class={line.status !== 'ok' ? 'line-short' : ''}>
            <td>
              {line.title}
              {line.status !== 'ok' && <span class={`pill status-${line.status}`}>{line.status}</span>}
            </td>
            <td>{line.sku}</td>
            <td class="num">{line.qty}</td>
            <td class="num">{formatMoney(line.unitPrice)}</td>
            {canPick && (
              <td>
                {line.status !== 'cancelled' && (
                  <ShortLineButton
                    sku={line.sku}
                    qty={line.qty}
                    busy={props.busy}
                    onShort={(found) => props.onShort(line.sku, found)}
                  />
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>Total</td>
          {canPick && <td />}
          <td class="num">
            <strong>{formatMoney(order.total)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** "Short": the clerk found fewer units than ordered; asks how many were found (0 cancels the line). */
function ShortLineButton(props: {
  sku: string;
  qty: number;
  busy: boolean;
  onShort: (found: number) => void;
}) {
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState('0');
  if (!open) {
    return (
      <button class="secondary small" disabled={props.busy} onClick={() => setOpen(true)}>
        Short…
      </button>
    );
  }
  return (
    <form
      class="short-form"
      onSubmit={(e) => {
        e.preventDefault();
        const value = Math.floor(Number(found));
        if (value >= 0 && value < props.qty) {
          setOpen(false);
          props.onShort(value);
        }
      }}
    >
      <label>
        Found
        <input
          class="qty"
          type="number"
          min={0}
          max={props.qty - 1}
          value={found}
          onInput={(e) => setFound(e.currentTarget.value)}
          aria-label={`Units of ${props.sku} found`}
        />
      </label>
      <button class="small" type="submit" disabled={props.busy}>
        Save
      </button>
      <button class="secondary small" type="button" onClick={() => setOpen(false)}>
        Back
      </button>
    </form>
  );
}
