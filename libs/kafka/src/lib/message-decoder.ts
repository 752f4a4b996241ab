import { type TopicDefinition, TouchpointError } from '@touchpoint/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import type { FetchedMessage } from './message-runs';

/** Parses a consumed value against its topic's schema; both failures are permanent codes. */
function decodeValue<S extends z.ZodType>(topic: TopicDefinition<S>, message: KafkaMessage): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(message.value ? message.value.toString('utf8') : 'null');
  } catch (error) {
    throw new TouchpointError('TP_CONSUMER_UNDECODABLE', `not JSON: ${String(error)}`);
  }
  const parsed = topic.schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new TouchpointError('TP_CONSUMER_SCHEMA_MISMATCH', where);
  }
  return parsed.data as z.output<S>;
}

/** A fetched message with its value, or with the error that a dead letter of it carries. */
export function decodeFetched<S extends z.ZodType>(topic: TopicDefinition<S>, message: KafkaMessage): FetchedMessage<z.output<S>> {
  try {
    return { message, decoded: true, value: decodeValue(topic, message) };
  } catch (error) {
    return { message, decoded: false, error };
  }
}
