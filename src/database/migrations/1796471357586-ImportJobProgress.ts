import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_import_jobs_key"',
    'CREATE TABLE "temporary_import_jobs" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(16) NOT NULL, "location_id" varchar(36), "actor_id" varchar(36) NOT NULL, "idempotency_key" varchar(255), "status" varchar(16) NOT NULL, "processed" integer NOT NULL DEFAULT (0), "total" integer NOT NULL DEFAULT (0), "created" integer NOT NULL DEFAULT (0), "updated" integer NOT NULL DEFAULT (0), "failed" integer NOT NULL DEFAULT (0), "message" varchar(500), "started_at" varchar(24) NOT NULL, "finished_at" varchar(24), "progress_at" varchar(24))',
    'INSERT INTO "temporary_import_jobs"("id", "kind", "location_id", "actor_id", "idempotency_key", "status", "processed", "total", "created", "updated", "failed", "message", "started_at", "finished_at") SELECT "id", "kind", "location_id", "actor_id", "idempotency_key", "status", "processed", "total", "created", "updated", "failed", "message", "started_at", "finished_at" FROM "import_jobs"',
    'DROP TABLE "import_jobs"',
    'ALTER TABLE "temporary_import_jobs" RENAME TO "import_jobs"',
    'CREATE UNIQUE INDEX "idx_import_jobs_key" ON "import_jobs" ("actor_id", "idempotency_key") ',
  ],
  postgres: ['ALTER TABLE "import_jobs" ADD "progress_at" character varying(24)'],
};

const DOWN: DriverQueries = {
  sqlite: [
    'DROP INDEX "idx_import_jobs_key"',
    'ALTER TABLE "import_jobs" RENAME TO "temporary_import_jobs"',
    'CREATE TABLE "import_jobs" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(16) NOT NULL, "location_id" varchar(36), "actor_id" varchar(36) NOT NULL, "idempotency_key" varchar(255), "status" varchar(16) NOT NULL, "processed" integer NOT NULL DEFAULT (0), "total" integer NOT NULL DEFAULT (0), "created" integer NOT NULL DEFAULT (0), "updated" integer NOT NULL DEFAULT (0), "failed" integer NOT NULL DEFAULT (0), "message" varchar(500), "started_at" varchar(24) NOT NULL, "finished_at" varchar(24))',
    'INSERT INTO "import_jobs"("id", "kind", "location_id", "actor_id", "idempotency_key", "status", "processed", "total", "created", "updated", "failed", "message", "started_at", "finished_at") SELECT "id", "kind", "location_id", "actor_id", "idempotency_key", "status", "processed", "total", "created", "updated", "failed", "message", "started_at", "finished_at" FROM "temporary_import_jobs"',
    'DROP TABLE "temporary_import_jobs"',
    'CREATE UNIQUE INDEX "idx_import_jobs_key" ON "import_jobs" ("actor_id", "idempotency_key") ',
  ],
  postgres: ['ALTER TABLE "import_jobs" DROP COLUMN "progress_at"'],
};

export class ImportJobProgress1796471357586 implements MigrationInterface {
  name = 'ImportJobProgress1796471357586';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
