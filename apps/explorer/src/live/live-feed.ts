import { randomUUID } from 'node:crypto';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { KafkaClientConfig } from '@touchpoint/config';
import { Topics } from '@touchpoint/contracts';
import { kafkajsSecurity } from '@touchpoint/kafka';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import { decisionOf, liveTransitionOf } from './live-event-of';
import { ProfileChannels } from './profile-channels';
import { SeenDecisions } from './seen-decisions';
import { SpendPyramid } from './spend-pyramid';

export interface LiveFeedSettings {
  readonly kafka: KafkaClientConfig;
}

/**
 * Follows journey's transitions and recommendation's decisions, read-only, and hands each to
 * the pages watching its profile. Every explorer instance reads everything in a group of its
 * own (every page may be on any instance) from where the topics end when it joins, and commits
 * nothing anyone else reads. recommendation's compacted state topic is read from its start, for
 * the spend pyramid of all customers.
 */
export class LiveFeed implements OnApplicationBootstrap, OnModuleDestroy {
  readonly channels = new ProfileChannels();
  readonly seen = new SeenDecisions();
  readonly pyramid = new SpendPyramid();
  private readonly logger = new Logger(LiveFeed.name);
  private consumer: Consumer | null = null;
  private joined = false;
  private stopping = false;

  constructor(private readonly settings: LiveFeedSettings) {}

  get isJoined(): boolean {
    return this.joined;
  }

  onApplicationBootstrap(): void {
    // Kafka being away must not keep the page from serving what the HTTP APIs know; readiness says so meanwhile.
    this.start().catch((error: unknown) => {
      if (!this.stopping) this.logger.error(`live updates are off: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect();
  }

  private async start(): Promise<void> {
    const { kafka } = this.settings;
    const client = new Kafka({
      clientId: `${kafka.clientId}-explorer`,
      brokers: [...(kafka.brokers ?? ['127.0.0.1:9092'])],
      logLevel: logLevel.NOTHING,
      ...kafkajsSecurity(kafka.security),
    });
    const consumer = client.consumer({ groupId: `touchpoint-explorer-${randomUUID()}`, maxWaitTimeInMs: 200 });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    consumer.on(consumer.events.CRASH, () => {
      this.joined = false;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.journeyTransitions.name, Topics.recommendations.name], fromBeginning: false });
    await consumer.subscribe({ topics: [Topics.recommendationsState.name], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (topic === Topics.recommendationsState.name) this.handleState(message.key?.toString('utf8') ?? null, message.value?.toString('utf8') ?? null);
        else this.handle(topic, message.value?.toString('utf8') ?? '');
      },
    });
  }

  /** One record of the compacted state topic: a profile's current audiences, or its tombstone (null value). */
  handleState(key: string | null, text: string | null): void {
    if (key === null) return;
    if (text === null) {
      this.pyramid.apply(key, null);
      return;
    }
    try {
      const parsed = Topics.recommendationsState.schema.safeParse(JSON.parse(text));
      if (parsed.success) this.pyramid.apply(parsed.data.profileId, parsed.data.audiences);
    } catch {
      // Not JSON: recommendation's own consumers deal with it; the pyramid skips it.
    }
  }

  /** One message of either topic; one the explorer cannot read is skipped (the topic's consumers dead-letter it). */
  handle(topic: string, text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    if (topic === Topics.journeyTransitions.name) {
      const parsed = Topics.journeyTransitions.schema.safeParse(json);
      if (parsed.success) this.channels.publish(parsed.data.profileId, liveTransitionOf(parsed.data));
      return;
    }
    if (topic === Topics.recommendations.name) {
      const parsed = Topics.recommendations.schema.safeParse(json);
      if (!parsed.success) return;
      const decision = decisionOf(parsed.data);
      this.seen.add(parsed.data.profileId, decision);
      this.channels.publish(parsed.data.profileId, { kind: 'decision', decision });
    }
  }
}
