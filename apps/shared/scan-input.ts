import { PICKUP_QR_PREFIX } from '@o2o/contracts';

/** What a scanned (or typed) text stands for. */
export type Scanned =
  | { kind: 'tag'; code: string }
  | { kind: 'pickup'; orderId: string; pickupCode: string }
  | { kind: 'text'; value: string };

const PICKUP_PATTERN = new RegExp(`^${PICKUP_QR_PREFIX}:([0-9a-f-]{36}):(\\S+)$`, 'i');
const TAG_URL_PATTERN = /^(?:https?:\/\/[^/\s]+)?\/s\/([A-Za-z0-9_-]+)\/?$/;

/**
 * Reads a scan: a shelf tag's URL (…/s/<code>), a customer's pickup QR (pickup:<orderId>:<code>),
 * or anything else (a barcode, a SKU, search words).
 */
export function parseScan(raw: string): Scanned {
  const text = raw.trim();
  const pickup = PICKUP_PATTERN.exec(text);
  if (pickup) return { kind: 'pickup', orderId: pickup[1].toLowerCase(), pickupCode: pickup[2] };
  const tag = TAG_URL_PATTERN.exec(text);
  if (tag) return { kind: 'tag', code: tag[1] };
  return { kind: 'text', value: text };
}

/** Shortest burst taken for a scan: shorter ones are stray key presses. */
export const MIN_SCAN_LENGTH = 4;
/** Longest pause between two keys of one scan; scanners type far faster than people. */
export const MAX_SCAN_GAP_MS = 60;

/**
 * Tells a handheld scanner's burst of keys (then Enter) from a person's typing: keys that follow
 * each other within `maxGapMs` build one burst; Enter ends it. `key` answers the scanned text when
 * Enter ends a burst of at least MIN_SCAN_LENGTH characters, else null.
 */
export class ScannerBurst {
  private buffer = '';
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly maxGapMs = MAX_SCAN_GAP_MS) {}

  key(key: string, atMs: number): string | null {
    if (atMs - this.last > this.maxGapMs) this.buffer = '';
    this.last = atMs;
    if (key === 'Enter') {
      const text = this.buffer;
      this.buffer = '';
      return text.length >= MIN_SCAN_LENGTH ? text : null;
    }
    // Printable characters only: Shift, arrows and other named keys are not part of a code.
    if (key.length === 1) this.buffer += key;
    return null;
  }
}

/**
 * Handheld scanners "type" a code in a burst and press Enter. When no text field has the focus,
 * this catches such a burst anywhere on the page and hands it over; typing into fields is untouched.
 * Answers a function that stops listening.
 */
export function listenForScanner(onScan: (text: string) => void, maxGapMs = MAX_SCAN_GAP_MS): () => void {
  const burst = new ScannerBurst(maxGapMs);
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)))
      return;
    const scanned = burst.key(event.key, performance.now());
    if (scanned !== null) {
      event.preventDefault();
      onScan(scanned);
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
