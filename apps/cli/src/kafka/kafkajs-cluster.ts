import { createRequire } from 'node:module';
import type { KafkaConfig, KafkaMessage } from 'kafkajs';
import { z } from 'zod';

/**
 * kafkajs's cluster and broker objects, the layer below its consumer. kafkajs has no public
 * manual assignment: its consumer always joins a group, which this tool must not do unless
 * told to (it would show up in the group list, and a mistake could commit offsets). The
 * cluster's `fetch` is what kafkajs's own consumer calls after assignment, with SASL, TLS and
 * decompression handled; kafkajs is pinned (2.2.4), so these internals cannot move under us.
 */
export interface InternalBroker {
  fetch(request: {
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<unknown>;
}

export interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: readonly number[]): Record<string, number[]>;
  findBroker(node: { nodeId: string }): Promise<InternalBroker>;
}

type ClusterConstructor = new (options: Record<string, unknown>) => InternalCluster;

const requireKafkajs = createRequire(require.resolve('kafkajs'));

/** A kafkajs cluster with the same connection settings as `new Kafka(config)`, never creating topics. */
export function createInternalCluster(config: KafkaConfig): InternalCluster {
  // Untyped CommonJS modules inside kafkajs: narrowed to the members used, above.
  const Cluster = requireKafkajs('./src/cluster') as ClusterConstructor;
  const { createLogger, LEVELS } = requireKafkajs('./src/loggers') as { createLogger: (o: object) => unknown; LEVELS: Record<string, number> };
  const socketFactory = (requireKafkajs('./src/network/socketFactory') as () => unknown)();
  return new Cluster({
    logger: createLogger({ level: LEVELS['NOTHING'], logCreator: () => () => undefined }),
    socketFactory,
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: config.sasl,
    clientId: config.clientId,
    connectionTimeout: config.connectionTimeout,
    requestTimeout: config.requestTimeout,
    enforceRequestTimeout: true,
    retry: config.retry,
    allowAutoTopicCreation: false,
    metadataMaxAge: 300_000,
    maxInFlightRequests: null,
    isolationLevel: READ_COMMITTED,
  });
}

export const READ_COMMITTED = 1;

/** The decoded Fetch response, as far as the reader relies on it. */
export const fetchResponseSchema = z.object({
  responses: z.array(
    z.object({
      topicName: z.string(),
      partitions: z.array(
        z.object({
          partition: z.number().int(),
          errorCode: z.number().int(),
          highWatermark: z.string(),
          messages: z.array(z.custom<KafkaMessage & { isControlRecord?: boolean }>((value) => typeof value === 'object' && value !== null && 'offset' in value)),
        }),
      ),
    }),
  ),
});
