import { MigrationInterface, QueryRunner } from 'typeorm';
import { DriverQueries, runDriverQueries } from '../migration-support';

const UP: DriverQueries = {
  sqlite: ['CREATE INDEX "idx_orders_customer_email" ON "orders" ("customer_email") '],
  postgres: [],
};

const DOWN: DriverQueries = {
  sqlite: ['DROP INDEX "idx_orders_customer_email"'],
  postgres: [],
};

export class ReportFacts1796457767673 implements MigrationInterface {
  name = 'ReportFacts1796457767673';

  async up(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, UP);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runDriverQueries(runner, DOWN);
  }
}
