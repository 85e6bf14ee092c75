import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import {
  expectAttribute,
  expectText,
  launchChromium,
  openTerminal,
  phoneContext,
  TABLET_WIDE,
} from './support/browser';
import { expectFits } from './support/fit';

/** Page script (as text: the tests type-check without the DOM library): the first such image has loaded. */
const loadedImage = (testId: string) =>
  `(() => { const img = document.querySelector('[data-testid="${testId}"]'); return !!img && img.complete && img.naturalWidth > 0; })()`;

/**
 * The back office as a manager uses it at a desk: a new price set in /admin reaches an open scan page
 * without a reload, and the store terminal's Labels screen lists that SKU for a new shelf label.
 */
describe('back office in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp({ MANAGERS_EDIT_PRICES: 'true' });
    fx = new Fixtures(t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.goto('/admin');
    await page.getByTestId('login-email').fill(who.email);
    await page.getByTestId('login-password').fill(who.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-products').waitFor();
  }

  it('a price set by a manager reaches the open scan page and the Labels screen', async () => {
    const store = await fx.location({ name: 'Canal Street' });
    const [variant] = await fx.product(['LAMP-BRASS'], 2450, 'Brass desk lamp');
    await fx.stock(variant, store, 3);
    const manager = await fx.user('manager', [store.id]);
    const clerk = await fx.user('clerk', [store.id]);
    // The shelf label is printed at €24.50, and a shopper has its scan page open.
    const tag = await t
      .http()
      .post('/api/tags')
      .set(manager.headers)
      .send({ sku: variant.sku, locationId: store.id });
    await t
      .http()
      .get(`/api/locations/${store.id}/labels?sku=${variant.sku}`)
      .set(manager.headers)
      .expect(200);
    const shopper = await phoneContext(browser, t.url);
    const scanPage = await shopper.newPage();
    await scanPage.goto(`/s/${tag.body.code}`);
    await expectText(scanPage.getByTestId('price'), '€24.50');

    const terminal = await openTerminal(browser, t.url, clerk, store.id);
    await terminal.page.getByTestId('nav-labels').click();
    await expectText(terminal.page.locator('main'), "Every printed label here shows today's price.");

    const desk = await browser.newContext({ viewport: TABLET_WIDE, baseURL: t.url });
    const office = await desk.newPage();
    await signIn(office, manager);
    await office.getByLabel('Search by title, SKU or barcode').fill('Brass desk');
    const row = office.locator(`[data-testid=product-row][data-product-id="${variant.productId}"]`);
    await row.getByRole('button', { name: 'Brass desk lamp' }).click();
    await office.getByTestId('price-input').fill('19.95');
    await office.getByTestId('save').click();
    await expectText(office.getByRole('status'), 'Saved');
    await expectFits(office, 'admin-product-editor-1280');

    await expectText(scanPage.getByTestId('price'), '€19.95');
    await expectAttribute(terminal.page.getByTestId('stale-label'), 'data-sku', variant.sku);
    await expectText(terminal.page.getByTestId('stale-label'), '€19.95');
    await shopper.close();
    await terminal.context.close();
    await desk.close();
  });

  it('an admin adds a picture to a product; the editor and the shop show it loaded', async () => {
    const [variant] = await fx.product(['VASE-BLUE'], 3900, 'Blue glass vase');
    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 90, b: 170 } },
    })
      .png()
      .toBuffer();
    const desk = await browser.newContext({ viewport: TABLET_WIDE, baseURL: t.url });
    const office = await desk.newPage();
    await signIn(office, ADMIN);
    await office.getByLabel('Search by title, SKU or barcode').fill('Blue glass');
    const row = office.locator(`[data-testid=product-row][data-product-id="${variant.productId}"]`);
    await row.getByRole('button', { name: 'Blue glass vase' }).click();
    await office.getByText('No picture yet').waitFor();
    await office
      .getByTestId('image-file')
      .setInputFiles({ name: 'vase.png', mimeType: 'image/png', buffer: png });
    await office.getByTestId('image-alt').fill('A blue glass vase on a white table');
    await office.getByTestId('image-upload').click();
    const thumbnail = office.getByTestId('admin-product-image');
    await thumbnail.waitFor();
    await office.waitForFunction(loadedImage('admin-product-image'));
    expect(await thumbnail.getAttribute('alt')).toBe('A blue glass vase on a white table');
    await expectFits(office, 'admin-product-pictures-1280');
    // A file that is no picture is refused in words, and nothing is added.
    await office
      .getByTestId('image-file')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('hello') });
    await office.getByTestId('image-upload').click();
    await office.getByRole('alert').waitFor();
    expect(await office.getByRole('alert').textContent()).not.toMatch(/[A-Z]{3,}_[A-Z]/);
    expect(await office.getByTestId('admin-product-image').count()).toBe(1);

    const shopper = await phoneContext(browser, t.url);
    const shop = await shopper.newPage();
    await shop.goto(`/shop/products/${variant.productId}`);
    const picture = shop.getByTestId('product-image').first();
    await picture.waitFor();
    await shop.waitForFunction(loadedImage('product-image'));
    expect(await picture.getAttribute('alt')).toBe('A blue glass vase on a white table');
    await shopper.close();
    await desk.close();
  });

  it("an admin sets a variant's Size and Colour, a new colour included; the shop offers the new choice", async () => {
    const admin = await t.asAdmin();
    const created = await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({
        title: 'Wool scarf',
        options: [
          { name: 'Size', values: ['S', 'M'] },
          { name: 'Colour', values: ['Grey'] },
        ],
        variants: [
          { sku: 'SCARF-S-GRY', price: 2900, options: { Size: 'S', Colour: 'Grey' } },
          { sku: 'SCARF-M-GRY', price: 2900, options: { Size: 'M', Colour: 'Grey' } },
        ],
      })
      .expect(201);
    const product = created.body as { id: string };
    const desk = await browser.newContext({ viewport: TABLET_WIDE, baseURL: t.url });
    const office = await desk.newPage();
    await signIn(office, ADMIN);
    await office.getByLabel('Search by title, SKU or barcode').fill('Wool scarf');
    const row = office.locator(`[data-testid=product-row][data-product-id="${product.id}"]`);
    await row.getByRole('button', { name: 'Wool scarf' }).click();
    await office.getByLabel('Colour of SCARF-M-GRY').fill('Moss green');
    await office.getByTestId('save').click();
    await expectText(office.getByRole('status'), 'Saved');
    await expectFits(office, 'admin-product-options-1280');

    const seen = await t.http().get(`/api/products/${product.id}`).expect(200);
    expect(seen.body.options).toEqual([
      { name: 'Size', values: ['S', 'M'] },
      { name: 'Colour', values: ['Grey', 'Moss green'] },
    ]);
    expect(seen.body.variants.find((v: { sku: string }) => v.sku === 'SCARF-M-GRY').options).toEqual({
      Size: 'M',
      Colour: 'Moss green',
    });
    const shopper = await phoneContext(browser, t.url);
    const shop = await shopper.newPage();
    await shop.goto(`/shop/products/${product.id}`);
    await shop.locator('[data-testid=variant-option][data-option=Colour][data-value="Moss green"]').waitFor();
    await shopper.close();
    await desk.close();
  });

  it('an admin sees every screen fit a 1280×800 desk screen, and deactivates a clerk there', async () => {
    const store = await fx.location({ name: 'Harbour Row' });
    const clerk = await fx.user('clerk', [store.id]);
    await t.http().get('/api/me').set(clerk.headers).expect(200);
    const desk = await browser.newContext({ viewport: TABLET_WIDE, baseURL: t.url });
    const office = await desk.newPage();
    await signIn(office, ADMIN);
    await office.locator('[data-testid=product-row]').first().waitFor();
    await expectFits(office, 'admin-products-1280');

    await office.getByTestId('nav-locations').click();
    await office.locator(`[data-testid=location-row][data-location-id="${store.id}"] button`).click();
    await office.getByLabel('Minutes to prepare a pickup order').fill('45');
    await office.getByTestId('save').click();
    await expectText(office.locator('.notice.info'), 'Saved');
    expect((await t.http().get(`/api/locations/${store.id}`)).body.pickupPrepMinutes).toBe(45);
    await expectFits(office, 'admin-locations-1280');

    await office.getByTestId('nav-staff').click();
    const clerkRow = office.locator(`[data-testid=staff-row][data-user-id="${clerk.user.id}"]`);
    await clerkRow.getByTestId('staff-deactivate').click();
    await clerkRow.getByTestId('staff-activate').waitFor();
    await t.http().get('/api/me').set(clerk.headers).expect(401);
    await expectFits(office, 'admin-staff-1280');

    await office.getByTestId('nav-audit').click();
    await expectText(office.getByTestId('audit-row'), clerk.user.id);
    await expectFits(office, 'admin-audit-1280');
    await desk.close();
  });
});
