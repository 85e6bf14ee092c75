import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'CREATE TABLE "product_images" ("id" varchar(36) PRIMARY KEY NOT NULL, "product_id" varchar(36) NOT NULL, "alt" varchar(300) NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "position" integer NOT NULL, "created_at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_product_images_product" ON "product_images" ("product_id") ',
    'DROP INDEX "idx_products_created"',
    'CREATE TABLE "temporary_products" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(300) NOT NULL, "description" text NOT NULL, "search_text" text NOT NULL, "created_at" varchar(24) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'active\'), "options" text NOT NULL DEFAULT (\'[]\'))',
    'INSERT INTO "temporary_products"("id", "title", "description", "search_text", "created_at", "status") SELECT "id", "title", "description", "search_text", "created_at", "status" FROM "products"',
    'DROP TABLE "products"',
    'ALTER TABLE "temporary_products" RENAME TO "products"',
    'CREATE INDEX "idx_products_created" ON "products" ("created_at") ',
    'DROP INDEX "idx_variants_product"',
    'CREATE TABLE "temporary_variants" ("id" varchar(36) PRIMARY KEY NOT NULL, "product_id" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "barcode" varchar(64), "title" varchar(300) NOT NULL, "price_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "attributes" text NOT NULL, "created_at" varchar(24) NOT NULL, "options" text NOT NULL DEFAULT (\'{}\'), CONSTRAINT "UQ_c037648e970896d4da8d6140dce" UNIQUE ("barcode"), CONSTRAINT "UQ_36c4c7a3b994abc268f8ebbf489" UNIQUE ("sku"))',
    'INSERT INTO "temporary_variants"("id", "product_id", "sku", "barcode", "title", "price_amount", "currency", "attributes", "created_at") SELECT "id", "product_id", "sku", "barcode", "title", "price_amount", "currency", "attributes", "created_at" FROM "variants"',
    'DROP TABLE "variants"',
    'ALTER TABLE "temporary_variants" RENAME TO "variants"',
    'CREATE INDEX "idx_variants_product" ON "variants" ("product_id") ',
  ],
  postgres: [
    'CREATE TABLE "product_images" ("id" character varying(36) NOT NULL, "product_id" character varying(36) NOT NULL, "alt" character varying(300) NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "position" integer NOT NULL, "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_1974264ea7265989af8392f63a1" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_product_images_product" ON "product_images"  ("product_id") ',
    'ALTER TABLE "products" ADD "options" text NOT NULL DEFAULT \'[]\'',
    'ALTER TABLE "variants" ADD "options" text NOT NULL DEFAULT \'{}\'',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_variants_product"',
    'ALTER TABLE "variants" RENAME TO "temporary_variants"',
    'CREATE TABLE "variants" ("id" varchar(36) PRIMARY KEY NOT NULL, "product_id" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "barcode" varchar(64), "title" varchar(300) NOT NULL, "price_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "attributes" text NOT NULL, "created_at" varchar(24) NOT NULL, CONSTRAINT "UQ_c037648e970896d4da8d6140dce" UNIQUE ("barcode"), CONSTRAINT "UQ_36c4c7a3b994abc268f8ebbf489" UNIQUE ("sku"))',
    'INSERT INTO "variants"("id", "product_id", "sku", "barcode", "title", "price_amount", "currency", "attributes", "created_at") SELECT "id", "product_id", "sku", "barcode", "title", "price_amount", "currency", "attributes", "created_at" FROM "temporary_variants"',
    'DROP TABLE "temporary_variants"',
    'CREATE INDEX "idx_variants_product" ON "variants" ("product_id") ',
    'DROP INDEX "idx_products_created"',
    'ALTER TABLE "products" RENAME TO "temporary_products"',
    'CREATE TABLE "products" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(300) NOT NULL, "description" text NOT NULL, "search_text" text NOT NULL, "created_at" varchar(24) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'active\'))',
    'INSERT INTO "products"("id", "title", "description", "search_text", "created_at", "status") SELECT "id", "title", "description", "search_text", "created_at", "status" FROM "temporary_products"',
    'DROP TABLE "temporary_products"',
    'CREATE INDEX "idx_products_created" ON "products" ("created_at") ',
    'DROP INDEX "idx_product_images_product"',
    'DROP TABLE "product_images"',
  ],
  postgres: [
    'ALTER TABLE "variants" DROP COLUMN "options"',
    'ALTER TABLE "products" DROP COLUMN "options"',
    'DROP INDEX "public"."idx_product_images_product"',
    'DROP TABLE "product_images"',
  ],
};

export class ProductImagesAndOptions1796416124463 implements MigrationInterface {
  name = 'ProductImagesAndOptions1796416124463';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
