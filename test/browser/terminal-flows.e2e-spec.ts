import type { Browser, Page } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityReport } from './support/accessibility';
import {
  blur,
  expectAttribute,
  focusedTestId,
  expectText,
  launchChromium,
  openTerminal,
  scanWithHandheld,
  screenshot,
  TABLET,
  TABLET_WIDE,
  waitForValue,
} from './support/browser';

const NO_PROBLEMS = { unnamed: [], lowContrast: [], noFocusIndicator: [] };

/**
 * The clerk's tablet beyond the order queue: stock lookup by a handheld scanner, adjustments and
 * counts, transfers between stores, a counter sale, a short pick, and QR label sheets. Each test
 * works on its own SKU, so the tests do not depend on each other's stock.
 */
describe('terminal flows in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;
  let riverside: { id: string; name: string };
  let harbour: { id: string; name: string };
  let clerk: { email: string; password: string; headers: { Authorization: string } };
  const LAMP_BARCODE = '8712345678906';

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    fx = new Fixtures(t);
    riverside = await fx.location({ name: 'Riverside' });
    harbour = await fx.location({ name: 'Harbour' });
    clerk = await fx.user('clerk', [riverside.id, harbour.id]);
    await t
      .http()
      .post('/api/products')
      .set(await t.asAdmin())
      .send({
        title: 'Brass desk lamp',
        variants: [{ sku: 'LAMP-01', price: 2400, barcode: LAMP_BARCODE }],
      })
      .expect(201);
    await stockUp('LAMP-01', 8);
    for (const [sku, price, title] of [
      ['VASE-01', 3200, 'Glazed vase'],
      ['JUG-01', 1900, 'Milk jug'],
      ['CUP-01', 850, 'Espresso cup'],
      ['BOWL-01', 1200, 'Cereal bowl'],
    ] as const) {
      const [variant] = await fx.product([sku], price, title);
      await fx.stock(variant, riverside, 10);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function stockUp(sku: string, qty: number) {
    await t
      .http()
      .post(`/api/locations/${riverside.id}/stock/adjustments`)
      .set(await t.asAdmin())
      .set('Idempotency-Key', `stock-${sku}-${qty}-${Math.random()}`)
      .send({ sku, delta: qty, reason: 'receive' })
      .expect(201);
  }

  async function levelOf(locationId: string, sku: string) {
    const response = await t
      .http()
      .get(`/api/locations/${locationId}/stock?sku=${sku}`)
      .set(clerk.headers)
      .expect(200);
    return response.body.items[0] as { onHand: number; reserved: number; available: number };
  }

  const stockRow = (page: Page, sku: string) => page.locator(`[data-testid=stock-row][data-sku="${sku}"]`);
  const tab = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name });

  it('sign-in and store choice are labelled, focus-visible and readable', async () => {
    const context = await browser.newContext({ viewport: TABLET, baseURL: t.url });
    const page = await context.newPage();
    await page.goto('/terminal');
    await page.getByTestId('login-email').waitFor();
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'terminal-login-tablet');
    await page.getByTestId('login-email').fill(clerk.email);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByRole('alert').waitFor();
    await page.getByTestId('login-password').fill(clerk.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('location-select').waitFor();
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'terminal-choose-store-tablet');
    await context.close();
  });

  it('stock lookup by scanning a barcode, then an adjustment with a reason', async () => {
    const { context, page } = await openTerminal(browser, t.url, clerk, riverside.id);
    await tab(page, 'Stock').click();
    await stockRow(page, 'VASE-01').waitFor();

    // The scanner types into the focused search field and ends with Enter.
    await expect(focusedTestId(page)).resolves.toBe('stock-search');
    await page.keyboard.type(LAMP_BARCODE);
    await page.keyboard.press('Enter');
    await stockRow(page, 'VASE-01').waitFor({ state: 'detached' });
    await expectAttribute(stockRow(page, 'LAMP-01'), 'data-available', '8');

    // With no field focused, a scan anywhere on the screen still finds the item.
    await page.getByTestId('stock-search').fill('');
    await page.getByRole('button', { name: 'Find' }).click();
    await stockRow(page, 'VASE-01').waitFor();
    await blur(page);
    await scanWithHandheld(page, LAMP_BARCODE);
    await stockRow(page, 'VASE-01').waitFor({ state: 'detached' });
    await waitForValue(page.getByTestId('stock-search'), LAMP_BARCODE);

    await page.getByLabel('Change (e.g. 5 or -2)').fill('-1');
    await page.getByLabel('Reason').selectOption({ label: 'Damaged / lost' });
    await page.getByLabel('Note (optional)').fill('Dropped while shelving');
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await page.getByRole('button', { name: 'Save adjustment' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: LAMP-01 now 7 on hand.' }).waitFor();
    await expectAttribute(stockRow(page, 'LAMP-01'), 'data-available', '7');
    await page.locator('.history li').filter({ hasText: 'damage' }).first().waitFor();
    await screenshot(page, 'terminal-stock-adjusted-tablet');

    const movements = await t
      .http()
      .get(`/api/locations/${riverside.id}/movements?sku=LAMP-01`)
      .set(clerk.headers)
      .expect(200);
    expect(movements.body.items).toContainEqual(
      expect.objectContaining({ kind: 'damage', onHandDelta: -1, note: 'Dropped while shelving' }),
    );
    await context.close();
  });

  it('a count is refused when the level moved while counting, and accepted when counted again', async () => {
    const { context, page } = await openTerminal(browser, t.url, clerk, riverside.id);
    await tab(page, 'Stock').click();
    await page.getByTestId('stock-search').fill('VASE-01');
    await page.getByTestId('stock-search').press('Enter');
    await expectAttribute(stockRow(page, 'VASE-01'), 'data-available', '10');
    await page.getByRole('radio', { name: 'Set counted' }).check();
    await page.getByLabel('Counted on hand').fill('9');

    // Meanwhile a delivery is booked at another till: the terminal shows the new level live.
    await stockUp('VASE-01', 2);
    await expectAttribute(stockRow(page, 'VASE-01'), 'data-available', '12');
    await page.getByText('The level moved from 10 to 12 while you counted').waitFor();
    await screenshot(page, 'terminal-count-stale-tablet');
    await page.getByRole('button', { name: 'Save adjustment' }).click();
    await page.getByRole('alert').filter({ hasText: 'The level changed while you counted' }).waitFor();
    expect(await levelOf(riverside.id, 'VASE-01')).toMatchObject({ onHand: 12 });

    await page.getByLabel('Counted on hand').fill('11');
    await page.getByRole('button', { name: 'Save adjustment' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: VASE-01 now 11 on hand.' }).waitFor();
    await expectAttribute(stockRow(page, 'VASE-01'), 'data-available', '11');
    expect(await levelOf(riverside.id, 'VASE-01')).toMatchObject({ onHand: 11 });
    await context.close();
  });

  it('a transfer shipped out at one store and received at the other', async () => {
    const { context, page } = await openTerminal(browser, t.url, clerk, riverside.id, TABLET_WIDE);
    await tab(page, 'Transfers').click();
    await page.getByLabel('Destination').selectOption(harbour.id);
    await page.getByRole('searchbox', { name: 'Scan or search an item to add' }).fill('JUG-01');
    await page.getByRole('searchbox', { name: 'Scan or search an item to add' }).press('Enter');
    await page.getByRole('spinbutton', { name: 'Quantity of JUG-01' }).fill('3');
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'terminal-transfer-out-tablet');
    await page.getByRole('button', { name: 'Ship out' }).click();
    await page.getByText(/Transfer \S+ is in transit/).waitFor();
    expect(await levelOf(riverside.id, 'JUG-01')).toMatchObject({ onHand: 7, available: 7 });

    await page.getByTestId('location-select').selectOption(harbour.id);
    await expectText(page.getByTestId('connection-status'), 'online');
    await tab(page, 'Transfers').click();
    const arriving = page.locator('.transfer').filter({ hasText: '3 × JUG-01' });
    await arriving.getByText('from Riverside').waitFor();
    await screenshot(page, 'terminal-transfer-in-tablet');
    await arriving.getByRole('button', { name: 'Receive' }).click();
    await page.getByText(/received into stock/).waitFor();
    await arriving.waitFor({ state: 'detached' });
    expect(await levelOf(harbour.id, 'JUG-01')).toMatchObject({ onHand: 3, available: 3 });
    expect(await fx.ledgerMismatches()).toEqual([]);
    await context.close();
  });

  it('a counter sale takes the stock at once', async () => {
    const { context, page } = await openTerminal(browser, t.url, clerk, riverside.id);
    await tab(page, 'Counter sale').click();
    const addItem = page.getByRole('searchbox', { name: 'Scan or search an item to add' });
    await addItem.fill('CUP-01');
    await addItem.press('Enter');
    await waitForValue(page.getByRole('spinbutton', { name: 'Quantity of CUP-01' }), '1');
    // A second scan of the same item adds one more.
    await blur(page);
    await scanWithHandheld(page, 'CUP-01');
    await waitForValue(page.getByRole('spinbutton', { name: 'Quantity of CUP-01' }), '2');
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'terminal-sale-tablet');
    await page.getByRole('button', { name: 'Record sale of 2 items' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Sale #\S+ done: €17\.00/ })
      .waitFor();
    expect(await levelOf(riverside.id, 'CUP-01')).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
    await context.close();
  });

  it('picking: a line marked short, then ready, and handed over by scanning the pickup QR', async () => {
    const placed = await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', 'short-pick-order')
      .send({
        lines: [{ sku: 'BOWL-01', qty: 3 }],
        fulfillment: { type: 'pickup', locationId: riverside.id },
        customer: { name: 'Margaret Hamilton', email: 'margaret@example.com' },
        payment: 'at_pickup',
      })
      .expect(201);
    const { context, page } = await openTerminal(browser, t.url, clerk, riverside.id);
    const card = page.locator(`[data-testid=order-card][data-order-number="${placed.body.number}"]`);
    await card.click();
    await page.getByRole('button', { name: 'Short…' }).click();
    await page.getByRole('spinbutton', { name: 'Units of BOWL-01 found' }).fill('1');
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'BOWL-01: only 1 found.' }).waitFor();
    const order = await t.http().get(`/api/orders/${placed.body.id}`).set(clerk.headers).expect(200);
    expect(order.body.lines).toEqual([expect.objectContaining({ sku: 'BOWL-01', qty: 1, status: 'short' })]);
    await page.locator('.line-short').getByText('short', { exact: true }).waitFor();
    await screenshot(page, 'terminal-order-short-tablet');

    await page.getByTestId('order-ready').click();
    await expectAttribute(card, 'data-status', 'ready');
    // The customer shows their pickup QR; the clerk scans it with the handheld from anywhere.
    await blur(page);
    await scanWithHandheld(page, `pickup:${placed.body.id}:${placed.body.pickupCode}`);
    await waitForValue(page.getByTestId('pickup-code-input'), placed.body.pickupCode);
    await page.getByTestId('order-collect').click();
    await card.waitFor({ state: 'detached' });
    const collected = await t.http().get(`/api/orders/${placed.body.id}`).set(clerk.headers).expect(200);
    expect(collected.body.status).toBe('collected');
    await context.close();
  });

  it('prints a QR label sheet with a code and the price of each item', async () => {
    const { context, page } = await openTerminal(browser, t.url, clerk, riverside.id, TABLET);
    await tab(page, 'Labels').click();
    const addItem = page.getByRole('searchbox', { name: 'Scan or search an item to add' });
    for (const sku of ['LAMP-01', 'VASE-01']) {
      await addItem.fill(sku);
      await addItem.press('Enter');
      await page.getByRole('button', { name: `Remove ${sku}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Prepare 2 labels' }).click();
    const sheet = page.frameLocator('#label-sheet');
    await sheet.locator('svg').nth(1).waitFor();
    expect(await sheet.locator('svg').count()).toBe(2);
    await sheet.getByText('€24.00').waitFor();
    await sheet.getByText('€32.00').waitFor();
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'terminal-labels-tablet');
    await context.close();
  });
});
