import { Module } from '@nestjs/common';
import { KafkaRawEventSink } from './kafka-raw-event-sink';
import { RawEventSink } from './raw-event-sink';

/** Binds the RawEventSink port to Kafka; needs KafkaModule (global) imported by the app. */
@Module({
  providers: [{ provide: RawEventSink, useClass: KafkaRawEventSink }],
  exports: [RawEventSink],
})
export class RawEventsPublishingModule {}
