import type { Page, ProductView, ScanView, StockRowView, VariantView } from '@o2o/contracts';
import { ApiError, query } from '../../shared/api';
import { parseScan } from '../../shared/scan-input';
import type { Terminal } from './context';

export type StockRow = StockRowView;

/**
 * Finds stock at the terminal's location from whatever was scanned or typed: a shelf tag (its URL),
 * a barcode or SKU, or words of a product title. An empty search lists the location's stock.
 */
export async function lookUpStock(terminal: Terminal, input: string): Promise<StockRow[]> {
  const scanned = parseScan(input);
  if (scanned.kind === 'tag') {
    const scan = await terminal.call<ScanView>(`/scan/${encodeURIComponent(scanned.code)}`);
    return stockOf(terminal, scan.variant.sku, itemOf(scan.product, scan.variant));
  }
  if (scanned.kind !== 'text' || !scanned.value) {
    const page = await terminal.call<Page<StockRow>>(
      `/locations/${terminal.location.id}/stock${query({ limit: 100 })}`,
    );
    return page.items;
  }
  // The catalog search matches names, SKUs and barcodes, also of items never stocked here.
  const products = await terminal.call<Page<ProductView>>(
    `/products${query({ q: scanned.value, limit: 20 })}`,
  );
  const items = products.items.flatMap((product) => product.variants.map((v) => itemOf(product, v)));
  const rows = await Promise.all(items.slice(0, 40).map((item) => stockOf(terminal, item.sku, item)));
  return rows.flat();
}

/** What a row shows of an item the location holds no stock level for yet. */
type Item = Pick<StockRow, 'sku' | 'title' | 'attributes' | 'barcode' | 'price'>;

function itemOf(
  product: Pick<ProductView, 'title'>,
  variant: Pick<VariantView, 'sku' | 'price' | 'attributes'> & { barcode?: string | null },
): Item {
  const values = Object.keys(variant.attributes)
    .sort()
    .map((key) => variant.attributes[key]);
  return {
    sku: variant.sku,
    title: values.length ? `${product.title} – ${values.join(' / ')}` : product.title,
    attributes: variant.attributes,
    barcode: variant.barcode ?? null,
    price: variant.price,
  };
}

/** One SKU's level here; a SKU never stocked here shows as zero so it can be received or counted. */
export async function stockOf(terminal: Terminal, sku: string, item?: Item): Promise<StockRow[]> {
  try {
    const page = await terminal.call<Page<StockRow>>(
      `/locations/${terminal.location.id}/stock${query({ sku })}`,
    );
    if (page.items.length) return page.items;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  if (!item) return [];
  return [
    {
      ...item,
      variantId: '',
      locationId: terminal.location.id,
      onHand: 0,
      reserved: 0,
      safetyStock: 0,
      available: 0,
      version: 0,
    },
  ];
}
