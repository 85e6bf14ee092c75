import type { Money } from '@o2o/contracts';
import { escapeHtml, formatPrice } from '../common/html';

export const LABEL_FORMATS = ['a4', 'label'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** What one printed label shows; `qrSvg` is an inline <svg> of the tag's URL. */
export interface LabelContent {
  code: string;
  url: string;
  sku: string;
  productTitle: string;
  variantTitle: string;
  price: Money;
  qrSvg: string;
}

export interface LabelSheet {
  format: LabelFormat;
  location: { name: string; code: string };
  labels: LabelContent[];
}

/** A4 sheets of 3 × 8 labels of 70 × 37 mm (the common 24-up label stock). */
const A4_COLUMNS = 3;
const A4_ROWS = 8;

/**
 * A self-contained HTML page that prints the labels: on A4 label sheets, or one label per page on a
 * 50 × 30 mm label printer. Every text is escaped; the QR codes are inline SVG so the page needs no
 * further requests (and prints the same offline).
 */
export function renderLabelSheet(sheet: LabelSheet): string {
  const pages =
    sheet.format === 'a4'
      ? chunk(sheet.labels, A4_COLUMNS * A4_ROWS).map(
          (labels) => `<section class="page">${labels.map(label).join('')}</section>`,
        )
      : sheet.labels.map((one) => `<section class="page">${label(one)}</section>`);
  const title = `Labels · ${sheet.location.name} (${sheet.location.code})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${sheet.format === 'a4' ? A4_CSS : LABEL_PRINTER_CSS}</style>
</head>
<body data-format="${sheet.format}">
<header class="screen-only">
<h1>${escapeHtml(title)}</h1>
<p>${sheet.labels.length} label${sheet.labels.length === 1 ? '' : 's'} · ${sheet.format === 'a4' ? 'A4, 3 × 8 labels of 70 × 37 mm' : '50 × 30 mm label printer'} · print at 100% scale, no margins.</p>
</header>
${pages.join('\n')}
</body>
</html>
`;
}

function label(content: LabelContent): string {
  return `<article class="label" data-sku="${escapeHtml(content.sku)}" data-code="${escapeHtml(content.code)}">
<div class="qr">${content.qrSvg}</div>
<div class="text">
<div class="product">${escapeHtml(content.productTitle)}</div>
<div class="variant">${escapeHtml(content.variantTitle)}</div>
<div class="price">${escapeHtml(formatPrice(content.price))}</div>
<div class="sku">${escapeHtml(content.sku)}</div>
</div>
</article>`;
}

/**
 * The variant line under the product name: its attribute values ("White / M"), or its own title when
 * that says more than the product's; empty when the product has a single plain variant.
 */
export function variantLine(
  productTitle: string,
  variantTitle: string,
  attributes: Record<string, string>,
): string {
  const values = Object.keys(attributes)
    .sort()
    .map((key) => attributes[key]);
  if (values.length) return values.join(' / ');
  return variantTitle === productTitle ? '' : variantTitle;
}

/** Items in groups of `size` (the last may be shorter). */
export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

const BASE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font-family: "Helvetica Neue", Arial, sans-serif; color: #000; background: #fff; }
.label { display: flex; align-items: center; overflow: hidden; }
.qr { flex: none; }
.qr svg { display: block; width: 100%; height: 100%; }
.text { flex: 1; min-width: 0; display: flex; flex-direction: column; justify-content: center; }
.product { font-weight: 600; line-height: 1.15; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
.variant { color: #333; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.price { font-weight: 700; }
.sku { font-family: "DejaVu Sans Mono", Menlo, monospace; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.page { break-after: page; page-break-after: always; }
.page:last-of-type { break-after: auto; page-break-after: auto; }
@media screen {
  body { background: #eee; padding: 16px; }
  .screen-only { font-size: 14px; }
  .screen-only h1 { font-size: 18px; margin: 0 0 4px; }
  .page { background: #fff; margin: 0 auto 16px; box-shadow: 0 1px 4px rgba(0, 0, 0, .3); }
}
@media print { .screen-only { display: none; } }
`;

const A4_CSS = `
@page { size: A4; margin: 0; }
.page { width: 210mm; height: 296mm; display: grid; grid-template-columns: repeat(${A4_COLUMNS}, 70mm); grid-auto-rows: 37mm; align-content: start; }
.label { width: 70mm; height: 37mm; padding: 2.5mm; gap: 2mm; }
.qr { width: 30mm; height: 30mm; }
.product { font-size: 9pt; }
.variant { font-size: 8pt; }
.price { font-size: 13pt; margin-top: 1mm; }
.sku { font-size: 7pt; }
`;

const LABEL_PRINTER_CSS = `
@page { size: 50mm 30mm; margin: 0; }
.page { width: 50mm; height: 30mm; }
.label { width: 50mm; height: 30mm; padding: 1.5mm; gap: 1mm; }
.qr { width: 26mm; height: 26mm; }
.product { font-size: 6.5pt; }
.variant { font-size: 6pt; }
.price { font-size: 10pt; margin-top: 0.5mm; }
.sku { font-size: 5.5pt; }
`;
