import { type DynamicModule, Module } from '@nestjs/common';
import { DeduplicatingRawEventSink } from '../deduplication/deduplicating-raw-event-sink';
import { DeduplicationModule } from '../deduplication/deduplication.module';
import { IntakeLedger } from '../deduplication/intake-ledger';
import { KafkaRawEventSink } from './kafka-raw-event-sink';
import { RawEventSink } from './raw-event-sink';

/**
 * Binds the RawEventSink port to Kafka behind messageId de-duplication; needs KafkaModule and
 * RedisModule (both global) imported by the app.
 */
@Module({})
export class RawEventsPublishingModule {
  static forRoot(options: { readonly dedupeWindowSeconds: number }): DynamicModule {
    return {
      module: RawEventsPublishingModule,
      imports: [DeduplicationModule.forRoot({ windowSeconds: options.dedupeWindowSeconds })],
      providers: [
        KafkaRawEventSink,
        {
          provide: RawEventSink,
          useFactory: (kafka: KafkaRawEventSink, ledger: IntakeLedger) => new DeduplicatingRawEventSink(kafka, ledger),
          inject: [KafkaRawEventSink, IntakeLedger],
        },
      ],
      exports: [RawEventSink],
    };
  }
}
