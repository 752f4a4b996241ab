import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentifierCache } from '../domain/identifier-cache';
import { IdentityGraph } from '../domain/identity-graph';
import { identityDataSourceOptions } from './identity-data-source';
import { PostgresIdentityGraphRepository } from './postgres-identity-graph.repository';
import { PostgresReadinessProbe } from './postgres.readiness-probe';
import { RedisIdentifierCacheRepository } from './redis-identifier-cache.repository';

export interface IdentityPersistenceOptions {
  readonly databaseUrl: string;
}

/** Binds the identity ports to Postgres (graph) and Redis (identifier cache). Needs a global RedisModule. */
@Global()
@Module({})
export class IdentityPersistenceModule {
  static forRoot(options: IdentityPersistenceOptions): DynamicModule {
    return {
      module: IdentityPersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...identityDataSourceOptions(options.databaseUrl), retryAttempts: 5, retryDelay: 1_000 }),
        }),
      ],
      providers: [
        { provide: IdentityGraph, useClass: PostgresIdentityGraphRepository },
        { provide: IdentifierCache, useClass: RedisIdentifierCacheRepository },
        PostgresReadinessProbe,
      ],
      exports: [IdentityGraph, IdentifierCache, PostgresReadinessProbe],
    };
  }
}
