import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "password_hash" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "location_ids" text NOT NULL, "created_at" varchar(24) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "access_version" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))',
    'INSERT INTO "temporary_users"("id", "email", "name", "password_hash", "role", "location_ids", "created_at") SELECT "id", "email", "name", "password_hash", "role", "location_ids", "created_at" FROM "users"',
    'DROP TABLE "users"',
    'ALTER TABLE "temporary_users" RENAME TO "users"',
  ],
  postgres: [
    'ALTER TABLE "users" ADD "active" boolean NOT NULL DEFAULT true',
    'ALTER TABLE "users" ADD "access_version" integer NOT NULL DEFAULT \'0\'',
  ],
};

const DOWN: DriverQueries = {
  sqlite: [
    'ALTER TABLE "users" RENAME TO "temporary_users"',
    'CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "password_hash" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "location_ids" text NOT NULL, "created_at" varchar(24) NOT NULL, CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))',
    'INSERT INTO "users"("id", "email", "name", "password_hash", "role", "location_ids", "created_at") SELECT "id", "email", "name", "password_hash", "role", "location_ids", "created_at" FROM "temporary_users"',
    'DROP TABLE "temporary_users"',
  ],
  postgres: ['ALTER TABLE "users" DROP COLUMN "access_version"', 'ALTER TABLE "users" DROP COLUMN "active"'],
};

export class StaffAccess1796402803061 implements MigrationInterface {
  name = 'StaffAccess1796402803061';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
