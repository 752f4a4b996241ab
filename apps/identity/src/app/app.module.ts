import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@touchpoint/config';
import { KafkaModule, KafkaReadinessProbe } from '@touchpoint/kafka';
import { RedisModule, RedisReadinessProbe } from '@touchpoint/redis';
import { AccessModule, HealthModule, TouchpointErrorFilter } from '@touchpoint/service-runtime';
import { DeleteProfileModule } from '../delete-profile/delete-profile.module';
import { ListMergeRefusalsModule } from '../list-merge-refusals/list-merge-refusals.module';
import { ListProfileIdentifiersModule } from '../list-profile-identifiers/list-profile-identifiers.module';
import { ListProfileMergesModule } from '../list-profile-merges/list-profile-merges.module';
import { LookupProfileModule } from '../lookup-profile/lookup-profile.module';
import { IdentityPersistenceModule } from '../persistence/identity-persistence.module';
import { PostgresReadinessProbe } from '@touchpoint/persistence';
import { ResolveIdentityModule } from '../resolve-identity/resolve-identity.module';
import { UnmergeProfileModule } from '../unmerge-profile/unmerge-profile.module';
import { identifierReaderFor } from './identifier-reader.factory';

export interface AppModuleOverrides {
  /** Lets tests share one Redis without seeing each other's keys. */
  readonly redisKeyPrefix?: string;
}

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, overrides: AppModuleOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KafkaModule.forService(config),
        RedisModule.forRoot({ url: config.redis.url, keyPrefix: overrides.redisKeyPrefix ?? config.redis.keyPrefix }),
        IdentityPersistenceModule.forRoot({ databaseUrl: config.database.url, identifierReader: identifierReaderFor(config) }),
        AccessModule.forRoot(config.access),
        HealthModule.forRoot([KafkaReadinessProbe, RedisReadinessProbe, PostgresReadinessProbe]),
        ResolveIdentityModule,
        LookupProfileModule,
        ListProfileIdentifiersModule,
        ListProfileMergesModule,
        ListMergeRefusalsModule,
        DeleteProfileModule,
        UnmergeProfileModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: TouchpointErrorFilter }],
    };
  }
}
