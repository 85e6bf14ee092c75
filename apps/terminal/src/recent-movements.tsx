import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MovementView, Page } from '@o2o/contracts';
import { query } from '../../shared/api';
import { formatTime } from '../../shared/format';
import { useTerminal } from './context';
import type { StockRow } from './stock-lookup';

/** The last movements of one SKU here, re-read whenever its level changes. */
export function RecentMovements({ row }: { row: StockRow }) {
  const { call, location } = useTerminal();
  const [history, setHistory] = useState<MovementView[]>([]);
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

  if (history.length === 0) return null;
  return (
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
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
