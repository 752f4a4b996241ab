import { randomUUID } from 'node:crypto';
import { type SegmentMessage, Topics } from '@touchpoint/contracts';
import { z } from 'zod';
import { clientTimestampSchema, toIsoTimestamp } from './client-timestamp';

const freeform = z.record(z.string(), z.unknown());

/**
 * A message as SDKs send it: looser than the topic schema. messageId and the timestamps may
 * be missing; everything else is checked by the topic schema once ingest filled the gaps.
 */
export const incomingSegmentMessageSchema = z.looseObject({
  messageId: z.string().trim().min(1).max(256).nullish(),
  timestamp: clientTimestampSchema,
  sentAt: clientTimestampSchema,
  context: freeform.nullish(),
  integrations: freeform.nullish(),
});

type Incoming = z.output<typeof incomingSegmentMessageSchema>;
/** The fields of an incoming message that normalizing reads; the others travel as they are. */
type IncomingFields = Pick<Incoming, 'messageId' | 'timestamp' | 'sentAt' | 'context' | 'integrations'>;

/** Read by normalizing or made up by the client where ingest stamps its own (receivedAt, originalTimestamp, the write key). */
const OWN_FIELDS: ReadonlySet<string> = new Set(['writeKey', 'receivedAt', 'originalTimestamp', 'messageId', 'timestamp', 'sentAt', 'context', 'integrations']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A client timestamp as the schema reads it (null is absent), or false when the schema should say why not. */
function timestampOf(value: unknown): string | undefined | false {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? (toIsoTimestamp(value) ?? false) : false;
}

/**
 * The fields incomingSegmentMessageSchema gives for a message it accepts, without zod: nearly
 * every message is one, and zod's copy of it was a large part of ingest's time per event.
 * Undefined when the message is anything but plainly valid; the schema then decides and names
 * the issues.
 */
export function plainlyValid(body: unknown): IncomingFields | undefined {
  if (!isRecord(body)) return undefined;
  const { messageId, timestamp, sentAt, context, integrations } = body;
  if (messageId !== undefined && messageId !== null && typeof messageId !== 'string') return undefined;
  const id = typeof messageId === 'string' ? messageId.trim() : messageId;
  if (typeof id === 'string' && (id.length < 1 || id.length > 256)) return undefined;
  const ownTimestamp = timestampOf(timestamp);
  const ownSentAt = timestampOf(sentAt);
  if (ownTimestamp === false || ownSentAt === false) return undefined;
  if ((context !== undefined && context !== null && !isRecord(context)) || (integrations !== undefined && integrations !== null && !isRecord(integrations))) return undefined;
  return { messageId: id, timestamp: ownTimestamp, sentAt: ownSentAt, context: context as Incoming['context'], integrations: integrations as Incoming['integrations'] };
}

/** The message's other fields, as they are. */
function passedOn(message: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(message)) {
    if (OWN_FIELDS.has(key)) continue;
    // An own "__proto__" stays a plain key; assigning it would set the prototype.
    if (key === '__proto__') Object.defineProperty(rest, key, { value: message[key], enumerable: true, writable: true, configurable: true });
    else rest[key] = message[key];
  }
  return rest;
}

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
  let fields = plainlyValid(body);
  let message = body as Record<string, unknown>;
  if (!fields) {
    const incoming = incomingSegmentMessageSchema.safeParse(body);
    if (!incoming.success) return { ok: false, issues: incoming.error.issues };
    fields = incoming.data;
    message = incoming.data;
  }
  const { messageId, timestamp, context, integrations } = fields;
  const sentAt = fields.sentAt ?? batch.sentAt;
  // Built field by field in this order, not with spreads of small objects: this runs for every event.
  const candidate = passedOn(message);
  candidate['messageId'] = messageId ?? newId();
  candidate['context'] = { ...batch.context, ...context };
  if (integrations || batch.integrations) candidate['integrations'] = { ...batch.integrations, ...integrations };
  candidate['timestamp'] = eventTime(receivedAt, timestamp, sentAt);
  if (timestamp) candidate['originalTimestamp'] = timestamp;
  if (sentAt) candidate['sentAt'] = sentAt;
  candidate['receivedAt'] = receivedAt.toISOString();
  const parsed = Topics.eventsRaw.schema.safeParse(protect(candidate));
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, issues: parsed.error.issues };
}
