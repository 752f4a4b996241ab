import type { TopicDefinition } from '@touchpoint/contracts';
import { stringify } from 'yaml';
import type { z } from 'zod';

/** Partitions of a topic whose declaration names none: the most consumer replicas KEDA may run. */
export const DEFAULT_PARTITIONS = 6;
/** Brokers that hold each partition in production; `min.insync.replicas` one less, so acks=all survives one broker down. */
export const REPLICATION_FACTOR = 3;

type AnyTopic = TopicDefinition<z.ZodType>;

export function partitionsOf(topic: AnyTopic): number {
  return 'partitions' in topic && typeof topic.partitions === 'number' ? topic.partitions : DEFAULT_PARTITIONS;
}

const resourceName = (topic: string): string => topic.toLowerCase().replace(/[^a-z0-9-]/g, '-');

const HEADER = '# Generated from the topic declarations in libs/contracts by tools/ops/generate-kafka-topics.ts:\n# edit the declarations, then run it again (CI fails while this file is stale).\n';

/** Strimzi `KafkaTopic` resources, one YAML document each, configs passed through from the declaration. */
export function renderKafkaTopics(topics: readonly AnyTopic[]): string {
  const documents = topics.map((topic) =>
    stringify(
      {
        apiVersion: 'kafka.strimzi.io/v1',
        kind: 'KafkaTopic',
        metadata: { name: resourceName(topic.name), labels: { 'strimzi.io/cluster': 'touchpoint', 'app.kubernetes.io/part-of': 'touchpoint' } },
        spec: {
          topicName: topic.name,
          partitions: partitionsOf(topic),
          replicas: REPLICATION_FACTOR,
          config: { 'min.insync.replicas': String(REPLICATION_FACTOR - 1), ...(topic.configs ?? {}) },
        },
      },
      { lineWidth: 0 },
    ),
  );
  return `${HEADER}---\n${documents.join('---\n')}`;
}

/** The same topics for docker-compose's topic job: `kafka-topics.sh --create --if-not-exists` per topic. */
export function renderCreateTopicsScript(topics: readonly AnyTopic[]): string {
  const lines = topics.map((topic) => {
    const configs = Object.entries(topic.configs ?? {}).map(([name, value]) => ` --config ${name}=${value}`).join('');
    const partitions = 'partitions' in topic && typeof topic.partitions === 'number' ? String(topic.partitions) : '"$TOPIC_PARTITIONS"';
    return `"$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ${topic.name} --partitions ${partitions} --replication-factor "$REPLICATION_FACTOR"${configs}`;
  });
  return [
    '#!/bin/sh',
    HEADER.trimEnd(),
    '# Runs in the apache/kafka image (docker-compose.yml, service "topics").',
    'set -eu',
    'KAFKA_TOPICS=/opt/kafka/bin/kafka-topics.sh',
    'BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"',
    'TOPIC_PARTITIONS="${TOPIC_PARTITIONS:-3}"',
    'REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"',
    ...lines,
    'echo "topics ready"',
    '',
  ].join('\n');
}
