import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@touchpoint/config';
import { KafkaModule, KafkaReadinessProbe } from '@touchpoint/kafka';
import { RedisModule, RedisReadinessProbe } from '@touchpoint/redis';
import { HealthModule, TouchpointErrorFilter } from '@touchpoint/service-runtime';
import { DeleteProfileModule } from '../delete-profile/delete-profile.module';
import { buildIdentityRules } from '../domain/identity-rules';
import { ListProfileIdentifiersModule } from '../list-profile-identifiers/list-profile-identifiers.module';
import { ListProfileMergesModule } from '../list-profile-merges/list-profile-merges.module';
import { LookupProfileModule } from '../lookup-profile/lookup-profile.module';
import { IdentityPersistenceModule } from '../persistence/identity-persistence.module';
import { PostgresReadinessProbe } from '../persistence/postgres.readiness-probe';
import { ResolveIdentityModule } from '../resolve-identity/resolve-identity.module';

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
        IdentityPersistenceModule.forRoot({ databaseUrl: config.database.url, rules: buildIdentityRules(config.identity) }),
        HealthModule.forRoot([KafkaReadinessProbe, RedisReadinessProbe, PostgresReadinessProbe]),
        ResolveIdentityModule,
        LookupProfileModule,
        ListProfileIdentifiersModule,
        ListProfileMergesModule,
        DeleteProfileModule.forRoot({ adminToken: config.identity.adminToken }),
      ],
      providers: [{ provide: APP_FILTER, useClass: TouchpointErrorFilter }],
    };
  }
}
