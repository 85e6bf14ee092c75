import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'CREATE TABLE "messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "channel" varchar(16) NOT NULL, "occurrence" varchar(64) NOT NULL, "recipient" varchar(254) NOT NULL, "locale" varchar(5) NOT NULL, "facts" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "due_at" varchar(24) NOT NULL, "lease_until" varchar(24), "last_error" varchar(500), "sent_at" varchar(24), "created_at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_messages_order" ON "messages" ("order_id") ',
    'CREATE INDEX "idx_messages_due" ON "messages" ("status", "due_at") ',
    'CREATE UNIQUE INDEX "uq_messages_occurrence" ON "messages" ("order_id", "kind", "channel", "occurrence") ',
    'CREATE TABLE "mailbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "recipient" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "created_at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_mailbox_created" ON "mailbox" ("created_at") ',
    'CREATE TABLE "temporary_locations" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(200) NOT NULL, "type" varchar(16) NOT NULL, "address" text NOT NULL, "lat" double precision, "lng" double precision, "timezone" varchar(64) NOT NULL, "opening_hours" text NOT NULL, "pickup_enabled" boolean NOT NULL, "ship_enabled" boolean NOT NULL, "pickup_hold_hours" integer NOT NULL, "created_at" varchar(24) NOT NULL, "closures" text NOT NULL DEFAULT (\'[]\'), "pickup_prep_minutes" integer NOT NULL DEFAULT (60), CONSTRAINT "UQ_1c65ef243169e51b514c814eeae" UNIQUE ("code"))',
    'INSERT INTO "temporary_locations"("id", "code", "name", "type", "address", "lat", "lng", "timezone", "opening_hours", "pickup_enabled", "ship_enabled", "pickup_hold_hours", "created_at") SELECT "id", "code", "name", "type", "address", "lat", "lng", "timezone", "opening_hours", "pickup_enabled", "ship_enabled", "pickup_hold_hours", "created_at" FROM "locations"',
    'DROP TABLE "locations"',
    'ALTER TABLE "temporary_locations" RENAME TO "locations"',
    'DROP INDEX "idx_orders_location_status"',
    'DROP INDEX "idx_orders_expiry"',
    'DROP INDEX "idx_orders_customer"',
    'CREATE TABLE "temporary_orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "status" varchar(16) NOT NULL, "fulfillment_type" varchar(16) NOT NULL, "location_id" varchar(36) NOT NULL, "ship_address" text, "customer_name" varchar(200) NOT NULL, "customer_email" varchar(254) NOT NULL, "customer_phone" varchar(40), "customer_user_id" varchar(36), "payment_method" varchar(16) NOT NULL, "payment_status" varchar(16) NOT NULL, "total_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "token_hash" varchar(64) NOT NULL, "pickup_code" varchar(16), "pickup_attempts" integer NOT NULL DEFAULT (0), "pickup_locked" boolean NOT NULL DEFAULT (0), "expires_at" varchar(24), "carrier" varchar(100), "tracking_number" varchar(100), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1), "ready_by" varchar(24), "customer_locale" varchar(5), CONSTRAINT "UQ_4e174e347d448617acdf98fef0d" UNIQUE ("number"))',
    'INSERT INTO "temporary_orders"("id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "payment_status", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version") SELECT "id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "payment_status", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version" FROM "orders"',
    'DROP TABLE "orders"',
    'ALTER TABLE "temporary_orders" RENAME TO "orders"',
    'CREATE INDEX "idx_orders_location_status" ON "orders" ("location_id", "status", "created_at") ',
    'CREATE INDEX "idx_orders_expiry" ON "orders" ("status", "expires_at") ',
    'CREATE INDEX "idx_orders_customer" ON "orders" ("customer_user_id") ',
    'DROP INDEX "idx_customer_messages_order"',
    'DROP TABLE "customer_messages"',
  ],
  postgres: [
    'CREATE TABLE "messages" ("id" character varying(36) NOT NULL, "order_id" character varying(36) NOT NULL, "kind" character varying(32) NOT NULL, "channel" character varying(16) NOT NULL, "occurrence" character varying(64) NOT NULL, "recipient" character varying(254) NOT NULL, "locale" character varying(5) NOT NULL, "facts" text NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "due_at" character varying(24) NOT NULL, "lease_until" character varying(24), "last_error" character varying(500), "sent_at" character varying(24), "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_messages_order" ON "messages"  ("order_id") ',
    'CREATE INDEX "idx_messages_due" ON "messages"  ("status", "due_at") ',
    'CREATE UNIQUE INDEX "uq_messages_occurrence" ON "messages"  ("order_id", "kind", "channel", "occurrence") ',
    'CREATE TABLE "mailbox" ("id" character varying(36) NOT NULL, "recipient" character varying(254) NOT NULL, "subject" character varying(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_f7191e7ca96ddaeebb57e58650f" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_mailbox_created" ON "mailbox"  ("created_at") ',
    'ALTER TABLE "locations" ADD "closures" text NOT NULL DEFAULT \'[]\'',
    'ALTER TABLE "locations" ADD "pickup_prep_minutes" integer NOT NULL DEFAULT \'60\'',
    'ALTER TABLE "orders" ADD "ready_by" character varying(24)',
    'ALTER TABLE "orders" ADD "customer_locale" character varying(5)',
    'DROP INDEX "public"."idx_customer_messages_order"',
    'DROP TABLE "customer_messages"',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'CREATE TABLE "customer_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "channel" varchar(32) NOT NULL, "recipient" varchar(254) NOT NULL, "body" text NOT NULL, "created_at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_customer_messages_order" ON "customer_messages" ("order_id") ',
    'DROP INDEX "idx_orders_customer"',
    'DROP INDEX "idx_orders_expiry"',
    'DROP INDEX "idx_orders_location_status"',
    'ALTER TABLE "orders" RENAME TO "temporary_orders"',
    'CREATE TABLE "orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "status" varchar(16) NOT NULL, "fulfillment_type" varchar(16) NOT NULL, "location_id" varchar(36) NOT NULL, "ship_address" text, "customer_name" varchar(200) NOT NULL, "customer_email" varchar(254) NOT NULL, "customer_phone" varchar(40), "customer_user_id" varchar(36), "payment_method" varchar(16) NOT NULL, "payment_status" varchar(16) NOT NULL, "total_amount" integer NOT NULL, "currency" varchar(3) NOT NULL, "token_hash" varchar(64) NOT NULL, "pickup_code" varchar(16), "pickup_attempts" integer NOT NULL DEFAULT (0), "pickup_locked" boolean NOT NULL DEFAULT (0), "expires_at" varchar(24), "carrier" varchar(100), "tracking_number" varchar(100), "created_by" varchar(36), "created_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1), CONSTRAINT "UQ_4e174e347d448617acdf98fef0d" UNIQUE ("number"))',
    'INSERT INTO "orders"("id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "payment_status", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version") SELECT "id", "number", "status", "fulfillment_type", "location_id", "ship_address", "customer_name", "customer_email", "customer_phone", "customer_user_id", "payment_method", "payment_status", "total_amount", "currency", "token_hash", "pickup_code", "pickup_attempts", "pickup_locked", "expires_at", "carrier", "tracking_number", "created_by", "created_at", "updated_at", "version" FROM "temporary_orders"',
    'DROP TABLE "temporary_orders"',
    'CREATE INDEX "idx_orders_customer" ON "orders" ("customer_user_id") ',
    'CREATE INDEX "idx_orders_expiry" ON "orders" ("status", "expires_at") ',
    'CREATE INDEX "idx_orders_location_status" ON "orders" ("location_id", "status", "created_at") ',
    'ALTER TABLE "locations" RENAME TO "temporary_locations"',
    'CREATE TABLE "locations" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(200) NOT NULL, "type" varchar(16) NOT NULL, "address" text NOT NULL, "lat" double precision, "lng" double precision, "timezone" varchar(64) NOT NULL, "opening_hours" text NOT NULL, "pickup_enabled" boolean NOT NULL, "ship_enabled" boolean NOT NULL, "pickup_hold_hours" integer NOT NULL, "created_at" varchar(24) NOT NULL, CONSTRAINT "UQ_1c65ef243169e51b514c814eeae" UNIQUE ("code"))',
    'INSERT INTO "locations"("id", "code", "name", "type", "address", "lat", "lng", "timezone", "opening_hours", "pickup_enabled", "ship_enabled", "pickup_hold_hours", "created_at") SELECT "id", "code", "name", "type", "address", "lat", "lng", "timezone", "opening_hours", "pickup_enabled", "ship_enabled", "pickup_hold_hours", "created_at" FROM "temporary_locations"',
    'DROP TABLE "temporary_locations"',
    'DROP INDEX "idx_mailbox_created"',
    'DROP TABLE "mailbox"',
    'DROP INDEX "uq_messages_occurrence"',
    'DROP INDEX "idx_messages_due"',
    'DROP INDEX "idx_messages_order"',
    'DROP TABLE "messages"',
  ],
  postgres: [
    'CREATE TABLE "customer_messages" ("id" character varying(36) NOT NULL, "order_id" character varying(36) NOT NULL, "kind" character varying(32) NOT NULL, "channel" character varying(32) NOT NULL, "recipient" character varying(254) NOT NULL, "body" text NOT NULL, "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_52b68322d40a03f839625419245" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_customer_messages_order" ON "customer_messages"  ("order_id") ',
    'ALTER TABLE "orders" DROP COLUMN "customer_locale"',
    'ALTER TABLE "orders" DROP COLUMN "ready_by"',
    'ALTER TABLE "locations" DROP COLUMN "pickup_prep_minutes"',
    'ALTER TABLE "locations" DROP COLUMN "closures"',
    'DROP INDEX "public"."idx_mailbox_created"',
    'DROP TABLE "mailbox"',
    'DROP INDEX "public"."uq_messages_occurrence"',
    'DROP INDEX "public"."idx_messages_due"',
    'DROP INDEX "public"."idx_messages_order"',
    'DROP TABLE "messages"',
  ],
};

/** Hours stored as {open, close} per day become the contract's list of ["HH:mm", "HH:mm"] windows. */
async function hoursAsWindows(runner: QueryRunner): Promise<void> {
  const rows: Array<{ id: string; opening_hours: string }> = await runner.query(
    'SELECT id, opening_hours FROM locations',
  );
  for (const row of rows) {
    const hours = JSON.parse(row.opening_hours) as Record<string, unknown>;
    const windows = Object.fromEntries(
      Object.entries(hours).map(([day, value]) => {
        const old = value as { open?: string; close?: string };
        return [day, Array.isArray(value) ? value : old.open && old.close ? [[old.open, old.close]] : []];
      }),
    );
    const param = runner.connection.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    await runner.query(`UPDATE locations SET opening_hours = ${param[0]} WHERE id = ${param[1]}`, [
      JSON.stringify(windows),
      row.id,
    ]);
  }
}

export class MessagesAndOpeningHours1796401955786 implements MigrationInterface {
  name = 'MessagesAndOpeningHours1796401955786';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
    await hoursAsWindows(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
