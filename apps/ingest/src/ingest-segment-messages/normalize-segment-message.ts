import { randomUUID } from 'node:crypto';
import { type SegmentMessage, Topics } from '@touchpoint/contracts';
import { z } from 'zod';
import { clientTimestampSchema } from './client-timestamp';

const freeform = z.record(z.string(), z.unknown());

/**
 * A message as SDKs send it: looser than the topic schema. messageId and the timestamps may
 * be missing; everything else is checked by the topic schema once ingest filled the gaps.
 */
const incomingSegmentMessageSchema = z.looseObject({
  messageId: z.string().trim().min(1).max(256).nullish(),
  timestamp: clientTimestampSchema,
  sentAt: clientTimestampSchema,
  context: freeform.nullish(),
  integrations: freeform.nullish(),
});

/** Segment batch semantics: top-level context and integrations apply to every message, sentAt too. */
export interface BatchDefaults {
  readonly context?: Readonly<Record<string, unknown>>;
  readonly integrations?: Readonly<Record<string, unknown>>;
  /** ISO 8601, already normalized. */
  readonly sentAt?: string;
}

export type NormalizeResult =
  | { readonly ok: true; readonly message: SegmentMessage }
  | { readonly ok: false; readonly issues: readonly z.core.$ZodIssue[] };

/**
 * Segment's clock-skew correction: a device clock may be off, but the interval between the
 * event and the send is not, so the event happened that long before we received it.
 */
function eventTime(receivedAt: Date, timestamp: string | undefined, sentAt: string | undefined): string {
  if (!timestamp) return receivedAt.toISOString();
  if (!sentAt) return timestamp;
  return new Date(receivedAt.getTime() - (Date.parse(sentAt) - Date.parse(timestamp))).toISOString();
}

/**
 * Turns one client message into what tp.events.raw.v1 carries: messageId filled in, timestamp
 * corrected for skew (the client's kept as originalTimestamp), receivedAt stamped, the write
 * key dropped so it never reaches a topic, and personal data protected (`protect`, the
 * PersonalDataPolicy) before the result is validated.
 */
export function normalizeSegmentMessage(
  body: unknown,
  receivedAt: Date,
  batch: BatchDefaults,
  protect: (message: Record<string, unknown>) => Record<string, unknown>,
  newId: () => string = randomUUID,
): NormalizeResult {
  const incoming = incomingSegmentMessageSchema.safeParse(body);
  if (!incoming.success) return { ok: false, issues: incoming.error.issues };
  const {
    writeKey: _writeKey,
    receivedAt: _clientReceivedAt,
    originalTimestamp: _clientOriginalTimestamp,
    messageId,
    timestamp,
    sentAt: ownSentAt,
    context,
    integrations,
    ...rest
  } = incoming.data;
  const sentAt = ownSentAt ?? batch.sentAt;
  const candidate = {
    ...rest,
    messageId: messageId ?? newId(),
    context: { ...batch.context, ...context },
    ...(integrations || batch.integrations ? { integrations: { ...batch.integrations, ...integrations } } : {}),
    timestamp: eventTime(receivedAt, timestamp, sentAt),
    ...(timestamp ? { originalTimestamp: timestamp } : {}),
    ...(sentAt ? { sentAt } : {}),
    receivedAt: receivedAt.toISOString(),
  };
  const parsed = Topics.eventsRaw.schema.safeParse(protect(candidate));
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, issues: parsed.error.issues };
}
