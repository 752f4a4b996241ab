import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentifierCache } from '../domain/identifier-cache';
import { IdentityGraph } from '../domain/identity-graph';
import { ErasureLedger } from '../domain/erasure-ledger';
import { IdentifierReader } from '../domain/identifier-reader';
import { IDENTITY_RULES } from '../domain/identity-rules';
import { identityDataSourceOptions } from './identity-data-source';
import { ProfileErasure } from '../domain/profile-erasure';
import { ProfileHistory } from '../domain/profile-history';
import { ProfileUnmerge } from '../domain/profile-unmerge';
import { PostgresErasureLedgerRepository } from './postgres-erasure-ledger.repository';
import { PostgresProfileErasureRepository } from './postgres-profile-erasure.repository';
import { PostgresProfileHistoryRepository } from './postgres-profile-history.repository';
import { PostgresProfileUnmergeRepository } from './postgres-profile-unmerge.repository';
import { PostgresIdentityGraphRepository } from './postgres-identity-graph.repository';
import { PostgresReadinessProbe } from '@touchpoint/persistence';
import { RedisIdentifierCacheRepository } from './redis-identifier-cache.repository';

export interface IdentityPersistenceOptions {
  readonly databaseUrl: string;
  /** How identifiers are read and keyed, with the rules resolution follows (exported globally, the rules also under IDENTITY_RULES). */
  readonly identifierReader: IdentifierReader;
}

/** Binds the identity ports to Postgres (graph, erasure ledger) and Redis (identifier cache), and provides the rules. Needs a global RedisModule. */
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
        { provide: ProfileUnmerge, useClass: PostgresProfileUnmergeRepository },
        { provide: ErasureLedger, useClass: PostgresErasureLedgerRepository },
        PostgresReadinessProbe,
        { provide: IdentifierReader, useValue: options.identifierReader },
        { provide: IDENTITY_RULES, useValue: options.identifierReader.rules },
      ],
      exports: [IdentityGraph, IdentifierCache, ProfileHistory, ProfileErasure, ProfileUnmerge, ErasureLedger, PostgresReadinessProbe, IdentifierReader, IDENTITY_RULES],
    };
  }
}
