import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, Locator } from 'playwright-core';
import type { SalesReportView, StockValueReportView } from '@o2o/contracts';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectText, launchChromium, openAdmin } from './support/browser';
import { expectFits } from './support/fit';

type Headers = { Authorization: string };

/** The first series' colour (SERIES_COLOURS[0] in the admin app): bars of it mean data was drawn. */
const FIRST_SERIES_RGB = [0x1f, 0x6f, 0x8b];

/** Pixels of a chart's canvas painted in the first series' colour (0 for a blank or axes-only chart). */
function barPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((node, rgb) => {
    const element = node as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
    const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      const near = (a: number, b: number) => Math.abs(a - b) <= 8;
      if (
        data[i + 3] > 200 &&
        near(data[i], rgb[0]) &&
        near(data[i + 1], rgb[1]) &&
        near(data[i + 2], rgb[2])
      )
        painted++;
    }
    return painted;
  }, FIRST_SERIES_RGB);
}

const euros = (amount: number) => (amount / 100).toFixed(2);

/**
 * The Reports screen of /admin (issue 19): charts drawn from the same figures the API answers, the
 * tables beside them, a store filter and the CSV download, on a desk screen of 1280×800 and wider.
 */
describe('reports in the back office', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    fx = new Fixtures(t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const sell = (headers: Headers, locationId: string, sku: string, qty: number, payment: 'cash' | 'card') =>
    t
      .http()
      .post('/api/orders')
      .set(headers)
      .set('Idempotency-Key', randomUUID())
      .send({
        lines: [{ sku, qty }],
        fulfillment: { type: 'instore', locationId },
        payment,
        ...(payment === 'cash' ? { tendered: 50_000 } : {}),
      })
      .expect(201);

  it('a manager reads sales, pickups, scans and stock value as charts and tables, filters a store and downloads CSV', async () => {
    const canal = await fx.location({ name: 'Canal Street' });
    const harbour = await fx.location({ name: 'Harbour Row' });
    const elsewhere = await fx.location({ name: 'Not managed here' });
    const manager = await fx.user('manager', [canal.id, harbour.id]);
    const vase = await fx.stocked(canal, 20, 3450);
    await fx.stock(vase, harbour, 6);
    await fx.stock(vase, elsewhere, 9);
    await sell(manager.headers, canal.id, vase.sku, 2, 'cash');
    await sell(manager.headers, canal.id, vase.sku, 1, 'card');
    await sell(manager.headers, harbour.id, vase.sku, 3, 'card');
    const pickup = await fx.order(canal, vase.sku, 1);
    await t.http().post(`/api/orders/${pickup.id}/ready`).set(manager.headers).send({}).expect(200);
    await t
      .http()
      .post(`/api/orders/${pickup.id}/collect`)
      .set(manager.headers)
      .send({ pickupCode: pickup.pickupCode })
      .expect(200);
    const tag = await t
      .http()
      .post('/api/tags')
      .set(manager.headers)
      .send({ sku: vase.sku, locationId: canal.id });
    for (let i = 0; i < 3; i++) await t.http().get(`/api/scan/${tag.body.code}`).expect(200);
    const sales = (await t.http().get('/api/reports/sales').set(manager.headers).expect(200))
      .body as SalesReportView;
    const value = (await t.http().get('/api/reports/stock-value').set(manager.headers).expect(200))
      .body as StockValueReportView;
    expect(sales.totals.orders).toBe(4);

    const { context: desk, page: office } = await openAdmin(browser, t.url, manager, 'reports');

    // The figures on the page are the API's.
    await expectText(office.getByTestId('sales-total'), `${euros(sales.totals.revenue.amount)}`);
    await expectText(
      office.getByTestId('sales-total'),
      `from ${sales.totals.orders} orders, ${sales.totals.units} units`,
    );
    const salesRows = office.getByTestId('sales-row');
    await expect(salesRows.count()).resolves.toBe(sales.rows.length);
    for (const row of sales.rows) {
      const cells = office.locator(
        `[data-testid=sales-row][data-location-id="${row.locationId}"]:has(td:text-is("${row.paymentMethod}")):has(td:text-is("${row.channel}"))`,
      );
      await expectText(cells, euros(row.revenue.amount));
    }
    for (const row of value.rows) {
      const cells = office.locator(`[data-testid=stock-value-row][data-location-id="${row.locationId}"]`);
      await expectText(cells, euros(row.value.amount));
    }
    await expect(
      office.locator(`[data-testid=stock-value-row][data-location-id="${elsewhere.id}"]`).count(),
    ).resolves.toBe(0);
    // Canal Street's one pickup was made ready and collected: no no-shows.
    await expectText(office.getByTestId('pickups-row').filter({ hasText: 'Canal Street' }), '0.0 %');
    await expectText(office.getByTestId('scans-total'), 'Scans 3 · reservations 1 · 33.3 %');

    // Each chart drew its bars.
    for (const chart of ['sales-chart', 'stock-value-chart', 'scans-chart']) {
      expect({ chart, painted: (await barPixels(office.getByTestId(chart))) > 50 }).toEqual({
        chart,
        painted: true,
      });
    }
    await expectFits(office, 'admin-reports-1280');

    // One store: the tables and charts follow.
    await office.getByTestId('report-location').selectOption(harbour.id);
    await expectText(office.getByTestId('sales-total'), 'from 1 orders, 3 units');
    await expect(office.getByTestId('stock-value-row').count()).resolves.toBe(1);

    // The CSV download is the API's CSV of the same filter.
    const [download] = await Promise.all([
      office.waitForEvent('download'),
      office.locator('[data-testid=report-download][data-report=sales]').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const from = await office.getByTestId('report-from').inputValue();
    const to = await office.getByTestId('report-to').inputValue();
    const api = await t
      .http()
      .get('/api/reports/sales.csv')
      .query({ from, to, locationId: harbour.id })
      .set(manager.headers)
      .expect(200);
    expect(csv).toBe(api.text);
    expect(csv.split('\n')[1]).toContain('Harbour Row');

    await office.setViewportSize({ width: 1920, height: 1080 });
    await expectFits(office, 'admin-reports-1920');
    await desk.close();
  });
});
