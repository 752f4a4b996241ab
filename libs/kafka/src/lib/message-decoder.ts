import { type TopicDefinition, TouchpointError } from '@touchpoint/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import type { FetchedMessage } from './message-runs';

/** A value with thousands of bad fields would otherwise make an error message as large as itself. */
const MAX_LISTED_ISSUES = 10;

// Fatal: bytes that are not UTF-8 are refused, not silently replaced by U+FFFD and accepted.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  const more = issues.length > MAX_LISTED_ISSUES ? `; and ${issues.length - MAX_LISTED_ISSUES} more` : '';
  return `${listed.join('; ')}${more}`;
}

/** Parses a consumed value against its topic's schema; every failure is a permanent code. */
function decodeValue<S extends z.ZodType>(topic: TopicDefinition<S>, message: KafkaMessage, maxMessageBytes: number): z.output<S> {
  const size = message.value?.length ?? 0;
  // Checked before anything reads the bytes: the limit is there so that nothing has to.
  if (size > maxMessageBytes) throw new TouchpointError('TP_CONSUMER_MESSAGE_TOO_LARGE', `value of ${size} bytes is over the consumer's limit of ${maxMessageBytes} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(message.value ? utf8.decode(message.value) : 'null');
  } catch (error) {
    throw new TouchpointError('TP_CONSUMER_UNDECODABLE', `not UTF-8 JSON: ${String(error)}`);
  }
  let parsed: z.ZodSafeParseResult<z.output<S>>;
  try {
    parsed = topic.schema.safeParse(json);
  } catch (error) {
    // A schema refinement that throws on a value it did not expect: the value is still the one at fault.
    throw new TouchpointError('TP_CONSUMER_SCHEMA_MISMATCH', `the schema could not judge the value: ${String(error)}`);
  }
  if (!parsed.success) throw new TouchpointError('TP_CONSUMER_SCHEMA_MISMATCH', describeIssues(parsed.error.issues));
  return parsed.data;
}

/** A fetched message with its value, or with the error that a dead letter of it carries. */
export function decodeFetched<S extends z.ZodType>(topic: TopicDefinition<S>, message: KafkaMessage, maxMessageBytes: number): FetchedMessage<z.output<S>> {
  try {
    return { message, decoded: true, value: decodeValue(topic, message, maxMessageBytes) };
  } catch (error) {
    return { message, decoded: false, error };
  }
}
