import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@touchpoint/config';
import { KafkaModule, KafkaReadinessProbe } from '@touchpoint/kafka';
import { RedisModule, RedisReadinessProbe } from '@touchpoint/redis';
import { HealthModule, TouchpointErrorFilter } from '@touchpoint/service-runtime';
import { ApplyTransitionHandler } from '../apply-transition/apply-transition.handler';
import { RecommendationPublisher } from '../apply-transition/recommendation.publisher';
import { Catalog } from '../catalog/catalog';
import { SeedCatalog } from '../catalog/seed-catalog';
import { ForgetProfileModule } from '../forget-profile/forget-profile.module';
import { GetRecommendationsHandler } from '../get-recommendations/get-recommendations.handler';
import { RecommendationsHttpController } from '../get-recommendations/recommendations.http.controller';
import { KafkaRecommendationPublisher } from '../messaging/kafka-recommendation.publisher';
import { TransitionsMessageController } from '../messaging/transitions.message.controller';
import { RecommendationPersistenceModule } from '../persistence/recommendation-persistence.module';

@Module({})
export class RecommendationAppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: RecommendationAppModule,
      imports: [
        KafkaModule.forService(config),
        RedisModule.forRoot(config.redis),
        HealthModule.forRoot([KafkaReadinessProbe, RedisReadinessProbe]),
        RecommendationPersistenceModule,
        ForgetProfileModule,
      ],
      controllers: [RecommendationsHttpController],
      providers: [
        { provide: APP_FILTER, useClass: TouchpointErrorFilter },
        { provide: Catalog, useValue: new SeedCatalog() },
        { provide: RecommendationPublisher, useClass: KafkaRecommendationPublisher },
        ApplyTransitionHandler,
        GetRecommendationsHandler,
        TransitionsMessageController,
      ],
    };
  }
}
