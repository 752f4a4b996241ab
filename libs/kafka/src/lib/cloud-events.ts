import { randomUUID } from 'node:crypto';
import { newTraceId, traceIdOf } from '@touchpoint/service-runtime';

export interface CloudEventAttributes {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly time: string;
  readonly traceId: string;
  /** When ingest accepted the event the message stems from (epoch ms); carried through every hop. */
  readonly acceptedAt?: number | null;
}

/**
 * The header carrying ingest's accept time downstream, so each service can tell how long an
 * event took to reach it (and recommendation, how long a purchase took to stop its ads).
 */
export const ACCEPTED_AT_HEADER = 'tp_accepted_at';

export function acceptedAtFrom(header: string | undefined): number | null {
  if (header === undefined || !/^\d{1,16}$/.test(header)) return null;
  return Number(header);
}

/** CloudEvents Kafka binding (binary mode): attributes travel as ce_* headers. */
export function cloudEventHeaders(attributes: CloudEventAttributes): Record<string, string> {
  return {
    ce_specversion: '1.0',
    ce_id: attributes.id,
    ce_type: attributes.type,
    ce_source: attributes.source,
    ce_time: attributes.time,
    'content-type': 'application/json',
    traceparent: `00-${attributes.traceId}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`,
    ...(attributes.acceptedAt != null ? { [ACCEPTED_AT_HEADER]: String(attributes.acceptedAt) } : {}),
  };
}

/** The trace id of an incoming message's traceparent, or a new one: a trace follows an event downstream. */
export function traceIdFrom(headers: Readonly<Record<string, string | undefined>>): string {
  return traceIdOf(headers['traceparent']) ?? newTraceId();
}
