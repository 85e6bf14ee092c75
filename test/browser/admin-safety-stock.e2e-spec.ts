import type { Browser } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAttribute, expectText, launchChromium, openAdmin } from './support/browser';
import { expectFits } from './support/fit';

/** Safety stock set per SKU on a store's page in /admin (issue 19) reaches what the shop may promise. */
describe('safety stock in the back office', () => {
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

  it('a manager keeps 4 of 10 units back at their store; the shop then offers 6', async () => {
    const store = await fx.location({ name: 'Canal Street' });
    const variant = await fx.stocked(store, 10);
    const manager = await fx.user('manager', [store.id]);
    const { context: desk, page: office } = await openAdmin(browser, t.url, manager, 'locations');
    await office.locator(`[data-testid=location-row][data-location-id="${store.id}"] button`).click();

    const row = office.locator(`[data-testid=safety-stock-row][data-sku="${variant.sku}"]`);
    await expectAttribute(row, 'data-available', '10');
    await row.getByTestId('safety-stock-input').fill('4');
    await row.getByTestId('safety-stock-save').click();
    await expectAttribute(row, 'data-available', '6');
    await expectText(row, '6');
    const availability = await t.http().get('/api/availability').query({ sku: variant.sku }).expect(200);
    expect(availability.body[0].locations).toContainEqual(
      expect.objectContaining({ locationId: store.id, available: 6 }),
    );
    expect(await fx.level(variant.id, store.id)).toEqual({ onHand: 10, reserved: 0, safetyStock: 4 });

    await row.getByTestId('safety-stock-input').fill('lots');
    await row.getByTestId('safety-stock-save').click();
    await expectText(row.locator('.notice.error'), 'whole number');
    expect(await fx.level(variant.id, store.id)).toEqual({ onHand: 10, reserved: 0, safetyStock: 4 });
    await expectFits(office, 'admin-safety-stock-1280');
    await desk.close();
  });
});
