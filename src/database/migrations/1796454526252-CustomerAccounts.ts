import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'DROP INDEX "uq_messages_occurrence"',
    'DROP INDEX "idx_messages_due"',
    'DROP INDEX "idx_messages_order"',
    'CREATE TABLE "temporary_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "channel" varchar(16) NOT NULL, "occurrence" varchar(64) NOT NULL, "recipient" varchar(254) NOT NULL, "locale" varchar(5) NOT NULL, "facts" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "due_at" varchar(24) NOT NULL, "lease_until" varchar(24), "last_error" varchar(500), "sent_at" varchar(24), "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "temporary_messages"("id", "order_id", "kind", "channel", "occurrence", "recipient", "locale", "facts", "status", "attempts", "due_at", "lease_until", "last_error", "sent_at", "created_at") SELECT "id", "order_id", "kind", "channel", "occurrence", "recipient", "locale", "facts", "status", "attempts", "due_at", "lease_until", "last_error", "sent_at", "created_at" FROM "messages"',
    'DROP TABLE "messages"',
    'ALTER TABLE "temporary_messages" RENAME TO "messages"',
    'CREATE UNIQUE INDEX "uq_messages_occurrence" ON "messages" ("order_id", "kind", "channel", "occurrence") ',
    'CREATE INDEX "idx_messages_due" ON "messages" ("status", "due_at") ',
    'CREATE INDEX "idx_messages_order" ON "messages" ("order_id") ',
    'CREATE TABLE "email_verifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "token_hash" varchar(64) NOT NULL, "expires_at" varchar(24) NOT NULL, "used_at" varchar(24), "created_at" varchar(24) NOT NULL)',
    'CREATE INDEX "idx_email_verifications_user" ON "email_verifications" ("user_id") ',
    'CREATE UNIQUE INDEX "uq_email_verifications_token" ON "email_verifications" ("token_hash") ',
    'CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "password_hash" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "location_ids" text NOT NULL, "created_at" varchar(24) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "access_version" integer NOT NULL DEFAULT (0), "email_verified_at" varchar(24), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))',
    'INSERT INTO "temporary_users"("id", "email", "name", "password_hash", "role", "location_ids", "created_at", "active", "access_version") SELECT "id", "email", "name", "password_hash", "role", "location_ids", "created_at", "active", "access_version" FROM "users"',
    'DROP TABLE "users"',
    'ALTER TABLE "temporary_users" RENAME TO "users"',
    'DROP INDEX "uq_messages_occurrence"',
    'DROP INDEX "idx_messages_due"',
    'DROP INDEX "idx_messages_order"',
    'CREATE TABLE "temporary_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36), "kind" varchar(32) NOT NULL, "channel" varchar(16) NOT NULL, "occurrence" varchar(64) NOT NULL, "recipient" varchar(254) NOT NULL, "locale" varchar(5) NOT NULL, "facts" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "due_at" varchar(24) NOT NULL, "lease_until" varchar(24), "last_error" varchar(500), "sent_at" varchar(24), "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "temporary_messages"("id", "order_id", "kind", "channel", "occurrence", "recipient", "locale", "facts", "status", "attempts", "due_at", "lease_until", "last_error", "sent_at", "created_at") SELECT "id", "order_id", "kind", "channel", "occurrence", "recipient", "locale", "facts", "status", "attempts", "due_at", "lease_until", "last_error", "sent_at", "created_at" FROM "messages"',
    'DROP TABLE "messages"',
    'ALTER TABLE "temporary_messages" RENAME TO "messages"',
    'CREATE INDEX "idx_messages_due" ON "messages" ("status", "due_at") ',
    'CREATE INDEX "idx_messages_order" ON "messages" ("order_id") ',
    'CREATE UNIQUE INDEX "uq_messages_occurrence" ON "messages" ("order_id", "kind", "channel", "occurrence") ',
    'CREATE INDEX "idx_orders_customer_email" ON "orders" ("customer_email") ',
  ],
  postgres: [
    'CREATE TABLE "email_verifications" ("id" character varying(36) NOT NULL, "user_id" character varying(36) NOT NULL, "email" character varying(254) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" character varying(24) NOT NULL, "used_at" character varying(24), "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_c1ea2921e767f83cd44c0af203f" PRIMARY KEY ("id"))',
    'CREATE INDEX "idx_email_verifications_user" ON "email_verifications"  ("user_id") ',
    'CREATE UNIQUE INDEX "uq_email_verifications_token" ON "email_verifications"  ("token_hash") ',
    'ALTER TABLE "users" ADD "email_verified_at" character varying(24)',
    'DROP INDEX "public"."uq_messages_occurrence"',
    'ALTER TABLE "messages" ALTER COLUMN "order_id" DROP NOT NULL',
    'CREATE UNIQUE INDEX "uq_messages_occurrence" ON "messages"  ("order_id", "kind", "channel", "occurrence") ',
    'CREATE INDEX "idx_orders_customer_email" ON "orders"  ("customer_email") ',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_orders_customer_email"',
    'DROP INDEX "uq_messages_occurrence"',
    'DROP INDEX "idx_messages_order"',
    'DROP INDEX "idx_messages_due"',
    'ALTER TABLE "messages" RENAME TO "temporary_messages"',
    'CREATE TABLE "messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "channel" varchar(16) NOT NULL, "occurrence" varchar(64) NOT NULL, "recipient" varchar(254) NOT NULL, "locale" varchar(5) NOT NULL, "facts" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "due_at" varchar(24) NOT NULL, "lease_until" varchar(24), "last_error" varchar(500), "sent_at" varchar(24), "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "messages"("id", "order_id", "kind", "channel", "occurrence", "recipient", "locale", "facts", "status", "attempts", "due_at", "lease_until", "last_error", "sent_at", "created_at") SELECT "id", "order_id", "kind", "channel", "occurrence", "recipient", "locale", "facts", "status", "attempts", "due_at", "lease_until", "last_error", "sent_at", "created_at" FROM "temporary_messages"',
    'DROP TABLE "temporary_messages"',
    'CREATE INDEX "idx_messages_order" ON "messages" ("order_id") ',
    'CREATE INDEX "idx_messages_due" ON "messages" ("status", "due_at") ',
    'CREATE UNIQUE INDEX "uq_messages_occurrence" ON "messages" ("order_id", "kind", "channel", "occurrence") ',
    'ALTER TABLE "users" RENAME TO "temporary_users"',
    'CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "password_hash" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "location_ids" text NOT NULL, "created_at" varchar(24) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "access_version" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))',
    'INSERT INTO "users"("id", "email", "name", "password_hash", "role", "location_ids", "created_at", "active", "access_version") SELECT "id", "email", "name", "password_hash", "role", "location_ids", "created_at", "active", "access_version" FROM "temporary_users"',
    'DROP TABLE "temporary_users"',
    'DROP INDEX "uq_email_verifications_token"',
    'DROP INDEX "idx_email_verifications_user"',
    'DROP TABLE "email_verifications"',
    'DROP INDEX "idx_messages_order"',
    'DROP INDEX "idx_messages_due"',
    'DROP INDEX "uq_messages_occurrence"',
    'ALTER TABLE "messages" RENAME TO "temporary_messages"',
    'CREATE TABLE "messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "order_id" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "channel" varchar(16) NOT NULL, "occurrence" varchar(64) NOT NULL, "recipient" varchar(254) NOT NULL, "locale" varchar(5) NOT NULL, "facts" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "due_at" varchar(24) NOT NULL, "lease_until" varchar(24), "last_error" varchar(500), "sent_at" varchar(24), "created_at" varchar(24) NOT NULL)',
    'INSERT INTO "messages"("id", "order_id", "kind", "channel", "occurrence", "recipient", "locale", "facts", "status", "attempts", "due_at", "lease_until", "last_error", "sent_at", "created_at") SELECT "id", "order_id", "kind", "channel", "occurrence", "recipient", "locale", "facts", "status", "attempts", "due_at", "lease_until", "last_error", "sent_at", "created_at" FROM "temporary_messages"',
    'DROP TABLE "temporary_messages"',
    'CREATE INDEX "idx_messages_order" ON "messages" ("order_id") ',
    'CREATE INDEX "idx_messages_due" ON "messages" ("status", "due_at") ',
    'CREATE UNIQUE INDEX "uq_messages_occurrence" ON "messages" ("order_id", "kind", "channel", "occurrence") ',
  ],
  postgres: [
    'DROP INDEX "public"."idx_orders_customer_email"',
    'DROP INDEX "public"."uq_messages_occurrence"',
    'ALTER TABLE "messages" ALTER COLUMN "order_id" SET NOT NULL',
    'CREATE UNIQUE INDEX "uq_messages_occurrence" ON "messages" USING btree ("order_id", "kind", "channel", "occurrence") ',
    'ALTER TABLE "users" DROP COLUMN "email_verified_at"',
    'DROP INDEX "public"."uq_email_verifications_token"',
    'DROP INDEX "public"."idx_email_verifications_user"',
    'DROP TABLE "email_verifications"',
  ],
};

export class CustomerAccounts1796454526252 implements MigrationInterface {
  name = 'CustomerAccounts1796454526252';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
