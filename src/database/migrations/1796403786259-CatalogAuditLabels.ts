import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'CREATE TABLE "audit_entries" ("id" varchar(36) PRIMARY KEY NOT NULL, "at" varchar(24) NOT NULL, "actor_id" varchar(36) NOT NULL, "actor_email" varchar(254) NOT NULL, "entity" varchar(16) NOT NULL, "entity_id" varchar(64) NOT NULL, "action" varchar(32) NOT NULL, "changes" text NOT NULL)',
    'CREATE INDEX "idx_audit_entity" ON "audit_entries" ("entity", "entity_id") ',
    'CREATE INDEX "idx_audit_at" ON "audit_entries" ("at", "id") ',
    'CREATE TABLE "printed_labels" ("location_id" varchar(36) NOT NULL, "variant_id" varchar(36) NOT NULL, "price_amount" integer NOT NULL, "printed_at" varchar(24) NOT NULL, PRIMARY KEY ("location_id", "variant_id"))',
    'DROP INDEX "idx_products_created"',
    'CREATE TABLE "temporary_products" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(300) NOT NULL, "description" text NOT NULL, "search_text" text NOT NULL, "created_at" varchar(24) NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'active\'))',
    'INSERT INTO "temporary_products"("id", "title", "description", "search_text", "created_at") SELECT "id", "title", "description", "search_text", "created_at" FROM "products"',
    'DROP TABLE "products"',
    'ALTER TABLE "temporary_products" RENAME TO "products"',
    'CREATE INDEX "idx_products_created" ON "products" ("created_at") ',
  ],
  postgres: [
    'CREATE TABLE "audit_entries" ("id" character varying(36) NOT NULL, "at" character varying(24) NOT NULL, "actor_id" character varying(36) NOT NULL, "actor_email" character varying(254) NOT NULL, "entity" character varying(16) NOT NULL, "entity_id" character varying(64) NOT NULL, "action" character varying(32) NOT NULL, "changes" text NOT NULL, CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_audit_entity" ON "audit_entries"  ("entity", "entity_id") ',
    'CREATE INDEX "idx_audit_at" ON "audit_entries"  ("at", "id") ',
    'CREATE TABLE "printed_labels" ("location_id" character varying(36) NOT NULL, "variant_id" character varying(36) NOT NULL, "price_amount" integer NOT NULL, "printed_at" character varying(24) NOT NULL, CONSTRAINT "PK_25a3dbc6ed8c14bad12f49cf391" PRIMARY KEY ("location_id", "variant_id"))',
    'ALTER TABLE "products" ADD "status" character varying(16) NOT NULL DEFAULT \'active\'',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_products_created"',
    'ALTER TABLE "products" RENAME TO "temporary_products"',
    'CREATE TABLE "products" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(300) NOT NULL, "description" text NOT NULL, "search_text" text NOT NULL, "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "products"("id", "title", "description", "search_text", "created_at") SELECT "id", "title", "description", "search_text", "created_at" FROM "temporary_products"',
    'DROP TABLE "temporary_products"',
    'CREATE INDEX "idx_products_created" ON "products" ("created_at") ',
    'DROP TABLE "printed_labels"',
    'DROP INDEX "idx_audit_at"',
    'DROP INDEX "idx_audit_entity"',
    'DROP TABLE "audit_entries"',
  ],
  postgres: [
    'ALTER TABLE "products" DROP COLUMN "status"',
    'DROP TABLE "printed_labels"',
    'DROP INDEX "public"."idx_audit_at"',
    'DROP INDEX "public"."idx_audit_entity"',
    'DROP TABLE "audit_entries"',
  ],
};

export class CatalogAuditLabels1796403786259 implements MigrationInterface {
  name = 'CatalogAuditLabels1796403786259';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
