import { z } from 'zod';
import { allTopics } from '../topics/topics';

export interface AsyncApiDocument {
  readonly asyncapi: '3.0.0';
  readonly [key: string]: unknown;
}

const channelId = (topic: string): string => topic.replace(/[^A-Za-z0-9]/g, '_');

/**
 * The Kafka channel binding's topicConfiguration knows only some configs: those go there,
 * every config goes in the `x-kafka-topic-configs` extension beside it.
 */
function kafkaChannelBinding(topic: string, configs: Readonly<Record<string, string>>): Record<string, unknown> {
  const topicConfiguration: Record<string, unknown> = {};
  if (configs['cleanup.policy']) topicConfiguration['cleanup.policy'] = configs['cleanup.policy'].split(',');
  if (configs['retention.ms']) topicConfiguration['retention.ms'] = Number(configs['retention.ms']);
  return { topic, topicConfiguration, bindingVersion: '0.5.0' };
}

/**
 * The AsyncAPI 3 description of every topic, generated from the same zod schemas the
 * services validate with, so what marketing platforms read is what the code enforces.
 */
export function buildAsyncApiDocument(version: string): AsyncApiDocument {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const topic of allTopics) {
    const id = channelId(topic.name);
    messages[id] = {
      name: topic.eventType,
      title: topic.name,
      summary: topic.description,
      contentType: 'application/json',
      payload: z.toJSONSchema(topic.schema, { io: 'output', unrepresentable: 'any' }),
      headers: {
        type: 'object',
        properties: {
          ce_id: { type: 'string', description: 'CloudEvents id; stable per message' },
          ce_type: { type: 'string', const: topic.eventType },
          ce_source: { type: 'string', description: 'The producing service' },
          ce_time: { type: 'string', format: 'date-time' },
          ce_specversion: { type: 'string', const: '1.0' },
          traceparent: { type: 'string', description: 'W3C trace context' },
        },
      },
      bindings: { kafka: { key: { type: 'string' } } },
    };
    channels[id] = {
      address: topic.name,
      description: topic.description,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
      ...(topic.configs ? { bindings: { kafka: kafkaChannelBinding(topic.name, topic.configs) }, 'x-kafka-topic-configs': topic.configs } : {}),
    };
    operations[`receive_${id}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Touchpoint event topics',
      version,
      description: 'Kafka topics of Touchpoint. Values are JSON; keys are UTF-8 strings; headers carry CloudEvents attributes.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
