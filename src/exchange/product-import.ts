import { Injectable } from '@nestjs/common';
import type { UpdateProductRequest, UpdateVariantRequest } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { CatalogEditor } from '../catalog/catalog-editor.service';
import { CatalogService, type NewProduct } from '../catalog/catalog.service';
import type { Product, Variant } from '../catalog/product.entity';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { ProductRow } from './csv-rows';
import { applyInBatch, type BatchOutcome, emptyOutcome, type NumberedRow, rowErrorOf } from './row-batch';

/**
 * Loads rows of the product CSV: a new SKU becomes a product of its own, a known SKU is changed only
 * where the row differs, through the same editor as a change by hand (audited; a new price reaches
 * open pages and makes printed labels stale). A row equal to the catalog changes nothing, so the same
 * file imported twice changes nothing the second time.
 */
@Injectable()
export class ProductImport {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CatalogService,
    private readonly editor: CatalogEditor,
  ) {}

  apply(actor: AuthUser, rows: Array<NumberedRow<ProductRow>>): Promise<BatchOutcome> {
    return applyInBatch(rows, (batch) => this.uow.run((tx) => this.applyRows(tx, actor, batch)), 'sku');
  }

  private async applyRows(
    tx: Tx,
    actor: AuthUser,
    rows: Array<NumberedRow<ProductRow>>,
  ): Promise<BatchOutcome> {
    const outcome = emptyOutcome();
    const variants = await this.catalog.findVariantsBySkus(
      rows.map(({ row }) => row.sku),
      tx,
    );
    const products = await this.catalog.productsByIds(
      [...variants.values()].map((variant) => variant.productId),
      tx,
    );
    const fresh: Array<NumberedRow<ProductRow>> = [];
    for (const numbered of rows) {
      const { rowNumber, row } = numbered;
      const variant = variants.get(row.sku);
      try {
        if (!variant) {
          if (row.productId) throw newSkuOfKnownProduct(row.sku);
          fresh.push(numbered);
        } else if (await this.update(actor, row, variant, products.get(variant.productId)!)) {
          outcome.updated++;
        }
      } catch (error) {
        // A refusal decided before any write of the row (the unit stays usable); anything else ends it.
        if (!(error instanceof AppError)) throw error;
        outcome.errors.push(rowErrorOf(rowNumber, error, 'sku'));
      }
    }
    await this.create(actor, fresh, outcome, tx);
    outcome.errors.sort((a, b) => a.row - b.row);
    return outcome;
  }

  /**
   * New SKUs become products of their own, all in two statements. A SKU or barcode already taken is
   * refused for its row (the check writes nothing), and the others are created without it.
   */
  private async create(
    actor: AuthUser,
    rows: Array<NumberedRow<ProductRow>>,
    outcome: BatchOutcome,
    tx: Tx,
  ): Promise<void> {
    for (let left = rows; left.length;) {
      try {
        const created = await this.catalog.createProducts(
          left.map(({ row }) => newProductOf(row)),
          tx,
        );
        outcome.created += created.length;
        const archived = created.filter((_, i) => left[i].row.status === 'archived');
        for (const product of archived) {
          await this.editor.updateProduct(actor, product.id, { status: 'archived' });
        }
        return;
      } catch (error) {
        const taken = takenVariantIndexes(error);
        if (!taken.size) throw error;
        for (const i of taken) outcome.errors.push(rowErrorOf(left[i].rowNumber, error, 'sku'));
        left = left.filter((_, i) => !taken.has(i));
      }
    }
  }

  /** Changes what the row says differently; true if anything changed. */
  private async update(
    actor: AuthUser,
    row: ProductRow,
    variant: Variant,
    product: Product,
  ): Promise<boolean> {
    if (row.productId && row.productId !== variant.productId) {
      throw AppError.invalid('product_id', `is not the product of SKU ${row.sku} (${variant.productId})`);
    }
    if (row.currency !== variant.currency) {
      throw AppError.invalid('currency', `of SKU ${row.sku} is ${variant.currency} and cannot change`);
    }
    const variantChange = variantChangeOf(row, variant);
    const productChange = productChangeOf(row, product);
    if (variantChange) await this.editor.updateVariant(actor, row.sku, variantChange);
    if (productChange) {
      await this.editor.updateProduct(actor, product.id, productChange);
      Object.assign(product, productChange); // later rows of the same product compare with the new texts
    }
    return !!variantChange || !!productChange;
  }
}

function newSkuOfKnownProduct(sku: string): AppError {
  return AppError.invalid(
    'product_id',
    `names a product, but SKU ${sku} is new: leave product_id empty to create a product with it`,
  );
}

function newProductOf(row: ProductRow): NewProduct {
  const options = row.options ?? {};
  return {
    title: row.title,
    description: row.description,
    options: Object.entries(options).map(([name, value]) => ({ name, values: [value] })),
    variants: [
      {
        sku: row.sku,
        price: row.price,
        currency: row.currency,
        barcode: row.barcode,
        attributes: row.attributes,
        options,
      },
    ],
  };
}

/** Which of the products given (one variant each) a VALIDATION_FAILED of createProducts refused. */
function takenVariantIndexes(error: unknown): Set<number> {
  if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') return new Set();
  const fields = (error.details?.fields ?? []) as Array<{ field: string }>;
  const indexes = fields.map((f) => /^variants\.(\d+)\./.exec(f.field)?.[1]);
  return new Set(indexes.filter((i): i is string => i !== undefined).map(Number));
}

function variantChangeOf(row: ProductRow, variant: Variant): UpdateVariantRequest | null {
  const change: UpdateVariantRequest = {};
  if (row.price !== variant.priceAmount) change.price = row.price;
  if (row.barcode !== undefined && row.barcode !== variant.barcode) change.barcode = row.barcode;
  if (row.attributes && !sameValues(row.attributes, variant.attributes)) change.attributes = row.attributes;
  if (row.options && !sameValues(row.options, variant.options)) change.options = row.options;
  return Object.keys(change).length ? change : null;
}

function productChangeOf(row: ProductRow, product: Product): UpdateProductRequest | null {
  const change: UpdateProductRequest = {};
  if (row.title !== product.title) change.title = row.title;
  if (row.description !== undefined && row.description !== product.description) {
    change.description = row.description;
  }
  if (row.status && row.status !== product.status) change.status = row.status;
  return Object.keys(change).length ? change : null;
}

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
