import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@touchpoint/config';
import { KafkaModule, KafkaReadinessProbe } from '@touchpoint/kafka';
import { PostgresReadinessProbe } from '@touchpoint/persistence';
import { AccessModule, HealthModule, TouchpointErrorFilter } from '@touchpoint/service-runtime';
import { ApplyTransitionsHandler } from '../apply-transitions/apply-transitions.handler';
import { Catalog } from '../catalog/catalog';
import { CatalogLoader } from '../catalog/catalog-loader';
import { LiveCatalog } from '../catalog/live-catalog';
import { ForgetProfileModule } from '../forget-profile/forget-profile.module';
import { DecisionsHttpController } from '../get-decisions/decisions.http.controller';
import { GetDecisionsHandler } from '../get-decisions/get-decisions.handler';
import { GetRecommendationsHandler } from '../get-recommendations/get-recommendations.handler';
import { CatalogHttpController } from '../import-catalog/catalog.http.controller';
import { ImportCatalogHandler } from '../import-catalog/import-catalog.handler';
import { SegmentsHandler } from '../list-audiences/segments.handler';
import { SegmentsHttpController } from '../list-audiences/segments.http.controller';
import { RecommendationsHttpController } from '../get-recommendations/recommendations.http.controller';
import { ResolvedEventsMessageController } from '../messaging/resolved-events.message.controller';
import { TransitionsMessageController } from '../messaging/transitions.message.controller';
import { LiveSignals } from '../signals/live-signals';
import { RecommendationPersistenceModule } from '../persistence/recommendation-persistence.module';
import { OutboxRelay } from '../publish-decisions/outbox-relay';
import { ExpiryScheduler } from '../fire-expiries/expiry-scheduler';
import { ListRefresher } from '../refresh-lists/list-refresher';

@Module({})
export class RecommendationAppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: RecommendationAppModule,
      imports: [
        KafkaModule.forService(config),
        RecommendationPersistenceModule.forRoot(config.database.url, config.recommendation),
        HealthModule.forRoot([KafkaReadinessProbe, PostgresReadinessProbe]),
        AccessModule.forRoot(config.access),
        ForgetProfileModule,
      ],
      controllers: [RecommendationsHttpController, DecisionsHttpController, CatalogHttpController, SegmentsHttpController],
      providers: [
        { provide: APP_FILTER, useClass: TouchpointErrorFilter },
        LiveCatalog,
        { provide: Catalog, useExisting: LiveCatalog },
        CatalogLoader,
        ImportCatalogHandler,
        SegmentsHandler,
        ApplyTransitionsHandler,
        GetRecommendationsHandler,
        GetDecisionsHandler,
        TransitionsMessageController,
        ResolvedEventsMessageController,
        LiveSignals,
        OutboxRelay,
        ExpiryScheduler,
        ListRefresher,
      ],
    };
  }
}
