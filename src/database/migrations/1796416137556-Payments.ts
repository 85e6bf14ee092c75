import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    // The one-row-per-order payments replace the charge/refund rows; each order gets its payment back below.
    'DELETE FROM "payments"',
    'DROP INDEX "uq_payments_order_kind"',
    'CREATE TABLE "payment_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "payment_id" varchar(36) NOT NULL, "provider" varchar(16) NOT NULL, "event_id" varchar(255) NOT NULL, "kind" varchar(20) NOT NULL, "amount" integer NOT NULL DEFAULT (0), "created_at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_payment_events_payment" ON "payment_events" ("payment_id") ',
    'CREATE UNIQUE INDEX "uq_payment_events_event" ON "payment_events" ("provider", "event_id") ',
    'DROP INDEX "idx_orders_location_status"',
    'DROP INDEX "idx_orders_expiry"',
    'DROP INDEX "idx_orders_customer"',
    'CREATE TABLE "temporary_orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "status" varchar(16) NOT NULL, "fulfillment_type" varchar(16) NOT NULL, "location_id" varchar(36) NOT NULL, "ship_address" text, "customer_name" varchar(200) NOT NULL, "customer_email" varchar(254) NOT NULL, "customer_phone" varchar(40), "customer_user_id" varchar(36), "payment_method" varchar(16) NOT NULL, "total_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "token_hash" varchar(64) NOT NULL, "pickup_code" varchar(16), "pickup_attempts" integer NOT NULL DEFAULT (0), "pickup_locked" boolean NOT NULL DEFAULT (0), "expires_at" varchar(24), "carrier" varchar(100), "tracking_number" varchar(100), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1), "ready_by" varchar(24), "customer_locale" varchar(5), "tendered_amount" integer, CONSTRAINT "UQ_4e174e347d448617acdf98fef0d" UNIQUE ("number"))',
    'INSERT INTO "temporary_orders"("id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount") SELECT "id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount" FROM "orders"',
    'DROP TABLE "orders"',
    'ALTER TABLE "temporary_orders" RENAME TO "orders"',
    'CREATE INDEX "idx_orders_location_status" ON "orders" ("location_id", "status", "created_at") ',
    'CREATE INDEX "idx_orders_expiry" ON "orders" ("status", "expires_at") ',
    'CREATE INDEX "idx_orders_customer" ON "orders" ("customer_user_id") ',
    'CREATE TABLE "temporary_payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "provider" varchar(32) NOT NULL, "amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "reference" varchar(100) NOT NULL, "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "temporary_payments"("id", "order_id", "provider", "amount", "currency", "reference", "created_at") SELECT "id", "order_id", "provider", "amount", "currency", "reference", "created_at" FROM "payments"',
    'DROP TABLE "payments"',
    'ALTER TABLE "temporary_payments" RENAME TO "payments"',
    'CREATE TABLE "temporary_payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "provider" varchar(32) NOT NULL, "amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "reference" varchar(100) NOT NULL, "created_at" varchar(24) NOT NULL, "method" varchar(16) NOT NULL, "status" varchar(20) NOT NULL, "captured" integer NOT NULL DEFAULT (0), "refunded" integer NOT NULL DEFAULT (0), "updated_at" varchar(24) NOT NULL)',
    'INSERT INTO "temporary_payments"("id", "order_id", "provider", "amount", "currency", "reference", "created_at") SELECT "id", "order_id", "provider", "amount", "currency", "reference", "created_at" FROM "payments"',
    'DROP TABLE "payments"',
    'ALTER TABLE "temporary_payments" RENAME TO "payments"',
    'CREATE TABLE "temporary_payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "provider" varchar(16) NOT NULL, "amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "reference" varchar(255), "created_at" varchar(24) NOT NULL, "method" varchar(16) NOT NULL, "status" varchar(20) NOT NULL, "captured" integer NOT NULL DEFAULT (0), "refunded" integer NOT NULL DEFAULT (0), "updated_at" varchar(24) NOT NULL)',
    'INSERT INTO "temporary_payments"("id", "order_id", "provider", "amount", "currency", "reference", "created_at", "method", "status", "captured", "refunded", "updated_at") SELECT "id", "order_id", "provider", "amount", "currency", "reference", "created_at", "method", "status", "captured", "refunded", "updated_at" FROM "payments"',
    'DROP TABLE "payments"',
    'ALTER TABLE "temporary_payments" RENAME TO "payments"',
    'CREATE UNIQUE INDEX "uq_payments_order" ON "payments" ("order_id") ',
    'INSERT INTO "payments" ("id", "order_id", "provider", "method", "status", "currency", "amount", "captured", "refunded", "reference", "created_at", "updated_at") SELECT "id", "id", CASE WHEN "payment_method" = \'online\' AND "fulfillment_type" <> \'instore\' THEN \'test\' ELSE \'counter\' END, "payment_method", CASE WHEN "status" IN (\'collected\', \'shipped\', \'completed\') THEN \'captured\' WHEN "status" IN (\'cancelled\', \'expired\') THEN \'voided\' WHEN "payment_method" = \'online\' THEN \'authorized\' ELSE \'pending\' END, "currency", "total_amount", CASE WHEN "status" IN (\'collected\', \'shipped\', \'completed\') THEN "total_amount" ELSE 0 END, 0, NULL, "created_at", "updated_at" FROM "orders"',
  ],
  postgres: [
    'DELETE FROM "payments"',
    'DROP INDEX "public"."uq_payments_order_kind"',
    'CREATE TABLE "payment_events" ("id" character varying(36) NOT NULL, "payment_id" character varying(36) NOT NULL, "provider" character varying(16) NOT NULL, "event_id" character varying(255) NOT NULL, "kind" character varying(20) NOT NULL, "amount" integer NOT NULL DEFAULT \'0\', "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_9f1d16fc78b33e676940a32e8b5" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_payment_events_payment" ON "payment_events"  ("payment_id") ',
    'CREATE UNIQUE INDEX "uq_payment_events_event" ON "payment_events"  ("provider", "event_id") ',
    'ALTER TABLE "orders" DROP COLUMN "payment_status"',
    'ALTER TABLE "payments" DROP COLUMN "kind"',
    'ALTER TABLE "payments" ADD "method" character varying(16) NOT NULL',
    'ALTER TABLE "payments" ADD "status" character varying(20) NOT NULL',
    'ALTER TABLE "payments" ADD "captured" integer NOT NULL DEFAULT \'0\'',
    'ALTER TABLE "payments" ADD "refunded" integer NOT NULL DEFAULT \'0\'',
    'ALTER TABLE "payments" ADD "updated_at" character varying(24) NOT NULL',
    'ALTER TABLE "payments" DROP COLUMN "provider"',
    'ALTER TABLE "payments" ADD "provider" character varying(16) NOT NULL',
    'ALTER TABLE "payments" DROP COLUMN "reference"',
    'ALTER TABLE "payments" ADD "reference" character varying(255)',
    'CREATE UNIQUE INDEX "uq_payments_order" ON "payments"  ("order_id") ',
    'INSERT INTO "payments" ("id", "order_id", "provider", "method", "status", "currency", "amount", "captured", "refunded", "reference", "created_at", "updated_at") SELECT "id", "id", CASE WHEN "payment_method" = \'online\' AND "fulfillment_type" <> \'instore\' THEN \'test\' ELSE \'counter\' END, "payment_method", CASE WHEN "status" IN (\'collected\', \'shipped\', \'completed\') THEN \'captured\' WHEN "status" IN (\'cancelled\', \'expired\') THEN \'voided\' WHEN "payment_method" = \'online\' THEN \'authorized\' ELSE \'pending\' END, "currency", "total_amount", CASE WHEN "status" IN (\'collected\', \'shipped\', \'completed\') THEN "total_amount" ELSE 0 END, 0, NULL, "created_at", "updated_at" FROM "orders"',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DELETE FROM "payments"',
    'DROP INDEX "uq_payments_order"',
    'ALTER TABLE "payments" RENAME TO "temporary_payments"',
    'CREATE TABLE "payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "provider" varchar(32) NOT NULL, "amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "reference" varchar(100) NOT NULL, "created_at" varchar(24) NOT NULL, "method" varchar(16) NOT NULL, "status" varchar(20) NOT NULL, "captured" integer NOT NULL DEFAULT (0), "refunded" integer NOT NULL DEFAULT (0), "updated_at" varchar(24) NOT NULL)',
    'INSERT INTO "payments"("id", "order_id", "provider", "amount", "currency", "reference", "created_at", "method", "status", "captured", "refunded", "updated_at") SELECT "id", "order_id", "provider", "amount", "currency", "reference", "created_at", "method", "status", "captured", "refunded", "updated_at" FROM "temporary_payments"',
    'DROP TABLE "temporary_payments"',
    'ALTER TABLE "payments" RENAME TO "temporary_payments"',
    'CREATE TABLE "payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "provider" varchar(32) NOT NULL, "amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "reference" varchar(100) NOT NULL, "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "payments"("id", "order_id", "provider", "amount", "currency", "reference", "created_at") SELECT "id", "order_id", "provider", "amount", "currency", "reference", "created_at" FROM "temporary_payments"',
    'DROP TABLE "temporary_payments"',
    'ALTER TABLE "payments" RENAME TO "temporary_payments"',
    'CREATE TABLE "payments" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "provider" varchar(32) NOT NULL, "amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "reference" varchar(100) NOT NULL, "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "payments"("id", "order_id", "provider", "amount", "currency", "reference", "created_at") SELECT "id", "order_id", "provider", "amount", "currency", "reference", "created_at" FROM "temporary_payments"',
    'DROP TABLE "temporary_payments"',
    'DROP INDEX "idx_orders_customer"',
    'DROP INDEX "idx_orders_expiry"',
    'DROP INDEX "idx_orders_location_status"',
    'ALTER TABLE "orders" RENAME TO "temporary_orders"',
    'CREATE TABLE "orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "status" varchar(16) NOT NULL, "fulfillment_type" varchar(16) NOT NULL, "location_id" varchar(36) NOT NULL, "ship_address" text, "customer_name" varchar(200) NOT NULL, "customer_email" varchar(254) NOT NULL, "customer_phone" varchar(40), "customer_user_id" varchar(36), "payment_method" varchar(16) NOT NULL, "payment_status" varchar(16) NOT NULL, "total_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "token_hash" varchar(64) NOT NULL, "pickup_code" varchar(16), "pickup_attempts" integer NOT NULL DEFAULT (0), "pickup_locked" boolean NOT NULL DEFAULT (0), "expires_at" varchar(24), "carrier" varchar(100), "tracking_number" varchar(100), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1), "ready_by" varchar(24), "customer_locale" varchar(5), "tendered_amount" integer, CONSTRAINT "UQ_4e174e347d448617acdf98fef0d" UNIQUE ("number"))',
    'INSERT INTO "orders"("id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount") SELECT "id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount" FROM "temporary_orders"',
    'DROP TABLE "temporary_orders"',
    'CREATE INDEX "idx_orders_customer" ON "orders" ("customer_user_id") ',
    'CREATE INDEX "idx_orders_expiry" ON "orders" ("status", "expires_at") ',
    'CREATE INDEX "idx_orders_location_status" ON "orders" ("location_id", "status", "created_at") ',
    'DROP INDEX "uq_payment_events_event"',
    'DROP INDEX "idx_payment_events_payment"',
    'DROP TABLE "payment_events"',
    'CREATE UNIQUE INDEX "uq_payments_order_kind" ON "payments" ("order_id", "kind") ',
  ],
  postgres: [
    'DELETE FROM "payments"',
    'DROP INDEX "public"."uq_payments_order"',
    'ALTER TABLE "payments" DROP COLUMN "reference"',
    'ALTER TABLE "payments" ADD "reference" character varying(100) NOT NULL',
    'ALTER TABLE "payments" DROP COLUMN "provider"',
    'ALTER TABLE "payments" ADD "provider" character varying(32) NOT NULL',
    'ALTER TABLE "payments" DROP COLUMN "updated_at"',
    'ALTER TABLE "payments" DROP COLUMN "refunded"',
    'ALTER TABLE "payments" DROP COLUMN "captured"',
    'ALTER TABLE "payments" DROP COLUMN "status"',
    'ALTER TABLE "payments" DROP COLUMN "method"',
    'ALTER TABLE "payments" ADD "kind" character varying(16) NOT NULL',
    'ALTER TABLE "orders" ADD "payment_status" character varying(16) NOT NULL',
    'DROP INDEX "public"."uq_payment_events_event"',
    'DROP INDEX "public"."idx_payment_events_payment"',
    'DROP TABLE "payment_events"',
    'CREATE UNIQUE INDEX "uq_payments_order_kind" ON "payments" USING btree ("order_id", "kind") ',
  ],
};

export class Payments1796416137556 implements MigrationInterface {
  name = 'Payments1796416137556';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
