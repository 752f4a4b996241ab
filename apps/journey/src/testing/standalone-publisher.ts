import { EventPublisher, KafkaClient, type KafkaModuleOptions } from '@touchpoint/kafka';

export interface StandalonePublisher {
  readonly publisher: EventPublisher;
  close(): Promise<void>;
}

/** The services' own publisher (schema, key, headers, acks=all) outside any Nest app: for specs whose journey runs in another process. */
export function standalonePublisher(brokers: string): StandalonePublisher {
  const options: KafkaModuleOptions = { brokers: [brokers], clientId: 'journey-spec-identity', source: 'touchpoint/identity', topicPartitions: 3 };
  const client = new KafkaClient(options);
  const publisher = new EventPublisher(client, options);
  return {
    publisher,
    async close() {
      await publisher.onApplicationShutdown();
      await client.onModuleDestroy();
    },
  };
}
