import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import type { Page, ProductImageView, ProductOption, ProductView, VariantView } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { decodeCursor, PageQuery, pageLimit, pageOf } from '../common/pagination';
import { escapeLike, isUniqueViolation, sql } from '../database/sql';
import { readerOf, type Tx, UnitOfWork } from '../database/unit-of-work';
import { Product, ProductImage, Variant } from './product.entity';
import { Clock } from '../common/clock';

export interface NewVariant {
  sku: string;
  price: number;
  currency?: string;
  barcode?: string | null;
  title?: string;
  attributes?: Record<string, string>;
  options?: Record<string, string>;
}

export interface NewProduct {
  title: string;
  description?: string;
  options?: ProductOption[];
  variants: NewVariant[];
}

/** Products and their variants. A variant (one SKU) is what is stocked, tagged and sold. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** The variant with this SKU, or 404 NOT_FOUND. */
  async variantBySku(sku: string, tx?: Tx): Promise<Variant> {
    const variant = await this.findVariantBySku(sku, tx);
    if (!variant) throw AppError.notFound(`SKU ${sku}`, { skus: [sku] });
    return variant;
  }

  /** The variant with this SKU, or null (for filters, where an unknown SKU simply matches nothing). */
  findVariantBySku(sku: string, tx?: Tx): Promise<Variant | null> {
    const em = readerOf(tx, this.dataSource);
    return em.findOneBy(Variant, { sku });
  }

  /** The variants of these ids by id; ids that match none are simply absent from the map. */
  async variantsByIds(ids: string[], tx?: Tx): Promise<Map<string, Variant>> {
    const em = readerOf(tx, this.dataSource);
    const wanted = [...new Set(ids)];
    const found = wanted.length ? await em.findBy(Variant, { id: In(wanted) }) : [];
    return new Map(found.map((variant) => [variant.id, variant]));
  }

  /** The products of these ids by id; ids that match none are simply absent from the map. */
  async productsByIds(ids: string[], tx?: Tx): Promise<Map<string, Product>> {
    const em = readerOf(tx, this.dataSource);
    const wanted = [...new Set(ids)];
    const found = wanted.length ? await em.findBy(Product, { id: In(wanted) }) : [];
    return new Map(found.map((product) => [product.id, product]));
  }

  /**
   * What people call these variants, by variant id: the product title with the variant's attribute
   * values ("Linen shirt – White / M"), as staff screens list them beside the SKU.
   */
  async namesByVariantIds(ids: string[], tx?: Tx): Promise<Map<string, string>> {
    const variants = await this.variantsByIds(ids, tx);
    const products = await this.productsByIds(
      [...variants.values()].map((variant) => variant.productId),
      tx,
    );
    return new Map(
      [...variants.values()].map((variant) => [
        variant.id,
        variantTitle(products.get(variant.productId)?.title ?? variant.title, variant.attributes),
      ]),
    );
  }

  /** The variants of these SKUs by SKU; 404 NOT_FOUND naming every unknown SKU (details.skus). */
  async variantsBySkus(skus: string[], tx?: Tx): Promise<Map<string, Variant>> {
    const bySku = await this.findVariantsBySkus(skus, tx);
    const missing = [...new Set(skus)].filter((sku) => !bySku.has(sku));
    if (missing.length) throw unknownSkus(missing);
    return bySku;
  }

  /** The variants of these SKUs by SKU; SKUs that match none are simply absent from the map. */
  async findVariantsBySkus(skus: string[], tx?: Tx): Promise<Map<string, Variant>> {
    const em = readerOf(tx, this.dataSource);
    const wanted = [...new Set(skus)];
    // Hand-written and mapped here: every order and availability read passes through this lookup.
    const { rows } = wanted.length
      ? await sql<VariantRow>(em, `SELECT ${VARIANT_COLUMNS} FROM variants WHERE sku IN (:...wanted)`, {
          wanted,
        })
      : { rows: [] };
    return new Map(rows.map((row) => [row.sku, variantOf(row)]));
  }

  /** Variants in SKU order after `afterSku`, with their products: one page of the catalog export. */
  async variantsAfter(
    afterSku: string,
    limit: number,
  ): Promise<Array<{ variant: Variant; product: Product }>> {
    const variants = await this.dataSource.getRepository(Variant).find({
      where: { sku: MoreThan(afterSku) },
      order: { sku: 'ASC' },
      take: limit,
    });
    const products = await this.productsByIds(variants.map((variant) => variant.productId));
    return variants.map((variant) => ({ variant, product: products.get(variant.productId)! }));
  }

  /** The product with its variants, or 404 NOT_FOUND. */
  async product(id: string): Promise<ProductView> {
    const product = await this.dataSource.getRepository(Product).findOneBy({ id });
    if (!product) throw AppError.notFound('Product', { productId: id });
    const [view] = await this.withVariants([product]);
    return view;
  }

  async variantView(sku: string): Promise<VariantView> {
    return toVariantView(await this.variantBySku(sku));
  }

  /**
   * Products by creation order, optionally matching `q` in title, description, SKU or barcode
   * (case-insensitive substring), or exactly a SKU or barcode. Keyset-paginated.
   */
  async search(query: PageQuery & { q?: string }): Promise<Page<ProductView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.after, 2);
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    // Archived products are no longer offered; they stay reachable by id (orders and tags name them).
    where.push("p.status = 'active'");
    const q = query.q?.trim();
    if (q) {
      where.push(
        `(p.search_text LIKE :pattern ESCAPE '\\' OR p.id IN (SELECT v.product_id FROM variants v WHERE v.sku = :q OR v.barcode = :q))`,
      );
      Object.assign(params, { q, pattern: `%${escapeLike(q.toLowerCase())}%` });
    }
    if (after) {
      where.push('(p.created_at > :afterAt OR (p.created_at = :afterAt AND p.id > :afterId))');
      Object.assign(params, { afterAt: after[0], afterId: after[1] });
    }
    const { rows } = await sql<{ id: string; created_at: string }>(
      this.dataSource.manager,
      `SELECT p.id, p.created_at FROM products p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY p.created_at, p.id LIMIT :limit`,
      params,
    );
    const page = pageOf(rows, limit, (last) => [last.created_at, last.id]);
    const products = page.items.length
      ? await this.dataSource.getRepository(Product).findBy({ id: In(page.items.map((r) => r.id)) })
      : [];
    const byId = new Map(products.map((p) => [p.id, p]));
    const items = await this.withVariants(page.items.map((row) => byId.get(row.id)!).filter(Boolean));
    return { items, next: page.next };
  }

  async createProduct(input: NewProduct, tx?: Tx): Promise<ProductView> {
    return (await this.createProducts([input], tx))[0];
  }

  /**
   * Adds products with their variants in two statements, whatever their number (an import's batch).
   * A SKU or barcode taken answers VALIDATION_FAILED naming `variants.<i>.sku|barcode`, where i counts
   * the variants of all the products given, in order; nothing is written then.
   */
  async createProducts(inputs: NewProduct[], tx?: Tx): Promise<ProductView[]> {
    const write = async (manager: EntityManager) => {
      await this.assertUnique(
        manager,
        inputs.flatMap((input) => input.variants),
      );
      const now = this.clock.now();
      const created = inputs.map((input) => productRowsOf(manager, input, now));
      // A copy: on PostgreSQL the insert writes the columns with database defaults back, unparsed.
      await manager
        .createQueryBuilder()
        .insert()
        .into(Product)
        .values(created.map(({ product }) => ({ ...product })))
        .updateEntity(false)
        .execute();
      // Not reloaded after the insert: on SQLite TypeORM re-reads defaulted columns of a multi-row
      // insert and merges them back out of order, pairing SKUs with the wrong ids.
      await manager
        .createQueryBuilder()
        .insert()
        .into(Variant)
        .values(created.flatMap(({ variants }) => variants))
        .updateEntity(false)
        .execute();
      return created.map(({ product, variants }) => toProductView(product, variants, []));
    };
    if (tx) return write(tx.em);
    return this.uow
      .run(({ em: manager }) => write(manager))
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        throw new AppError('VALIDATION_FAILED', 'SKUs and barcodes must be unique', {
          fields: [{ field: 'variants', errors: ['a SKU or barcode was taken meanwhile'] }],
        });
      });
  }

  private async withVariants(products: Product[]): Promise<ProductView[]> {
    if (!products.length) return [];
    const variants = await this.dataSource.getRepository(Variant).find({
      where: { productId: In(products.map((p) => p.id)) },
      order: { createdAt: 'ASC', sku: 'ASC' },
    });
    const images = await this.dataSource.getRepository(ProductImage).find({
      where: { productId: In(products.map((p) => p.id)) },
      order: { position: 'ASC' },
    });
    return products.map((product) =>
      toProductView(
        product,
        variants.filter((v) => v.productId === product.id),
        images.filter((image) => image.productId === product.id),
      ),
    );
  }

  /** SKUs and barcodes are unique across the catalog and within the request. */
  private async assertUnique(em: EntityManager, variants: NewVariant[]): Promise<void> {
    const fields: Array<{ field: string; errors: string[] }> = [];
    const skus = variants.map((v) => v.sku);
    const barcodes = variants.map((v) => v.barcode).filter((b): b is string => !!b);
    const taken = skus.length ? await em.findBy(Variant, { sku: In(skus) }) : [];
    const takenBarcodes = barcodes.length ? await em.findBy(Variant, { barcode: In(barcodes) }) : [];
    variants.forEach((v, i) => {
      if (taken.some((t) => t.sku === v.sku) || skus.indexOf(v.sku) !== i) {
        fields.push({ field: `variants.${i}.sku`, errors: [`${v.sku} is taken`] });
      }
      if (
        v.barcode &&
        (takenBarcodes.some((t) => t.barcode === v.barcode) ||
          barcodes.indexOf(v.barcode) !== barcodes.lastIndexOf(v.barcode))
      ) {
        fields.push({ field: `variants.${i}.barcode`, errors: [`${v.barcode} is taken`] });
      }
    });
    if (fields.length) {
      throw new AppError('VALIDATION_FAILED', 'SKUs and barcodes must be unique', { fields });
    }
  }
}

/** The rows of a new product and its variants, not written yet. */
function productRowsOf(manager: EntityManager, input: NewProduct, now: Date) {
  const product = manager.create(Product, {
    id: randomUUID(),
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    status: 'active',
    searchText: searchTextOf(input),
    options: input.options ?? [],
    createdAt: now,
  });
  // A millisecond apart, so that variants list in the order they were given (createdAt, then SKU).
  const variants = input.variants.map((v, i) =>
    manager.create(Variant, {
      id: randomUUID(),
      productId: product.id,
      sku: v.sku,
      barcode: v.barcode ?? null,
      title: v.title?.trim() || variantTitle(product.title, v.attributes ?? {}),
      priceAmount: v.price,
      currency: (v.currency ?? 'EUR').toUpperCase(),
      attributes: v.attributes ?? {},
      options: v.options ?? {},
      createdAt: new Date(now.getTime() + i),
    }),
  );
  return { product, variants };
}

/** 404 NOT_FOUND naming every unknown SKU (details.skus): the one answer to SKUs that do not exist. */
export function unknownSkus(missing: string[]): AppError {
  return AppError.notFound(`SKU ${missing.join(', ')}`, { skus: missing });
}

/** A variants row as SELECT ${VARIANT_COLUMNS} answers it on either database. */
interface VariantRow {
  id: string;
  product_id: string;
  sku: string;
  barcode: string | null;
  title: string;
  price_amount: number | string;
  currency: string;
  attributes: string;
  options: string;
  created_at: string;
}

const VARIANT_COLUMNS =
  'id, product_id, sku, barcode, title, price_amount, currency, attributes, options, created_at';

/** The entity TypeORM would have loaded from this row (JSON attributes parsed, timestamp as a Date). */
function variantOf(row: VariantRow): Variant {
  return Object.assign(new Variant(), {
    id: row.id,
    productId: row.product_id,
    sku: row.sku,
    barcode: row.barcode,
    title: row.title,
    priceAmount: Number(row.price_amount),
    currency: row.currency,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    options: JSON.parse(row.options) as Record<string, string>,
    createdAt: new Date(row.created_at),
  } satisfies Variant);
}

export function toVariantView(variant: Variant): VariantView {
  return {
    id: variant.id,
    productId: variant.productId,
    sku: variant.sku,
    barcode: variant.barcode,
    title: variant.title,
    price: { amount: variant.priceAmount, currency: variant.currency },
    attributes: variant.attributes,
    options: variant.options,
  };
}

export function toProductView(product: Product, variants: Variant[], images: ProductImage[]): ProductView {
  return {
    id: product.id,
    title: product.title,
    description: product.description,
    status: product.status,
    options: product.options,
    images: images.map(toImageView),
    variants: variants.map(toVariantView),
  };
}

export function toImageView(image: ProductImage): ProductImageView {
  // Relative: the same API serves it whichever host name the page was opened under.
  return {
    id: image.id,
    url: `/api/media/${image.id}`,
    alt: image.alt,
    width: image.width,
    height: image.height,
  };
}

/** "Linen shirt" + {size: M, colour: White} → "Linen shirt – White / M" (attributes sorted by name). */
export function variantTitle(productTitle: string, attributes: Record<string, string>): string {
  const values = Object.keys(attributes)
    .sort()
    .map((key) => attributes[key]);
  return values.length ? `${productTitle} – ${values.join(' / ')}` : productTitle;
}

/** What text search matches: lower-cased title, description, attribute values, SKUs and barcodes. */
export function searchTextOf(input: NewProduct): string {
  const parts = [input.title, input.description ?? ''];
  for (const v of input.variants) parts.push(v.sku, v.barcode ?? '', ...Object.values(v.attributes ?? {}));
  return parts.filter(Boolean).join(' ').toLowerCase();
}
