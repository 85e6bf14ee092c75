import type { ChartData } from 'chart.js';
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type {
  LocationView,
  Page,
  PickupsReportView,
  SalesReportView,
  ScansReportView,
  StockValueReportView,
} from '@o2o/contracts';
import { query } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { useAction, useLoad } from '../../shared/hooks';
import { BarChart, SERIES_COLOURS } from './report-chart';
import { useBackOffice } from './session';

type Filters = { from: string; to: string; locationId: string };
type Names = Map<string, string>;

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)} %`);
const minutes = (value: number | null) => (value === null ? '–' : `${value} min`);

/**
 * Reports for the stores the signed-in person manages: sales, pickups, scans and stock value, each a
 * chart with the table of its figures beside it and a CSV download of the same rows.
 */
export function ReportsScreen() {
  const { call, session } = useBackOffice();
  const [filters, setFilters] = useState<Filters>(() => ({
    from: isoDay(new Date(Date.now() - 6 * DAY_MS)),
    to: isoDay(new Date()),
    locationId: '',
  }));
  const locations = useLoad(() => call<Page<LocationView>>('/locations?limit=500'), []);
  const mine = (locations.value?.items ?? []).filter(
    (l) => session.user.role === 'admin' || session.user.locationIds.includes(l.id),
  );
  const names: Names = useMemo(() => new Map(mine.map((l) => [l.id, l.name])), [locations.value]);
  const set = (change: Partial<Filters>) => setFilters((current) => ({ ...current, ...change }));
  const params = query({ from: filters.from, to: filters.to, locationId: filters.locationId });
  return (
    <div class="reports">
      <section class="card row filters" aria-label="Report filters">
        <h2>Reports</h2>
        <label>
          From
          <input
            data-testid="report-from"
            type="date"
            value={filters.from}
            max={filters.to}
            onChange={(e) => set({ from: e.currentTarget.value })}
          />
        </label>
        <label>
          To
          <input
            data-testid="report-to"
            type="date"
            value={filters.to}
            min={filters.from}
            onChange={(e) => set({ to: e.currentTarget.value })}
          />
        </label>
        <label>
          Store
          <select
            data-testid="report-location"
            value={filters.locationId}
            onChange={(e) => set({ locationId: e.currentTarget.value })}
          >
            <option value="">{session.user.role === 'admin' ? 'All stores' : 'All my stores'}</option>
            {mine.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </section>
      <SalesReport params={params} names={names} />
      <PickupsReport params={params} names={names} />
      <ScansReport params={params} names={names} />
      <StockValueReport params={query({ locationId: filters.locationId })} names={names} />
    </div>
  );
}

/** One report: a heading with its CSV download, then the chart and its table side by side. */
function ReportCard(props: {
  id: string;
  title: string;
  csvPath: string;
  error: string | null;
  children: ComponentChildren;
}) {
  const { call } = useBackOffice();
  const download = useAction();
  const save = () =>
    download.run(async () => {
      const text = await call<string>(props.csvPath);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      link.download = `${props.id}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    });
  return (
    <section class="card report" data-testid={`report-${props.id}`}>
      <div class="report-head">
        <h3>{props.title}</h3>
        <button
          class="secondary small"
          data-testid="report-download"
          data-report={props.id}
          disabled={download.busy}
          onClick={() => void save()}
        >
          Download CSV
        </button>
      </div>
      {(props.error ?? download.error) && <p class="notice error">{props.error ?? download.error}</p>}
      <div class="report-body">{props.children}</div>
    </section>
  );
}

function SalesReport({ params, names }: { params: string; names: Names }) {
  const { call } = useBackOffice();
  const sales = useLoad(() => call<SalesReportView>(`/reports/sales${params}`), [params]);
  const chart = useMemo(() => sales.value && revenueByDayAndChannel(sales.value), [sales.value]);
  const report = sales.value;
  const currency = report?.totals.revenue.currency ?? 'EUR';
  const money = useMemo(() => (amount: number) => formatMoney({ amount, currency }), [currency]);
  return (
    <ReportCard id="sales" title="Sales" csvPath={`/reports/sales.csv${params}`} error={sales.error}>
      {chart && (
        <BarChart
          testId="sales-chart"
          label="Revenue per day by channel"
          data={chart}
          stacked
          formatValue={money}
        />
      )}
      <div class="table-box">
        <p data-testid="sales-total">
          <strong>{report ? money(report.totals.revenue.amount) : '…'}</strong> from{' '}
          {report?.totals.orders ?? 0} orders, {report?.totals.units ?? 0} units
        </p>
        <table>
          <thead>
            <tr>
              <th>Day</th>
              <th>Store</th>
              <th>Channel</th>
              <th>Paid</th>
              <th class="num">Orders</th>
              <th class="num">Units</th>
              <th class="num">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {report?.rows.map((row) => (
              <tr
                key={`${row.date}${row.locationId}${row.channel}${row.paymentMethod}`}
                data-testid="sales-row"
                data-date={row.date}
                data-location-id={row.locationId}
              >
                <td class="date">{row.date}</td>
                <td>{names.get(row.locationId) ?? row.locationId}</td>
                <td>{row.channel}</td>
                <td>{row.paymentMethod}</td>
                <td class="num">{row.orders}</td>
                <td class="num">{row.units}</td>
                <td class="num">{formatMoney(row.revenue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ReportCard>
  );
}

function PickupsReport({ params, names }: { params: string; names: Names }) {
  const { call } = useBackOffice();
  const pickups = useLoad(() => call<PickupsReportView>(`/reports/pickups${params}`), [params]);
  const rows = pickups.value?.rows ?? [];
  const chart = useMemo(
    () => ({
      labels: rows.map((row) => names.get(row.locationId) ?? row.locationId),
      datasets: [
        {
          label: 'Median minutes',
          data: rows.map((row) => row.medianMinutes ?? 0),
          backgroundColor: SERIES_COLOURS[0],
        },
        {
          label: 'p90 minutes',
          data: rows.map((row) => row.p90Minutes ?? 0),
          backgroundColor: SERIES_COLOURS[1],
        },
      ],
    }),
    [pickups.value, names],
  );
  return (
    <ReportCard
      id="pickups"
      title="Pickups: ready to collected"
      csvPath={`/reports/pickups.csv${params}`}
      error={pickups.error}
    >
      <BarChart testId="pickups-chart" label="Minutes from ready to collected per store" data={chart} />
      <div class="table-box">
        <table>
          <thead>
            <tr>
              <th>Store</th>
              <th class="num">Ready</th>
              <th class="num">Collected</th>
              <th class="num">No-shows</th>
              <th class="num">No-show rate</th>
              <th class="num">Median</th>
              <th class="num">p90</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.locationId} data-testid="pickups-row" data-location-id={row.locationId}>
                <td>{names.get(row.locationId) ?? row.locationId}</td>
                <td class="num">{row.ready}</td>
                <td class="num">{row.collected}</td>
                <td class="num">{row.noShows}</td>
                <td class="num">{percent(row.noShowRate)}</td>
                <td class="num">{minutes(row.medianMinutes)}</td>
                <td class="num">{minutes(row.p90Minutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ReportCard>
  );
}

/** The SKUs scanned most are charted; the table lists them all. */
const CHARTED_SKUS = 10;

function ScansReport({ params, names }: { params: string; names: Names }) {
  const { call } = useBackOffice();
  const scans = useLoad(() => call<ScansReportView>(`/reports/scans${params}`), [params]);
  const rows = scans.value?.rows ?? [];
  const chart = useMemo(() => {
    const top = [...rows].sort((a, b) => b.scans - a.scans).slice(0, CHARTED_SKUS);
    return {
      labels: top.map((row) => row.sku),
      datasets: [
        { label: 'Scans', data: top.map((row) => row.scans), backgroundColor: SERIES_COLOURS[0] },
        {
          label: 'Reservations',
          data: top.map((row) => row.reservations),
          backgroundColor: SERIES_COLOURS[3],
        },
      ],
    };
  }, [scans.value]);
  return (
    <ReportCard
      id="scans"
      title="Scans that became reservations"
      csvPath={`/reports/scans.csv${params}`}
      error={scans.error}
    >
      <BarChart testId="scans-chart" label="Scans and reservations of the most scanned SKUs" data={chart} />
      <div class="table-box">
        <p data-testid="scans-total">
          Scans {scans.value?.totals.scans ?? 0} · reservations {scans.value?.totals.reservations ?? 0} ·{' '}
          {percent(scans.value?.totals.conversion ?? null)}
        </p>
        <table>
          <thead>
            <tr>
              <th>Store</th>
              <th>SKU</th>
              <th class="num">Scans</th>
              <th class="num">Reservations</th>
              <th class="num">Conversion</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.locationId}${row.sku}`} data-testid="scans-row" data-sku={row.sku}>
                <td>{names.get(row.locationId) ?? row.locationId}</td>
                <td class="wrap">{row.sku}</td>
                <td class="num">{row.scans}</td>
                <td class="num">{row.reservations}</td>
                <td class="num">{percent(row.conversion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ReportCard>
  );
}

function StockValueReport({ params, names }: { params: string; names: Names }) {
  const { call } = useBackOffice();
  const value = useLoad(() => call<StockValueReportView>(`/reports/stock-value${params}`), [params]);
  const rows = value.value?.rows ?? [];
  const currency = rows[0]?.value.currency ?? 'EUR';
  const money = useMemo(() => (amount: number) => formatMoney({ amount, currency }), [currency]);
  const chart = useMemo(
    () => ({
      labels: rows.map((row) => names.get(row.locationId) ?? row.locationId),
      datasets: [
        {
          label: 'Stock value',
          data: rows.map((row) => row.value.amount),
          backgroundColor: SERIES_COLOURS[0],
        },
      ],
    }),
    [value.value, names],
  );
  return (
    <ReportCard
      id="stock-value"
      title="Stock value now"
      csvPath={`/reports/stock-value.csv${params}`}
      error={value.error}
    >
      <BarChart testId="stock-value-chart" label="Stock value per store" data={chart} formatValue={money} />
      <div class="table-box">
        <table>
          <thead>
            <tr>
              <th>Store</th>
              <th class="num">SKUs</th>
              <th class="num">Units</th>
              <th class="num">Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.locationId} data-testid="stock-value-row" data-location-id={row.locationId}>
                <td>{names.get(row.locationId) ?? row.locationId}</td>
                <td class="num">{row.skus}</td>
                <td class="num">{row.units}</td>
                <td class="num">{formatMoney(row.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ReportCard>
  );
}

const CHANNELS = ['instore', 'pickup', 'ship'] as const;
const CHANNEL_NAMES = { instore: 'Counter', pickup: 'Click & collect', ship: 'Shipped' };

/** Revenue per day, one stacked series per channel, over the days that had sales. */
function revenueByDayAndChannel(report: SalesReportView): ChartData<'bar', number[], string> {
  const days = [...new Set(report.rows.map((row) => row.date))].sort();
  return {
    labels: days,
    datasets: CHANNELS.map((channel, i) => ({
      label: CHANNEL_NAMES[channel],
      backgroundColor: SERIES_COLOURS[i],
      data: days.map((day) =>
        report.rows
          .filter((row) => row.date === day && row.channel === channel)
          .reduce((sum, row) => sum + row.revenue.amount, 0),
      ),
    })),
  };
}
