import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { FlashSaleView, OrderView } from '@o2o/contracts';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { Clock } from '../../src/common/clock';
import { FlashAdmitter } from '../../src/flash-sales/flash-admitter.service';
import { OrderExpiry } from '../../src/orders/order-expiry.service';
import {
  expectAttribute,
  expectText,
  launchChromium,
  openTerminal,
  PHONE,
  screenshot,
} from './support/browser';
import { expectFits, HANDHELD } from './support/fit';

const DESKTOP = { width: 1366, height: 900 };
const NORMAL_PRICE = 12_000;
const SALE_PRICE = 4_900;
/** Long enough to look at the page before the start, short enough for a test. */
const STARTS_IN_MS = 30_000;

/**
 * A store drop as shoppers live it in the browser: the countdown before the start, a place in the
 * queue, the turn and the checkout at the sale price, the units left falling on a second page that
 * only watches, and the sold-out state once the last unit has gone.
 */
describe('flash sale in the browser', () => {
  let t: TestApp;
  let fx: Fixtures;
  let browser: Browser;
  let sale: FlashSaleView;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    fx = new Fixtures(t);
    const store = await fx.location({ name: 'Canal store' });
    const [variant] = await fx.product(['DROP-SNEAKER'], NORMAL_PRICE, 'Court sneaker, chalk');
    await fx.stock(variant, store, 5);
    const admin = await t.asAdmin();
    const photo = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#d9d2c3' } })
      .jpeg()
      .toBuffer();
    await t
      .http()
      .post(`/api/products/${variant.productId}/images`)
      .set(admin)
      .attach('file', photo, 'sneaker.jpg')
      .expect(201);
    const startsAt = new Date(Date.now() + STARTS_IN_MS);
    sale = (
      await t
        .http()
        .post('/api/flash-sales')
        .set(admin)
        .set('Idempotency-Key', 'browser-drop')
        .send({
          title: 'Sneaker drop',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
          locationId: store.id,
          lines: [{ sku: variant.sku, units: 2, price: SALE_PRICE, perCustomerLimit: 1 }],
        })
        .expect(201)
    ).body;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function shopper(viewport = PHONE): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: t.url });
    return context.newPage();
  }

  async function joinQueue(page: Page, email: string): Promise<void> {
    await page.getByTestId('customer-email').fill(email);
    await page.getByRole('button', { name: 'Join the queue' }).click();
  }

  /** Pays on the test provider's page; answers the order the shop then shows, read through the API. */
  async function buy(page: Page, name: string): Promise<OrderView> {
    await page.getByTestId('customer-name').fill(name);
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}\?return=/);
    await page.getByTestId('pay-approve').click();
    await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}\?token=/);
    const url = new URL(page.url());
    return (
      await t
        .http()
        .get(url.pathname.replace('/shop', '/api'))
        .set('X-Order-Token', url.searchParams.get('token')!)
        .expect(200)
    ).body;
  }

  it('before the start: a link from the shop, the countdown, the prices, and a place in the queue; fits every size', async () => {
    const page = await shopper();
    await page.goto('/shop');
    await page.getByRole('link', { name: /Sneaker drop/ }).click();
    await page.waitForURL(`**/shop/flash/${sale.id}`);
    await expectText(page.getByRole('heading', { level: 1 }), 'Sneaker drop');
    // Counting down the seconds to the start.
    const countdown = page.getByTestId('flash-countdown');
    const first = await countdown.textContent();
    // Under the half minute to the start (00:30 itself when the page loads within a second).
    expect(first).toMatch(/^00:([0-2]\d|30)$/);
    // It ticks: a second later it shows another figure.
    await page.waitForFunction(
      `document.querySelector('[data-testid=flash-countdown]')?.textContent !== ${JSON.stringify(first)}`,
    );
    await expectAttribute(page.getByTestId('flash-state'), 'data-state', 'not-started');
    await expectText(page.getByTestId('price'), '49.00');
    await expectText(page.locator('s'), '120.00');
    await expectText(page.getByTestId('flash-units-left'), '2');
    await page.getByTestId('product-image').waitFor();
    for (const size of [HANDHELD, PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await expectFits(page, `flash-sale-before-start-${size.width}x${size.height}`);
    }
    await page.setViewportSize(PHONE);
    await joinQueue(page, 'early@drop.test');
    await expectAttribute(page.getByTestId('queue-position'), 'data-position', '1');
    await expectText(page.getByTestId('queue-position'), 'Nobody ahead of you');
    await page.context().close();
  }, 60_000);

  it('speaks Dutch to a Dutch browser: the sale in Dutch words, prices as € 49,00; fits every size', async () => {
    // The browser's locale is what it sends as Accept-Language (and the shop's language follows it).
    const context = await browser.newContext({ viewport: HANDHELD, baseURL: t.url, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto('/shop');
    // Before the start, or (on a slow machine) just after it: Dutch either way.
    const banner = await page.getByRole('link', { name: /Sneaker drop/ }).innerText();
    expect(banner).toMatch(/Flash sale (begint over|nu bezig)/);
    await page.goto(`/shop/flash/${sale.id}`);
    await expectText(page.getByRole('heading', { level: 1 }), 'Sneaker drop');
    await expectText(page.getByTestId('price'), '€\u00a049,00');
    await expectText(page.locator('s'), '€\u00a0120,00');
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Flash sale · Canal store/i); // the eyebrow is set in capitals
    expect(text).toMatch(/2 stuks over/);
    expect(text).toContain('hoogstens 1 per klant');
    expect(text).toMatch(/Begint over \d\d:\d\d \(vandaag \d\d:\d\d\)|Nu bezig · eindigt over/);
    expect(text).toContain('← Alle producten');
    await page.getByRole('button', { name: 'Sluit aan in de rij' }).waitFor();
    expect(text).not.toMatch(/\b(left|per customer|Starts in|Join the queue)\b/);
    expect(await page.title()).toContain('Sneaker drop');
    for (const size of [HANDHELD, PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await expectFits(page, `flash-sale-nl-${size.width}x${size.height}`);
    }
    // No email yet: said beside the field in Dutch, not in the browser's bubble; no ticket is taken.
    await page.getByTestId('customer-email').fill('');
    await page.getByRole('button', { name: 'Sluit aan in de rij' }).click();
    await expectText(page.getByTestId('field-error'), 'Vul je e-mailadres in, zoals naam@voorbeeld.nl.');
    expect(await page.getByTestId('queue-position').count()).toBe(0);
    // A sale that is not there: said in Dutch words, with the way back to the shop.
    await page.goto('/shop/flash/00000000-0000-4000-8000-000000000000');
    await expectText(page.getByRole('alert'), 'We kunnen dit niet vinden. Misschien is het verwijderd.');
    await page.getByRole('link', { name: 'Naar de winkel' }).click();
    await page.waitForURL('**/shop');
    await context.close();
  }, 60_000);

  it('at the start: queued shoppers are let in in order and buy at the sale price; a watching page sees units left fall, then sold out', async () => {
    // The early shopper of the first test holds ticket 1: the two shoppers here come after them.
    const [ada, bob, watcher] = [await shopper(), await shopper(HANDHELD), await shopper(DESKTOP)];
    for (const page of [ada, bob, watcher]) await page.goto(`/shop/flash/${sale.id}`);
    await joinQueue(ada, 'ada@drop.test');
    await expectAttribute(ada.getByTestId('queue-position'), 'data-position', '2');
    await expectText(ada.getByTestId('queue-position'), '1 person ahead of you');
    await joinQueue(bob, 'bob@drop.test');
    await expectAttribute(bob.getByTestId('queue-position'), 'data-position', '3');
    await expectText(bob.getByTestId('queue-position'), '2 people ahead of you');
    await screenshot(ada, 'flash-sale-in-queue-390x844');
    await screenshot(bob, 'flash-sale-in-queue-360x640');

    // The sale opens: two units, so the first two tickets are let in (the early shopper's and Ada's).
    await ada.getByRole('heading', { name: "It's your turn" }).waitFor({ timeout: STARTS_IN_MS + 10_000 });
    await expectText(ada.getByTestId('flash-countdown'), ':');
    await expectText(ada.getByTestId('sale-total'), '49.00');
    await expectFits(ada, 'flash-sale-your-turn-390x844');
    // Bob is third: not let in while only two units are left.
    await expectAttribute(bob.getByTestId('queue-position'), 'data-position', '1');
    expect(await bob.getByRole('heading', { name: "It's your turn" }).count()).toBe(0);

    const order = await buy(ada, 'Ada Lovelace');
    expect(order.lines).toEqual([expect.objectContaining({ sku: 'DROP-SNEAKER', qty: 1 })]);
    expect(order.lines[0].unitPrice.amount).toBe(SALE_PRICE);
    expect(order.total.amount).toBe(SALE_PRICE);
    expect(order.customer.email).toBe('ada@drop.test');
    // The page that only watches sees the unit go, without a reload.
    await expectText(watcher.getByTestId('flash-units-left'), '1');
    await screenshot(watcher, 'flash-sale-live-1366x900');

    // The early shopper's turn is still open: they buy the last unit through the API with it.
    await buyLastUnitAsEarlyShopper();
    await expectText(watcher.getByTestId('flash-units-left'), '0');
    await expectAttribute(watcher.getByTestId('flash-state'), 'data-state', 'sold-out');
    await expectText(watcher.getByTestId('flash-state'), 'Sold out');
    await expectFits(watcher, 'flash-sale-sold-out-1366x900');
    await expectAttribute(bob.getByTestId('flash-state'), 'data-state', 'sold-out');
    await expectFits(bob, 'flash-sale-sold-out-360x640');
    // Back on the sale page, Ada is told she has bought hers rather than offered a spent turn.
    await ada.goto(`/shop/flash/${sale.id}`);
    await expectAttribute(ada.getByTestId('flash-state'), 'data-state', 'sold-out');
    for (const page of [ada, bob, watcher]) await page.context().close();
  }, 90_000);

  it("terminal: a store drop's orders sit in the order queue like others; an unpaid hold leaves it when it lapses, a paid one is handed over", async () => {
    const store = await fx.location({ name: 'Harbour drop store' });
    const [variant] = await fx.product(['DROP-CAP'], 3_500, 'Wool cap');
    await fx.stock(variant, store, 4);
    const clerk = await fx.user('clerk', [store.id]);
    const drop = (
      await t
        .http()
        .post('/api/flash-sales')
        .set(await t.asAdmin())
        .set('Idempotency-Key', 'terminal-drop')
        .send({
          title: 'Cap drop',
          startsAt: new Date(Date.now() - 1_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          locationId: store.id,
          lines: [{ sku: 'DROP-CAP', units: 2, price: 1_500, perCustomerLimit: 1 }],
        })
        .expect(201)
    ).body as FlashSaleView;
    const { context, page } = await openTerminal(browser, t.url, clerk, store.id);
    const paid = await orderFromSale(drop, 'paid@drop.test', 'Paid Buyer');
    const unpaid = await orderFromSale(drop, 'unpaid@drop.test', 'Slow Buyer');
    await fx.payWebhook(paid.payment.checkoutUrl, 'authorized').expect(200);
    const card = (order: { number: string }) =>
      page.locator(`[data-testid=order-card][data-order-number="${order.number}"]`);
    // Both show up at once, held at the sale price, like any pickup order.
    await expectAttribute(card(paid), 'data-status', 'placed');
    await expectAttribute(card(unpaid), 'data-status', 'placed');
    await expectText(card(unpaid), '15.00');
    await card(unpaid).click();
    await page.getByText('hold until').waitFor();
    await screenshot(page, 'terminal-flash-drop-orders');

    // FLASH_HOLD_MINUTES later the unpaid hold lapses: the card goes and its unit is back in the sale.
    await t.app.get(OrderExpiry).sweepOnce(new Date(Date.now() + 6 * 60_000));
    await card(unpaid).waitFor({ state: 'detached' });
    const after = (await t.http().get(`/api/flash-sales/${drop.id}`).expect(200)).body as FlashSaleView;
    expect(after.lines[0].unitsLeft).toBe(1);

    // The paid one is picked and handed over with its pickup code.
    await card(paid).click();
    await page.getByTestId('order-ready').click();
    await expectAttribute(card(paid), 'data-status', 'ready');
    await page.getByTestId('pickup-code-input').fill(paid.pickupCode);
    await page.getByTestId('order-collect').click();
    await card(paid).waitFor({ state: 'detached' });
    const collected = await t.http().get(`/api/orders/${paid.id}`).set(clerk.headers).expect(200);
    expect(collected.body.status).toBe('collected');
    await context.close();
  }, 90_000);

  it('a turn that passed unused: the page says so (as the server does, whatever its own clock) and queues again at the back', async () => {
    const store = await fx.location({ name: 'Tee drop store' });
    const [variant] = await fx.product(['DROP-TEE'], 2_500, 'Drop tee');
    await fx.stock(variant, store, 2);
    const drop = (
      await t
        .http()
        .post('/api/flash-sales')
        .set(await t.asAdmin())
        .set('Idempotency-Key', 'tee-drop')
        .send({
          title: 'Tee drop',
          startsAt: new Date(Date.now() - 1_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          locationId: store.id,
          lines: [{ sku: variant.sku, units: 1, price: 900, perCustomerLimit: 1 }],
        })
        .expect(201)
    ).body as FlashSaleView;
    // A device set to another zone still reads the store's time, as everywhere in the shop.
    const context = await browser.newContext({
      viewport: PHONE,
      baseURL: t.url,
      locale: 'en-GB',
      timezoneId: 'Pacific/Kiritimati',
    });
    const page = await context.newPage();
    await page.goto(`/shop/flash/${drop.id}`);
    const joinedAt = Date.now();
    await joinQueue(page, 'dawdler@drop.test');
    await page.getByRole('heading', { name: "It's your turn" }).waitFor();
    const amsterdam = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      minute: '2-digit',
    });
    const storeMinutes = Array.from({ length: 30 }, (_, i) => amsterdam.format(joinedAt + i * 60_000));
    const checkOutBy = /Check out by (\d\d:\d\d)/.exec(await page.getByRole('status').first().innerText());
    expect(storeMinutes).toContain(checkOutBy?.[1]);
    // Two more wait behind: the one unit is held for the dawdler's turn.
    for (const email of ['next@drop.test', 'after@drop.test'])
      await t.http().post(`/api/flash-sales/${drop.id}/queue`).send({ email }).expect(201);

    // On the server the turn lapses (its clock moved on); the next in line is let in.
    const later = new Date(Date.now() + 125_000);
    const clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(later);
    try {
      await t.app.get(FlashAdmitter).sweepOnce(later);
      await page.reload();
      await expectAttribute(page.getByTestId('flash-state'), 'data-state', 'turn-passed');
      await expectFits(page, 'flash-sale-turn-passed-390x844');
      await page.getByTestId('queue-rejoin').click();
      // Behind the one still waiting (the next in line has the turn now).
      await expectAttribute(page.getByTestId('queue-position'), 'data-position', '2');
      await expectText(page.getByTestId('queue-position'), '1 person ahead of you');
    } finally {
      clock.mockRestore();
      await page.context().close();
    }
  }, 60_000);

  async function buyLastUnitAsEarlyShopper(): Promise<void> {
    await orderFromSale(sale, 'early@drop.test', 'Early Bird');
  }

  /** A buyer through the API: their ticket, its admission (admitted now if not yet), an order for pickup. */
  async function orderFromSale(drop: FlashSaleView, email: string, name: string) {
    const joined = await t.http().post(`/api/flash-sales/${drop.id}/queue`).send({ email }).expect(201);
    await t.app.get(FlashAdmitter).sweepOnce();
    const standing = (await t.http().get(`/api/flash-sales/queue/${joined.body.ticket}`).expect(200)).body;
    expect(standing.admitted).toBe(true);
    const placed = await t
      .http()
      .post('/api/orders')
      .set('Idempotency-Key', `drop-${email}`)
      .set('X-Flash-Sale-Admission', standing.admission)
      .send({
        lines: [{ sku: drop.lines[0].sku, qty: 1 }],
        fulfillment: { type: 'pickup', locationId: drop.locationId },
        customer: { name, email },
        payment: 'online',
      })
      .expect(201);
    return placed.body as OrderView & { pickupCode: string; payment: { checkoutUrl: string } };
  }
});
