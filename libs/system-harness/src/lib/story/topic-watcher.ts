import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface Observed<T = unknown> {
  readonly topic: string;
  readonly key: string | null;
  readonly value: T;
  /** When this process received it (ms since epoch). */
  readonly receivedAt: number;
}

/**
 * Follows topics from where they end when `start` is called and keeps every later message,
 * so a test or the demo can wait for "the message that says X" and measure when it arrived.
 */
export class TopicWatcher {
  private readonly seen: Observed[] = [];
  private readonly listeners = new Set<(message: Observed) => void>();
  private consumer: Consumer | null = null;

  constructor(private readonly brokers: readonly string[]) {}

  async start(topics: readonly string[]): Promise<void> {
    const kafka = new Kafka({ clientId: 'touchpoint-watcher', brokers: [...this.brokers], logLevel: logLevel.NOTHING });
    // "From the end" resolved by a new group races with messages produced meanwhile, so the
    // ends are pinned now and everything before them is skipped.
    const startOffsets = await this.currentEnds(kafka, topics);
    const consumer = kafka.consumer({ groupId: `touchpoint-watcher-${randomUUID()}`, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    await consumer.connect();
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (Number(message.offset) < (startOffsets.get(`${topic}:${partition}`) ?? 0)) return;
        const observed: Observed = {
          topic,
          key: message.key?.toString() ?? null,
          value: JSON.parse(message.value?.toString() ?? 'null') as unknown,
          receivedAt: Date.now(),
        };
        this.seen.push(observed);
        for (const listener of this.listeners) listener(observed);
      },
    });
    await joined;
  }

  private async currentEnds(kafka: Kafka, topics: readonly string[]): Promise<Map<string, number>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const ends = new Map<string, number>();
      for (const topic of topics.filter((t) => existing.has(t))) {
        for (const { partition, high } of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${partition}`, Number(high));
      }
      return ends;
    } finally {
      await admin.disconnect();
    }
  }

  all<T>(topic: string, match: (value: T) => boolean = () => true): Observed<T>[] {
    return (this.seen as Observed<T>[]).filter((m) => m.topic === topic && match(m.value));
  }

  onMessage(listener: (message: Observed) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first message (already seen or arriving) on `topic` that matches. */
  waitFor<T>(topic: string, match: (value: T) => boolean, timeoutMs = 20_000, what = 'a message'): Promise<Observed<T>> {
    const existing = this.all<T>(topic, match)[0];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`no ${what} on ${topic} within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.onMessage((message) => {
        if (message.topic === topic && match(message.value as T)) {
          clearTimeout(timer);
          unsubscribe();
          resolve(message as Observed<T>);
        }
      });
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }
}
