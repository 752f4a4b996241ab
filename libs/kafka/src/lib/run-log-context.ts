import { type LogContext, newTraceId, traceIdOf } from '@touchpoint/service-runtime';
import type { KafkaMessage } from 'kafkajs';
import type { MessageRun } from './message-runs';

function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  if (value === undefined) return undefined;
  return String(Array.isArray(value) ? value[0] : value);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * The ids a consumed value carries, read by shape so the runner needs no topic list: the Segment
 * messageId (top level, or the envelope inside a resolved event) and the profile it is about.
 */
function idsOf(value: unknown): Pick<LogContext, 'messageId' | 'profileId'> {
  if (value === null || typeof value !== 'object') return {};
  const record = value as Record<string, unknown>;
  const envelope = record['event'] !== null && typeof record['event'] === 'object' ? (record['event'] as Record<string, unknown>) : {};
  const messageId = text(record['messageId']) ?? text(envelope['messageId']);
  const profileId = text(record['profileId']) ?? text(record['survivorProfileId']);
  return { ...(messageId ? { messageId } : {}), ...(profileId ? { profileId } : {}) };
}

/**
 * What the log lines written while a run is handled say about it: topic, partition, offsets,
 * the trace of its first message, and for a run of one its messageId (the CloudEvents id when
 * the value has none) and profileId. Never the key: a raw event's key can be a userId.
 */
export function runLogContext(topic: string, partition: number, run: MessageRun<unknown>): LogContext {
  const messages = run.kind === 'values' ? run.items.map((item) => item.message) : [run.item.message];
  const head = messages[0];
  // A message without a trace starts one here; the handler's context takes it up (consumer-runner's itemContext).
  const traceId = traceIdOf(header(head, 'traceparent')) ?? newTraceId();
  const context: LogContext = { topic, partition, offset: head.offset, traceId };
  if (messages.length > 1) return { ...context, lastOffset: messages[messages.length - 1].offset };
  const eventId = header(head, 'ce_id');
  const ids = run.kind === 'values' ? idsOf(run.items[0].value) : {};
  return { ...context, ...(eventId ? { messageId: eventId } : {}), ...ids };
}
