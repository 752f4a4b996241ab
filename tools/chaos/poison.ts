import { randomUUID } from 'node:crypto';
import { type DeadLetter, Topics } from '@touchpoint/contracts';
import { readTopicToEnd } from '@touchpoint/kafka';
import type { Kafka } from 'kafkajs';

/** One bad message the run put on an input topic, known by its key. */
export interface Poison {
  readonly key: string;
  readonly topic: string;
  readonly kind: string;
  /** false: the broker refused it (e.g. too large for the topic), so no consumer can ever see it. */
  readonly onTopic: boolean;
}

const OVERSIZED_BYTES = 1_500_000;

/** The shapes of bad input consumers must dead-letter, each on the topics it can arrive on. */
function poisonValues(): { kind: string; value: string }[] {
  return [
    { kind: 'invalid JSON', value: '{"type":"track","messageId":' },
    { kind: 'schema violation', value: JSON.stringify({ type: 'track', event: 42, chaos: true }) },
    // Segment's long-gone v1 wire shape: "action" where the message now has "type".
    { kind: 'old message version', value: JSON.stringify({ action: 'track', version: 1, userId: 'chaos', event: 'Product Viewed' }) },
    { kind: 'oversized', value: JSON.stringify({ type: 'track', padding: 'x'.repeat(OVERSIZED_BYTES) }) },
  ];
}

/** Every consumed input topic gets each kind of poison, keyed `chaos-poison-<run>-<n>` so its dead letters can be told apart. */
export async function injectPoison(kafka: Kafka): Promise<Poison[]> {
  const run = randomUUID().slice(0, 8);
  const topics = [Topics.eventsRaw.name, Topics.posTransactions.name, Topics.eventsResolved.name, Topics.identityMerged.name, Topics.journeyTransitions.name];
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 3 } });
  await producer.connect();
  const injected: Poison[] = [];
  try {
    let n = 0;
    for (const topic of topics) {
      for (const { kind, value } of poisonValues()) {
        const key = `chaos-poison-${run}-${n++}`;
        try {
          await producer.send({ topic, acks: -1, messages: [{ key, value }] });
          injected.push({ key, topic, kind, onTopic: true });
        } catch (error) {
          if (kind !== 'oversized') throw error;
          injected.push({ key, topic, kind, onTopic: false });
        }
      }
    }
  } finally {
    await producer.disconnect();
  }
  return injected;
}

export interface DeadLetterVerdict {
  readonly deadLetters: number;
  /** Dead letters of messages the run did not inject. */
  readonly unexpected: string[];
  /** Injected poison no consumer dead-lettered. */
  readonly missing: string[];
}

/** The dead-letter topic must hold the injected poison and nothing else. */
export async function checkDeadLetters(kafka: Kafka, poison: readonly Poison[]): Promise<DeadLetterVerdict> {
  const letters = (await readTopicToEnd(kafka, Topics.deadLetter.name, 120_000)).map((record) => JSON.parse(record.message.value?.toString() ?? 'null') as DeadLetter);
  const keys = new Set(poison.map((p) => p.key));
  const keyOf = (letter: DeadLetter): string => (letter.key === null ? '' : Buffer.from(letter.key, 'base64').toString('utf8'));
  const lettered = new Set(letters.map(keyOf));
  return {
    deadLetters: letters.length,
    unexpected: letters.filter((letter) => !keys.has(keyOf(letter))).map((letter) => `${letter.consumerGroup} ${letter.source.topic}:${letter.source.partition}@${letter.source.offset} ${letter.errorCode} key ${keyOf(letter) || '(none)'}`),
    missing: poison.filter((p) => p.onTopic && !lettered.has(p.key)).map((p) => `${p.kind} on ${p.topic} (${p.key})`),
  };
}
