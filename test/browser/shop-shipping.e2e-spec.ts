import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OrderView } from '@o2o/contracts';
import { DataSource } from 'typeorm';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectText, launchChromium } from './support/browser';
import { expectFits, HANDHELD } from './support/fit';

const SIZES = [HANDHELD, { width: 390, height: 844 }, { width: 1366, height: 900 }];
/** Intl's Dutch euro amount: the sign, a non-breaking space, a decimal comma. */
const nbsp = '\u00a0';

/**
 * Shipping in the shop (issue 18): before paying, the checkout shows the shipping fee, the total with
 * it and the delivery window (from the server's quote); the order page after paying shows the same
 * fee, total and window, in English or Dutch, and every page fits the phone and the desktop.
 */
describe('shipping cost and delivery estimate in the shop', () => {
  let t: TestApp;
  let browser: Browser;
  let productId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp({ SHIP_FEE: '495', SHIP_FREE_FROM: '5000' });
    const fx = new Fixtures(t);
    const warehouse = await fx.location({ name: 'Warehouse', type: 'warehouse', pickupEnabled: false });
    const [towel] = await fx.product(['TOWEL-LINEN'], 1250, 'Linen tea towel');
    await fx.stock(towel, warehouse, 100);
    productId = towel.productId;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await t?.close();
  });

  async function shopper(viewport: { width: number; height: number }, locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: t.url, locale });
    contexts.push(context);
    return context.newPage();
  }

  /** A towel in the cart (`qty` of them), shipping chosen: the quote is on screen. */
  async function shipCart(page: Page, labels: { add: string; ship: string }, qty = 1) {
    await page.goto(`/shop/products/${productId}`);
    await page.getByRole('button', { name: labels.add }).click();
    await page.goto('/shop/cart');
    if (qty > 1) await page.getByRole('spinbutton').fill(String(qty));
    await page.getByRole('radio', { name: labels.ship }).check();
    await page.getByTestId('shipping-quote').waitFor();
  }

  async function fillAndPay(page: Page): Promise<OrderView> {
    await page.getByTestId('customer-name').fill('Fenna de Vries');
    await page.getByTestId('customer-email').fill('fenna@example.com');
    await page.locator('input[autocomplete=address-line1]').fill('Prinsengracht 263');
    await page.locator('input[autocomplete=postal-code]').fill('1016 gv'); // kept as the post writes it
    await page.locator('input[autocomplete=address-level2]').fill('Amsterdam');
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}\?return=/);
    await page.getByTestId('pay-approve').click();
    await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}/);
    await page.getByTestId('order-total').waitFor();
    const url = new URL(page.url());
    const id = url.pathname.split('/').pop()!;
    const token = url.searchParams.get('token')!;
    return (await t.http().get(`/api/orders/${id}`).set('X-Order-Token', token).expect(200)).body;
  }

  /** The language the order's emails go out in: the one the shopper was reading. */
  const mailLanguageOf = async (order: OrderView) =>
    (
      await t.app
        .get(DataSource)
        .query(
          `SELECT customer_locale FROM orders WHERE id = ${t.config.database.type === 'postgres' ? '$1' : '?'}`,
          [order.id],
        )
    )[0].customer_locale;

  /** The day numbers of an estimate, each shown in the window ("Wed 2 – Thu 3 Dec"). */
  const dayNumbers = (estimate: { from: string; to: string }) =>
    [estimate.from, estimate.to].map((iso) => String(Number(iso.slice(8, 10))));

  it.each(SIZES)(
    'checkout and order page show the fee, the total and the delivery window at $width×$height',
    async (size) => {
      const page = await shopper(size);
      await shipCart(page, { add: 'Add to cart', ship: 'Ship to my address' });
      await expectText(page.getByTestId('shipping-fee'), '€4.95');
      await expectText(page.getByTestId('checkout-total'), '€17.45');
      expect(await page.getByTestId('shipping-quote').innerText()).toContain('Free shipping from €50.00');
      const quoted = await page.getByTestId('delivery-estimate').innerText();
      expect(quoted).toMatch(/^Expected delivery: /);
      await page.getByTestId('customer-name').waitFor();
      await expectFits(page, `shop-checkout-shipping-${size.width}`);

      const order = await fillAndPay(page);
      expect(order).toMatchObject({
        subtotal: { amount: 1250 },
        shippingFee: { amount: 495 },
        total: { amount: 1745 },
        payment: { amount: { amount: 1745 }, status: 'authorized' },
        fulfillment: { address: { postalCode: '1016 GV' } },
      });
      expect(await mailLanguageOf(order)).toBe('en');
      await expectText(page.getByTestId('shipping-fee'), '€4.95');
      await expectText(page.getByTestId('order-total'), '€17.45');
      const shown = await page.getByTestId('delivery-estimate').innerText();
      expect(shown).toBe(quoted); // the window quoted is the one the order promises
      for (const day of dayNumbers(order.deliveryEstimate!)) expect(shown).toContain(day);
      await expectFits(page, `shop-order-shipping-${size.width}`);
    },
  );

  it('ships free from €50: the quote says Free and the total is the lines', async () => {
    const page = await shopper(HANDHELD);
    await shipCart(page, { add: 'Add to cart', ship: 'Ship to my address' }, 4);
    await expectText(page.getByTestId('shipping-fee'), 'Free');
    await expectText(page.getByTestId('checkout-total'), '€50.00');
    expect(await page.getByTestId('shipping-quote').innerText()).not.toContain('Free shipping from');
  });

  it('speaks Dutch: Verzendkosten € 4,95 and the window in Dutch words', async () => {
    const page = await shopper({ width: 390, height: 844 }, 'nl-NL');
    await shipCart(page, { add: 'In winkelwagen', ship: 'Bezorgen op mijn adres' });
    const quote = await page.getByTestId('shipping-quote').innerText();
    expect(quote).toContain('Verzendkosten');
    await expectText(page.getByTestId('shipping-fee'), `€${nbsp}4,95`);
    await expectText(page.getByTestId('checkout-total'), `€${nbsp}17,45`);
    expect(await page.getByTestId('delivery-estimate').innerText()).toMatch(
      /^Verwachte levering: (ma|di|wo|do|vr)/,
    );
    await expectFits(page, 'shop-checkout-shipping-nl-390');
    const order = await fillAndPay(page);
    expect(await mailLanguageOf(order)).toBe('nl');
    const shown = await page.getByTestId('delivery-estimate').innerText();
    expect(shown).toMatch(/^Verwachte levering: /);
    for (const day of dayNumbers(order.deliveryEstimate!)) expect(shown).toContain(day);
    await expectFits(page, 'shop-order-shipping-nl-390');
  });
});
