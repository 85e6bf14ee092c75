import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'CREATE TABLE "returns" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "location_id" varchar(36) NOT NULL, "refund_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "refund_method" varchar(16) NOT NULL, "exchange_order_id" varchar(36), "created_by" varchar(36), "created_at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_returns_order" ON "returns" ("order_id", "created_at") ',
    'CREATE TABLE "return_lines" ("id" varchar(36) PRIMARY KEY NOT NULL, "return_id" varchar(36) NOT NULL, "variant_id" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "qty" integer NOT NULL, "condition" varchar(16) NOT NULL, "unit_price_amount" integer NOT NULL)',
    'CREATE INDEX "idx_return_lines_return" ON "return_lines" ("return_id") ',
    'CREATE TABLE "returned_units" ("order_id" varchar(36) NOT NULL, "variant_id" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "bought" integer NOT NULL, "returned" integer NOT NULL, CONSTRAINT "chk_returned_units" CHECK ("returned" >= 0 AND "returned" <= "bought"), PRIMARY KEY ("order_id", "variant_id"))',
  ],
  postgres: [
    'CREATE TABLE "returns" ("id" character varying(36) NOT NULL, "order_id" character varying(36) NOT NULL, "location_id" character varying(36) NOT NULL, "refund_amount" integer NOT NULL, "currency" character varying(3) NOT NULL, "refund_method" character varying(16) NOT NULL, "exchange_order_id" character varying(36), "created_by" character varying(36), "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_27a2f1895a71519ebfec7850361" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_returns_order" ON "returns"  ("order_id", "created_at") ',
    'CREATE TABLE "return_lines" ("id" character varying(36) NOT NULL, "return_id" character varying(36) NOT NULL, "variant_id" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "qty" integer NOT NULL, "condition" character varying(16) NOT NULL, "unit_price_amount" integer NOT NULL, CONSTRAINT "PK_d07139763a47ebef84eea8df1d0" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_return_lines_return" ON "return_lines"  ("return_id") ',
    'CREATE TABLE "returned_units" ("order_id" character varying(36) NOT NULL, "variant_id" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "bought" integer NOT NULL, "returned" integer NOT NULL, CONSTRAINT "chk_returned_units" CHECK ("returned" >= 0 AND "returned" <= "bought"), CONSTRAINT "PK_1eabb6ab4ff9f6030898a390d8a" PRIMARY KEY ("order_id", "variant_id"))',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DROP TABLE "returned_units"',
    'DROP INDEX "idx_return_lines_return"',
    'DROP TABLE "return_lines"',
    'DROP INDEX "idx_returns_order"',
    'DROP TABLE "returns"',
  ],
  postgres: [
    'DROP TABLE "returned_units"',
    'DROP INDEX "public"."idx_return_lines_return"',
    'DROP TABLE "return_lines"',
    'DROP INDEX "public"."idx_returns_order"',
    'DROP TABLE "returns"',
  ],
};

export class Returns1796454644422 implements MigrationInterface {
  name = 'Returns1796454644422';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
