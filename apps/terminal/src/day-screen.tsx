import type { DayReportView, PaymentMethod } from '@o2o/contracts';
import { formatMoney } from '../../shared/format';
import { useLoad } from '../../shared/hooks';
import { useTerminal } from './context';

const METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
  online: 'Paid online',
  at_pickup: 'At pickup',
};

/** Closing up: the day's counter sales by payment method, pickups handed over, no-shows, still open. */
export function DayScreen() {
  const { call, location } = useTerminal();
  const report = useLoad(
    () => call<DayReportView>(`/locations/${location.id}/day-report`),
    [call, location.id],
  );
  const day = report.value;
  return (
    <section class="card day-report" aria-labelledby="day-title">
      <div class="spread no-print">
        <h2 id="day-title">End of day</h2>
        <div class="row">
          <button class="secondary" onClick={() => void report.reload()}>
            Refresh
          </button>
          <button onClick={() => window.print()} disabled={!day}>
            Print
          </button>
        </div>
      </div>
      {report.error && <p class="notice error">{report.error}</p>}
      {day && (
        <div data-testid="day-report">
          <h3>
            {location.name} · {day.date}
          </h3>
          <h3>Counter sales</h3>
          <table class="day-table">
            <thead>
              <tr>
                <th>Payment</th>
                <th class="num">Sales</th>
                <th class="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {day.sales.byPayment.length === 0 && (
                <tr>
                  <td colSpan={3} class="muted">
                    No counter sales yet today.
                  </td>
                </tr>
              )}
              {day.sales.byPayment.map((row) => (
                <tr key={row.method} data-method={row.method}>
                  <td>{METHOD_LABELS[row.method] ?? row.method}</td>
                  <td class="num">{row.count}</td>
                  <td class="num">{formatMoney(row.total)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>Total</td>
                <td class="num">{day.sales.count}</td>
                <td class="num" data-testid="day-sales-total">
                  <strong>{formatMoney(day.sales.total)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          <h3>Pickups</h3>
          <dl class="figures">
            <div>
              <dt>Collected today</dt>
              <dd data-testid="day-collected">{day.pickupsCollected}</dd>
            </div>
            <div>
              <dt>No-shows (released)</dt>
              <dd data-testid="day-no-shows">{day.noShows}</dd>
            </div>
            <div>
              <dt>Still to pick</dt>
              <dd>{day.open.placed}</dd>
            </div>
            <div>
              <dt>Waiting for the customer</dt>
              <dd>{day.open.ready}</dd>
            </div>
          </dl>
        </div>
      )}
    </section>
  );
}
