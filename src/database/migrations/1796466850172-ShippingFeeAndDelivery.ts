import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_orders_location_status"',
    'DROP INDEX "idx_orders_expiry"',
    'DROP INDEX "idx_orders_customer"',
    'DROP INDEX "idx_orders_customer_email"',
    'CREATE TABLE "temporary_orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "status" varchar(16) NOT NULL, "fulfillment_type" varchar(16) NOT NULL, "location_id" varchar(36) NOT NULL, "ship_address" text, "customer_name" varchar(200) NOT NULL, "customer_email" varchar(254) NOT NULL, "customer_phone" varchar(40), "customer_user_id" varchar(36), "payment_method" varchar(16) NOT NULL, "total_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "token_hash" varchar(64) NOT NULL, "pickup_code" varchar(16), "pickup_attempts" integer NOT NULL DEFAULT (0), "pickup_locked" boolean NOT NULL DEFAULT (0), "expires_at" varchar(24), "carrier" varchar(100), "tracking_number" varchar(100), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1), "ready_by" varchar(24), "customer_locale" varchar(5), "tendered_amount" integer, "ready_at" varchar(24), "collected_at" varchar(24), "shipping_fee_amount" integer NOT NULL DEFAULT (0), "delivery_from" varchar(10), "delivery_to" varchar(10), CONSTRAINT "UQ_4e174e347d448617acdf98fef0d" UNIQUE ("number"))',
    'INSERT INTO "temporary_orders"("id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount", "ready_at", "collected_at") SELECT "id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount", "ready_at", "collected_at" FROM "orders"',
    'DROP TABLE "orders"',
    'ALTER TABLE "temporary_orders" RENAME TO "orders"',
    'CREATE INDEX "idx_orders_location_status" ON "orders" ("location_id", "status", "created_at") ',
    'CREATE INDEX "idx_orders_expiry" ON "orders" ("status", "expires_at") ',
    'CREATE INDEX "idx_orders_customer" ON "orders" ("customer_user_id") ',
    'CREATE INDEX "idx_orders_customer_email" ON "orders" ("customer_email") ',
    'DROP INDEX "idx_returns_order"',
    'CREATE TABLE "temporary_returns" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "location_id" varchar(36) NOT NULL, "refund_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "refund_method" varchar(16) NOT NULL, "exchange_order_id" varchar(36), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "shipping_fee_amount" integer NOT NULL DEFAULT (0))',
    'INSERT INTO "temporary_returns"("id", "order_id", "location_id", "refund_amount", "currency", "refund_method", "exchange_order_id", "created_by", "created_at") SELECT "id", "order_id", "location_id", "refund_amount", "currency", "refund_method", "exchange_order_id", "created_by", "created_at" FROM "returns"',
    'DROP TABLE "returns"',
    'ALTER TABLE "temporary_returns" RENAME TO "returns"',
    'CREATE INDEX "idx_returns_order" ON "returns" ("order_id", "created_at") ',
  ],
  postgres: [
    'ALTER TABLE "orders" ADD "shipping_fee_amount" integer NOT NULL DEFAULT \'0\'',
    'ALTER TABLE "orders" ADD "delivery_from" character varying(10)',
    'ALTER TABLE "orders" ADD "delivery_to" character varying(10)',
    'ALTER TABLE "returns" ADD "shipping_fee_amount" integer NOT NULL DEFAULT \'0\'',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_returns_order"',
    'ALTER TABLE "returns" RENAME TO "temporary_returns"',
    'CREATE TABLE "returns" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "location_id" varchar(36) NOT NULL, "refund_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "refund_method" varchar(16) NOT NULL, "exchange_order_id" varchar(36), "created_by" varchar(36), "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "returns"("id", "order_id", "location_id", "refund_amount", "currency", "refund_method", "exchange_order_id", "created_by", "created_at") SELECT "id", "order_id", "location_id", "refund_amount", "currency", "refund_method", "exchange_order_id", "created_by", "created_at" FROM "temporary_returns"',
    'DROP TABLE "temporary_returns"',
    'CREATE INDEX "idx_returns_order" ON "returns" ("order_id", "created_at") ',
    'DROP INDEX "idx_orders_customer_email"',
    'DROP INDEX "idx_orders_customer"',
    'DROP INDEX "idx_orders_expiry"',
    'DROP INDEX "idx_orders_location_status"',
    'ALTER TABLE "orders" RENAME TO "temporary_orders"',
    'CREATE TABLE "orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "status" varchar(16) NOT NULL, "fulfillment_type" varchar(16) NOT NULL, "location_id" varchar(36) NOT NULL, "ship_address" text, "customer_name" varchar(200) NOT NULL, "customer_email" varchar(254) NOT NULL, "customer_phone" varchar(40), "customer_user_id" varchar(36), "payment_method" varchar(16) NOT NULL, "total_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "token_hash" varchar(64) NOT NULL, "pickup_code" varchar(16), "pickup_attempts" integer NOT NULL DEFAULT (0), "pickup_locked" boolean NOT NULL DEFAULT (0), "expires_at" varchar(24), "carrier" varchar(100), "tracking_number" varchar(100), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1), "ready_by" varchar(24), "customer_locale" varchar(5), "tendered_amount" integer, "ready_at" varchar(24), "collected_at" varchar(24), CONSTRAINT "UQ_4e174e347d448617acdf98fef0d" UNIQUE ("number"))',
    'INSERT INTO "orders"("id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount", "ready_at", "collected_at") SELECT "id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version", "ready_by", "customer_locale", "tendered_amount", "ready_at", "collected_at" FROM "temporary_orders"',
    'DROP TABLE "temporary_orders"',
    'CREATE INDEX "idx_orders_customer_email" ON "orders" ("customer_email") ',
    'CREATE INDEX "idx_orders_customer" ON "orders" ("customer_user_id") ',
    'CREATE INDEX "idx_orders_expiry" ON "orders" ("status", "expires_at") ',
    'CREATE INDEX "idx_orders_location_status" ON "orders" ("location_id", "status", "created_at") ',
  ],
  postgres: [
    'ALTER TABLE "returns" DROP COLUMN "shipping_fee_amount"',
    'ALTER TABLE "orders" DROP COLUMN "delivery_to"',
    'ALTER TABLE "orders" DROP COLUMN "delivery_from"',
    'ALTER TABLE "orders" DROP COLUMN "shipping_fee_amount"',
  ],
};

export class ShippingFeeAndDelivery1796466850172 implements MigrationInterface {
  name = 'ShippingFeeAndDelivery1796466850172';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
