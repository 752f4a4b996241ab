import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ErrorCode } from '@touchpoint/contracts';
import { Metrics } from '@touchpoint/service-runtime';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { ConsumerWaits } from './consumer-waits';

interface Instruments {
  readonly consumed: Counter<'topic' | 'group'>;
  readonly published: Counter<'topic'>;
  readonly processing: Histogram<'topic' | 'group' | 'outcome'>;
  readonly lag: Gauge<'topic' | 'partition' | 'group'>;
  readonly deadLetters: Counter<'topic' | 'code'>;
}

/**
 * The Kafka series of `/metrics`: events in and out per topic, how long a run of messages
 * takes to handle, consumer lag per partition, dead letters by code, and partitions waiting
 * on a dependency. Without `Metrics` in the app (a spec's bare module) nothing is recorded.
 */
@Injectable()
export class KafkaMetrics {
  private readonly instruments: Instruments | null;
  /** Lag series per group and topic, so a partition that moved away stops reporting. */
  private readonly lagPartitions = new Map<string, Set<number>>();

  // The token is named: a `Metrics | null` parameter type reaches the metadata as Object.
  constructor(@Optional() @Inject(Metrics) metrics: Metrics | null, waits: ConsumerWaits) {
    this.instruments = metrics
      ? {
          consumed: metrics.counter('touchpoint_kafka_messages_consumed_total', 'Messages handled and committed, per topic and consumer group', { labelNames: ['topic', 'group'] }),
          published: metrics.counter('touchpoint_kafka_messages_published_total', 'Messages the broker acknowledged, per topic', { labelNames: ['topic'] }),
          processing: metrics.histogram('touchpoint_kafka_processing_seconds', 'Time to handle one run of messages (one message outside batch mode), by outcome', {
            labelNames: ['topic', 'group', 'outcome'],
          }),
          lag: metrics.gauge('touchpoint_kafka_consumer_lag', 'Messages on the partition after the last committed one, as of the last fetched batch', { labelNames: ['topic', 'partition', 'group'] }),
          deadLetters: metrics.counter('touchpoint_kafka_dead_letters_total', 'Messages sent to tp.deadletter.v1, by source topic and error code', { labelNames: ['topic', 'code'] }),
        }
      : null;
    metrics?.gauge('touchpoint_kafka_partitions_waiting', 'Partitions (or whole consumers) not moving: waiting on a dependency or stopped', {
      labelNames: ['topic', 'group'],
      collect: (gauge) => {
        gauge.reset();
        for (const stall of waits.list()) gauge.inc({ topic: stall.topic, group: stall.groupId });
      },
    });
  }

  handled(topic: string, group: string, messages: number, seconds: number): void {
    this.instruments?.consumed.inc({ topic, group }, messages);
    this.instruments?.processing.observe({ topic, group, outcome: 'ok' }, seconds);
  }

  failed(topic: string, group: string, seconds: number): void {
    this.instruments?.processing.observe({ topic, group, outcome: 'failed' }, seconds);
  }

  published(topic: string, messages: number): void {
    this.instruments?.published.inc({ topic }, messages);
  }

  deadLettered(topic: string, code: ErrorCode): void {
    this.instruments?.deadLetters.inc({ topic, code });
  }

  lag(topic: string, partition: number, group: string, lag: bigint): void {
    if (!this.instruments) return;
    this.instruments.lag.set({ topic, partition: String(partition), group }, Number(lag < 0n ? 0n : lag));
    const key = `${group}\u0000${topic}`;
    const partitions = this.lagPartitions.get(key) ?? new Set<number>();
    partitions.add(partition);
    this.lagPartitions.set(key, partitions);
  }

  /** After a rebalance: partitions this instance no longer holds are another instance's to report. */
  keepLagOf(topic: string, group: string, assigned: readonly number[]): void {
    const partitions = this.lagPartitions.get(`${group}\u0000${topic}`);
    if (!this.instruments || !partitions) return;
    for (const partition of partitions) {
      if (assigned.includes(partition)) continue;
      this.instruments.lag.remove({ topic, partition: String(partition), group });
      partitions.delete(partition);
    }
  }
}
