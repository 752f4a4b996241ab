import { runMigrations as runServiceMigrations } from '@touchpoint/persistence';
import { identityDataSourceOptions } from './identity-data-source';

/** Creates the database if needed and runs identity's pending migrations; returns the names of those run. */
export function runMigrations(databaseUrl: string): Promise<string[]> {
  return runServiceMigrations(identityDataSourceOptions(databaseUrl));
}
