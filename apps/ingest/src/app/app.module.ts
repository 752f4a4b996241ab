import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@touchpoint/config';
import { KafkaModule, KafkaReadinessProbe } from '@touchpoint/kafka';
import { RedisModule, RedisReadinessProbe } from '@touchpoint/redis';
import { HealthModule } from '@touchpoint/service-runtime';
import { IngestExceptionFilter } from '../http/ingest-exception.filter';
import { IngestModule } from '../ingest.module';
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
        IngestModule.forRoot({ writeKeys: config.ingest.writeKeys, dedupeWindowSeconds: config.ingest.dedupeWindowSeconds }),
      ],
      providers: [KafkaStartup, { provide: APP_FILTER, useClass: IngestExceptionFilter }],
    };
  }
}
