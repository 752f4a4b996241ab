import { type DynamicModule, Module } from '@nestjs/common';
import type { WriteKeySource } from '@touchpoint/config';
import { StoreRegistry } from '@touchpoint/store-registry';
import { WriteKeyGuard } from './auth/write-key.guard';
import { WriteKeys } from './auth/write-keys';
import { Clock, SystemClock } from './clock/clock';
import { ImportStoreTransactionsCsvHandler } from './import-store-transactions-csv/import-store-transactions-csv.handler';
import { StoreTransactionsCsvHttpController } from './import-store-transactions-csv/store-transactions-csv.http.controller';
import { IngestSegmentMessagesHandler } from './ingest-segment-messages/ingest-segment-messages.handler';
import { SegmentHttpController } from './ingest-segment-messages/segment.http.controller';
import { IngestStoreTransactionsHandler } from './ingest-store-transactions/ingest-store-transactions.handler';
import { StoreTransactionsHttpController } from './ingest-store-transactions/store-transactions.http.controller';
import { StoreTransactionsMessageController } from './ingest-store-transactions/store-transactions.message.controller';
import { PersonalDataPolicy } from './personal-data/personal-data-policy';
import { RawEventsPublishingModule } from './raw-events/raw-events-publishing.module';

export interface IngestModuleOptions {
  /** write key -> its source and kind, from config.ingest.writeKeys */
  readonly writeKeys: ReadonlyMap<string, WriteKeySource>;
  /** How long a messageId is remembered, from config.ingest.dedupeWindowSeconds. */
  readonly dedupeWindowSeconds: number;
  /** Stores transactions are accepted from (STORE_REGISTRY_FILE). */
  readonly stores: StoreRegistry;
  /** How personal data is hashed and filtered before anything is published. */
  readonly personalData: PersonalDataPolicy;
}

/** The intake: Segment calls and store transactions (HTTP, CSV, tp.pos.transactions.v1) in, tp.events.raw.v1 out. */
@Module({})
export class IngestModule {
  static forRoot(options: IngestModuleOptions): DynamicModule {
    return {
      module: IngestModule,
      imports: [RawEventsPublishingModule.forRoot({ dedupeWindowSeconds: options.dedupeWindowSeconds })],
      controllers: [SegmentHttpController, StoreTransactionsHttpController, StoreTransactionsCsvHttpController, StoreTransactionsMessageController],
      providers: [
        { provide: WriteKeys, useValue: new WriteKeys(options.writeKeys) },
        { provide: Clock, useClass: SystemClock },
        { provide: StoreRegistry, useValue: options.stores },
        { provide: PersonalDataPolicy, useValue: options.personalData },
        WriteKeyGuard,
        IngestSegmentMessagesHandler,
        IngestStoreTransactionsHandler,
        ImportStoreTransactionsCsvHandler,
      ],
    };
  }
}
