import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { RecommendationSettings } from '@touchpoint/config';
import { RECOMMENDATION_SETTINGS } from '../app/recommendation-settings';
import { CatalogStore } from '../catalog/catalog-store';
import { DecisionOutbox, RecommendationRecord } from '../recommendation-record/recommendation-record';
import { PostgresCatalogStore } from './postgres-catalog-store';
import { PostgresSignalStore } from './postgres-signal-store';
import { SignalStore } from '../signals/signal-store';
import { SuppressionLatency } from '../recommendation-record/suppression-latency';
import { PostgresDecisionOutbox } from './postgres-decision-outbox';
import { PostgresRecommendationRecord } from './postgres-recommendation-record';
import { recommendationDataSourceOptions } from './recommendation-data-source';

/** Binds recommendation's state of record, outbox, catalog and signals to PostgreSQL, and provides its settings. Needs the global Kafka module. */
@Global()
@Module({})
export class RecommendationPersistenceModule {
  static forRoot(databaseUrl: string, settings: RecommendationSettings): DynamicModule {
    return {
      module: RecommendationPersistenceModule,
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => ({ ...recommendationDataSourceOptions(databaseUrl), retryAttempts: 5, retryDelay: 1_000 }) })],
      providers: [
        { provide: RECOMMENDATION_SETTINGS, useValue: settings },
        SuppressionLatency,
        { provide: RecommendationRecord, useClass: PostgresRecommendationRecord },
        { provide: DecisionOutbox, useClass: PostgresDecisionOutbox },
        { provide: CatalogStore, useClass: PostgresCatalogStore },
        { provide: SignalStore, useClass: PostgresSignalStore },
      ],
      exports: [RecommendationRecord, DecisionOutbox, CatalogStore, SignalStore, RECOMMENDATION_SETTINGS],
    };
  }
}
