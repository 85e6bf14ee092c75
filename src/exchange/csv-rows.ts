import {
  PRODUCT_CSV_COLUMNS,
  PRODUCT_STATUSES,
  STOCK_CSV_COLUMNS,
  type ImportKind,
  type ProductStatus,
} from '@o2o/contracts';
import { MAX_PRICE, SKU_PATTERN } from '../catalog/catalog.dto';
import { MAX_ON_HAND } from '../inventory/inventory.service';

/**
 * The CSV formats of the catalog and of a location's stock, as pure functions: a record read from a
 * file becomes a checked row or the problems with it (field and plain words), and a row written by an
 * export reads back as the same row, so that export → import changes nothing.
 */

export type CsvRecord = Record<string, string | undefined>;

export interface RowProblem {
  field: string;
  message: string;
}

export interface ProductRow {
  productId: string | null;
  title: string;
  /** undefined where the file has no such column: the catalog's value stays. */
  description: string | undefined;
  status: ProductStatus | undefined;
  sku: string;
  price: number;
  currency: string;
  barcode: string | null | undefined;
  options: Record<string, string> | undefined;
  attributes: Record<string, string> | undefined;
}

export interface StockRow {
  sku: string;
  onHand: number;
}

export type Checked<T> = { row: T; problems?: undefined } | { row?: undefined; problems: RowProblem[] };

const COLUMNS: Record<ImportKind, readonly string[]> = {
  products: PRODUCT_CSV_COLUMNS,
  stock: STOCK_CSV_COLUMNS,
};
const REQUIRED: Record<ImportKind, readonly string[]> = {
  products: ['sku', 'product_title', 'price'],
  stock: ['sku', 'on_hand'],
};

/** What is wrong with a file's header row, in plain words, or null when it can be imported. */
export function headerProblem(kind: ImportKind, header: string[]): string | null {
  const unknown = header.filter((column) => !COLUMNS[kind].includes(column));
  const missing = REQUIRED[kind].filter((column) => !header.includes(column));
  const duplicated = header.filter((column, i) => header.indexOf(column) !== i);
  const problems = [
    missing.length && `it lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    unknown.length && `it has unknown columns ${unknown.join(', ')}`,
    duplicated.length && `it repeats the columns ${duplicated.join(', ')}`,
  ].filter(Boolean);
  if (!problems.length) return null;
  return `The first row must name the columns (${COLUMNS[kind].join(', ')}); ${problems.join(' and ')}`;
}

export function checkProductRecord(record: CsvRecord): Checked<ProductRow> {
  const problems: RowProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  const text = (column: string) => record[column]?.trim();

  const sku = text('sku') ?? '';
  if (!SKU_PATTERN.test(sku)) problem('sku', `"${sku}" is not a SKU (1-64 letters, digits, . _ or -)`);
  const title = text('product_title') ?? '';
  if (!title || title.length > 300) problem('product_title', 'must be 1-300 characters');
  const productId = text('product_id') || null;
  if (productId && !/^[0-9a-f-]{36}$/i.test(productId)) problem('product_id', 'is not a product id');
  const status = text('status') || undefined;
  if (status && !PRODUCT_STATUSES.includes(status as ProductStatus)) {
    problem('status', `"${status}" is not one of ${PRODUCT_STATUSES.join(', ')}`);
  }
  const currency = (text('currency') || 'EUR').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !currencyDigits(currency).ok) {
    problem('currency', `"${currency}" is not an ISO 4217 currency code such as EUR`);
  }
  const price = parsePrice(text('price') ?? '', currency);
  if (price === null) problem('price', `"${text('price') ?? ''}" is not a price such as 12.50`);
  const barcode = record.barcode === undefined ? undefined : text('barcode') || null;
  if (barcode && !/^[A-Za-z0-9-]{4,64}$/.test(barcode)) {
    problem('barcode', `"${barcode}" is not a barcode (4-64 letters, digits or -)`);
  }
  const options = parseNameValues(record.options, 'options', problem);
  const attributes = parseNameValues(record.attributes, 'attributes', problem);
  if (problems.length) return { problems };
  return {
    row: {
      productId,
      title,
      description: record.description === undefined ? undefined : record.description.trim(),
      status: status as ProductStatus | undefined,
      sku,
      price: price!,
      currency,
      barcode,
      options,
      attributes,
    },
  };
}

export function checkStockRecord(record: CsvRecord): Checked<StockRow> {
  const sku = record.sku?.trim() ?? '';
  const counted = record.on_hand?.trim() ?? '';
  const problems: RowProblem[] = [];
  if (!SKU_PATTERN.test(sku)) {
    problems.push({ field: 'sku', message: `"${sku}" is not a SKU (1-64 letters, digits, . _ or -)` });
  }
  if (!/^\d{1,9}$/.test(counted) || Number(counted) > MAX_ON_HAND) {
    problems.push({ field: 'on_hand', message: `"${counted}" is not a count (a whole number, 0 or more)` });
  }
  return problems.length ? { problems } : { row: { sku, onHand: Number(counted) } };
}

/** A variant as the product export writes it. */
export interface ExportedVariant {
  productId: string;
  title: string;
  description: string;
  status: ProductStatus;
  sku: string;
  price: number;
  currency: string;
  barcode: string | null;
  options: Record<string, string>;
  attributes: Record<string, string>;
}

/** One export row of a variant, in PRODUCT_CSV_COLUMNS order. */
export function productCsvRow(variant: ExportedVariant): string[] {
  return [
    variant.productId,
    variant.title,
    variant.description,
    variant.status,
    variant.sku,
    formatPrice(variant.price, variant.currency),
    variant.currency,
    variant.barcode ?? '',
    formatNameValues(variant.options),
    formatNameValues(variant.attributes),
  ];
}

/** Minor units → "12.50" in the currency's own number of decimals (JPY has none). */
export function formatPrice(amount: number, currency: string): string {
  const digits = currencyDigits(currency).digits;
  if (!digits) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** "12.5" or "12.50" → 1250 minor units; null when it is no price (or more decimals than the currency has). */
export function parsePrice(text: string, currency: string): number | null {
  const digits = currencyDigits(currency).digits;
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(text);
  if (!match || (match[2] ?? '').length > digits) return null;
  const amount = Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
  return amount <= MAX_PRICE ? amount : null;
}

function currencyDigits(currency: string): { ok: boolean; digits: number } {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    return { ok: true, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
  } catch {
    return { ok: false, digits: 2 };
  }
}

/** {Size: "M", Colour: "White"} ↔ "Colour=White; Size=M" (names sorted, so exports compare equal). */
export function formatNameValues(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map((name) => `${name}=${values[name]}`)
    .join('; ');
}

function parseNameValues(
  cell: string | undefined,
  field: string,
  problem: (field: string, message: string) => void,
): Record<string, string> | undefined {
  if (cell === undefined) return undefined;
  const values: Record<string, string> = {};
  for (const pair of cell.split(';').filter((part) => part.trim())) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (at < 0 || !/^[A-Za-z][\w -]{0,39}$/.test(name) || !value || value.length > 100) {
      problem(field, `"${pair.trim()}" is not written as Name=Value (e.g. Size=M; Colour=White)`);
      return undefined;
    }
    values[name] = value;
  }
  return values;
}
