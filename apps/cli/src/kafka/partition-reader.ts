import type { KafkaConfig, KafkaMessage } from 'kafkajs';
import { asBrokerError } from './cli-kafka';
import { createInternalCluster, fetchResponseSchema, type InternalCluster, READ_COMMITTED } from './kafkajs-cluster';

/** Where to read one partition: from `start` (inclusive) to `end` (exclusive), both offsets. */
export interface PartitionRange {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

export interface ReadMessage {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

const FETCH_MAX_BYTES = 8 * 1024 * 1024;
// A fetch that returns nothing below the end, again and again, means the rest is gone
// (compacted away, or only transaction markers): stop instead of spinning.
const MAX_EMPTY_FETCHES = 20;

/**
 * Reads partitions the caller chose, from offsets the caller chose: assign and seek, no
 * consumer group, nothing committed. Partitions are read one after the other in the given
 * order, each in offset order, so the output of a read is the same every time.
 */
export class PartitionReader {
  private readonly cluster: InternalCluster;
  private connected = false;

  constructor(
    private readonly config: KafkaConfig,
    cluster?: InternalCluster,
  ) {
    this.cluster = cluster ?? createInternalCluster(config);
  }

  private async ensureConnected(topic: string): Promise<void> {
    try {
      if (!this.connected) {
        await this.cluster.connect();
        this.connected = true;
      }
      await this.cluster.addTargetTopic(topic);
    } catch (error) {
      throw asBrokerError(error, this.config.brokers as string[]);
    }
  }

  async *read(topic: string, ranges: readonly PartitionRange[], onFetched?: (partition: number, nextOffset: bigint) => void): AsyncGenerator<ReadMessage> {
    await this.ensureConnected(topic);
    for (const range of ranges) {
      let offset = range.start;
      let empty = 0;
      while (offset < range.end && empty < MAX_EMPTY_FETCHES) {
        const messages = await this.fetchOnce(topic, range.partition, offset);
        let advanced = false;
        for (const message of messages) {
          const at = BigInt(message.offset);
          if (at < offset) continue;
          advanced = true;
          offset = at + 1n;
          if (at >= range.end) break;
          if (!(message as { isControlRecord?: boolean }).isControlRecord) yield { topic, partition: range.partition, message };
        }
        empty = advanced ? 0 : empty + 1;
        onFetched?.(range.partition, offset < range.end ? offset : range.end);
      }
    }
  }

  private async fetchOnce(topic: string, partition: number, offset: bigint): Promise<KafkaMessage[]> {
    const leaders = this.cluster.findLeaderForPartitions(topic, [partition]);
    const nodeId = Object.keys(leaders)[0];
    if (nodeId === undefined) throw new Error(`no leader known for ${topic}/${partition}`);
    const broker = await this.cluster.findBroker({ nodeId });
    const response = fetchResponseSchema.parse(
      await broker.fetch({
        maxWaitTime: 100,
        minBytes: 1,
        maxBytes: FETCH_MAX_BYTES,
        isolationLevel: READ_COMMITTED,
        topics: [{ topic, partitions: [{ partition, fetchOffset: offset.toString(), maxBytes: FETCH_MAX_BYTES }] }],
      }),
    );
    const data = response.responses.find((r) => r.topicName === topic)?.partitions.find((p) => p.partition === partition);
    if (!data) return [];
    if (data.errorCode !== 0) throw new Error(`fetching ${topic}/${partition} at ${offset} failed with Kafka error ${data.errorCode}`);
    return data.messages;
  }

  async close(): Promise<void> {
    if (this.connected) await this.cluster.disconnect();
    this.connected = false;
  }
}
