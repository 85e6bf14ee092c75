import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { createDataSource } from './data-source';
import { UnitOfWork } from './unit-of-work';

const MIGRATION_LOCK = 7020020;

/** Opens the database and brings its schema up to date before anything else touches it. */
export async function openDatabase(config: AppConfig): Promise<DataSource> {
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  if (config.database.type === 'sqlite') {
    await dataSource.runMigrations({ transaction: 'all' });
    return dataSource;
  }
  // Instances starting together take turns: one runs the migrations, the others then find them done.
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lockHolder.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    await lockHolder.release();
  }
  return dataSource;
}

@Global()
@Module({
  providers: [{ provide: DataSource, inject: [APP_CONFIG], useFactory: openDatabase }, UnitOfWork],
  exports: [DataSource, UnitOfWork],
})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.logger.log('Database closed');
  }
}
