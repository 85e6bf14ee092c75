import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'CREATE TABLE "tag_scans" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(32) NOT NULL, "variant_id" varchar(36) NOT NULL, "location_id" varchar(36) NOT NULL, "at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_tag_scans_location" ON "tag_scans" ("location_id", "at") ',
    'DROP INDEX "idx_orders_customer_email"',
    'DROP INDEX "idx_orders_customer"',
    'DROP INDEX "idx_orders_expiry"',
    'DROP INDEX "idx_orders_location_status"',
    'CREATE TABLE "temporary_orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "status" varchar(16) NOT NULL, "fulfillment_type" varchar(16) NOT NULL, "location_id" varchar(36) NOT NULL, "ship_address" text, "customer_name" varchar(200) NOT NULL, "customer_email" varchar(254) NOT NULL, "customer_phone" varchar(40), "customer_user_id" varchar(36), "payment_method" varchar(16) NOT NULL, "total_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "token_hash" varchar(64) NOT NULL, "pickup_code" varchar(16), "pickup_attempts" integer NOT NULL DEFAULT (0), "pickup_locked" boolean NOT NULL DEFAULT (0), "expires_at" varchar(24), "carrier" varchar(100), "tracking_number" varchar(100), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1), "ready_by" varchar(24), "customer_locale" varchar(5), "tendered_amount" integer, "ready_at" varchar(24), "collected_at" varchar(24), CONSTRAINT "UQ_4e174e347d448617acdf98fef0d" UNIQUE ("number"))',
    'INSERT INTO "temporary_orders"("id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount") SELECT "id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount" FROM "orders"',
    'DROP TABLE "orders"',
    'ALTER TABLE "temporary_orders" RENAME TO "orders"',
    'CREATE INDEX "idx_orders_customer_email" ON "orders" ("customer_email") ',
    'CREATE INDEX "idx_orders_customer" ON "orders" ("customer_user_id") ',
    'CREATE INDEX "idx_orders_expiry" ON "orders" ("status", "expires_at") ',
    'CREATE INDEX "idx_orders_location_status" ON "orders" ("location_id", "status", "created_at") ',
  ],
  postgres: [
    'CREATE TABLE "tag_scans" ("id" SERIAL NOT NULL, "code" character varying(32) NOT NULL, "variant_id" character varying(36) NOT NULL, "location_id" character varying(36) NOT NULL, "at" character varying(24) NOT NULL, CONSTRAINT "PK_061792c1fb2a3082985c3a54102" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_tag_scans_location" ON "tag_scans"  ("location_id", "at") ',
    'ALTER TABLE "orders" ADD "ready_at" character varying(24)',
    'ALTER TABLE "orders" ADD "collected_at" character varying(24)',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_orders_location_status"',
    'DROP INDEX "idx_orders_expiry"',
    'DROP INDEX "idx_orders_customer"',
    'DROP INDEX "idx_orders_customer_email"',
    'ALTER TABLE "orders" RENAME TO "temporary_orders"',
    'CREATE TABLE "orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "status" varchar(16) NOT NULL, "fulfillment_type" varchar(16) NOT NULL, "location_id" varchar(36) NOT NULL, "ship_address" text, "customer_name" varchar(200) NOT NULL, "customer_email" varchar(254) NOT NULL, "customer_phone" varchar(40), "customer_user_id" varchar(36), "payment_method" varchar(16) NOT NULL, "total_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "token_hash" varchar(64) NOT NULL, "pickup_code" varchar(16), "pickup_attempts" integer NOT NULL DEFAULT (0), "pickup_locked" boolean NOT NULL DEFAULT (0), "expires_at" varchar(24), "carrier" varchar(100), "tracking_number" varchar(100), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1), "ready_by" varchar(24), "customer_locale" varchar(5), "tendered_amount" integer, CONSTRAINT "UQ_4e174e347d448617acdf98fef0d" UNIQUE ("number"))',
    'INSERT INTO "orders"("id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount") SELECT "id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount" FROM "temporary_orders"',
    'DROP TABLE "temporary_orders"',
    'CREATE INDEX "idx_orders_location_status" ON "orders" ("location_id", "status", "created_at") ',
    'CREATE INDEX "idx_orders_expiry" ON "orders" ("status", "expires_at") ',
    'CREATE INDEX "idx_orders_customer" ON "orders" ("customer_user_id") ',
    'CREATE INDEX "idx_orders_customer_email" ON "orders" ("customer_email") ',
    'DROP INDEX "idx_tag_scans_location"',
    'DROP TABLE "tag_scans"',
  ],
  postgres: [
    'ALTER TABLE "orders" DROP COLUMN "collected_at"',
    'ALTER TABLE "orders" DROP COLUMN "ready_at"',
    'DROP INDEX "public"."idx_tag_scans_location"',
    'DROP TABLE "tag_scans"',
  ],
};

export class ReportFacts1796458340474 implements MigrationInterface {
  name = 'ReportFacts1796458340474';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
