import type { Browser } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Clock } from '../../src/common/clock';
import { LocationsService } from '../../src/locations/locations.service';
import { MessageSender } from '../../src/messages/message-sender.service';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAttribute, launchChromium, openTerminal, phoneContext } from './support/browser';

const HOUR = 3_600_000;

/**
 * What customers are told, in the browser (issue 16): the terminal's queue worked by promised time
 * with late orders marked, message status and Resend on the order, the shop's ready-by, and the
 * mailbox page with the emails a placed and readied order sends.
 */
describe('messages and the pickup promise in the browser', () => {
  let t: TestApp;
  let f: Fixtures;
  let browser: Browser;

  beforeAll(async () => {
    await buildApps({ log: () => undefined });
    t = await startTestApp();
    f = new Fixtures(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('queue by readyBy with late ones marked; message status and Resend; ready-by in the shop; both emails in the mailbox', async () => {
    const store = await f.location({ name: 'Promise Street', pickupPrepMinutes: 240 });
    const variant = await f.stocked(store, 5, 1500);
    const clerk = await f.user('clerk', [store.id]);
    const customer = (name: string) => ({ name, email: `${name.toLowerCase()}@browser.test` });
    // A: placed first, promised in 4 hours. B: placed after a faster prep time was set, promised in 30 minutes.
    const a = await f.order(store, variant.sku, 1, 'pickup', customer('Anna'));
    await t.app.get(LocationsService).update(undefined, store.id, { pickupPrepMinutes: 30 });
    const b = await f.order(store, variant.sku, 1, 'pickup', customer('Bo'));
    // C: placed three hours ago (on the app's clock), promised two and a half hours ago: late.
    const clock = jest
      .spyOn(t.app.get(Clock), 'now')
      .mockImplementation(() => new Date(Date.now() - 3 * HOUR));
    const c = await f.order(store, variant.sku, 1, 'pickup', customer('Cees'));
    clock.mockRestore();

    const { page: terminal } = await openTerminal(browser, t.url, clerk, store.id);
    const cards = terminal.getByTestId('order-card');
    await cards.nth(2).waitFor();
    expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-order-number')))).toEqual([
      c.number,
      b.number,
      a.number,
    ]);
    await expectAttribute(cards.nth(0).getByTestId('ready-by'), 'data-late', 'true');
    await expectAttribute(cards.nth(1).getByTestId('ready-by'), 'data-late', 'false');

    // The shop's order page promises B's time.
    // An English-reading shopper in Europe: the shop follows the browser's locale, here a 24-hour clock.
    const phone = await phoneContext(browser, t.url, { locale: 'en-GB' });
    const shop = await phone.newPage();
    await shop.goto(`/shop/orders/${b.id}?token=${b.orderToken}`);
    await shop.getByTestId('ready-by').waitFor();
    expect(await shop.getByTestId('ready-by').textContent()).toMatch(/Ready by .*\d\d:\d\d/);

    // A is readied at the terminal; its emails go out; the card shows their status, and Resend.
    await t.http().post(`/api/orders/${a.id}/ready`).set(clerk.headers).expect(200);
    await t.app.get(MessageSender).sendDue();
    await cards.filter({ hasText: a.number }).click();
    const sentReady = terminal.locator('[data-testid="message-status"][data-kind="ready_for_pickup"]');
    await expectAttribute(sentReady, 'data-status', 'sent');

    const mailbox = await phone.newPage();
    await mailbox.goto('/dev/mailbox');
    const rows = mailbox.locator('[data-testid="mail-row"][data-to="anna@browser.test"]');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const subjects = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-subject')));
    expect(subjects.join(' | ')).toContain(`${a.number} ligt klaar`);
    expect(subjects.join(' | ')).toContain(`${a.number} ontvangen`);

    await sentReady.getByTestId('message-resend').click();
    await terminal.locator('[data-testid="message-status"][data-kind="ready_for_pickup"]').nth(1).waitFor();
    await t.app.get(MessageSender).sendDue();
    await mailbox.reload();
    await rows.nth(2).waitFor();
    await phone.close();
  });
});
