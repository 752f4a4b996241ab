import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { JourneyDefinitions } from '@touchpoint/journey-model';
import { JOURNEY_DEFINITIONS } from '../app/journey-definitions';
import { JourneyCache, JourneyRecord, TransitionOutbox } from '../journey-record/journey-record';
import { journeyDataSourceOptions } from './journey-data-source';
import { PostgresJourneyRecord } from './postgres-journey-record';
import { PostgresTransitionOutbox } from './postgres-transition-outbox';
import { RedisJourneyCache } from './redis-journey-cache';

/** Binds the journey ports: the state of record and outbox to Postgres, the read cache to Redis. Needs the global Redis and Kafka modules; provides the journey definitions. */
@Global()
@Module({})
export class JourneyPersistenceModule {
  static forRoot(databaseUrl: string, definitions: JourneyDefinitions): DynamicModule {
    return {
      module: JourneyPersistenceModule,
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => ({ ...journeyDataSourceOptions(databaseUrl), retryAttempts: 5, retryDelay: 1_000 }) })],
      providers: [
        { provide: JourneyRecord, useClass: PostgresJourneyRecord },
        { provide: TransitionOutbox, useClass: PostgresTransitionOutbox },
        { provide: JourneyCache, useClass: RedisJourneyCache },
        { provide: JOURNEY_DEFINITIONS, useValue: definitions },
      ],
      exports: [JourneyRecord, TransitionOutbox, JourneyCache, JOURNEY_DEFINITIONS],
    };
  }
}
