import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { expectAttribute, expectText, launchChromium, openAdmin } from './support/browser';
import { expectFits } from './support/fit';

const ROWS = 3_000;

/** A catalog of 3,000 one-variant products in which rows 11 and 2,501 (counting the header) are wrong. */
function catalogFile(): Buffer {
  const lines = ['sku,product_title,price'];
  for (let i = 0; i < ROWS; i++) {
    if (i === 9) lines.push('DESK-BAD-PRICE,Desk lamp,twelve');
    else if (i === 2_499) lines.push('has spaces,Desk chair,12.00');
    else lines.push(`DESK-${String(i).padStart(4, '0')},Desk item ${i},${(i % 50) + 1}.99`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/**
 * The Import / export screen at a desk: a file is chosen, the progress bar moves while the job runs,
 * refused rows are listed with their row number and column, and the exports download as CSV.
 */
describe('back office import and export in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    fx = new Fixtures(t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openImport = async (who: { email: string; password: string }): Promise<Page> =>
    (await openAdmin(browser, t.url, who, 'import')).page;

  it('an admin loads a 3,000-row catalog: the bar moves, the 2 bad rows are listed, the export downloads', async () => {
    const page = await openImport(ADMIN);
    await expectFits(page, 'admin-import-empty-1280');
    await page.getByLabel('What').selectOption('products');
    // Every state the bar shows is noted, from before the file is chosen.
    await page.evaluate(`(() => {
      const seen = (window.barStates = []);
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=import-progress]');
        if (bar) seen.push(bar.getAttribute('data-status') + ' ' + bar.getAttribute('data-processed'));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: catalogFile() });
    const progress = page.getByTestId('import-progress');
    await expectAttribute(progress, 'data-status', 'done', 60_000);
    await expect(progress.getAttribute('data-processed')).resolves.toBe(String(ROWS));
    // The bar moved while the job ran: it showed part of the rows done before it showed all of them.
    const states = (await page.evaluate('window.barStates')) as string[];
    const partly = states
      .filter((state) => state.startsWith('running '))
      .map((state) => Number(state.split(' ')[1]));
    expect(partly.some((done) => done > 0 && done < ROWS)).toBe(true);
    await expectText(page.locator('.import-job'), 'Done: 3,000 rows, 2,998 new, 0 changed, 2 refused.');
    const errors = page.getByTestId('import-errors').getByTestId('import-error');
    await expect(errors.count()).resolves.toBe(2);
    await expect(errors.nth(0).innerText()).resolves.toMatch(/^11\s+price\s+"twelve" is not a price/);
    await expect(errors.nth(1).innerText()).resolves.toMatch(/^2501\s+sku\s+"has spaces" is not a SKU/);
    await expectFits(page, 'admin-import-done-1280');
    const variant = (await t.http().get('/api/variants/DESK-0042').expect(200)).body;
    expect(variant.price).toEqual({ amount: 4399, currency: 'EUR' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Products and prices (products.csv)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('products.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'product_id,product_title,description,status,sku,price,currency,barcode,options,attributes',
    );
    expect(csv).toContain(',DESK-0042,43.99,EUR,');
    await page.context().close();
  }, 120_000);

  it("a manager counts their store's stock from a file; a wrong header is explained at once", async () => {
    const store = await fx.location({ name: 'Harbour Road' });
    const [lamp] = await fx.product(['COUNT-LAMP'], 2450, 'Brass lamp');
    const manager = await fx.user('manager', [store.id]);
    const page = await openImport(manager);
    await expect(page.getByLabel('What').inputValue()).resolves.toBe('stock');
    await page.getByTestId('import-file').setInputFiles({
      name: 'count.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('sku,qty\nCOUNT-LAMP,4\n'),
    });
    await expectText(page.getByRole('alert'), 'lacks the column on_hand');
    await page.getByTestId('import-file').setInputFiles({
      name: 'count.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('sku,on_hand\nCOUNT-LAMP,7\nNO-SUCH,1\n'),
    });
    await expectAttribute(page.getByTestId('import-progress'), 'data-status', 'done');
    await expectText(page.getByTestId('import-errors'), 'no product has the SKU NO-SUCH');
    expect(await fx.level(lamp.id, store.id)).toMatchObject({ onHand: 7 });
    await expectFits(page, 'admin-import-stock-1280');
    await page.context().close();
  }, 60_000);
});
