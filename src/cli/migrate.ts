/**
 * `npm run migrate`: brings the database of DATABASE_URL up to date and exits, for a release step that
 * runs before new instances start. (Instances also migrate at start, one at a time, so it is optional.)
 */
import { ConfigError, loadConfig } from '../config/config';
import { openDatabase } from '../database/database.module';
import { ENTITIES } from '../entities';

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase(config, ENTITIES);
  const applied: unknown[] = await dataSource.query('SELECT name FROM migrations');
  console.log(`Database is up to date: ${applied.length} migrations applied.`);
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
