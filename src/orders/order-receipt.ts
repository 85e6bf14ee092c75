import type { Money, OrderView } from '@o2o/contracts';
import { escapeHtml, formatPrice } from '../common/html';

/** The store that sold: printed at the top. */
export interface ReceiptHeader {
  locationName: string;
  address: string;
  /** The QR printed at the foot (`order:<id>`): scanned at any store's returns desk to find the order. */
  qrSvg?: string;
}

const PAYMENT_LABELS: Record<OrderView['payment']['method'], string> = {
  online: 'Paid online',
  at_pickup: 'Paid at pickup',
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
};

/**
 * An order's receipt as a page for an 80 mm till printer: the store, the lines with their prices,
 * the total and how it was paid (cash with what was handed over and the change).
 */
export function renderReceipt(order: OrderView, header: ReceiptHeader): string {
  const lines = order.lines
    .filter((line) => line.status !== 'cancelled')
    .map(
      (
        line,
      ) => `<tr><td>${line.qty} × ${escapeHtml(line.title)}<br><small>${escapeHtml(line.sku)}</small></td>
        <td class="num">${formatPrice(times(line.unitPrice, line.qty))}</td></tr>`,
    )
    .join('');
  const cash = order.tendered
    ? `<tr><td>Cash given</td><td class="num">${formatPrice(order.tendered)}</td></tr>
       <tr><td>Change</td><td class="num">${formatPrice(order.change!)}</td></tr>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Receipt ${escapeHtml(order.number)}</title>
<style>${RECEIPT_CSS}</style></head><body><main class="receipt">
<h1>${escapeHtml(header.locationName)}</h1>
<p>${escapeHtml(header.address)}</p>
<p>Receipt ${escapeHtml(order.number)}<br>${escapeHtml(new Date(order.createdAt).toUTCString())}</p>
<table>${lines}
<tr class="total"><td>Total</td><td class="num">${formatPrice(order.total)}</td></tr>
<tr><td>${PAYMENT_LABELS[order.payment.method]}</td><td class="num">${formatPrice(order.total)}</td></tr>
${cash}</table>
<p class="thanks">Thank you for shopping with us.</p>
${header.qrSvg ? `<div class="qr">${header.qrSvg}</div><p>Bring this receipt to return an item at any of our stores.</p>` : ''}
</main></body></html>`;
}

function times(price: Money, qty: number): Money {
  return { amount: price.amount * qty, currency: price.currency };
}

const RECEIPT_CSS = `
@page { size: 80mm auto; margin: 4mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 12px/1.4 system-ui, sans-serif; color: #000; background: #fff; }
.receipt { width: 72mm; margin: 0 auto; padding: 2mm 0; }
h1 { font-size: 16px; text-align: center; margin: 0 0 2mm; }
p { text-align: center; margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; }
td { padding: 1mm 0; vertical-align: top; }
.num { text-align: right; white-space: nowrap; padding-left: 2mm; }
.total td { border-top: 1px dashed #000; font-weight: 700; font-size: 14px; }
.thanks { margin-top: 3mm; }
.qr { width: 28mm; margin: 2mm auto; }
.qr svg { width: 100%; height: auto; display: block; }
`;
