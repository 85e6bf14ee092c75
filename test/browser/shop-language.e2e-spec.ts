import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectText, launchChromium, screenshot } from './support/browser';
import { expectFits, HANDHELD } from './support/fit';

const SIZES = [HANDHELD, { width: 390, height: 844 }, { width: 1366, height: 900 }];
const RETAILER = 'Kanaal & Co';
/** Intl's Dutch euro amount: the sign, a non-breaking space, a decimal comma. */
const DUTCH_PRICE = '€\u00a089,95';
/** Open every afternoon and evening: whenever the test runs, the pickup promise is after 13:00. */
const AFTERNOONS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['13:00', '23:00']]]),
);

/**
 * The shop speaks the shopper's language: Dutch when the browser asks for it (Accept-Language), with
 * Dutch prices and a 24-hour clock, English otherwise; a visible switch that is remembered; the
 * retailer's name as the brand and a title per page; problems in plain words.
 */
describe('the shop in Dutch and English', () => {
  let t: TestApp;
  let browser: Browser;
  let productId: string;
  let tagCode: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp({ RETAILER_NAME: RETAILER });
    const fx = new Fixtures(t);
    const store = await fx.location({ name: 'Jordaan', openingHours: AFTERNOONS });
    const [variant] = await fx.product(['COAT-OCHRE'], 8995, 'Rain coat');
    await fx.stock(variant, store, 4);
    productId = variant.productId;
    const tag = await t
      .http()
      .post('/api/tags')
      .set(await t.asAdmin())
      .send({ sku: 'COAT-OCHRE', locationId: store.id })
      .expect(201);
    tagCode = tag.body.code;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await t?.close();
  });

  async function shopper(language: 'nl' | 'en-US', viewport = HANDHELD): Promise<Page> {
    // The browser's locale is what it sends as Accept-Language (Chromium ignores an extra header on navigation).
    const context = await browser.newContext({
      viewport,
      baseURL: t.url,
      locale: language === 'nl' ? 'nl-NL' : 'en-US',
    });
    contexts.push(context);
    return context.newPage();
  }

  async function orderForPickup(page: Page, buttons: { add: string; reserve: string; store: string }) {
    await page.goto(`/shop/products/${productId}`);
    await page.getByRole('button', { name: buttons.add }).click();
    await page.goto('/shop/cart');
    await page.getByRole('radio', { name: buttons.store }).check();
    await page.getByTestId('customer-name').fill('Fenna de Vries');
    await page.getByTestId('customer-email').fill('fenna@example.com');
    await page.getByRole('button', { name: buttons.reserve }).click();
    await page.waitForURL(/\/shop\/orders\//);
    await page.getByTestId('order-status').waitFor();
  }

  it('the server hands the page the language asked for and the retailer’s name', async () => {
    const dutch = await t
      .http()
      .get('/shop/cart')
      .set('Accept-Language', 'nl-NL,nl;q=0.9,en;q=0.8')
      .expect(200);
    expect(dutch.text).toContain('<html lang="nl">');
    expect(dutch.text).toContain('<meta name="shop-language" content="nl" />');
    expect(dutch.text).toContain('<meta name="retailer-name" content="Kanaal &amp; Co" />');
    expect(dutch.headers.vary).toContain('Accept-Language');
    const other = await t.http().get(`/s/${tagCode}`).set('Accept-Language', 'fr-FR').expect(200);
    expect(other.text).toContain('<html lang="en">');
    expect(other.text).not.toContain('shop-language');
  });

  it('with Accept-Language nl: Dutch words, € 89,95, a 24-hour clock, the retailer as brand, a title per page', async () => {
    const page = await shopper('nl');
    await page.goto(`/shop/products/${productId}`);
    await expectText(page.getByTestId('price'), DUTCH_PRICE);
    expect(await page.getByTestId('price').textContent()).toBe(DUTCH_PRICE);
    expect(await page.getByTestId('shop-brand').textContent()).toBe(RETAILER);
    expect(await page.title()).toBe(`Rain coat · ${RETAILER}`);
    expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
    await page.getByRole('button', { name: 'In winkelwagen' }).waitFor();
    const readyBy = (await page.getByTestId('ready-by').first().textContent())!;
    expect(readyBy).toMatch(/^Klaar vanaf (vandaag|morgen) (1[3-9]|2[0-3]):[0-5]\d$/);

    await page.getByRole('button', { name: 'In winkelwagen' }).click();
    await page.goto('/shop/cart');
    expect(await page.title()).toBe(`Winkelwagen · ${RETAILER}`);
    await page.getByText(`Totaal`).waitFor();
    await expectText(page.locator('.total strong'), DUTCH_PRICE);

    await page.goto('/shop/cart');
    await page.getByRole('radio', { name: 'Vandaag ophalen bij Jordaan' }).check();
    await page.getByTestId('customer-name').fill('Fenna de Vries');
    await page.getByTestId('customer-email').fill('fenna@example.com');
    await page.getByRole('button', { name: 'Reserveren om op te halen' }).click();
    await page.getByRole('heading', { name: 'Bestelling ontvangen' }).waitFor();
    expect(await page.title()).toMatch(new RegExp(`^Bestelling #\\S+ · ${RETAILER}$`));
    expect(await page.getByTestId('ready-by').textContent()).toMatch(
      /^Klaar vanaf (vandaag|morgen) (1[3-9]|2[0-3]):[0-5]\d$/,
    );
    // The confirmation names the store with its address and its opening hours, in Dutch.
    const store = page.getByTestId('pickup-store');
    await expectText(store, 'Jordaan');
    expect(await store.textContent()).toContain('Openingstijden');
    expect(await page.getByTestId('opening-hours').locator('tr').first().textContent()).toBe(
      'maandag13:00–23:00',
    );
    // Paid at the counter, so not yet: said so, not as a status code.
    await page.getByText('betalen bij ophalen (nog niet betaald)').waitFor();
    await screenshot(page, 'shop-language-nl-order');

    await page.goto(`/s/${tagCode}`);
    await page.getByTestId('available-here').waitFor();
    expect(await page.title()).toBe(`Rain coat · ${RETAILER}`);
    expect(await page.getByTestId('price').textContent()).toBe(DUTCH_PRICE);
    await page.getByText('nog hier bij Jordaan').waitFor();

    // A tag that does not exist: told in words, no code.
    await page.goto('/s/not-a-real-tag');
    await page.getByRole('heading', { name: 'Dit label kan niet worden gelezen' }).waitFor();
    const problem = await page.locator('.notice.error').textContent();
    expect(problem).toBe('We kunnen dit niet vinden. Misschien is het verwijderd.');
  }, 120_000);

  it('English otherwise: €89.95, the browser’s 12-hour clock, English words', async () => {
    const page = await shopper('en-US');
    await page.goto(`/shop/products/${productId}`);
    await expectText(page.getByTestId('price'), '€89.95');
    expect(await page.getByTestId('price').textContent()).toBe('€89.95');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(await page.getByTestId('ready-by').first().textContent()).toMatch(
      /^Ready by (today|tomorrow) \d{1,2}:[0-5]\d\s?PM$/,
    );
    await orderForPickup(page, {
      add: 'Add to cart',
      reserve: 'Reserve for pickup',
      store: 'Pick up today at Jordaan',
    });
    await page.getByRole('heading', { name: 'Order received' }).waitFor();
    expect(await page.title()).toMatch(new RegExp(`^Order #\\S+ · ${RETAILER}$`));
  }, 60_000);

  it('the switch changes the language at once and is remembered', async () => {
    const page = await shopper('nl');
    await page.goto('/shop/cart');
    await page.getByRole('heading', { name: 'Je winkelwagen is leeg' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Your cart is empty' }).waitFor();
    expect(await page.title()).toBe(`Cart · ${RETAILER}`);
    await page.goto(`/shop/products/${productId}`);
    await expectText(page.getByTestId('price'), '€89.95');
    await page.reload();
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expectText(page.getByTestId('price'), DUTCH_PRICE);
  }, 60_000);

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}: the Dutch pages fit`, async () => {
      const page = await shopper('nl', size);
      await page.goto('/shop');
      await page.getByTestId('product-title').or(page.locator('.product-tile')).first().waitFor();
      await expectFits(page, `shop-language-home-nl-${size.width}`);
      await page.goto(`/shop/products/${productId}`);
      await page.getByTestId('ready-by').first().waitFor();
      await expectFits(page, `shop-language-product-nl-${size.width}`);
      await page.getByRole('button', { name: 'In winkelwagen' }).click();
      await page.goto('/shop/cart');
      await page.getByRole('radio', { name: 'Vandaag ophalen bij Jordaan' }).check();
      await expectFits(page, `shop-language-cart-nl-${size.width}`);
    }, 60_000);
  }
});
