import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TopicDefinition } from '@touchpoint/contracts';
import type { z } from 'zod';
import { KafkaClient } from './kafka-client';
import { KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import type { KafkaModuleOptions } from './kafka-module-options';

/**
 * Creates the topics a service needs when they are missing, with the configs their
 * declaration carries (a compacted topic is created compacted). In production topics are
 * usually provisioned ahead; creating an existing topic is a no-op and leaves its configs.
 */
@Injectable()
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    private readonly kafka: KafkaClient,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  async ensure(topics: readonly TopicDefinition<z.ZodType>[]): Promise<void> {
    const admin = await this.kafka.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic: topic.name,
        numPartitions: this.options.topicPartitions,
        configEntries: Object.entries(topic.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    this.logger.log(`created topics ${missing.map((t) => t.name).join(', ')}`);
  }
}
