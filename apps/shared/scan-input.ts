import { PICKUP_QR_PREFIX } from '../../libs/contracts/src';

/** What a scanned (or typed) text stands for. */
export type Scanned =
  | { kind: 'tag'; code: string }
  | { kind: 'pickup'; orderId: string; pickupCode: string }
  | { kind: 'text'; value: string };

/**
 * Reads a scan: a shelf tag's URL (…/s/<code>), a customer's pickup QR (pickup:<orderId>:<code>),
 * or anything else (a barcode, a SKU, search words).
 */
export function parseScan(raw: string): Scanned {
  const text = raw.trim();
  const pickup = new RegExp(`^${PICKUP_QR_PREFIX}:([0-9a-f-]{36}):(\\S+)$`, 'i').exec(text);
  if (pickup) return { kind: 'pickup', orderId: pickup[1].toLowerCase(), pickupCode: pickup[2] };
  const tag = /^(?:https?:\/\/[^/\s]+)?\/s\/([A-Za-z0-9_-]+)\/?$/.exec(text);
  if (tag) return { kind: 'tag', code: tag[1] };
  return { kind: 'text', value: text };
}

/**
 * Handheld scanners "type" a code in a burst and press Enter. When no text field has the focus,
 * this catches such a burst anywhere on the page and hands it over; typing into fields is untouched.
 * Answers a function that stops listening.
 */
export function listenForScanner(onScan: (text: string) => void, maxGapMs = 60): () => void {
  let buffer = '';
  let last = 0;
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)))
      return;
    const now = performance.now();
    if (now - last > maxGapMs) buffer = '';
    last = now;
    if (event.key === 'Enter') {
      if (buffer.length >= 4) {
        event.preventDefault();
        onScan(buffer);
      }
      buffer = '';
    } else if (event.key.length === 1) {
      buffer += event.key;
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
