import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentifierCache } from '../domain/identifier-cache';
import { IdentityGraph } from '../domain/identity-graph';
import { defaultIdentityRules, IDENTITY_RULES, type IdentityRules } from '../domain/identity-rules';
import { identityDataSourceOptions } from './identity-data-source';
import { ProfileErasure } from '../domain/profile-erasure';
import { ProfileHistory } from '../domain/profile-history';
import { PostgresProfileErasureRepository } from './postgres-profile-erasure.repository';
import { PostgresProfileHistoryRepository } from './postgres-profile-history.repository';
import { PostgresIdentityGraphRepository } from './postgres-identity-graph.repository';
import { PostgresReadinessProbe } from './postgres.readiness-probe';
import { RedisIdentifierCacheRepository } from './redis-identifier-cache.repository';

export interface IdentityPersistenceOptions {
  readonly databaseUrl: string;
  /** The rules resolution follows; defaults when not given. Exported globally under IDENTITY_RULES. */
  readonly rules?: IdentityRules;
}

/** Binds the identity ports to Postgres (graph) and Redis (identifier cache), and provides the rules. Needs a global RedisModule. */
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
        { provide: ProfileHistory, useClass: PostgresProfileHistoryRepository },
        { provide: ProfileErasure, useClass: PostgresProfileErasureRepository },
        PostgresReadinessProbe,
        { provide: IDENTITY_RULES, useValue: options.rules ?? defaultIdentityRules },
      ],
      exports: [IdentityGraph, IdentifierCache, ProfileHistory, ProfileErasure, PostgresReadinessProbe, IDENTITY_RULES],
    };
  }
}
