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
 * Follows topics from their current end and keeps every message, so a test or the demo can
 * wait for "the message that says X" and measure when it arrived.
 */
export class TopicWatcher {
  private readonly seen: Observed[] = [];
  private readonly listeners = new Set<(message: Observed) => void>();
  private consumer: Consumer | null = null;

  constructor(private readonly brokers: readonly string[]) {}

  async start(topics: readonly string[]): Promise<void> {
    const kafka = new Kafka({ clientId: 'touchpoint-watcher', brokers: [...this.brokers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `touchpoint-watcher-${randomUUID()}`, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    await consumer.connect();
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
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
