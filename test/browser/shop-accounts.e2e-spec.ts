import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MessageSender } from '../../src/messages/message-sender.service';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAttribute, launchChromium, PHONE } from './support/browser';
import { expectFits, HANDHELD } from './support/fit';

const SIZES = [HANDHELD, PHONE, { width: 1366, height: 900 }];
const EMAIL = 'marit.jansen@shopper.test';
const PASSWORD = 'stroopwafel-42';

/**
 * A shopper's account in the shop (issue 18): an order placed as a guest, then an account registered
 * with that email and confirmed by the mailed link; signed in, the order history lists the guest order
 * beside the one placed while signed in, and "Order again" fills the cart.
 */
describe('shop accounts in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let productId: string;
  const guestOrder: { id: string } = { id: '' };

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    const fx = new Fixtures(t);
    const store = await fx.location({ name: 'Jordaan' });
    const [mug] = await fx.product(['MUG-OCHRE'], 1450, 'Stoneware mug, ochre');
    productId = mug.productId;
    await fx.stock(mug, store, 20);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: PHONE, baseURL: t.url, locale: 'en-GB' });
    page = await context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Puts one mug in the cart and places a pickup order at Jordaan; answers the order's id. */
  async function orderMug(customer?: { name: string; email: string }): Promise<string> {
    await page.goto(`/shop/products/${productId}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto('/shop/cart');
    await page.getByRole('radio', { name: /Jordaan/ }).check();
    if (customer) {
      await page.getByTestId('customer-name').fill(customer.name);
      await page.getByTestId('customer-email').fill(customer.email);
    }
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}/);
    await page.getByTestId('order-status').waitFor();
    return /\/shop\/orders\/([0-9a-f-]{36})/.exec(page.url())![1];
  }

  async function signIn(mode: 'register' | 'signin') {
    await page.getByTestId('nav-account').click();
    if (mode === 'register') {
      await page.getByTestId('show-register').click();
      await page.getByTestId('register-name').fill('Marit Jansen');
    }
    await page.getByTestId('signin-email').fill(EMAIL);
    await page.getByTestId('signin-password').fill(PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signout').waitFor();
  }

  async function historyIds(): Promise<Array<string | null>> {
    const rows = page.getByTestId('order-history-row');
    const count = await rows.count();
    return Promise.all(Array.from({ length: count }, (_, i) => rows.nth(i).getAttribute('data-order-id')));
  }

  it('a guest order, then register with its email: nothing listed until it is confirmed', async () => {
    guestOrder.id = await orderMug({ name: 'Marit Jansen', email: EMAIL });
    await signIn('register');
    await page.getByTestId('verify-notice').waitFor();
    await page.getByText('No orders yet.').waitFor(); // the list has loaded, and it is empty
    expect(await page.getByTestId('order-history-row').count()).toBe(0);
  });

  it('signed in, checkout is prefilled and the order is the account’s at once', async () => {
    await page.goto('/shop/products/' + productId);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto('/shop/cart');
    await page.getByRole('radio', { name: /Jordaan/ }).check();
    expect(await page.getByTestId('customer-email').inputValue()).toBe(EMAIL);
    expect(await page.getByTestId('customer-name').inputValue()).toBe('Marit Jansen');
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/shop\/orders\/[0-9a-f-]{36}/);
    const signedInOrder = /\/shop\/orders\/([0-9a-f-]{36})/.exec(page.url())![1];
    await page.getByTestId('nav-account').click();
    await page.getByTestId('order-history-row').first().waitFor();
    expect(await historyIds()).toEqual([signedInOrder]); // the guest one waits for the confirmation
  });

  it('the link from the mailbox confirms the email', async () => {
    await t.app.get(MessageSender).sendDue();
    const mails = (await t.http().get('/dev/mailbox/messages').expect(200)).body as Array<{
      to: string;
      text: string;
    }>;
    const mail = mails.find((m) => m.to === EMAIL && m.text.includes('/shop/account/verify?token='))!;
    const link = new URL(/https?:\/\/\S+\/shop\/account\/verify\?token=[\w-]+/.exec(mail.text)![0]);
    await page.goto(link.pathname + link.search);
    await expectAttribute(page.getByTestId('verify-result'), 'data-verified', 'true');
  });

  it('sign out, sign in → the order history lists the shopper’s orders, the guest one included', async () => {
    await page.getByTestId('nav-account').click();
    await page.getByTestId('signout').click();
    await page.getByTestId('signin-submit').waitFor();
    await signIn('signin');
    await page.getByTestId('order-history-row').nth(1).waitFor();
    const ids = await historyIds();
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(guestOrder.id); // newest first: the guest order came first
    const guestRow = page.locator(`[data-testid=order-history-row][data-order-id="${guestOrder.id}"]`);
    await expectAttribute(guestRow, 'data-status', 'placed');
    expect(await guestRow.innerText()).toMatch(/€\s?14[.,]50/);

    // Its order page opens for the signed-in shopper.
    await guestRow.getByRole('link').click();
    await page.getByTestId('pickup-code').waitFor();
    await page.goBack();
    await page.getByTestId('order-history-row').nth(1).waitFor();
  });

  it('an order opened from the history shows its pickup QR, also on a device that never placed it', async () => {
    const qrLoaded = async () => {
      await page.getByTestId('pickup-qr').waitFor();
      await page.waitForFunction(
        `document.querySelector('[data-testid=pickup-qr]').complete && document.querySelector('[data-testid=pickup-qr]').naturalWidth > 0`,
      );
    };
    const openGuestOrder = async () => {
      await page.goto('/shop/account');
      const guestRow = page.locator(`[data-testid=order-history-row][data-order-id="${guestOrder.id}"]`);
      await guestRow.getByRole('link').click();
      await page.getByTestId('pickup-code').waitFor();
    };
    await openGuestOrder();
    await qrLoaded();
    // Another device: the order's token was never kept here, only the account's sign-in.
    const known = await page.evaluate(`localStorage.getItem('o2o.shop.orders')`);
    await page.evaluate(`localStorage.removeItem('o2o.shop.orders')`);
    await openGuestOrder();
    expect(page.url()).not.toContain('token=');
    await qrLoaded();
    await expectFits(page, 'shop-order-from-history-390');
    await page.evaluate(`localStorage.setItem('o2o.shop.orders', ${JSON.stringify(JSON.stringify(known))})`);
  });

  it('fits at 360×640, 390×844 and 1366×900', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.goto('/shop/account');
      await page.getByTestId('order-history-row').nth(1).waitFor();
      await expectFits(page, `shop-account-${size.width}`);
    }
    const signedOut = await browser.newContext({ viewport: HANDHELD, baseURL: t.url, locale: 'en-GB' });
    const fresh = await signedOut.newPage();
    await fresh.goto('/shop/account');
    await fresh.getByTestId('show-register').click();
    await expectFits(fresh, 'shop-register-360');
    // What is missing is said beside each field, in the shop's words, before anything is sent.
    await fresh.getByTestId('signin-email').fill('marit@');
    await fresh.getByTestId('signin-password').fill('short');
    await fresh.getByTestId('signin-submit').click();
    const problems = fresh.getByTestId('field-error');
    await problems.first().waitFor();
    const said = async () =>
      Object.fromEntries(
        await Promise.all(
          (await problems.all()).map(async (p) => [await p.getAttribute('data-field'), await p.innerText()]),
        ),
      );
    expect(await said()).toEqual({
      name: 'Please enter your name.',
      email: 'Please enter your email address, like name@example.com.',
      password: 'Choose a password of at least 8 characters.',
    });
    await expectFits(fresh, 'shop-register-problems-360');
    await fresh.getByTestId('language-switch').getByText('NL').click();
    await fresh.getByTestId('signin-submit').click();
    await fresh.getByText('Kies een wachtwoord van minstens 8 tekens.').waitFor();
    await signedOut.close();
    await page.setViewportSize(PHONE);
  });

  it('speaks Dutch: the history in Dutch words, euros as € 14,50', async () => {
    await page.evaluate(`localStorage.setItem('o2o.shop.language', 'nl')`);
    await page.goto('/shop/account');
    await page.getByRole('heading', { name: 'Je bestellingen' }).waitFor();
    const row = page.getByTestId('order-history-row').first();
    expect(await row.innerText()).toMatch(/Ontvangen[\s\S]*Besteld op \d+ december 2026[\s\S]*€\s14,50/);
    expect(await row.getByTestId('reorder').innerText()).toBe('Opnieuw bestellen');
    await expectFits(page, 'shop-account-nl-390');
    await page.evaluate(`localStorage.setItem('o2o.shop.language', 'en')`);
  });

  it('"Order again" puts the order’s lines in the cart', async () => {
    await page.evaluate(`localStorage.removeItem('o2o.shop.cart')`);
    await page.goto('/shop/account');
    const guestRow = page.locator(`[data-testid=order-history-row][data-order-id="${guestOrder.id}"]`);
    await guestRow.getByTestId('reorder').click();
    await page.waitForURL(/\/shop\/cart$/);
    await page.locator('[data-testid=cart-line][data-sku="MUG-OCHRE"]').waitFor();
    const cart = JSON.parse((await page.evaluate(`localStorage.getItem('o2o.shop.cart')`)) as string);
    expect(cart).toEqual([expect.objectContaining({ sku: 'MUG-OCHRE', qty: 1, productId })]);
  });
});
