import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'CREATE TABLE "flash_sales" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(200) NOT NULL, "location_id" varchar(36) NOT NULL, "starts_at" varchar(24) NOT NULL, "ends_at" varchar(24) NOT NULL, "tickets_issued" integer NOT NULL, "serving" integer NOT NULL, "returned_at" varchar(24), "created_by" varchar(36), "created_at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_flash_sales_starts" ON "flash_sales" ("starts_at") ',
    'CREATE TABLE "flash_sale_lines" ("sale_id" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "variant_id" varchar(36) NOT NULL, "units" integer NOT NULL, "taken" integer NOT NULL, "price" integer NOT NULL, "per_customer_limit" integer NOT NULL, PRIMARY KEY ("sale_id", "sku"))',
    'CREATE TABLE "flash_tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "token" varchar(32) NOT NULL, "sale_id" varchar(36) NOT NULL, "seq" integer NOT NULL, "email" varchar(254) NOT NULL, "admitted_at" varchar(24), "admission_expires_at" varchar(24), "admission_used_at" varchar(24), "created_at" varchar(24) NOT NULL, CONSTRAINT "UQ_4438a03a86191b2b6c40fd45bdc" UNIQUE ("token"))',
    'CREATE UNIQUE INDEX "uq_flash_tickets_seq" ON "flash_tickets" ("sale_id", "seq") ',
    'CREATE UNIQUE INDEX "uq_flash_tickets_email" ON "flash_tickets" ("sale_id", "email") ',
    'CREATE TABLE "flash_purchases" ("sale_id" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "email" varchar(254) NOT NULL, "bought" integer NOT NULL, PRIMARY KEY ("sale_id", "sku", "email"))',
    'CREATE TABLE "flash_sale_orders" ("order_id" varchar(36) PRIMARY KEY NOT NULL, "sale_id" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "returned_at" varchar(24))',
    'CREATE INDEX "idx_flash_sale_orders_sale" ON "flash_sale_orders" ("sale_id") ',
  ],
  postgres: [
    'CREATE TABLE "flash_sales" ("id" character varying(36) NOT NULL, "title" character varying(200) NOT NULL, "location_id" character varying(36) NOT NULL, "starts_at" character varying(24) NOT NULL, "ends_at" character varying(24) NOT NULL, "tickets_issued" integer NOT NULL, "serving" integer NOT NULL, "returned_at" character varying(24), "created_by" character varying(36), "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_70299593044ffcba05cc30b97dc" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_flash_sales_starts" ON "flash_sales"  ("starts_at") ',
    'CREATE TABLE "flash_sale_lines" ("sale_id" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "variant_id" character varying(36) NOT NULL, "units" integer NOT NULL, "taken" integer NOT NULL, "price" integer NOT NULL, "per_customer_limit" integer NOT NULL, CONSTRAINT "PK_e9b9c485355dc708b2e7d67e0aa" PRIMARY KEY ("sale_id", "sku"))',
    'CREATE TABLE "flash_tickets" ("id" character varying(36) NOT NULL, "token" character varying(32) NOT NULL, "sale_id" character varying(36) NOT NULL, "seq" integer NOT NULL, "email" character varying(254) NOT NULL, "admitted_at" character varying(24), "admission_expires_at" character varying(24), "admission_used_at" character varying(24), "created_at" character varying(24) NOT NULL, CONSTRAINT "UQ_4438a03a86191b2b6c40fd45bdc" UNIQUE ("token"), CONSTRAINT "PK_de80afe89163085800657c9b854" PRIMARY KEY ("id"))',
    'CREATE UNIQUE INDEX "uq_flash_tickets_seq" ON "flash_tickets"  ("sale_id", "seq") ',
    'CREATE UNIQUE INDEX "uq_flash_tickets_email" ON "flash_tickets"  ("sale_id", "email") ',
    'CREATE TABLE "flash_purchases" ("sale_id" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "email" character varying(254) NOT NULL, "bought" integer NOT NULL, CONSTRAINT "PK_b101e7827582ebb6ee3db0618d3" PRIMARY KEY ("sale_id", "sku", "email"))',
    'CREATE TABLE "flash_sale_orders" ("order_id" character varying(36) NOT NULL, "sale_id" character varying(36) NOT NULL, "email" character varying(254) NOT NULL, "returned_at" character varying(24), CONSTRAINT "PK_e07087a02f14bf6de6a873cfc5d" PRIMARY KEY ("order_id"))',
    'CREATE INDEX "idx_flash_sale_orders_sale" ON "flash_sale_orders"  ("sale_id") ',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_flash_sale_orders_sale"',
    'DROP TABLE "flash_sale_orders"',
    'DROP TABLE "flash_purchases"',
    'DROP INDEX "uq_flash_tickets_email"',
    'DROP INDEX "uq_flash_tickets_seq"',
    'DROP TABLE "flash_tickets"',
    'DROP TABLE "flash_sale_lines"',
    'DROP INDEX "idx_flash_sales_starts"',
    'DROP TABLE "flash_sales"',
  ],
  postgres: [
    'DROP INDEX "public"."idx_flash_sale_orders_sale"',
    'DROP TABLE "flash_sale_orders"',
    'DROP TABLE "flash_purchases"',
    'DROP INDEX "public"."uq_flash_tickets_email"',
    'DROP INDEX "public"."uq_flash_tickets_seq"',
    'DROP TABLE "flash_tickets"',
    'DROP TABLE "flash_sale_lines"',
    'DROP INDEX "public"."idx_flash_sales_starts"',
    'DROP TABLE "flash_sales"',
  ],
};

export class FlashSales1796416143669 implements MigrationInterface {
  name = 'FlashSales1796416143669';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
