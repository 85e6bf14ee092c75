import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const TABLET = { width: 1024, height: 768 };
export const TABLET_WIDE = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Debian's chromium, headless, with nothing that phones home or races the test. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const SCREENSHOTS = join(__dirname, '../../screenshots');

/** A full-page screenshot in test/screenshots/ (git-ignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** A phone browser: touch, mobile viewport. */
export function phoneContext(browser: Browser, baseURL: string, extra: object = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, baseURL, isMobile: true, hasTouch: true, ...extra });
}

/** Waits until one of the located elements shows `text`. */
export async function expectText(locator: Locator, text: string, timeout = 10_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}

/** Waits until one of the located elements carries the attribute `name` with `value`. */
export async function expectAttribute(
  locator: Locator,
  name: string,
  value: string,
  timeout = 10_000,
): Promise<void> {
  await locator
    .and(locator.page().locator(`[${name}="${value}"]`))
    .first()
    .waitFor({ timeout });
}

/**
 * A clerk signed in on the tablet terminal, at one store, with the live feed online. Staff of one
 * store land in it at once; staff of several choose it.
 */
export async function openTerminal(
  browser: Browser,
  baseURL: string,
  clerk: { email: string; password: string },
  locationId: string,
  viewport = TABLET,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL });
  const page = await context.newPage();
  await page.goto('/terminal');
  await page.getByTestId('login-email').fill(clerk.email);
  await page.getByTestId('login-password').fill(clerk.password);
  await page.getByTestId('login-submit').click();
  const chooser = page.getByTestId('location-select');
  await chooser.or(page.getByTestId('connection-status')).first().waitFor();
  if (await chooser.isVisible()) await chooser.selectOption(locationId);
  await expectText(page.getByTestId('connection-status'), 'online');
  return { context, page };
}

/** /admin at a 1280×800 desk, signed in as a manager or admin, on the screen its nav button `screen` opens. */
export async function openAdmin(
  browser: Browser,
  baseURL: string,
  who: { email: string; password: string },
  screen: 'products' | 'locations' | 'staff' | 'import' | 'reports' | 'audit',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: TABLET_WIDE, baseURL, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/admin');
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(`nav-${screen}`).click();
  return { context, page };
}

/** The little of the page's DOM that these helpers touch (tests type-check without the DOM library). */
interface PageGlobals {
  document: {
    activeElement: PageNode | null;
    body: PageNode;
  };
  KeyboardEvent: new (type: string, init: { key: string; bubbles: boolean }) => unknown;
}
interface PageNode {
  blur(): void;
  dispatchEvent(event: unknown): boolean;
  getAttribute(name: string): string | null;
}

/**
 * A handheld scanner: a USB keyboard that types the whole code in one burst and presses Enter, into
 * whatever has the focus. The burst is dispatched inside the page at once, so its speed does not
 * depend on how busy the test machine is.
 */
export async function scanWithHandheld(page: Page, text: string): Promise<void> {
  await page.evaluate(
    (keys) => {
      const { document, KeyboardEvent } = globalThis as unknown as PageGlobals;
      const target = document.activeElement ?? document.body;
      for (const key of keys) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    },
    [...text, 'Enter'],
  );
}

/** Takes the focus away from any field, as a tap on an empty part of the screen does. */
export async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur());
}

/** The data-testid of the focused element (null when none has one). */
export function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-testid') ?? null,
  );
}

/** Waits until a form field holds `value` (what a person sees in it, not its HTML attribute). */
export async function waitForValue(locator: Locator, value: string, timeout = 10_000): Promise<void> {
  const field = await locator.elementHandle({ timeout });
  await locator
    .page()
    .waitForFunction(
      ({ element, expected }) => (element as unknown as { value: string }).value === expected,
      { element: field, expected: value },
      { timeout },
    );
}
