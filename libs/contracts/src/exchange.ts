/** What an import loads: the catalog (one row per variant) or one location's counted stock. */
export type ImportKind = 'products' | 'stock';

export type ImportStatus = 'running' | 'done' | 'failed';

/** One refused row of an import: its line number in the file (the header is row 1) and why. */
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

/** POST /api/import/products|stock → 202. */
export interface ImportAccepted {
  jobId: string;
}

/** GET /api/import/:jobId: progress while running; `errors` lists refused rows (the first 1,000). */
export interface ImportJobView {
  id: string;
  kind: ImportKind;
  locationId: string | null;
  status: ImportStatus;
  processed: number;
  total: number;
  created: number;
  updated: number;
  /** How many rows were refused; `errors` holds the first 1,000 of them. */
  failed: number;
  errors: ImportRowError[];
  /** Why the whole job failed (status "failed"), in plain words. */
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** The columns of the product CSV, in export order. Import needs sku, product_title and price. */
export const PRODUCT_CSV_COLUMNS = [
  'product_id',
  'product_title',
  'description',
  'status',
  'sku',
  'price',
  'currency',
  'barcode',
  'options',
  'attributes',
] as const;

/** The columns of the stock CSV, in export order. Import needs sku and on_hand; title is ignored. */
export const STOCK_CSV_COLUMNS = ['sku', 'title', 'on_hand'] as const;
