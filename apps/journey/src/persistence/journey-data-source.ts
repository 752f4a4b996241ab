import type { DataSourceOptions } from 'typeorm';
import { CreateJourneyRecord1765000000000 } from './migrations/1765000000000-create-journey-record';
import { AddJourneyUnmerges1765100000000 } from './migrations/1765100000000-add-journey-unmerges';

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/**
 * The journey state of record's data source, shared by the service and the migration command.
 * The service never migrates. The tables are written with plain SQL (persistence/*.sql.ts):
 * every batch is a handful of set-based statements, which entities would only slow down.
 */
export function journeyDataSourceOptions(databaseUrl: string): PostgresOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [],
    migrations: [CreateJourneyRecord1765000000000, AddJourneyUnmerges1765100000000],
    // Own table: other services may keep their migrations in the same database.
    migrationsTableName: 'journey_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: 'touchpoint-journey',
    extra: { max: 10 },
  };
}
