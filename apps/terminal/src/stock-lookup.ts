import type { Page, ProductView, ScanView, StockLevelView } from '../../../libs/contracts/src';
import { ApiError, query } from '../../shared/api';
import { parseScan } from '../../shared/scan-input';
import type { Terminal } from './context';

export interface StockRow extends StockLevelView {
  title: string;
}

/**
 * Finds stock at the terminal's location from whatever was scanned or typed: a shelf tag (its URL),
 * a barcode or SKU, or words of a product title. An empty search lists the location's stock.
 */
export async function lookUpStock(terminal: Terminal, input: string): Promise<StockRow[]> {
  const scanned = parseScan(input);
  const titles = new Map<string, string>();
  let skus: string[] = [];
  if (scanned.kind === 'tag') {
    const scan = await terminal.call<ScanView>(`/scan/${encodeURIComponent(scanned.code)}`);
    titles.set(scan.variant.sku, `${scan.product.title} — ${scan.variant.title}`);
    skus = [scan.variant.sku];
  } else if (scanned.kind === 'text' && scanned.value) {
    const products = await terminal.call<Page<ProductView>>(
      `/products${query({ q: scanned.value, limit: 20 })}`,
    );
    for (const product of products.items) {
      for (const variant of product.variants) titles.set(variant.sku, variantTitle(product, variant.title));
    }
    skus = [...titles.keys()].slice(0, 40);
    if (skus.length === 0) return [];
  }
  const levels = skus.length
    ? (await Promise.all(skus.map((sku) => stockOf(terminal, sku)))).flat()
    : (
        await terminal.call<Page<StockLevelView>>(
          `/locations/${terminal.location.id}/stock${query({ limit: 100 })}`,
        )
      ).items;
  return levels.map((level) => ({ ...level, title: titles.get(level.sku) ?? '' }));
}

/** One SKU's level here; a SKU never stocked here shows as zero so it can be received or counted. */
export async function stockOf(terminal: Terminal, sku: string): Promise<StockLevelView[]> {
  try {
    const page = await terminal.call<Page<StockLevelView>>(
      `/locations/${terminal.location.id}/stock${query({ sku })}`,
    );
    if (page.items.length) return page.items;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  return [
    {
      sku,
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

function variantTitle(product: ProductView, variant: string): string {
  return variant && variant !== product.title ? `${product.title} — ${variant}` : product.title;
}
