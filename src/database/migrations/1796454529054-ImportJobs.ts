import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: [
    'CREATE TABLE "import_jobs" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(16) NOT NULL, "location_id" varchar(36), "actor_id" varchar(36) NOT NULL, "idempotency_key" varchar(255), "status" varchar(16) NOT NULL, "processed" integer NOT NULL DEFAULT (0), "total" integer NOT NULL DEFAULT (0), "created" integer NOT NULL DEFAULT (0), "updated" integer NOT NULL DEFAULT (0), "failed" integer NOT NULL DEFAULT (0), "message" varchar(500), "started_at" varchar(24) NOT NULL, "finished_at" varchar(24))',
    'CREATE UNIQUE INDEX "idx_import_jobs_key" ON "import_jobs" ("actor_id", "idempotency_key") ',
    'CREATE TABLE "import_job_errors" ("job_id" varchar(36) NOT NULL, "row_number" integer NOT NULL, "field" varchar(64) NOT NULL, "message" varchar(500) NOT NULL, PRIMARY KEY ("job_id", "row_number", "field"))',
  ],
  postgres: [
    'CREATE TABLE "import_jobs" ("id" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "location_id" character varying(36), "actor_id" character varying(36) NOT NULL, "idempotency_key" character varying(255), "status" character varying(16) NOT NULL, "processed" integer NOT NULL DEFAULT \'0\', "total" integer NOT NULL DEFAULT \'0\', "created" integer NOT NULL DEFAULT \'0\', "updated" integer NOT NULL DEFAULT \'0\', "failed" integer NOT NULL DEFAULT \'0\', "message" character varying(500), "started_at" character varying(24) NOT NULL, "finished_at" character varying(24), CONSTRAINT "PK_4d206c602f173f98e4bb85819a3" PRIMARY KEY ("id"))',
    'CREATE UNIQUE INDEX "idx_import_jobs_key" ON "import_jobs"  ("actor_id", "idempotency_key") ',
    'CREATE TABLE "import_job_errors" ("job_id" character varying(36) NOT NULL, "row_number" integer NOT NULL, "field" character varying(64) NOT NULL, "message" character varying(500) NOT NULL, CONSTRAINT "PK_6e3285cd9266c5ee67cc793504a" PRIMARY KEY ("job_id", "row_number", "field"))',
  ],
};

const DOWN: DriverQueries = {
  sqlite: ['DROP TABLE "import_job_errors"', 'DROP INDEX "idx_import_jobs_key"', 'DROP TABLE "import_jobs"'],
  postgres: [
    'DROP TABLE "import_job_errors"',
    'DROP INDEX "public"."idx_import_jobs_key"',
    'DROP TABLE "import_jobs"',
  ],
};

export class ImportJobs1796454529054 implements MigrationInterface {
  name = 'ImportJobs1796454529054';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
