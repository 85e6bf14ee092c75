import type { Browser, Page } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityReport } from './support/accessibility';
import {
  expectAttribute,
  expectText,
  launchChromium,
  phoneContext,
  screenshot,
  TABLET,
} from './support/browser';

const NO_PROBLEMS = { unnamed: [], lowContrast: [], noFocusIndicator: [] };
const ADDRESS = { line1: 'Prinsengracht 263', postalCode: '1016 GV', city: 'Amsterdam' };

/**
 * The online shop as a shopper uses it on a phone: search, a product's live availability per store
 * (nearest first once they share their location), cart, checkout for pickup or shipping, the order
 * page with its pickup code, and cancellation; and the scan page when the shelf is empty.
 */
describe('storefront in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;
  let riverside: { id: string; name: string };
  let harbour: { id: string; name: string };
  const towel = 'TOWEL-NAT';
  const opener = 'OPENER-BRASS';

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    fx = new Fixtures(t);
    // Riverside lies south of the shopper, Harbour next to them; the warehouse only ships.
    riverside = await fx.location({ name: 'Riverside', lat: 52.3, lng: 4.85 });
    harbour = await fx.location({ name: 'Harbour', lat: 52.401, lng: 4.951 });
    const warehouse = await fx.location({ name: 'Depot', type: 'warehouse', pickupEnabled: false });
    const [towelVariant] = await fx.product([towel], 995, 'Linen tea towel');
    const [openerVariant] = await fx.product([opener], 1250, 'Brass bottle opener');
    await fx.stock(towelVariant, riverside, 4);
    await fx.stock(towelVariant, harbour, 3);
    await fx.stock(towelVariant, warehouse, 10);
    await fx.stock(openerVariant, harbour, 2);
    await fx.stock(openerVariant, warehouse, 5);
    for (const [sku, price, title] of [
      ['MUG-SAGE', 1450, 'Stoneware mug, sage'],
      ['BOARD-OAK', 3900, 'Oak serving board'],
      ['CANDLE-FIG', 1800, 'Fig leaf candle'],
    ] as const) {
      const [variant] = await fx.product([sku], price, title);
      await fx.stock(variant, riverside, 6);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const row = (page: Page, locationId: string) =>
    page.locator(`[data-testid=location-availability][data-location-id="${locationId}"]`);

  async function fillCustomer(page: Page, name: string) {
    await page.getByTestId('customer-name').fill(name);
    await page.getByTestId('customer-email').fill(`${name.split(' ')[0].toLowerCase()}@example.com`);
  }

  async function fillAddress(page: Page) {
    await page.getByLabel('Street and number').fill(ADDRESS.line1);
    await page.getByLabel('Postal code').fill(ADDRESS.postalCode);
    await page.getByLabel('City').fill(ADDRESS.city);
  }

  /** The order the page shows, read back through the API with the token from its URL. */
  async function orderShownOn(page: Page) {
    await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}\?token=/);
    const url = new URL(page.url());
    const response = await t
      .http()
      .get(url.pathname.replace('/shop', '/api'))
      .set('X-Order-Token', url.searchParams.get('token')!)
      .expect(200);
    return response.body;
  }

  it('search, nearest store first, cart, pickup checkout, order page with code and QR, cancel returns the stock', async () => {
    const shopper = await phoneContext(browser, t.url, {
      geolocation: { latitude: 52.4, longitude: 4.95 },
      permissions: ['geolocation'],
    });
    const page = await shopper.newPage();
    await page.goto('/shop');
    await page.getByText('Oak serving board').waitFor();
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await page.getByRole('searchbox', { name: 'Search products' }).fill('towel');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/shop\?q=towel$/);
    await page.getByRole('link', { name: /Oak serving board/ }).waitFor({ state: 'detached' });
    await screenshot(page, 'shop-search-phone');
    await page.getByRole('link', { name: /Linen tea towel/ }).click();

    await expectText(page.getByTestId('product-title'), 'Linen tea towel');
    await expectText(page.getByTestId('price'), '9.95');
    await expectAttribute(row(page, riverside.id), 'data-available', '4');
    await expectAttribute(row(page, harbour.id), 'data-available', '3');
    await page.getByRole('button', { name: 'Nearest stores first' }).click();
    await expectAttribute(page.getByTestId('location-availability').first(), 'data-location-id', harbour.id);
    await page.getByText('Pick up today at Harbour: 3 left').waitFor();
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'shop-product-near-phone');

    // A second tab keeps the product page open: its figures follow the stock live.
    const watcher = await shopper.newPage();
    await watcher.goto(page.url());
    await expectAttribute(row(watcher, harbour.id), 'data-available', '3');

    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Go to cart and check out' }).click();
    await page.getByRole('radio', { name: 'Pick up today at Harbour' }).check();
    await fillCustomer(page, 'Ada Lovelace');
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'shop-checkout-pickup-phone');
    await page.getByTestId('place-order').click();

    const order = await orderShownOn(page);
    expect(order.fulfillment).toEqual({ type: 'pickup', locationId: harbour.id });
    await expectText(page.getByTestId('order-status'), 'placed');
    await expectText(page.getByTestId('pickup-code'), order.pickupCode);
    await expect(imageLoaded(page, 'pickup-qr')).resolves.toBe(true);
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'shop-order-pickup-phone');
    await expectAttribute(row(watcher, harbour.id), 'data-available', '2');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await expectText(page.getByTestId('order-status'), 'cancelled');
    await page.getByTestId('pickup-code').waitFor({ state: 'detached' });
    await screenshot(page, 'shop-order-cancelled-phone');

    // The stock is back: live on the open tab, and on a fresh load of the product page.
    await expectAttribute(row(watcher, harbour.id), 'data-available', '3');
    await page.goBack();
    await page.goto(watcher.url());
    await expectAttribute(row(page, harbour.id), 'data-available', '3');
    expect(await fx.ledgerMismatches()).toEqual([]);
    await shopper.close();
  });

  it('checkout choosing shipping: the address goes with the order and the page shows no pickup code', async () => {
    const shopper = await browser.newContext({ viewport: TABLET, baseURL: t.url });
    const page = await shopper.newPage();
    await page.goto('/shop?q=towel');
    await page.getByRole('link', { name: /Linen tea towel/ }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('spinbutton', { name: 'Quantity of Linen tea towel' }).fill('2');
    await page.getByRole('radio', { name: 'Ship to my address' }).check();
    await fillCustomer(page, 'Grace Hopper');
    await fillAddress(page);
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'shop-checkout-ship-tablet');
    await page.getByTestId('place-order').click();
    // Shipping is paid online: the provider's page, then back to the order.
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}\?return=/);
    await page.getByTestId('pay-approve').click();

    const order = await orderShownOn(page);
    expect(order.fulfillment).toMatchObject({ type: 'ship', address: ADDRESS });
    expect(order.lines).toEqual([expect.objectContaining({ sku: towel, qty: 2 })]);
    await expectText(page.getByTestId('order-status'), 'placed');
    await page.getByText('Shipping', { exact: false }).first().waitFor();
    expect(await page.getByTestId('pickup-code').count()).toBe(0);
    await screenshot(page, 'shop-order-ship-tablet');
    // The cart is empty once the order is placed.
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('heading', { name: 'Your cart is empty' }).waitFor();
    await shopper.close();
  });

  it('scan page of an empty shelf: nothing to reserve here, nearby stores and "Ship to me"', async () => {
    const tag = await t
      .http()
      .post('/api/tags')
      .set(await t.asAdmin())
      .send({ sku: opener, locationId: riverside.id })
      .expect(201);
    const shopper = await phoneContext(browser, t.url);
    const page = await shopper.newPage();
    await page.goto(`/s/${tag.body.code}`);
    await expectText(page.getByTestId('product-title'), 'Brass bottle opener');
    await expectText(page.getByTestId('available-here'), '0');
    await page.getByText('Out of stock in this store').waitFor();
    expect(await page.getByTestId('reserve-here').count()).toBe(0);
    await expectAttribute(row(page, harbour.id), 'data-available', '2');
    await page.getByText('7 available online').waitFor();
    expect(await accessibilityReport(page)).toEqual(NO_PROBLEMS);
    await screenshot(page, 'scan-page-out-of-stock-phone');

    await page.getByRole('button', { name: 'Ship to me' }).click();
    await fillCustomer(page, 'Linus Torvalds');
    await fillAddress(page);
    await screenshot(page, 'scan-page-ship-phone');
    await page.getByTestId('place-order').click();
    await page.getByTestId('pay-approve').click();
    const order = await orderShownOn(page);
    expect(order.fulfillment).toMatchObject({ type: 'ship', address: ADDRESS });
    expect(order.fulfillment.locationId).not.toBe(riverside.id);
    await expectText(page.getByTestId('order-status'), 'placed');
    await shopper.close();
  });

  it('an open scan page shows a new price without a reload', async () => {
    const [variant] = await fx.product(['VASE-BLUE'], 2450, 'Blue glass vase');
    await fx.stock(variant, riverside, 2);
    const admin = await t.asAdmin();
    const tag = await t
      .http()
      .post('/api/tags')
      .set(admin)
      .send({ sku: variant.sku, locationId: riverside.id });
    const shopper = await phoneContext(browser, t.url);
    const page = await shopper.newPage();
    await page.goto(`/s/${tag.body.code}`);
    await expectText(page.getByTestId('price'), '€24.50');
    await expectText(page.getByTestId('available-here'), '2');
    await t.http().patch(`/api/variants/${variant.sku}`).set(admin).send({ price: 1995 }).expect(200);
    await expectText(page.getByTestId('price'), '€19.95');
    await shopper.close();
  });
});

function imageLoaded(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((img) => {
    const image = img as unknown as { complete: boolean; naturalWidth: number };
    return image.complete && image.naturalWidth > 0;
  });
}
