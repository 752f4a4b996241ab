import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@touchpoint/config';
import { KafkaModule, KafkaReadinessProbe } from '@touchpoint/kafka';
import { RedisModule, RedisReadinessProbe } from '@touchpoint/redis';
import { PersonalDataHasher } from '@touchpoint/personal-data';
import { HealthModule } from '@touchpoint/service-runtime';
import { readStoreRegistryFile } from '@touchpoint/store-registry';
import { IngestExceptionFilter } from '../http/ingest-exception.filter';
import { IngestModule } from '../ingest.module';
import { PersonalDataPolicy } from '../personal-data/personal-data-policy';
import { KafkaStartup } from './kafka.startup';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KafkaModule.forService(config),
        RedisModule.forRoot({ url: config.redis.url, keyPrefix: config.redis.keyPrefix }),
        HealthModule.forRoot([KafkaReadinessProbe, RedisReadinessProbe]),
        IngestModule.forRoot({
          writeKeys: config.ingest.writeKeys,
          dedupeWindowSeconds: config.ingest.dedupeWindowSeconds,
          // Read once at boot: a missing or bad registry stops ingest naming the file.
          stores: readStoreRegistryFile(config.personalData.storeRegistryFile),
          personalData: new PersonalDataPolicy({
            hasher: new PersonalDataHasher(config.personalData.hashSecret),
            defaultPhoneRegion: config.personalData.defaultPhoneRegion,
            traitAllowList: config.personalData.traitAllowList,
          }),
        }),
      ],
      providers: [KafkaStartup, { provide: APP_FILTER, useClass: IngestExceptionFilter }],
    };
  }
}
