import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogStore } from '../catalog/catalog-store';
import { DecisionOutbox, RecommendationRecord } from '../recommendation-record/recommendation-record';
import { PostgresCatalogStore } from './postgres-catalog-store';
import { SuppressionLatency } from '../recommendation-record/suppression-latency';
import { PostgresDecisionOutbox } from './postgres-decision-outbox';
import { PostgresRecommendationRecord } from './postgres-recommendation-record';
import { recommendationDataSourceOptions } from './recommendation-data-source';

/** Binds recommendation's state of record and outbox to PostgreSQL. Needs the global Kafka module. */
@Global()
@Module({})
export class RecommendationPersistenceModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: RecommendationPersistenceModule,
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => ({ ...recommendationDataSourceOptions(databaseUrl), retryAttempts: 5, retryDelay: 1_000 }) })],
      providers: [
        SuppressionLatency,
        { provide: RecommendationRecord, useClass: PostgresRecommendationRecord },
        { provide: DecisionOutbox, useClass: PostgresDecisionOutbox },
        { provide: CatalogStore, useClass: PostgresCatalogStore },
      ],
      exports: [RecommendationRecord, DecisionOutbox, CatalogStore],
    };
  }
}
