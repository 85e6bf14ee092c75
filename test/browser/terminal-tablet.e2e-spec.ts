import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAttribute, expectText, launchChromium, openTerminal, waitForValue } from './support/browser';
import { accessibilityReport } from './support/accessibility';
import { expectFits as expectFitsOnly, HANDHELD, LANDSCAPE, PORTRAIT } from './support/fit';

type Staff = { email: string; password: string; headers: { Authorization: string } };

/**
 * A whole store day on the 10-inch tablet the terminal is made for: every screen and dialog fits it
 * in landscape and portrait, a locked pickup is unlocked by a manager, stock goes between stores,
 * a cash sale gives the right change, and a customer's order is placed at another store. Where two
 * terminals take part, each sees the other's changes live.
 */
describe('the terminal on a tablet, in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;
  let riverside: { id: string; name: string };
  let harbour: { id: string; name: string };
  let roaming: Staff;
  let riversideClerk: Staff;
  let riversideClerk2: Staff;
  let harbourClerk: Staff;
  let manager: Staff;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    fx = new Fixtures(t);
    riverside = await fx.location({ name: 'Riverside' });
    harbour = await fx.location({ name: 'Harbour' });
    roaming = await fx.user('clerk', [riverside.id, harbour.id]);
    riversideClerk = await fx.user('clerk', [riverside.id]);
    riversideClerk2 = await fx.user('clerk', [riverside.id]);
    harbourClerk = await fx.user('clerk', [harbour.id]);
    manager = await fx.user('manager', [riverside.id]);
    await product(
      'Linen shirt',
      'SHIRT-M',
      4500,
      { size: 'M', colour: 'White' },
      { riverside: 40, harbour: 3 },
    );
    await product('Stoneware mug', 'MUG-01', 1250, {}, { riverside: 40, harbour: 4 });
    await product('Oak stool', 'STOOL-01', 8900, {}, { riverside: 10 });
    await product('Rain jacket', 'JACKET-01', 12900, {}, { harbour: 3 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function product(
    title: string,
    sku: string,
    price: number,
    attributes: Record<string, string>,
    stock: { riverside?: number; harbour?: number },
  ) {
    const admin = await t.asAdmin();
    await t
      .http()
      .post('/api/products')
      .set(admin)
      .send({ title, variants: [{ sku, price, attributes }] })
      .expect(201);
    for (const [where, qty] of [
      [riverside, stock.riverside],
      [harbour, stock.harbour],
    ] as const) {
      if (!qty) continue;
      await t
        .http()
        .post(`/api/locations/${where.id}/stock/adjustments`)
        .set(admin)
        .set('Idempotency-Key', randomUUID())
        .send({ sku, delta: qty, reason: 'receive' })
        .expect(201);
    }
  }

  /** A guest's pickup order at Riverside, ready for collection. */
  async function readyOrder(name: string, sku = 'MUG-01') {
    const placed = await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', randomUUID())
      .send({
        lines: [{ sku, qty: 1 }],
        fulfillment: { type: 'pickup', locationId: riverside.id },
        customer: { name, email: 'customer@example.com' },
        payment: 'at_pickup',
      })
      .expect(201);
    await t.http().post(`/api/orders/${placed.body.id}/ready`).set(riversideClerk.headers).expect(200);
    return placed.body as { id: string; number: string; pickupCode: string };
  }

  async function lock(orderId: string, pickupCode: string) {
    const wrong = pickupCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    for (let attempt = 0; attempt < 5; attempt++) {
      await t
        .http()
        .post(`/api/orders/${orderId}/collect`)
        .set(riversideClerk.headers)
        .send({ pickupCode: wrong })
        .expect(422);
    }
  }

  async function levelOf(locationId: string, sku: string) {
    const response = await t
      .http()
      .get(`/api/locations/${locationId}/stock?sku=${sku}`)
      .set(await t.asAdmin())
      .expect(200);
    return response.body.items[0] as { onHand: number; reserved: number; available: number };
  }

  /** Fits the device, and stays labelled, readable and focus-visible as the other terminal screens. */
  async function expectFits(page: Page, name: string) {
    await expectFitsOnly(page, name);
    expect({ screen: name, ...(await accessibilityReport(page)) }).toEqual({
      screen: name,
      unnamed: [],
      lowContrast: [],
      noFocusIndicator: [],
    });
  }

  const card = (page: Page, number: string) =>
    page.locator(`[data-testid=order-card][data-order-number="${number}"]`);
  const dialog = (page: Page) => page.getByRole('dialog');

  async function addItem(page: Page, text: string) {
    const search = page.getByRole('searchbox', { name: 'Scan or search an item to add' });
    await search.fill(text);
    await search.press('Enter');
  }

  for (const [orientation, viewport] of [
    ['landscape', LANDSCAPE],
    ['portrait', PORTRAIT],
  ] as const) {
    it(`every screen, with its dialogs open, fits the tablet in ${orientation} (${viewport.width}×${viewport.height})`, async () => {
      const name = (screen: string) => `terminal-${orientation}-${screen}`;
      const locked = await readyOrder(`Fit ${orientation}`);
      await lock(locked.id, locked.pickupCode);
      await t
        .http()
        .post('/api/transfers')
        .set(harbourClerk.headers)
        .set('Idempotency-Key', randomUUID())
        .send({ fromLocationId: harbour.id, toLocationId: riverside.id, lines: [{ sku: 'MUG-01', qty: 1 }] })
        .expect(201);

      const context = await browser.newContext({ viewport, baseURL: t.url });
      const page = await context.newPage();
      await page.goto('/terminal');
      await page.getByTestId('login-email').waitFor();
      await expectFits(page, name('sign-in'));
      await page.getByTestId('login-email').fill(roaming.email);
      await page.getByTestId('login-password').fill(roaming.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('location-select').waitFor();
      await expectFits(page, name('store-switcher'));
      await page.getByTestId('location-select').selectOption(riverside.id);
      await expectText(page.getByTestId('connection-status'), 'online');

      await card(page, locked.number).click();
      await page.getByTestId('order-unlock').waitFor();
      await expectFits(page, name('orders'));
      await page.getByTestId('order-unlock').click();
      await dialog(page).waitFor();
      await expectFits(page, name('orders-unlock-dialog'));
      await dialog(page).getByRole('button', { name: 'Back' }).click();
      await page.getByRole('button', { name: 'Cancel order' }).click();
      await expectFits(page, name('orders-cancel-dialog'));
      await dialog(page).getByRole('button', { name: 'Keep it' }).click();
      await dialog(page).waitFor({ state: 'detached' });

      await page.getByTestId('nav-stock').click();
      await page.getByTestId('stock-search').fill('linen');
      await page.getByTestId('stock-search').press('Enter');
      await page.getByRole('heading', { name: 'Linen shirt – White / M' }).waitFor();
      await page.locator(`[data-testid=other-store][data-location-id="${harbour.id}"]`).waitFor();
      await expectFits(page, name('stock'));
      await page.getByRole('button', { name: 'Reserve for customer' }).click();
      await expectFits(page, name('stock-customer-order-dialog'));
      await dialog(page).getByRole('button', { name: 'Back' }).click();
      await page.getByRole('button', { name: "Ship to the customer's home" }).click();
      await expectFits(page, name('stock-ship-order-dialog'));
      await dialog(page).getByRole('button', { name: 'Back' }).click();

      await page.getByTestId('nav-transfers').click();
      await page.locator('.transfer').filter({ hasText: 'from Harbour' }).first().waitFor();
      await page.getByLabel('Destination').selectOption(harbour.id);
      await addItem(page, 'STOOL-01');
      await page.getByRole('button', { name: 'Remove STOOL-01' }).waitFor();
      await expectFits(page, name('transfers'));

      await page.getByTestId('nav-sale').click();
      await addItem(page, 'MUG-01');
      await addItem(page, 'SHIRT-M');
      await page.getByRole('button', { name: 'Remove SHIRT-M' }).waitFor();
      await page.getByTestId('sale-payment').getByLabel('Cash').check();
      await page.getByTestId('sale-tendered').fill('100');
      await expectFits(page, name('sale'));
      await page.getByRole('button', { name: 'Record sale of 2 items' }).click();
      await page.getByTestId('sale-change').waitFor();
      await page.getByRole('button', { name: 'Receipt…' }).click();
      await page.frameLocator('[data-testid=receipt] iframe').getByText('Change').waitFor();
      await expectFits(page, name('sale-receipt-dialog'));
      await dialog(page).getByRole('button', { name: 'Close' }).click();

      await page.getByTestId('nav-labels').click();
      await addItem(page, 'MUG-01');
      await page.getByRole('button', { name: 'Prepare 1 label' }).click();
      await page.frameLocator('#label-sheet').locator('svg').first().waitFor();
      await expectFits(page, name('labels'));

      await page.getByTestId('nav-day').click();
      await page.getByTestId('day-report').waitFor();
      await expectFits(page, name('end-of-day'));
      await context.close();
    });
  }

  it('the stock screen fits a 360-wide handheld, straight into the one store of its clerk', async () => {
    const { context, page } = await openTerminal(browser, t.url, riversideClerk, riverside.id, HANDHELD);
    // One store: no switcher, straight in.
    expect(await page.getByTestId('location-select').count()).toBe(0);
    await page.getByTestId('nav-stock').click();
    await page.locator('[data-testid=stock-row][data-sku="SHIRT-M"]').waitFor();
    await expectFits(page, 'terminal-handheld-stock-list');
    await page.getByTestId('stock-search').fill('SHIRT-M');
    await page.getByTestId('stock-search').press('Enter');
    await page.locator(`[data-testid=other-store][data-location-id="${harbour.id}"]`).waitFor();
    await expectFits(page, 'terminal-handheld-stock-item');
    await context.close();
  });

  it('five wrong codes count down live on both terminals, lock, a manager unlocks with a reason, then the right code collects', async () => {
    const order = await readyOrder('Lin Locked');
    const a = await openTerminal(browser, t.url, riversideClerk, riverside.id);
    const b = await openTerminal(browser, t.url, riversideClerk2, riverside.id);
    await card(a.page, order.number).click();
    await card(b.page, order.number).click();
    const wrong = order.pickupCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    await expectAttribute(a.page.getByTestId('attempts-left'), 'data-attempts-left', '5');
    for (let left = 4; left >= 0; left--) {
      await a.page.getByTestId('pickup-code-input').fill(wrong);
      await a.page.getByTestId('order-collect').click();
      await expectAttribute(a.page.getByTestId('attempts-left'), 'data-attempts-left', String(left));
      await expectAttribute(b.page.getByTestId('attempts-left'), 'data-attempts-left', String(left));
      if (left > 0) await expectText(a.page.getByTestId('attempts-left'), `${left} attempt`);
    }
    for (const { page } of [a, b]) {
      await expectAttribute(card(page, order.number), 'data-locked', 'true');
      await card(page, order.number).getByText('Locked', { exact: true }).waitFor();
      expect(await page.getByTestId('order-collect').isDisabled()).toBe(true);
      // One clear message, not the refusal and the lock both.
      expect(await page.locator('.order-detail [role=alert]').count()).toBe(1);
    }
    await expectText(a.page.getByRole('alert'), 'Locked after 5 wrong pickup codes');

    // The clerk's terminal asks a manager to sign in for this one unlock.
    await a.page.getByTestId('order-unlock').click();
    await dialog(a.page).getByLabel('Reason').fill('ID checked: passport');
    await dialog(a.page).getByLabel("Manager's email").fill(riversideClerk2.email);
    await dialog(a.page).getByLabel("Manager's password").fill(riversideClerk2.password);
    await dialog(a.page).getByRole('button', { name: 'Unlock order' }).click();
    await expectText(dialog(a.page).getByRole('alert'), 'not a manager of this store');
    await dialog(a.page).getByLabel("Manager's email").fill(manager.email);
    await dialog(a.page).getByLabel("Manager's password").fill(manager.password);
    await dialog(a.page).getByRole('button', { name: 'Unlock order' }).click();
    await dialog(a.page).waitFor({ state: 'detached' });
    for (const { page } of [a, b]) {
      await expectAttribute(page.getByTestId('attempts-left'), 'data-attempts-left', '5');
      await page
        .locator(`[data-testid=order-card][data-order-number="${order.number}"]:not([data-locked])`)
        .waitFor();
    }
    await a.page.getByTestId('pickup-code-input').fill(order.pickupCode);
    await a.page.getByTestId('order-collect').click();
    await card(a.page, order.number).waitFor({ state: 'detached' });
    await card(b.page, order.number).waitFor({ state: 'detached' });
    const collected = await t.http().get(`/api/orders/${order.id}`).set(manager.headers).expect(200);
    expect(collected.body).toMatchObject({ status: 'collected', locked: false });
    await a.context.close();
    await b.context.close();
  });

  it("a clerk transfers to another store; that store's terminal shows it live with names, and receives it", async () => {
    const sender = await openTerminal(browser, t.url, riversideClerk, riverside.id);
    const receiver = await openTerminal(browser, t.url, harbourClerk, harbour.id);
    await receiver.page.getByTestId('nav-transfers').click();
    // Loaded before anything is sent: what arrives next comes over the live feed.
    await receiver.page.getByText('Nothing on its way.').waitFor();

    await sender.page.getByTestId('nav-transfers').click();
    // Harbour is not this clerk's store, but the retailer's: it is offered.
    await sender.page.getByLabel('Destination').selectOption(harbour.id);
    await addItem(sender.page, 'STOOL-01');
    await sender.page.getByRole('button', { name: 'One more: Quantity of STOOL-01' }).click();
    await waitForValue(sender.page.getByRole('spinbutton', { name: 'Quantity of STOOL-01' }), '2');
    await sender.page.getByRole('button', { name: 'Ship out' }).click();
    await sender.page.getByText(/Transfer \S+ is in transit to Harbour/).waitFor();
    const leaving = sender.page.locator('.transfer-out').filter({ hasText: '2 × STOOL-01 Oak stool' });
    await leaving.getByText('to Harbour').waitFor();

    const arriving = receiver.page.locator('.transfer').filter({ hasText: '2 × STOOL-01 Oak stool' });
    await arriving.getByText('from Riverside').waitFor();
    await arriving.getByRole('button', { name: 'Receive' }).click();
    await receiver.page.getByText(/received into stock/).waitFor();
    await arriving.waitFor({ state: 'detached' });
    // The sender hears of the receipt: no longer on its way out.
    await leaving.waitFor({ state: 'detached' });
    expect(await levelOf(harbour.id, 'STOOL-01')).toMatchObject({ onHand: 2, available: 2 });
    expect(await fx.ledgerMismatches()).toEqual([]);
    await sender.context.close();
    await receiver.context.close();
  });

  it('a counter sale paid in cash shows its total before it is recorded, the right change after, and mails the receipt', async () => {
    const { context, page } = await openTerminal(browser, t.url, riversideClerk, riverside.id);
    await page.getByTestId('nav-sale').click();
    await addItem(page, 'MUG-01');
    await page.getByRole('button', { name: 'Remove MUG-01' }).waitFor();
    await page.getByRole('button', { name: 'One more: Quantity of MUG-01' }).click();
    await addItem(page, 'SHIRT-M');
    await page.getByRole('button', { name: 'Remove SHIRT-M' }).waitFor();
    await expectText(page.getByTestId('sale-total'), '€70.00');
    await page.getByTestId('sale-payment').getByLabel('Cash').check();
    await page.getByTestId('sale-tendered').fill('60');
    await page.getByText('€10.00 short').waitFor();
    expect(await page.getByRole('button', { name: 'Record sale of 3 items' }).isDisabled()).toBe(true);
    await page.getByTestId('sale-tendered').fill('100');
    await page.getByText('Change to give: €30.00').waitFor();
    await page.getByTestId('sale-receipt-email').fill('eva@example.test');
    await page.getByRole('button', { name: 'Record sale of 3 items' }).click();
    await page.getByRole('status').filter({ hasText: 'The receipt is on its way by email.' }).waitFor();
    await expectText(page.getByTestId('sale-change'), '€30.00');
    await page
      .getByRole('status')
      .filter({ hasText: /Sale #\S+ done: €70\.00/ })
      .waitFor();
    const number = (await page.getByRole('status').filter({ hasText: 'Sale #' }).textContent())!.match(
      /#(\S+)/,
    )![1];
    const sales = await t
      .http()
      .get(`/api/locations/${riverside.id}/orders?status=completed`)
      .set(riversideClerk.headers)
      .expect(200);
    expect(sales.body.items.find((o: { number: string }) => o.number === number)).toMatchObject({
      total: { amount: 7000 },
      payment: { method: 'cash' },
      tendered: { amount: 10000 },
      change: { amount: 3000 },
    });
    await context.close();
  });

  it("a clerk orders for a customer at another store when this one is out; that store's terminal shows the pickup order", async () => {
    const clerk = await openTerminal(browser, t.url, riversideClerk, riverside.id);
    const other = await openTerminal(browser, t.url, harbourClerk, harbour.id);
    await clerk.page.getByTestId('nav-stock').click();
    await clerk.page.getByTestId('stock-search').fill('rain jacket');
    await clerk.page.getByTestId('stock-search').press('Enter');
    await expectAttribute(
      clerk.page.locator('[data-testid=stock-row][data-sku="JACKET-01"]'),
      'data-available',
      '0',
    );
    const there = clerk.page.locator(`[data-testid=other-store][data-location-id="${harbour.id}"]`);
    await expectAttribute(there, 'data-available', '3');
    await there.getByRole('button', { name: 'Reserve for customer' }).click();
    await dialog(clerk.page).getByLabel("Customer's name").fill('Walk-in Wim');
    await dialog(clerk.page).getByLabel('Phone').fill('+31 6 1234 5678');
    await dialog(clerk.page).getByTestId('assisted-order-submit').click();
    await expectText(dialog(clerk.page).getByRole('status'), 'to collect at Harbour');
    const number = (await dialog(clerk.page).getByRole('status').textContent())!.match(/#(\S+)/)![1];

    const arrived = card(other.page, number);
    await expectAttribute(arrived, 'data-status', 'placed');
    await arrived.getByText('Walk-in Wim').waitFor();
    expect(await levelOf(harbour.id, 'JACKET-01')).toMatchObject({ onHand: 3, reserved: 1 });
    await clerk.context.close();
    await other.context.close();
  });
});
