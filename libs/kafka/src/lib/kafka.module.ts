import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@touchpoint/config';
import { ConsumerRunner } from './consumer-runner';
import { ConsumerStats } from './consumer-stats';
import { ConsumerWaits } from './consumer-waits';
import { DeadLetters } from './dead-letters';
import { EventPublisher } from './event-publisher';
import { KafkaClient } from './kafka-client';
import { KafkaMetrics } from './kafka-metrics';
import { KafkaConfigurableModule } from './kafka.module-definition';
import { TopicProvisioner } from './topic-provisioner';

/**
 * Kafka for a Nest service: `KafkaModule.forRootAsync({ useFactory: () => options })`.
 * Clients connect lazily and close on shutdown.
 */
@Module({
  providers: [KafkaClient, EventPublisher, DeadLetters, ConsumerRunner, ConsumerWaits, ConsumerStats, KafkaMetrics, TopicProvisioner],
  exports: [KafkaClient, EventPublisher, DeadLetters, ConsumerRunner, ConsumerWaits, ConsumerStats, KafkaMetrics, TopicProvisioner],
})
export class KafkaModule extends KafkaConfigurableModule {
  /** The module as every Touchpoint service configures it: its own client id and CloudEvents source. */
  static forService(config: ServiceConfig): DynamicModule {
    return KafkaModule.forRoot({ ...config.kafka, source: `touchpoint/${config.service}` });
  }
}
