import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@touchpoint/config';
import { KafkaModule, KafkaReadinessProbe } from '@touchpoint/kafka';
import { RedisModule, RedisReadinessProbe } from '@touchpoint/redis';
import { HealthModule, TouchpointErrorFilter } from '@touchpoint/service-runtime';
import { ApplyResolvedEventHandler } from '../apply-resolved-event/apply-resolved-event.handler';
import { ForgetProfileModule } from '../forget-profile/forget-profile.module';
import { TransitionPublisher } from '../journey-state/transition.publisher';
import { MergeProfilesHandler } from '../merge-profiles/merge-profiles.handler';
import { JourneyMessageController } from '../messaging/journey.message.controller';
import { KafkaTransitionPublisher } from '../messaging/kafka-transition.publisher';
import { JourneyPersistenceModule } from '../persistence/journey-persistence.module';

@Module({})
export class JourneyAppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: JourneyAppModule,
      imports: [
        KafkaModule.forService(config),
        RedisModule.forRoot(config.redis),
        HealthModule.forRoot([KafkaReadinessProbe, RedisReadinessProbe]),
        JourneyPersistenceModule,
        ForgetProfileModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: TouchpointErrorFilter },
        { provide: TransitionPublisher, useClass: KafkaTransitionPublisher },
        ApplyResolvedEventHandler,
        MergeProfilesHandler,
        JourneyMessageController,
      ],
    };
  }
}
