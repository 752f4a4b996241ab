import { defineTopic } from '@touchpoint/contracts';
import type { Producer, ProducerRecord, RecordMetadata } from 'kafkajs';
import { z } from 'zod';
import { EventPublisher } from './event-publisher';
import type { KafkaClient } from './kafka-client';

const topic = defineTopic({ name: 'tp.publisher-spec.v1', schema: z.object({ id: z.string() }), key: (value: { id: string }) => value.id, eventType: 'io.touchpoint.spec.v1', description: 'spec' });

/** Stands in for kafkajs's producer only to see when sends start and end; the broker side is covered by the int-specs. */
class ScriptedProducer {
  readonly started: string[] = [];
  disconnected = false;
  private readonly pending: Array<{ id: string; settle: (error?: Error) => void }> = [];

  constructor(readonly name: string) {}

  connect = async (): Promise<void> => undefined;
  disconnect = async (): Promise<void> => void (this.disconnected = true);
  send = (record: ProducerRecord): Promise<RecordMetadata[]> => {
    const id = String(record.messages[0]?.key);
    this.started.push(id);
    return new Promise((resolve, reject) => this.pending.push({ id, settle: (error) => (error ? reject(error) : resolve([])) }));
  };

  settle(id: string, error?: Error): void {
    const index = this.pending.findIndex((entry) => entry.id === id);
    const [entry] = this.pending.splice(index, 1);
    entry?.settle(error);
  }
}

function publisherWith(producers: ScriptedProducer[]): EventPublisher {
  let made = 0;
  const client = { client: { producer: () => producers[made++] as unknown as Producer } } as unknown as KafkaClient;
  return new EventPublisher(client, { brokers: ['unused:9092'], clientId: 'spec', source: 'touchpoint/spec', topicPartitions: 1 });
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('EventPublisher sends', () => {
  it('runs one send at a time: the next starts only when the one before settled, even when its caller stopped waiting', async () => {
    const producer = new ScriptedProducer('first');
    const publisher = publisherWith([producer]);
    const a = publisher.publish(topic, [{ id: 'a', value: { id: 'a' } }]);
    const b = publisher.publish(topic, [{ id: 'b', value: { id: 'b' } }]);
    await tick();
    expect(producer.started).toEqual(['a']);
    producer.settle('a');
    await a;
    await tick();
    expect(producer.started).toEqual(['a', 'b']);
    producer.settle('b');
    await b;
  });

  it('after a failed send, takes a new producer (new id, numbering anew) and never sends on the failed one again', async () => {
    const first = new ScriptedProducer('first');
    const second = new ScriptedProducer('second');
    const publisher = publisherWith([first, second]);
    const failing = publisher.publish(topic, [{ id: 'a', value: { id: 'a' } }]);
    const next = publisher.publish(topic, [{ id: 'b', value: { id: 'b' } }]);
    await tick();
    first.settle('a', new Error('connection closed mid-request'));
    await expect(failing).rejects.toThrow('connection closed mid-request');
    await tick();
    expect(first.started).toEqual(['a']);
    expect(first.disconnected).toBe(true);
    expect(second.started).toEqual(['b']);
    second.settle('b');
    await next;
  });
});
