import type { DataSourceOptions } from 'typeorm';
import { IdentifierEntity } from './identifier.entity';
import { MergeLogEntity } from './merge-log.entity';
import { CreateIdentityGraph1764000000000 } from './migrations/1764000000000-create-identity-graph';
import { AddRefusalsAndDeletions1764100000000 } from './migrations/1764100000000-add-refusals-and-deletions';
import { AddErasureLedger1764200000000 } from './migrations/1764200000000-add-erasure-ledger';
import { AddSharingGuardsAndUnmerges1764300000000 } from './migrations/1764300000000-add-sharing-guards-and-unmerges';
import { ProfileEntity } from './profile.entity';

export const identityEntities = [ProfileEntity, IdentifierEntity, MergeLogEntity];

/**
 * The identity graph's data source, shared by the service and the migration command. The
 * service never migrates: schema changes run once, ahead, through `migrate.ts`.
 */
export function identityDataSourceOptions(databaseUrl: string): Extract<DataSourceOptions, { type: 'postgres' }> {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: identityEntities,
    migrations: [CreateIdentityGraph1764000000000, AddRefusalsAndDeletions1764100000000, AddErasureLedger1764200000000, AddSharingGuardsAndUnmerges1764300000000],
    // Own table: other services may keep their migrations in the same database.
    migrationsTableName: 'identity_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: 'touchpoint-identity',
    extra: { max: 10 },
  };
}
