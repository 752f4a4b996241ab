import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TopicDefinition } from '@touchpoint/contracts';
import type { Admin } from 'kafkajs';
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
      waitForLeaders: false,
      topics: missing.map((topic) => ({
        topic: topic.name,
        numPartitions: this.options.topicPartitions,
        configEntries: Object.entries(topic.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    await waitForLeaders(admin, missing.map((topic) => topic.name));
    this.logger.log(`created topics ${missing.map((t) => t.name).join(', ')}`);
  }
}

const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Until every partition of `names` has a leader. kafkajs's own wait (`waitForLeaders: true`)
 * gives up at the first UNKNOWN_TOPIC_OR_PARTITION, which Apache Kafka answers for a moment
 * after a topic of the same name was deleted and created again; here that is waited out too.
 */
async function waitForLeaders(admin: Admin, names: readonly string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    let problem: unknown = null;
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
      if (topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))) return;
    } catch (error) {
      problem = error;
    }
    if (Date.now() > deadline) throw new Error(`partitions of ${names.join(', ')} still without a leader after ${LEADERS_TIMEOUT_MS} ms${problem ? `: ${String(problem)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
