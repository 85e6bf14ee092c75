import type { Page } from 'playwright-core';

/*
 * The test code is type-checked without the DOM library (it runs in Node), so the few DOM shapes
 * that the in-page checks use are declared here.
 */
interface PageStyle {
  color: string;
  backgroundColor: string;
  backgroundImage: string;
  visibility: string;
  fontSize: string;
  fontWeight: string;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
}
interface PageElement {
  parentElement: PageElement | null;
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  outerHTML: string;
  getClientRects(): ArrayLike<unknown>;
  closest(selector: string): PageElement | null;
  blur(): void;
}
interface PageWindow {
  document: {
    body: PageElement & { querySelectorAll(selector: string): ArrayLike<PageElement> };
    activeElement: PageElement | null;
  };
  getComputedStyle(element: PageElement): PageStyle;
}
const TEXT_NODE = 3;

/** Roles a person operates: each needs a name that a screen reader (and a voice command) can use. */
const CONTROL_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'textbox',
]);

interface AXNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  backendDOMNodeId?: number;
}

/**
 * Controls on the page without an accessible name, as Chromium itself computes it (the same
 * accessibility tree a screen reader reads): answers their HTML, empty when every control is named.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    const unnamed = nodes.filter(
      (node) =>
        !node.ignored && CONTROL_ROLES.has(node.role?.value ?? '') && !(node.name?.value ?? '').trim(),
    );
    return Promise.all(
      unnamed.map(async (node) => {
        const { outerHTML } = (await cdp.send('DOM.getOuterHTML', {
          backendNodeId: node.backendDOMNodeId,
        })) as { outerHTML: string };
        return `${node.role?.value}: ${outerHTML.slice(0, 160)}`;
      }),
    );
  } finally {
    await cdp.detach();
  }
}

/**
 * Visible text whose contrast with what is behind it is below WCAG AA (4.5:1, or 3:1 for large
 * text), computed from the styles in the page. Disabled controls are exempt, as in WCAG.
 */
export function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate((TEXT_NODE) => {
    const { document, getComputedStyle } = globalThis as unknown as PageWindow;
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba | null => {
      const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
      return match ? [+match[1], +match[2], +match[3], match[4] === undefined ? 1 : +match[4]] : null;
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      const mix = (i: number) => (a ? (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a : 0);
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    /** The colour behind an element: its own and its ancestors' backgrounds, composited on white. */
    const backgroundOf = (element: PageElement): Rgba | null => {
      const layers: Rgba[] = [];
      for (let node: PageElement | null = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.backgroundImage !== 'none') return null; // a picture or gradient: not judged here
        const colour = parse(style.backgroundColor);
        if (colour && colour[3] > 0) layers.push(colour);
        if (colour && colour[3] === 1) break;
      }
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const problems: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const ownText = Array.from(element.childNodes)
        .filter((node) => node.nodeType === TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (!ownText || !element.getClientRects().length) continue;
      if (element.closest(':disabled, [aria-disabled="true"], .visually-hidden, [hidden]')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      const background = backgroundOf(element);
      const colour = parse(style.color);
      if (!background || !colour) continue;
      const text = over(colour, background);
      const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        problems.push(
          `${ratio.toFixed(2)}:1 "${ownText.slice(0, 40)}" (${style.color} on rgb(${background.slice(0, 3).map(Math.round).join(', ')}))`,
        );
      }
    }
    return problems;
  }, TEXT_NODE);
}

/**
 * Walks the page with the Tab key, as a keyboard user does, and answers the focused elements that
 * show no focus indicator (neither an outline nor a box shadow).
 */
export async function focusWithoutIndicator(page: Page, maxStops = 40): Promise<string[]> {
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.blur());
  const missing: string[] = [];
  const seen = new Set<string>();
  for (let stop = 0; stop < maxStops; stop++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageWindow;
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return {
        html: element.outerHTML.slice(0, 120),
        visible: outlined || style.boxShadow !== 'none',
      };
    });
    if (!focused || seen.has(focused.html)) break; // wrapped around to the start
    seen.add(focused.html);
    if (!focused.visible) missing.push(focused.html);
  }
  return missing;
}

/** All three checks at once, so a test can assert one empty report per screen. */
export async function accessibilityReport(page: Page) {
  return {
    unnamed: await unnamedControls(page),
    lowContrast: await lowContrastText(page),
    noFocusIndicator: await focusWithoutIndicator(page),
  };
}
