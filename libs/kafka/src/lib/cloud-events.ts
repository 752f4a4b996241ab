import { randomUUID } from 'node:crypto';

export interface CloudEventAttributes {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly time: string;
  readonly traceId: string;
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
  };
}

/** The trace id of an incoming message's traceparent, or a new one: a trace follows an event downstream. */
export function traceIdFrom(headers: Readonly<Record<string, string | undefined>>): string {
  const parent = headers['traceparent'];
  const match = parent ? /^00-([0-9a-f]{32})-/.exec(parent) : null;
  return match ? match[1] : randomUUID().replace(/-/g, '');
}
