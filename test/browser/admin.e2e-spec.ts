import type { Browser, Page } from 'playwright-core';
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
