import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { createDataSource, type Entities } from './data-source';
import { UnitOfWork } from './unit-of-work';

const MIGRATION_LOCK = 7020020;

/** Opens the database and brings its schema up to date before anything else touches it. */
export async function openDatabase(config: AppConfig, entities: Entities): Promise<DataSource> {
  const dataSource = createDataSource(config.database, entities);
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

/** The connection and the unit of work, for every module (one of the two global modules, with config). */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  static forRoot(entities: Entities): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => openDatabase(c, entities),
        },
        UnitOfWork,
      ],
      exports: [DataSource, UnitOfWork],
    };
  }

  private readonly logger = new Logger(DatabaseModule.name);

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.logger.log('Database closed');
  }
}
