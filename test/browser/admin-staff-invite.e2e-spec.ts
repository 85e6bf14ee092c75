import type { Browser } from 'playwright-core';
import { buildApps } from '../../scripts/build-apps';
import { Fixtures } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectText, launchChromium, openAdmin } from './support/browser';
import { expectFits } from './support/fit';

/** Inviting staff from /admin (issue 19): a manager adds a clerk for their store, who can then sign in. */
describe('staff invite in the back office', () => {
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

  it('a manager adds a clerk with a store; the clerk signs in with that role and store', async () => {
    const store = await fx.location({ name: 'Canal Street' });
    const manager = await fx.user('manager', [store.id]);
    const { context: desk, page: office } = await openAdmin(browser, t.url, manager, 'staff');

    await office.getByTestId('invite-name').fill('Noor Bakker');
    await office.getByTestId('invite-email').fill('noor@test.local');
    await office.getByTestId('invite-password').fill('first-password-1');
    await office.getByTestId('invite-role').selectOption('clerk');
    await office.locator(`[data-testid=invite-store][data-location-id="${store.id}"]`).check();
    await office.getByTestId('invite-submit').click();
    await expectText(office.locator('.notice.info'), 'noor@test.local can sign in now.');
    await expectText(office.getByTestId('staff-row'), 'noor@test.local');

    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'noor@test.local', password: 'first-password-1' })
      .expect(200);
    expect(login.body.user).toMatchObject({ role: 'clerk', locationIds: [store.id] });

    // The same email again is refused in words, and adds no one.
    await office.getByTestId('invite-name').fill('Noor again');
    await office.getByTestId('invite-email').fill('noor@test.local');
    await office.getByTestId('invite-password').fill('first-password-1');
    await office.locator(`[data-testid=invite-store][data-location-id="${store.id}"]`).check();
    await office.getByTestId('invite-submit').click();
    await expectText(office.locator('.invite .notice.error'), 'email is taken');
    await expect(office.locator('[data-testid=staff-row]:has-text("noor@test.local")').count()).resolves.toBe(
      1,
    );
    await expectFits(office, 'admin-staff-invite-1280');
    await desk.close();
  });
});
