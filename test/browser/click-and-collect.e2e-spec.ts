import type { Browser } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import {
  expectAttribute,
  expectText,
  launchChromium,
  openTerminal,
  phoneContext,
  PHONE,
  screenshot,
  TABLET,
  TABLET_WIDE,
} from './support/browser';
import { CuttableProxy } from './support/cuttable-proxy';

/**
 * The pages in a real browser: a shopper reserves from a shelf tag on a phone while the clerk's
 * tablet terminal, already open, sees the order arrive live, readies it and hands it over.
 */
describe('click-and-collect in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;
  let proxy: CuttableProxy;
  let store: { id: string; name: string };
  let clerk: { email: string; password: string };
  const sku = 'MUG-BLUE';

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    fx = new Fixtures(t);
    store = await fx.location({ name: 'Riverside' });
    const other = await fx.location({ name: 'Harbour' });
    const [mug] = await fx.product([sku], 1450, 'Blue enamel mug');
    await fx.stock(mug, store, 5);
    await fx.stock(mug, other, 2);
    clerk = await fx.user('clerk', [store.id]);
    const { port } = new URL(t.url);
    proxy = await new CuttableProxy({ host: '127.0.0.1', port: Number(port) }).start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await t?.close();
  });

  async function issueTag(): Promise<string> {
    const response = await t
      .http()
      .post('/api/tags')
      .set(await t.asAdmin())
      .send({ sku, locationId: store.id })
      .expect(201);
    return response.body.code;
  }

  async function placePickupOrder(name: string): Promise<{ number: string }> {
    const response = await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', `k-${name}`)
      .send({
        lines: [{ sku, qty: 1 }],
        fulfillment: { type: 'pickup', locationId: store.id },
        customer: { name, email: `${name.toLowerCase()}@example.com` },
        payment: 'at_pickup',
      })
      .expect(201);
    return response.body;
  }

  it('journey: scan a tag, reserve, the terminal sees it live, ready, verified handover, new stock on both', async () => {
    const terminal = await openTerminal(browser, t.url, clerk, store.id);
    await screenshot(terminal.page, 'terminal-orders-empty-tablet');

    const code = await issueTag();
    const shopper = await phoneContext(browser, t.url);
    const phone = await shopper.newPage();
    await phone.goto(`/s/${code}`);
    await expectText(phone.getByTestId('product-title'), 'Blue enamel mug');
    await expectText(phone.getByTestId('price'), '14.50');
    await expectText(phone.getByTestId('available-here'), '5');
    expect(await phone.getByTestId('location-availability').count()).toBeGreaterThanOrEqual(2);
    await screenshot(phone, 'scan-page-phone');

    // A second tab on the phone keeps the scan page open: its figure follows the stock live.
    const shelf = await shopper.newPage();
    await shelf.goto(`/s/${code}`);
    await expectText(shelf.getByTestId('available-here'), '5');

    await phone.getByTestId('reserve-here').click();
    await phone.getByTestId('customer-name').fill('Ada Lovelace');
    await phone.getByTestId('customer-email').fill('ada@example.com');
    await screenshot(phone, 'scan-page-reserve-phone');
    await phone.getByTestId('place-order').click();
    await phone.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}\?token=/);
    await expectText(phone.getByTestId('order-status'), 'placed');
    const pickupCode = (await phone.getByTestId('pickup-code').textContent())!.trim();
    expect(pickupCode.length).toBeGreaterThanOrEqual(4);
    await expect(
      phone.getByTestId('pickup-qr').evaluate((img) => {
        const image = img as unknown as { complete: boolean; naturalWidth: number };
        return image.complete && image.naturalWidth > 0;
      }),
    ).resolves.toBe(true);
    await screenshot(phone, 'order-page-placed-phone');
    await expectText(shelf.getByTestId('available-here'), '4');

    // The clerk's terminal, open all along, shows the new order without a reload.
    const card = terminal.page.getByTestId('order-card').filter({ hasText: 'Ada Lovelace' });
    await card.waitFor();
    const number = await card.getAttribute('data-order-number');
    expect(await card.getAttribute('data-status')).toBe('placed');
    await card.click();
    await screenshot(terminal.page, 'terminal-order-detail-tablet');
    await terminal.page.getByTestId('order-ready').click();
    await expectAttribute(
      terminal.page.locator(`[data-testid=order-card][data-order-number="${number}"]`),
      'data-status',
      'ready',
    );

    await expectText(phone.getByTestId('order-status'), 'ready', 15_000);
    await screenshot(phone, 'order-page-ready-phone');

    // A wrong code is refused; the right one hands the order over.
    await terminal.page.getByTestId('pickup-code-input').fill('WRONG1');
    await terminal.page.getByTestId('order-collect').click();
    await terminal.page.getByRole('alert').filter({ hasText: /code/i }).waitFor();
    await terminal.page.getByTestId('pickup-code-input').fill(pickupCode);
    await terminal.page.getByTestId('order-collect').click();
    await terminal.page
      .locator(`[data-testid=order-card][data-order-number="${number}"]`)
      .waitFor({ state: 'detached' });
    await expectText(phone.getByTestId('order-status'), 'collected', 15_000);

    // Both pages show the new stock: 4 left (5 - 1 sold), nothing reserved any more.
    await terminal.page.getByRole('button', { name: 'Stock' }).click();
    await terminal.page.getByTestId('stock-search').fill(sku);
    await terminal.page.getByTestId('stock-search').press('Enter');
    const row = terminal.page.locator(`[data-testid=stock-row][data-sku="${sku}"]`);
    await expectAttribute(row, 'data-available', '4');
    await expectText(row.locator('td').nth(1), '4');
    await screenshot(terminal.page, 'terminal-stock-tablet');
    await expectText(shelf.getByTestId('available-here'), '4');
    await phone.goto(`/s/${code}`);
    await expectText(phone.getByTestId('available-here'), '4');
    expect(await fx.ledgerMismatches()).toEqual([]);
    await shopper.close();
    await terminal.context.close();
  });

  it('the terminal survives its connection being cut while orders arrive, and then lists them all', async () => {
    const terminal = await openTerminal(browser, proxy.url, clerk, store.id, TABLET_WIDE);
    proxy.cut();
    await expectText(terminal.page.getByTestId('connection-status'), 'offline');
    const placed = [];
    for (const name of ['Grace', 'Linus', 'Barbara']) placed.push(await placePickupOrder(name));
    await screenshot(terminal.page, 'terminal-offline-tablet');
    proxy.restore();
    await expectText(terminal.page.getByTestId('connection-status'), 'online', 30_000);
    for (const order of placed) {
      await terminal.page
        .locator(`[data-testid=order-card][data-order-number="${order.number}"]`)
        .waitFor({ timeout: 15_000 });
    }
    await screenshot(terminal.page, 'terminal-resumed-tablet');
    await terminal.context.close();
  });

  it('renders the shop pages for phones and desktops', async () => {
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['tablet', TABLET],
    ] as const) {
      const context = await browser.newContext({ viewport, baseURL: t.url });
      const page = await context.newPage();
      await page.goto('/shop');
      await page.getByText('Blue enamel mug').first().waitFor();
      await screenshot(page, `shop-home-${label}`);
      await page.getByText('Blue enamel mug').first().click();
      await page.getByTestId('product-title').waitFor();
      await page.locator('[data-testid=location-availability]').first().waitFor();
      await screenshot(page, `shop-product-${label}`);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.goto('/shop/cart');
      await page.getByText('Pick up today at Riverside').waitFor();
      await screenshot(page, `shop-cart-${label}`);
      await context.close();
    }
  });
});
