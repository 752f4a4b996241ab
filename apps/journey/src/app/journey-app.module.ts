import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@touchpoint/config';
import { KafkaModule, KafkaReadinessProbe } from '@touchpoint/kafka';
import { PostgresReadinessProbe } from '@touchpoint/persistence';
import { RedisModule, RedisReadinessProbe } from '@touchpoint/redis';
import { AccessModule, HealthModule, TouchpointErrorFilter } from '@touchpoint/service-runtime';
import { ApplyJourneyEntriesHandler } from '../apply-journey-entries/apply-journey-entries.handler';
import { TimerScheduler } from '../fire-timers/timer-scheduler';
import { ForgetProfileHandler } from '../forget-profile/forget-profile.handler';
import { GetJourneyHandler } from '../get-journey/get-journey.handler';
import { JourneyHttpController } from '../get-journey/journey.http.controller';
import { TimelineHttpController } from '../get-timeline/timeline.http.controller';
import { ChangeAnnouncer } from '../journey-record/change-announcer';
import { MergeProfilesHandler } from '../merge-profiles/merge-profiles.handler';
import { MergesApplied } from '../metrics/merges-applied';
import { UnmergeProfilesHandler } from '../unmerge-profiles/unmerge-profiles.handler';
import { JourneyMessageController } from '../messaging/journey.message.controller';
import { JourneyPersistenceModule } from '../persistence/journey-persistence.module';
import { OutboxRelay } from '../publish-transitions/outbox-relay';
import { OutdatedJourneysRefolder } from '../refold-journeys/outdated-journeys-refolder';
import { loadJourneyDefinitions } from './journey-definitions';
import { JOURNEY_SETTINGS } from './journey-settings';

@Module({})
export class JourneyAppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: JourneyAppModule,
      imports: [
        KafkaModule.forService(config),
        RedisModule.forRoot(config.redis),
        JourneyPersistenceModule.forRoot(config.database.url, loadJourneyDefinitions(config.journey.definitionsFile)),
        // Redis is only the read cache: without it reads get slower, nothing else changes.
        HealthModule.forRoot([KafkaReadinessProbe, PostgresReadinessProbe], { nonCritical: [RedisReadinessProbe] }),
        AccessModule.forRoot(config.access),
      ],
      controllers: [JourneyHttpController, TimelineHttpController],
      providers: [
        { provide: APP_FILTER, useClass: TouchpointErrorFilter },
        { provide: JOURNEY_SETTINGS, useValue: config.journey },
        ChangeAnnouncer,
        ApplyJourneyEntriesHandler,
        MergeProfilesHandler,
        MergesApplied,
        UnmergeProfilesHandler,
        ForgetProfileHandler,
        GetJourneyHandler,
        JourneyMessageController,
        TimerScheduler,
        OutboxRelay,
        OutdatedJourneysRefolder,
      ],
    };
  }
}
