import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { ProductView } from '@o2o/contracts';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAttribute, launchChromium, screenshot } from './support/browser';
import { expectFits, HANDHELD } from './support/fit';

const SIZES = [HANDHELD, { width: 390, height: 844 }, { width: 1366, height: 900 }];

/** Every picture on the page, scrolled into view (they load lazily), has really loaded. */
async function expectPicturesLoaded(page: Page, count: number): Promise<void> {
  const pictures = page.getByTestId('product-image');
  // The page may show its title before its pictures: wait for the last one, then count them all.
  await pictures.nth(count - 1).waitFor({ state: 'attached' });
  expect(await pictures.count()).toBe(count);
  for (let i = 0; i < count; i++) {
    await pictures.nth(i).scrollIntoViewIfNeeded();
    // Written as page script text: the tests type-check without the DOM library.
    await page.waitForFunction(
      `(() => { const img = document.querySelectorAll('[data-testid="product-image"]')[${i}];
        return img.complete && img.naturalWidth > 0; })()`,
      undefined,
      { timeout: 10_000 },
    );
  }
}

/**
 * The shop as it first starts (the demo retailer with its drawn pictures) and a product with real
 * choices: every card and product page shows its picture at phone and desktop sizes, Size and Colour are
 * buttons that change the variant, its price and the stock per store, and a sold-out choice is marked.
 */
describe('shop pictures and options in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;
  let products: ProductView[];
  let jacket: ProductView;
  let storeId: string;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp({ SEED_DEMO: 'true' });
    fx = new Fixtures(t);
    const admin = await t.asAdmin();
    const store = await fx.location({ name: 'Jordaan' });
    storeId = store.id;
    const created = await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({
        title: 'Rain jacket',
        options: [
          { name: 'Size', values: ['S', 'M', 'L'] },
          { name: 'Colour', values: ['Ochre', 'Navy'] },
        ],
        variants: [
          { sku: 'RJ-S-OCH', price: 8995, options: { Size: 'S', Colour: 'Ochre' } },
          { sku: 'RJ-M-OCH', price: 8995, options: { Size: 'M', Colour: 'Ochre' } },
          { sku: 'RJ-L-OCH', price: 9495, options: { Size: 'L', Colour: 'Ochre' } },
          { sku: 'RJ-M-NVY', price: 9995, options: { Size: 'M', Colour: 'Navy' } },
          { sku: 'RJ-L-NVY', price: 9995, options: { Size: 'L', Colour: 'Navy' } },
        ],
      })
      .expect(201);
    jacket = created.body;
    const bySku = new Map(jacket.variants.map((v) => [v.sku, v]));
    await fx.stock(bySku.get('RJ-S-OCH')!, store, 2);
    await fx.stock(bySku.get('RJ-M-OCH')!, store, 5);
    await fx.stock(bySku.get('RJ-M-NVY')!, store, 1);
    // L in Ochre and in Navy: none anywhere.
    const photo = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#c99a2e' } })
      .jpeg()
      .toBuffer();
    await t
      .http()
      .post(`/api/products/${jacket.id}/images`)
      .set(admin)
      .attach('file', photo, 'jacket.jpg')
      .expect(201);
    products = (await t.http().get('/api/products?limit=100').expect(200)).body.items;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the demo ships a picture for every product', () => {
    expect(products.length).toBeGreaterThan(40);
    expect(products.filter((p) => p.images.length === 0).map((p) => p.title)).toEqual([]);
  });

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}: every card and every product page shows its loaded picture and fits`, async () => {
      const context = await browser.newContext({ viewport: size, baseURL: t.url });
      const page = await context.newPage();
      await page.goto('/shop');
      await page.getByTestId('product-image').first().waitFor();
      await expectPicturesLoaded(page, products.length);
      await page.evaluate('window.scrollTo(0, 0)');
      await expectFits(page, `shop-home-${size.width}`);
      // Every product page on the phone; a sample on the larger screens (the same page at other widths).
      const pages = size === HANDHELD ? products : products.filter((_, i) => i % 10 === 0);
      for (const product of pages) {
        await page.goto(`/shop/products/${product.id}`);
        await page.getByTestId('product-title').waitFor();
        await expectPicturesLoaded(page, 1);
        expect(await page.evaluate('document.documentElement.scrollWidth <= innerWidth')).toBe(true);
      }
      await page.goto(`/shop/products/${jacket.id}`);
      await expectPicturesLoaded(page, 1);
      await expectFits(page, `shop-product-options-${size.width}`);
      await context.close();
    }, 240_000);
  }

  it('choosing Size and Colour changes the variant, its price and the stock per store; sold-out choices are marked', async () => {
    const context = await browser.newContext({ viewport: HANDHELD, baseURL: t.url, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`/shop/products/${jacket.id}`);
    const option = (name: string, value: string) =>
      page.locator(`[data-testid="variant-option"][data-option="${name}"][data-value="${value}"]`);
    const here = page.locator(`[data-testid="location-availability"][data-location-id="${storeId}"]`);

    // Opens on the first variant: S in Ochre, two at the store.
    await expectAttribute(option('Size', 'S'), 'aria-pressed', 'true');
    await expectAttribute(option('Colour', 'Ochre'), 'aria-pressed', 'true');
    await expectAttribute(page.getByTestId('price'), 'data-sku', 'RJ-S-OCH');
    await expectAttribute(here, 'data-available', '2');
    // Large is sold out in Ochre: marked, still there.
    await expectAttribute(option('Size', 'L'), 'data-sold-out', 'true');
    expect(await option('Size', 'L').textContent()).toContain('sold out');

    await option('Size', 'M').click();
    await expectAttribute(page.getByTestId('price'), 'data-sku', 'RJ-M-OCH');
    await expectAttribute(here, 'data-available', '5');
    await option('Colour', 'Navy').click();
    await expectAttribute(option('Colour', 'Navy'), 'aria-pressed', 'true');
    await expectAttribute(page.getByTestId('price'), 'data-sku', 'RJ-M-NVY');
    expect(await page.getByTestId('price').textContent()).toContain('99.95');
    await expectAttribute(here, 'data-available', '1');
    // In Navy there is no S at all: marked sold out as well.
    await expectAttribute(option('Size', 'S'), 'data-sold-out', 'true');
    await screenshot(page, 'shop-product-navy-m');

    // Two of them go to the cart through the stepper.
    await page.getByRole('button', { name: 'One more' }).click();
    expect(await page.getByTestId('quantity').inputValue()).toBe('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    const cart = JSON.parse(await page.evaluate<string>(`localStorage.getItem('o2o.shop.cart') ?? '[]'`));
    expect(cart).toEqual([expect.objectContaining({ sku: 'RJ-M-NVY', qty: 2 })]);
    await context.close();
  }, 120_000);
});
