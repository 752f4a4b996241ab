import type { DataSourceOptions } from 'typeorm';
import { CreateRecommendationRecord1766000000000 } from './migrations/1766000000000-create-recommendation-record';
import { CreateCatalog1766100000000 } from './migrations/1766100000000-create-catalog';
import { CreateSignals1766200000000 } from './migrations/1766200000000-create-signals';
import { AddRetargetingClock1766300000000 } from './migrations/1766300000000-add-retargeting-clock';

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/** Recommendation's data source, shared by the service and its migration command; the service never migrates. */
export function recommendationDataSourceOptions(databaseUrl: string): PostgresOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [],
    migrations: [CreateRecommendationRecord1766000000000, CreateCatalog1766100000000, CreateSignals1766200000000, AddRetargetingClock1766300000000],
    migrationsTableName: 'recommendation_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: 'touchpoint-recommendation',
    extra: { max: 10 },
  };
}
