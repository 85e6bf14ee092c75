import type { Money } from '@o2o/contracts';

// Helpers of the printable pages the server renders (label sheets, receipts).

/** "€19.99" from {amount: 1999, currency: 'EUR'}, with the currency's own number of minor digits. */
export function formatPrice(price: Money): string {
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: price.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(price.amount / 10 ** digits);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
