import { Inject, Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type {
  ProductView,
  UpdateProductRequest,
  UpdateVariantRequest,
  VariantUpdated,
  VariantView,
} from '@o2o/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/sql';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { searchTextOf, toProductView, toVariantView } from './catalog.service';
import { Product, ProductImage, Variant } from './product.entity';

/**
 * Changes to the catalog made by people: product texts and status, variant prices, barcodes and
 * attributes. Each change is one unit with its audit entry; a new price reaches open shop and scan
 * pages and every terminal once committed (`variantChanged`, delivered by realtime).
 */
@Injectable()
export class CatalogEditor {
  readonly variantChanged = new Subject<VariantUpdated>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  updateProduct(actor: AuthUser, id: string, change: UpdateProductRequest): Promise<ProductView> {
    assertSomething(change);
    return this.uow.run(async (tx) => {
      const product = await tx.em.findOneBy(Product, { id });
      if (!product) throw AppError.notFound('Product', { productId: id });
      const before = { ...product };
      const next = {
        title: change.title?.trim() ?? product.title,
        description: change.description?.trim() ?? product.description,
        status: change.status ?? product.status,
      };
      await tx.em.update(Product, { id }, next);
      const updated = Object.assign(product, next);
      const variants = await this.refreshSearchText(tx, updated);
      await this.audit.record(tx, actor, { entity: 'product', entityId: id, action: 'update' }, before, next);
      const images = await tx.em.find(ProductImage, { where: { productId: id }, order: { position: 'ASC' } });
      return toProductView(updated, variants, images);
    });
  }

  updateVariant(actor: AuthUser, sku: string, change: UpdateVariantRequest): Promise<VariantView> {
    assertSomething(change);
    this.assertMayEdit(actor, change);
    return this.uow
      .run(async (tx) => {
        const variant = await tx.em.findOneBy(Variant, { sku });
        if (!variant) throw AppError.notFound(`SKU ${sku}`, { skus: [sku] });
        const before = { ...variant };
        const next = {
          priceAmount: change.price ?? variant.priceAmount,
          barcode: change.barcode === undefined ? variant.barcode : change.barcode,
          attributes: change.attributes ?? variant.attributes,
          options: change.options ?? variant.options,
        };
        const product = await tx.em.findOneByOrFail(Product, { id: variant.productId });
        if (change.options) await this.extendProductOptions(tx, product, change.options);
        await tx.em.update(Variant, { id: variant.id }, next);
        const updated = Object.assign(variant, next);
        await this.refreshSearchText(tx, product);
        await this.recordVariant(tx, actor, before, updated);
        if (before.priceAmount !== updated.priceAmount) {
          const price = { amount: updated.priceAmount, currency: updated.currency };
          tx.afterCommit(() => this.variantChanged.next({ sku, price }));
        }
        return toVariantView(updated);
      })
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        throw AppError.invalid('barcode', 'is taken by another variant');
      });
  }

  /** Admins change anything; managers change prices only, and only where MANAGERS_EDIT_PRICES is on. */
  private assertMayEdit(actor: AuthUser, change: UpdateVariantRequest): void {
    if (actor.role === 'admin') return;
    if (!this.config.managersEditPrices) throw AppError.forbidden('Only an admin may change the catalog');
    if (change.barcode !== undefined || change.attributes !== undefined || change.options !== undefined) {
      throw AppError.forbidden('Managers may change prices only');
    }
  }

  /**
   * A variant's option names must be the product's own (a typo would split the choice in two);
   * a value the product does not offer yet is added to its values, as Shopify does.
   */
  private async extendProductOptions(
    tx: Tx,
    product: Product,
    options: Record<string, string>,
  ): Promise<void> {
    const names = product.options.map((option) => option.name);
    const unknown = Object.keys(options).filter((name) => !names.includes(name));
    if (unknown.length) {
      const offered = names.length ? names.join(', ') : 'none yet';
      throw AppError.invalid(
        'options',
        `names ${unknown.join(', ')} are not options of this product (${offered})`,
      );
    }
    const extended = product.options.map((option) =>
      option.values.includes(options[option.name]) || options[option.name] === undefined
        ? option
        : { ...option, values: [...option.values, options[option.name]] },
    );
    if (extended.some((option, i) => option !== product.options[i])) {
      await tx.em.update(Product, { id: product.id }, { options: extended });
    }
  }

  private async recordVariant(
    tx: Tx,
    actor: AuthUser,
    before: Pick<Variant, 'priceAmount' | 'barcode' | 'attributes' | 'options'>,
    after: Variant,
  ): Promise<void> {
    const target = { entityId: after.sku, action: 'update' };
    await this.audit.record(
      tx,
      actor,
      { entity: 'price', ...target },
      { price: before.priceAmount },
      { price: after.priceAmount },
    );
    await this.audit.record(
      tx,
      actor,
      { entity: 'product', ...target },
      { barcode: before.barcode, attributes: before.attributes, options: before.options },
      { barcode: after.barcode, attributes: after.attributes, options: after.options },
    );
  }

  /** What text search matches follows the product's texts and its variants' codes. */
  private async refreshSearchText(tx: Tx, product: Product): Promise<Variant[]> {
    const variants = await tx.em.find(Variant, {
      where: { productId: product.id },
      order: { createdAt: 'ASC', sku: 'ASC' },
    });
    const searchText = searchTextOf({
      title: product.title,
      description: product.description,
      variants: variants.map((v) => ({
        sku: v.sku,
        price: v.priceAmount,
        barcode: v.barcode,
        attributes: v.attributes,
      })),
    });
    await tx.em.update(Product, { id: product.id }, { searchText });
    return variants;
  }
}

function assertSomething(change: object): void {
  if (!Object.values(change).some((value) => value !== undefined)) {
    throw new AppError('VALIDATION_FAILED', 'Say what to change');
  }
}
