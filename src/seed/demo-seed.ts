import { Injectable, Logger } from '@nestjs/common';
import sharp from 'sharp';
import { DataSource, In } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { User } from '../auth/user.entity';
import { CatalogService, variantTitle } from '../catalog/catalog.service';
import { ProductImage, Variant } from '../catalog/product.entity';
import { ProductImages } from '../catalog/product-images.service';
import { AppConfig, DEV_ADMIN_PASSWORD } from '../config/config';
import { sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { InventoryService } from '../inventory/inventory.service';
import { Location } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import {
  DEMO_LOCATIONS,
  DEMO_PRODUCTS,
  DEMO_TIMEZONE,
  DEMO_USERS,
  DemoLocation,
  demoQuantity,
  variantsOf,
} from './demo-data';
import { DemoOrders } from './demo-orders';
import { demoPictureSvg } from './demo-pictures';

const SEED_NOTE = 'demo seed';

/**
 * Writes the demo retailer. Each part (locations, products, stock per location, users) is added only
 * if it is missing, so a second start adds nothing and a start interrupted half-way completes the rest.
 * Stock arrives as `receive` adjustments through InventoryService, so the ledger is right from day one.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly locations: LocationsService,
    private readonly catalog: CatalogService,
    private readonly inventory: InventoryService,
    private readonly auth: AuthService,
    private readonly images: ProductImages,
    private readonly demoOrders: DemoOrders,
  ) {}

  async run(config: AppConfig): Promise<void> {
    const locations = await this.ensureLocations();
    await this.ensureProducts();
    await this.ensurePictures();
    for (const demo of DEMO_LOCATIONS) await this.ensureStock(demo, locations.get(demo.code)!);
    await this.ensureUsers([...locations.values()]);
    await this.demoOrders.ensure(await this.demoManager(), locations);
    this.announce(config);
  }

  private async ensureLocations(): Promise<Map<string, Location>> {
    const existing = await this.dataSource
      .getRepository(Location)
      .findBy({ code: In(DEMO_LOCATIONS.map((l) => l.code)) });
    const byCode = new Map(existing.map((l) => [l.code, l]));
    for (const demo of DEMO_LOCATIONS) {
      if (byCode.has(demo.code)) continue;
      const { stockFactor: _factor, ...fields } = demo;
      const view = await this.locations.create({ ...fields, timezone: DEMO_TIMEZONE });
      byCode.set(demo.code, await this.locations.get(view.id));
    }
    return byCode;
  }

  private async ensureProducts(): Promise<void> {
    const all = DEMO_PRODUCTS.map((product, i) => ({ product, variants: variantsOf(product, i) }));
    const skus = all.map((p) => p.variants[0].sku);
    const present = new Set(
      (await this.dataSource.getRepository(Variant).findBy({ sku: In(skus) })).map((v) => v.sku),
    );
    const missing = all.filter((p) => !present.has(p.variants[0].sku));
    if (!missing.length) return;
    await this.uow.run(async (tx) => {
      for (const { product, variants } of missing) {
        await this.catalog.createProduct(
          {
            title: product.title,
            description: product.description,
            options: optionsOf(product),
            variants: variants.map((v) => ({
              sku: v.sku,
              barcode: v.barcode,
              price: product.price,
              currency: 'EUR',
              attributes: v.attributes,
              options: variantOptions(v.attributes),
              title: variantTitle(product.title, pick(v.attributes, ['colour', 'size'])),
            })),
          },
          tx,
        );
      }
    });
  }

  /** A drawn picture for every demo product that has none yet (PNG, as an upload would arrive). */
  private async ensurePictures(): Promise<void> {
    const firstSkus = DEMO_PRODUCTS.map((product, i) => variantsOf(product, i)[0].sku);
    const variants = await this.catalog.variantsBySkus(firstSkus);
    const pictured = new Set(
      (await this.dataSource.getRepository(ProductImage).find({ select: { productId: true } })).map(
        (image) => image.productId,
      ),
    );
    for (const [i, product] of DEMO_PRODUCTS.entries()) {
      const productId = variants.get(firstSkus[i])!.productId;
      if (pictured.has(productId)) continue;
      const png = await sharp(Buffer.from(demoPictureSvg(product)))
        .png()
        .toBuffer();
      await this.images.add(productId, png, product.title);
    }
  }

  /** One unit of work per location: its whole opening stock, or none of it. */
  private async ensureStock(demo: DemoLocation, location: Location): Promise<void> {
    const { rows } = await sql(
      this.dataSource.manager,
      'SELECT 1 FROM stock_movements WHERE location_id = :locationId AND note = :note LIMIT 1',
      { locationId: location.id, note: SEED_NOTE },
    );
    if (rows.length) return;
    const skus = DEMO_PRODUCTS.flatMap((p, i) => variantsOf(p, i).map((v) => v.sku));
    const variants = await this.catalog.variantsBySkus(skus);
    await this.uow.run(async (tx) => {
      for (const sku of skus) {
        const qty = demoQuantity(sku, demo);
        if (qty <= 0) continue;
        const variant = variants.get(sku)!;
        await this.inventory.adjust(
          tx,
          { variantId: variant.id, sku, locationId: location.id, delta: qty },
          'receive',
          { note: SEED_NOTE },
        );
      }
    });
  }

  private async ensureUsers(locations: Location[]): Promise<void> {
    const taken = new Set(
      (await this.dataSource.getRepository(User).findBy({ email: In(DEMO_USERS.map((u) => u.email)) })).map(
        (u) => u.email,
      ),
    );
    for (const user of DEMO_USERS.filter((u) => !taken.has(u.email))) {
      const locationIds =
        user.locations === '*'
          ? locations.map((l) => l.id)
          : locations.filter((l) => user.locations.includes(l.code)).map((l) => l.id);
      await this.auth.createUser({ ...user, locationIds });
    }
  }

  /** The demo's manager (every store) acts for the demo's orders and returns. */
  private async demoManager() {
    const manager = DEMO_USERS.find((user) => user.role === 'manager')!;
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ email: manager.email });
    return { id: user.id, email: user.email, role: user.role, locationIds: user.locationIds };
  }

  private announce(config: AppConfig): void {
    const base = config.publicBaseUrl;
    // An operator's own ADMIN_PASSWORD is a secret, staging included: only the public default is shown.
    const adminPassword =
      config.admin.password === DEV_ADMIN_PASSWORD ? DEV_ADMIN_PASSWORD : '(from ADMIN_PASSWORD)';
    const accounts = DEMO_USERS.map((u) => `  ${u.role.padEnd(8)} ${u.email} / ${u.password}`).join('\n');
    this.logger.log(
      `Demo retailer ready (${DEMO_LOCATIONS.length} locations, ${DEMO_PRODUCTS.length} products).\n` +
        `  Terminal: ${base}/terminal   Shop: ${base}/shop   API docs: ${base}/docs\n` +
        `  admin    ${config.admin.email} / ${adminPassword}\n` +
        accounts,
    );
  }
}

function pick(attributes: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => attributes[k]).map((k) => [k, attributes[k]]));
}

/** Colour and Size as the shopper chooses them, in the demo's own order. */
function optionsOf(product: (typeof DEMO_PRODUCTS)[number]): Array<{ name: string; values: string[] }> {
  const options = [{ name: 'Colour', values: product.colours.map((colour) => colour.name) }];
  if (product.sizes.length) options.push({ name: 'Size', values: product.sizes });
  return options;
}

function variantOptions(attributes: Record<string, string>): Record<string, string> {
  return {
    Colour: attributes.colour,
    ...(attributes.size ? { Size: attributes.size } : {}),
  };
}
