import type { Browser } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAttribute, expectText, launchChromium } from './support/browser';
import { expectFits, HANDHELD } from './support/fit';

const SIZES = [HANDHELD, { width: 390, height: 844 }, { width: 1366, height: 900 }];

/** The scan page offers the product's other options and a quantity, not only the tagged variant. */
describe('scan page options and quantity', () => {
  let t: TestApp;
  let browser: Browser;
  let code: string;
  let storeId: string;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    const fx = new Fixtures(t);
    const admin = await t.asAdmin();
    const store = await fx.location({ name: 'Jordaan' });
    const harbour = await fx.location({ name: 'Harbour' });
    storeId = store.id;
    const created = await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({
        title: 'Wool scarf',
        options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
        variants: [
          { sku: 'SCARF-S', price: 2995, options: { Size: 'S' } },
          { sku: 'SCARF-M', price: 3495, options: { Size: 'M' } },
          { sku: 'SCARF-L', price: 3995, options: { Size: 'L' } },
        ],
      })
      .expect(201);
    const bySku = new Map(created.body.variants.map((v: { sku: string }) => [v.sku, v]));
    await fx.stock(bySku.get('SCARF-S') as { id: string; sku: string }, store, 10);
    await fx.stock(bySku.get('SCARF-M') as { id: string; sku: string }, harbour, 3);
    // L: none anywhere.
    const tag = await t
      .http()
      .post('/api/tags')
      .set(admin)
      .send({ sku: 'SCARF-S', locationId: store.id })
      .expect(201);
    code = tag.body.code;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // Each size reserves two: the store's ten go down by two per run.
  for (const [run, size] of SIZES.entries()) {
    const here = String(10 - 2 * run);
    it(`at ${size.width}×${size.height}: other sizes with their stock and price, a quantity, and the reservation takes both`, async () => {
      const context = await browser.newContext({ viewport: size, baseURL: t.url, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(`/s/${code}`);
      const option = (value: string) =>
        page.locator(`[data-testid="variant-option"][data-option="Size"][data-value="${value}"]`);
      await expectAttribute(option('S'), 'aria-pressed', 'true');
      await expectText(page.getByTestId('available-here'), here);
      await expectAttribute(option('L'), 'data-sold-out', 'true');
      await expectFits(page, `scan-options-${size.width}`);

      // M: none here, three at Harbour, its own price.
      await option('M').click();
      await expectAttribute(page.getByTestId('price'), 'data-sku', 'SCARF-M');
      await expectText(page.getByTestId('price'), '€34.95');
      await expectText(page.getByTestId('available-here'), '0');
      await expectAttribute(
        page.locator('[data-testid="location-availability"]').filter({ hasText: 'Harbour' }),
        'data-available',
        '3',
      );

      // Back to S, two of them, reserved here.
      await option('S').click();
      await expectText(page.getByTestId('available-here'), here);
      await page.getByRole('button', { name: 'One more' }).click();
      expect(await page.getByTestId('quantity').inputValue()).toBe('2');
      await page.getByTestId('reserve-here').click();
      await page.getByTestId('customer-name').fill('Fenna de Vries');
      await page.getByTestId('customer-email').fill('fenna@example.com');
      await page.getByTestId('place-order').click();
      await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}\?token=/);
      const url = new URL(page.url());
      const order = await t
        .http()
        .get(url.pathname.replace('/shop', '/api'))
        .set('X-Order-Token', url.searchParams.get('token')!)
        .expect(200);
      expect(order.body.fulfillment).toMatchObject({ type: 'pickup', locationId: storeId });
      expect(order.body.lines).toEqual([expect.objectContaining({ sku: 'SCARF-S', qty: 2 })]);
      await context.close();
    }, 90_000);
  }
});
