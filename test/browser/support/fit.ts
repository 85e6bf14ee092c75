import type { Page } from 'playwright-core';
import { screenshot } from './browser';

/** The terminal's two tablet orientations (the contract's "every page fits its device"). */
export const LANDSCAPE = { width: 1024, height: 768 };
export const PORTRAIT = { width: 768, height: 1024 };
/** A handheld for stock work. */
export const HANDHELD = { width: 360, height: 640 };

/** Smallest height of something a finger taps. */
export const MIN_TOUCH_PX = 44;

/** The little of the page's DOM that the measurement touches (tests type-check without the DOM library). */
interface Box {
  left: number;
  right: number;
  width: number;
  height: number;
}
interface FitNode {
  tagName: string;
  type?: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
  closest(selector: string): FitNode | null;
  parentElement: FitNode | null;
}
interface FitGlobals {
  innerWidth: number;
  document: {
    documentElement: { scrollWidth: number };
    querySelectorAll(selector: string): Iterable<FitNode>;
  };
  getComputedStyle(node: FitNode): { visibility: string; overflowX: string };
}

/**
 * What does not fit the viewport: the document wider than the screen, any visible button, field,
 * select or link whose box is cut off at the left or right (by the viewport, or by a panel around it
 * that clips or scrolls sideways), and any such target lower than 44 px (a radio button or checkbox
 * is measured by the label a finger taps). Empty when all is well.
 */
export function fitProblems(page: Page): Promise<string[]> {
  return page.evaluate((minTouch) => {
    const { document, innerWidth, getComputedStyle } = globalThis as unknown as FitGlobals;
    const problems: string[] = [];
    const width = document.documentElement.scrollWidth;
    if (width > innerWidth) problems.push(`document is ${width} px wide in a ${innerWidth} px viewport`);
    const targets = document.querySelectorAll('button, input, select, textarea, a[href], [role=button]');
    for (const node of targets) {
      if (node.type === 'hidden') continue;
      const tappable =
        node.type === 'radio' || node.type === 'checkbox' ? (node.closest('label') ?? node) : node;
      const box = tappable.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(node).visibility === 'hidden') continue;
      // A visually hidden element (1 px, clipped) is for screen readers, not fingers.
      if (box.width <= 1 && box.height <= 1) continue;
      const name = `${node.tagName.toLowerCase()} "${(node.getAttribute('aria-label') ?? node.textContent ?? node.getAttribute('placeholder') ?? '').trim().slice(0, 40)}"`;
      if (box.left < -0.5 || box.right > innerWidth + 0.5) {
        problems.push(
          `${name} is cut off (${Math.round(box.left)}..${Math.round(box.right)} of ${innerWidth})`,
        );
      }
      if (box.height < minTouch - 0.5) problems.push(`${name} is ${Math.round(box.height)} px high`);
    }
    return problems;
  }, MIN_TOUCH_PX);
}

/** Asserts the screen fits (see fitProblems) and keeps a screenshot of it for people to look at. */
export async function expectFits(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect({ screen: name, problems: await fitProblems(page) }).toEqual({ screen: name, problems: [] });
}
