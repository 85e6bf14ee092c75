import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Location } from '../../src/locations/location.entity';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectText, launchChromium, screenshot } from './support/browser';
import { expectFits, HANDHELD } from './support/fit';

const SIZES = [HANDHELD, { width: 390, height: 844 }, { width: 1366, height: 900 }];

/**
 * The cart and checkout as a shopper meets them: a line that sells out at the chosen store while it
 * sits in the cart is named in words with a one-tap way to the nearest store that has it; quantities
 * never delete a line by accident and Remove has an Undo; the checkout answers in plain words per field.
 */
describe('the shop cart and checkout in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;
  let jordaan: Location;
  let harbour: Location;
  let coatProductId: string;
  let coat: { id: string; sku: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    fx = new Fixtures(t);
    // Harbour is a few hundred metres from Jordaan, Zuid further away: the nearest alternative is Harbour.
    jordaan = await fx.location({ name: 'Jordaan', lat: 52.375, lng: 4.88 });
    harbour = await fx.location({ name: 'Harbour', lat: 52.378, lng: 4.9 });
    const zuid = await fx.location({ name: 'Zuid', lat: 52.33, lng: 4.87 });
    // Made as an admin makes it, so the shop shows the names a shopper sees (never the SKU).
    const created = await t
      .http()
      .post('/api/products')
      .set(await t.asAdmin())
      .send({ title: 'Rain coat', variants: [{ sku: 'COAT-OCHRE', price: 8995 }] })
      .expect(201);
    coat = created.body.variants[0];
    coatProductId = created.body.id;
    await fx.stock(coat, harbour, 10);
    await fx.stock(coat, zuid, 10);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await t?.close();
  });

  async function shopper(viewport = HANDHELD): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: t.url, locale: 'en-GB' });
    contexts.push(context);
    return context.newPage();
  }

  async function coatInCart(page: Page, qty = 1): Promise<void> {
    await page.goto(`/shop/products/${coatProductId}`);
    for (let i = 1; i < qty; i++) await page.getByRole('button', { name: 'One more' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto('/shop/cart');
    await page.locator('[data-testid="cart-line"]').first().waitFor();
  }

  /** Another shopper buys what Jordaan has left, through the API, while the page stays open. */
  async function sellOutAtJordaan(qty: number): Promise<void> {
    await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', `sell-out-${Date.now()}`)
      .send({
        lines: [{ sku: coat.sku, qty }],
        fulfillment: { type: 'pickup', locationId: jordaan.id },
        customer: { name: 'Someone else', email: 'else@example.com' },
        payment: 'at_pickup',
      })
      .expect(201);
  }

  const cartLines = (page: Page) =>
    page.evaluate<Array<{ sku: string; qty: number }>>(
      `JSON.parse(localStorage.getItem('o2o.shop.cart') ?? '[]')`,
    );

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}: sold out at the chosen store while in the cart → told in words, one tap to the nearest store, and the order goes through`, async () => {
      await fx.stock(coat, jordaan, 1);
      const page = await shopper(size);
      await coatInCart(page);
      await page.getByRole('radio', { name: 'Pick up today at Jordaan' }).check();
      // Every choice is as easy to tap, however many lines its label takes (ready-by under a store).
      const radioWidths = await page.evaluate(
        `[...document.querySelectorAll('input[type=radio]')].map((radio) => radio.getBoundingClientRect().width)`,
      );
      expect(new Set(radioWidths as number[]).size).toBe(1);
      await page.getByTestId('customer-name').fill('Fenna de Vries');
      await page.getByTestId('customer-email').fill('fenna@example.com');
      await expectText(page.getByTestId('line-availability'), '1 left at Jordaan');

      await sellOutAtJordaan(1);
      const problem = page.getByTestId('cart-problem');
      await expectText(problem, 'Rain coat has just sold out at Jordaan.');
      expect(await problem.textContent()).not.toContain('COAT-OCHRE');
      await expectText(page.getByTestId('line-availability'), 'Sold out at Jordaan');
      // The choice stays where the shopper left it, and nothing can be ordered from there.
      expect(await page.getByRole('radio', { name: 'Pick up today at Jordaan' }).isChecked()).toBe(true);
      expect(await page.getByTestId('place-order').count()).toBe(0);
      await expectFits(page, `shop-cart-sold-out-${size.width}`);

      await page.getByRole('button', { name: 'Pick up at Harbour instead' }).click();
      expect(await page.getByRole('radio', { name: 'Pick up today at Harbour' }).isChecked()).toBe(true);
      expect(await page.getByTestId('cart-problem').count()).toBe(0);
      // What was typed is still there: one tap, and the order goes through.
      expect(await page.getByTestId('customer-name').inputValue()).toBe('Fenna de Vries');
      await page.getByTestId('place-order').click();
      await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}\?token=/);
      await expectText(page.getByTestId('order-status'), 'placed');
      const url = new URL(page.url());
      const order = await t
        .http()
        .get(url.pathname.replace('/shop', '/api'))
        .set('X-Order-Token', url.searchParams.get('token')!)
        .expect(200);
      expect(order.body.fulfillment).toMatchObject({ type: 'pickup', locationId: harbour.id });
      // The confirmation names the store to come to, with its address.
      await expectText(page.getByTestId('pickup-store'), `Harbour${harbour.address.line1}`);
      expect(order.body.lines).toEqual([expect.objectContaining({ sku: coat.sku, qty: 1 })]);
    }, 90_000);
  }

  it('Backspace in a quantity leaves the line; Remove takes it out and Undo puts it back', async () => {
    const page = await shopper();
    await coatInCart(page, 2);
    const quantity = page.getByRole('spinbutton', { name: 'Quantity of Rain coat' });
    expect(await quantity.inputValue()).toBe('2');
    await quantity.click();
    await quantity.press('End');
    await quantity.press('Backspace');
    expect(await quantity.inputValue()).toBe('');
    await quantity.press('Backspace');
    expect(await page.getByTestId('cart-line').count()).toBe(1);
    expect(await cartLines(page)).toEqual([expect.objectContaining({ sku: coat.sku, qty: 2 })]);
    // Leaving the emptied field shows the quantity again; typing a number changes it.
    await page.getByRole('heading', { name: 'Cart' }).click();
    expect(await quantity.inputValue()).toBe('2');
    await quantity.fill('3');
    await expectText(page.locator('.total'), '€269.85');
    expect(await cartLines(page)).toEqual([expect.objectContaining({ sku: coat.sku, qty: 3 })]);

    await page.getByTestId('remove-line').click();
    await page.getByRole('heading', { name: 'Your cart is empty' }).waitFor();
    await expectText(page.getByTestId('undo-remove'), 'Removed Rain coat from your cart.');
    await screenshot(page, 'shop-cart-removed-undo');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByTestId('cart-line').waitFor();
    expect(await quantity.inputValue()).toBe('3');
    expect(await cartLines(page)).toEqual([expect.objectContaining({ sku: coat.sku, qty: 3 })]);
  }, 60_000);

  it('checkout: each refused field says why beside it, a wrong postcode for the country is refused, the confirmation shows the address', async () => {
    const page = await shopper();
    await coatInCart(page);
    await page.getByRole('radio', { name: 'Ship to my address' }).check();
    const fieldError = (field: string) => page.locator(`[data-testid="field-error"][data-field="${field}"]`);
    const ordersBefore = (await fx.level(coat.id, harbour.id))!.reserved;

    await page.getByTestId('place-order').click();
    expect(await fieldError('name').textContent()).toBe('Please enter your name.');
    expect(await fieldError('email').textContent()).toBe(
      'Please enter your email address, like name@example.com.',
    );
    expect(await fieldError('line1').textContent()).toBe('Please enter the street and house number.');
    expect(await fieldError('city').textContent()).toBe('Please enter the town or city.');
    expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');

    // The country is chosen by name from a list; the postcode must fit it.
    await page.getByTestId('customer-name').fill('Fenna de Vries');
    await page.getByTestId('customer-email').fill('fenna@example');
    await page.getByLabel('Street and number').fill('Prinsengracht 263');
    await page.getByLabel('City').fill('Amsterdam');
    expect(await page.getByTestId('ship-country').locator('option:checked').textContent()).toBe(
      'Netherlands',
    );
    await page.getByTestId('place-order').click();
    expect(await fieldError('postalCode').textContent()).toBe('Please enter the postcode.');
    await page.getByLabel('Postal code').fill('10166');
    await page.getByTestId('place-order').click();
    expect(await fieldError('email').textContent()).toBe(
      'Please enter your email address, like name@example.com.',
    );
    expect(await fieldError('postalCode').textContent()).toBe(
      'This postcode does not fit the country chosen (Netherlands): it looks like 1016 GV.',
    );
    expect(await fieldError('name').count()).toBe(0);
    await expectFits(page, 'shop-checkout-field-errors');
    expect((await fx.level(coat.id, harbour.id))!.reserved).toBe(ordersBefore);

    // Belgium: a Dutch postcode is not one there either; a Belgian one is.
    await page.getByTestId('customer-email').fill('fenna@example.com');
    await page.getByTestId('ship-country').selectOption({ label: 'Belgium' });
    await page.getByLabel('Postal code').fill('1016 GV');
    await page.getByTestId('place-order').click();
    expect(await fieldError('postalCode').textContent()).toBe(
      'This postcode does not fit the country chosen (Belgium): it looks like 1000.',
    );
    await page.getByLabel('Postal code').fill('1000');
    await page.getByLabel('City').fill('Brussel');
    await page.getByTestId('place-order').click();
    await page.getByTestId('pay-approve').click();
    await page.waitForURL(/\/shop\/orders\//);
    const shipTo = page.getByTestId('ship-address');
    await expectText(shipTo, 'Prinsengracht 263');
    expect(await shipTo.textContent()).toContain('1000 Brussel');
    expect(await shipTo.textContent()).toContain('Belgium');
    await screenshot(page, 'shop-checkout-shipped-confirmation');
  }, 90_000);
});
